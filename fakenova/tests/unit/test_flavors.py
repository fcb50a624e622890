"""GET /flavors and /flavors/detail: filters, sorting and paging.

Each expectation was asked of Nova 34 (the oracle) with the same flavors:
the defaults 1..6 plus '10' and 'ab'.
"""

from fakenova.compute import seeding
from fakenova.tests.unit import base


class FlavorListTest(base.APITestCase):

    def setUp(self):
        super().setUp()
        seeding.add_flavor(self.store, '10', 'f10', 1, 64, 0)
        seeding.add_flavor(self.store, 'ab', 'fab', 1, 64, 0)
        seeding.add_flavor(self.store, 'off', 'disabled', 1, 64, 0,
                           disabled=True)
        seeding.add_flavor(self.store, 'mine', 'private', 1, 64, 0,
                           is_public=False)

    def ids(self, query='', token=base.OWNER, path='/v2.1/flavors'):
        resp = self.get(path + query, token=token)
        self.assertEqual(200, resp.status, resp.body)
        return [f['id'] for f in resp.json['flavors']]

    def test_default_order_is_novas_flavorid_order(self):
        self.assertEqual(['1', '10', '2', '3', '4', '5', '6', 'ab'],
                         self.ids())
        self.assertEqual(['1', '2', '3', '4', '5', '6', '10', 'ab'],
                         self.ids('?sort_key=id'))
        self.assertEqual(['5', '4', '3', '2', '1', '6', 'ab', '10'],
                         self.ids('?sort_key=memory_mb&sort_dir=desc'))
        self.assertEqual(self.ids(), self.ids(path='/v2.1/flavors/detail'))

    def test_min_filters(self):
        self.assertEqual(['2', '3', '4', '5'], self.ids('?minDisk=20'))
        self.assertEqual(['3', '4', '5'], self.ids('?minRam=4096'))
        self.assertEqual(self.ids(), self.ids('?minRam=-5'))
        for query, message in (('?minDisk=x', 'Invalid minDisk filter [x]'),
                               ('?minRam=5.5', 'Invalid minRam filter '
                                '[5.5]')):
            self.assertFault(self.get('/v2.1/flavors' + query), 400,
                             message)

    def test_paging(self):
        resp = self.get('/v2.1/flavors?limit=2')
        self.assertEqual(['1', '10'], [f['id'] for f in
                                       resp.json['flavors']])
        self.assertEqual('http://localhost/v2.1/flavors?limit=2&marker=10',
                         resp.json['flavors_links'][0]['href'])
        self.assertEqual(['2', '3'], self.ids('?limit=2&marker=10'))
        self.assertEqual(['3'], self.ids('?minRam=4096&limit=1'))
        # The marker is found among all flavors, as Nova's query finds it.
        self.assertEqual(['3', '4', '5'], self.ids('?minRam=4096&marker=1'))
        self.assertNotIn('flavors_links', self.get('/v2.1/flavors').json)
        self.assertFault(self.get('/v2.1/flavors?marker=nope'), 400,
                         'marker [nope] not found')
        self.assertFault(self.get('/v2.1/flavors?limit=-1'), 400)

    def test_public_private_and_disabled(self):
        self.assertNotIn('mine', self.ids('?is_public=none'))
        self.assertNotIn('off', self.ids())
        self.assertEqual(['mine'], self.ids('?is_public=false',
                                            token=base.ADMIN))
        everything = self.ids('?is_public=none', token=base.ADMIN)
        self.assertIn('mine', everything)
        self.assertIn('off', everything)
        self.assertFault(self.get('/v2.1/flavors?is_public=maybe',
                                  token=base.ADMIN), 400,
                         'Invalid is_public filter [maybe]')

    def test_query_checks_per_version(self):
        self.assertFault(self.get('/v2.1/flavors?sort_dir=up'), 400)
        self.assertFault(self.get('/v2.1/flavors?sort_key=bogus'), 400)
        self.assertEqual(self.ids(), self.ids('?bogus=1'))
        self.assertFault(self.get('/v2.1/flavors?bogus=1', version='2.75'),
                         400, "Additional properties are not allowed "
                         "('bogus' was unexpected)")


class ExtraSpecsReadTest(base.APITestCase):
    """GET /flavors/{id}/os-extra_specs[/{key}], as Nova 34 answers it.

    ``openstack flavor show`` reads them.
    """

    def setUp(self):
        super().setUp()
        seeding.add_flavor(self.store, '84', 'ds2G', 2, 2048, 20,
                           extra_specs={'hw:cpu_policy': 'shared'})

    def test_list_and_show(self):
        resp = self.get('/v2.1/flavors/84/os-extra_specs')
        self.assertEqual({'extra_specs': {'hw:cpu_policy': 'shared'}},
                         resp.json)
        resp = self.get('/v2.1/flavors/84/os-extra_specs/hw:cpu_policy')
        self.assertEqual({'hw:cpu_policy': 'shared'}, resp.json)
        self.assertFault(self.get('/v2.1/flavors/84/os-extra_specs/nope'),
                         404, 'Flavor 84 has no extra specs with key nope.')
        self.assertFault(self.get('/v2.1/flavors/nope/os-extra_specs'),
                         404, 'Flavor nope could not be found.')
        self.assertEqual({}, self.get('/v2.1/flavors/1/os-extra_specs')
                         .json['extra_specs'])

    def test_policy_also_hides_them_in_the_flavor(self):
        rule = 'os_compute_api:os-flavor-extra-specs:index'
        self.assertEqual({'hw:cpu_policy': 'shared'}, self.get(
            '/v2.1/flavors/84', version='2.61').json['flavor']['extra_specs'])
        self.cloud.set_policy({rule: '!'})
        self.assertFault(self.get('/v2.1/flavors/84/os-extra_specs'), 403)
        self.assertNotIn('extra_specs', self.get(
            '/v2.1/flavors/84', version='2.61').json['flavor'])
