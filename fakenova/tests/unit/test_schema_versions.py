"""Schemas per microversion: one helper for Nova's version tables."""

import testtools

from fakenova.compute.api.schemas import keypairs
from fakenova.compute.api.schemas import quota_sets
from fakenova.compute.api.schemas import usage
from fakenova.compute.api import validation
from fakenova.compute import exception

_ANY = {'type': 'object', 'properties': {'a': {}},
        'additionalProperties': True}


class ByVersionTest(testtools.TestCase):

    def test_newest_row_that_applies(self):
        pick = validation.ByVersion(((2, 10), 'ten'), ((2, 3), 'three'),
                                    ((2, 1), 'one'))
        self.assertEqual('one', pick((2, 2)))
        self.assertEqual('three', pick((2, 3)))
        self.assertEqual('three', pick((2, 9)))
        self.assertEqual('ten', pick((2, 100)))

    def test_older_than_every_row_is_the_last(self):
        pick = validation.ByVersion(((2, 58), 'new'), ((2, 10), None))
        self.assertIsNone(pick((2, 1)))

    def test_strict_from(self):
        pick = validation.strict_from((2, 75), _ANY)
        self.assertIs(_ANY, pick((2, 74)))
        strict = pick((2, 75))
        self.assertFalse(strict['additionalProperties'])
        self.assertEqual(_ANY['properties'], strict['properties'])
        self.assertTrue(_ANY['additionalProperties'])  # not changed
        self.assertIs(strict, pick((2, 100)))  # built once

    def test_unknown_query_parameters_at_274_and_275(self):
        query = {'user_id': ['u'], 'bogus': ['1']}
        for schema_of in (quota_sets.one_query, keypairs.one_query,
                          usage.show_query):
            validation.validate_query(schema_of((2, 74)), query)
            self.assertRaises(exception.BadRequest,
                              validation.validate_query,
                              schema_of((2, 75)), query)

    def test_usage_paging_from_240(self):
        self.assertNotIn('limit', usage.index_query((2, 39))['properties'])
        self.assertIn('limit', usage.index_query((2, 40))['properties'])
        self.assertIn('marker', usage.index_query((2, 75))['properties'])
