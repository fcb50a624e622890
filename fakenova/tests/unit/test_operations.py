"""The compute API's operation declarations (compute/api/operations.py)."""

import re

import testtools

from fakenova.common import operations as common_ops
from fakenova.compute.api import microversion
from fakenova.compute.api import operations
from fakenova.compute.api import router

ID = re.compile(r'^compute:[a-z][a-z0-9-]*:[A-Za-z_][A-Za-z0-9_-]*$')


class DeclarationsTest(testtools.TestCase):

    def test_ids_and_versions(self):
        listed = set(microversion.VERSIONS)
        for op in operations.TABLE:
            self.assertRegex(op.id, ID)
            for bound in (op.min_version, op.max_version):
                if bound is not None:
                    self.assertIn(microversion.to_string(bound), listed,
                                  op.id)
            if op.min_version and op.max_version:
                self.assertLess(op.min_version, op.max_version, op.id)
            # Served at some version at least.
            self.assertTrue(any(op.available(microversion.parse(v))
                                for v in listed), op.id)

    def test_one_operation_per_route_and_method_and_per_action(self):
        table = operations.TABLE
        routes = [(op.method, op.path) for op in table if op.action is None]
        self.assertEqual(len(routes), len(set(routes)))
        actions = [op.action for op in table if op.action is not None]
        self.assertEqual(len(actions), len(set(actions)))
        self.assertRaises(ValueError, common_ops.Table,
                          [table['compute:servers:show']] * 2)

    def test_every_route_is_served_by_the_router(self):
        mapper, routes = router.make_mapper()
        for op in operations.TABLE:
            if op.action is not None:
                self.assertEqual(operations.ACTION_PATH, op.path)
                self.assertIsInstance(op.example, dict)
                self.assertEqual([op.action], list(op.example))
                continue
            path = op.path.format_map({
                name: 'x' for name in re.findall(r'{(\w+)}', op.path)})
            found = mapper.routematch(path)
            self.assertIsNotNone(found, op.id)
            self.assertIs(op, routes[found[1].name][op.method])

    def test_the_gate(self):
        op = operations.TABLE['compute:server-tags:index']
        self.assertFalse(op.available((2, 25)))
        self.assertTrue(op.available((2, 26)))
        op = operations.TABLE['compute:action:addFloatingIp']
        self.assertTrue(op.available((2, 43)))
        self.assertFalse(op.available((2, 44)))

    def test_canonical_names(self):
        canonical = operations.canonical
        self.assertEqual('compute:action:pause', canonical('pause'))
        self.assertEqual('compute:action:os-start', canonical('os-start'))
        self.assertEqual('compute:servers:delete', canonical('delete'))
        self.assertEqual('compute:keypairs:delete',
                         canonical('compute:keypairs:delete'))
        self.assertIsNone(canonical(None))
        self.assertRaises(ValueError, canonical, 'compute:servers:nope')
