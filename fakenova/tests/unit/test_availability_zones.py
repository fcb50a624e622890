"""Availability zones: which exist, where servers land, how they move."""

from novaclient import exceptions as nova_exc

from fakenova.fixture import FakeNova
from fakenova.tests.unit import base

ADMIN = base.ADMIN


class ZonesTest(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.store.add_host('west1', zone='us-west')
        self.store.add_host('west2', zone='us-west')

    def server(self, zone=None):
        extra = {'availability_zone': zone} if zone else {}
        server_id = self.create_server(**extra)
        return self.show(server_id, token=ADMIN)

    def test_unknown_zone_is_400_and_creates_nothing(self):
        for zone in ('nowhere', 'us-west:west1', 'nova:compute1'):
            resp = self.post('/v2.1/servers', {'server': {
                'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': '1',
                'availability_zone': zone}})
            self.assertFault(resp, 400, 'The requested availability zone '
                             'is not available')
        self.assertEqual({}, self.store.servers)

    def test_server_lands_in_the_zone_it_asked_for(self):
        for _ in range(4):
            server = self.server('us-west')
            self.assertEqual('us-west', server['OS-EXT-AZ:availability_zone'])
            self.assertIn(server['OS-EXT-SRV-ATTR:host'], ('west1', 'west2'))
            self.assertEqual('us-west', self.show(
                server['id'], version='2.96')['pinned_availability_zone'])

    def test_unzoned_server_takes_its_hosts_zone(self):
        zones = {}
        for _ in range(4):
            server = self.server()
            zones[server['OS-EXT-SRV-ATTR:host']] = server[
                'OS-EXT-AZ:availability_zone']
        self.assertEqual({'compute1': 'nova', 'compute2': 'nova',
                          'west1': 'us-west', 'west2': 'us-west'}, zones)

    def test_building_server_shows_only_the_zone_it_asked_for(self):
        self.store.pacing = 'manual'
        server_id = self.create_server()
        self.assertEqual('', self.show(server_id)[
            'OS-EXT-AZ:availability_zone'])
        zoned = self.create_server(availability_zone='us-west')
        self.assertEqual('us-west', self.show(zoned)[
            'OS-EXT-AZ:availability_zone'])

    def test_pinned_server_migrates_within_its_zone(self):
        server = self.server('us-west')
        for _ in range(3):
            resp = self.action(server['id'], {'migrate': None}, token=ADMIN)
            self.assertEqual(202, resp.status, resp.body)
            self.assertEqual(204, self.action(server['id'], {
                'confirmResize': None}).status)
            moved = self.show(server['id'], token=ADMIN)
            self.assertIn(moved['OS-EXT-SRV-ATTR:host'], ('west1', 'west2'))
            self.assertNotEqual(server['OS-EXT-SRV-ATTR:host'],
                                moved['OS-EXT-SRV-ATTR:host'])
            server = moved

    def test_unpinned_server_may_change_zone_and_shows_its_new_one(self):
        server = self.server('us-west')
        resp = self.request('PUT', '/v2.1/servers/%s' % server['id'],
                            body={'server': {
                                'pinned_availability_zone': None}},
                            version='2.104')
        self.assertEqual(200, resp.status, resp.body)
        for host in ('west1', 'west2'):
            if host != server['OS-EXT-SRV-ATTR:host']:
                self.store.service_of(host).disabled = True
        resp = self.action(server['id'], {'migrate': None}, token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        moved = self.show(server['id'], token=ADMIN)
        self.assertIn(moved['OS-EXT-SRV-ATTR:host'], ('compute1', 'compute2'))
        self.assertEqual('nova', moved['OS-EXT-AZ:availability_zone'])


class FixtureZonesTest(base.testtools.TestCase):

    def test_add_host_makes_a_zone_clients_can_use(self):
        nova = self.useFixture(FakeNova())
        client = nova.novaclient()
        self.assertRaises(nova_exc.BadRequest, client.servers.create, 'vm',
                          base.IMAGE, '1', availability_zone='edge',
                          nics='auto')
        nova.add_host('edge1', zone='edge')
        server = client.servers.create('vm', base.IMAGE, '1',
                                       availability_zone='edge', nics='auto')
        shown = nova.server(server.id)
        self.assertEqual(('edge', 'edge1'), (
            shown['OS-EXT-AZ:availability_zone'],
            shown['OS-EXT-SRV-ATTR:host']))
        self.assertRaises(ValueError, nova.add_host, 'edge1')


class ListingTest(base.APITestCase):

    def zones(self, path='', token=base.OWNER):
        resp = self.get('/v2.1/os-availability-zone' + path, token=token)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['availabilityZoneInfo']

    def test_list_without_hosts(self):
        self.store.add_host('west1', zone='us-west')
        self.assertEqual([
            {'zoneName': 'nova', 'zoneState': {'available': True},
             'hosts': None},
            {'zoneName': 'us-west', 'zoneState': {'available': True},
             'hosts': None}], self.zones())

    def test_zone_with_every_service_disabled_is_not_available(self):
        west = self.store.add_host('west1', zone='us-west')
        west.disabled = True
        self.assertEqual([('nova', True), ('us-west', False)], [
            (z['zoneName'], z['zoneState']['available'])
            for z in self.zones()])
        detail = self.zones('/detail', token=base.ADMIN)
        self.assertEqual({'zoneName': 'us-west',
                          'zoneState': {'available': False},
                          'hosts': None}, detail[-1])
        # and no server may be created there any more
        resp = self.post('/v2.1/servers', {'server': {
            'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': '1',
            'availability_zone': 'us-west'}})
        self.assertFault(resp, 400, 'The requested availability zone is '
                         'not available')

    def test_detail_for_admins_shows_hosts_and_services(self):
        self.store.service_of('compute2').forced_down = True
        [internal, nova] = self.zones('/detail', token=base.ADMIN)
        # The control services' zone shows here only, as in Nova.
        self.assertEqual('internal', internal['zoneName'])
        self.assertEqual({'controller': ['nova-conductor', 'nova-scheduler']},
                         {host: sorted(services) for host, services
                          in internal['hosts'].items()})
        self.assertEqual(['nova'], [z['zoneName'] for z in self.zones('')])
        self.assertEqual('nova', nova['zoneName'])
        self.assertEqual(['compute1', 'compute2'], sorted(nova['hosts']))
        compute1 = nova['hosts']['compute1']['nova-compute']
        self.assertEqual((True, True), (compute1['available'],
                                        compute1['active']))
        self.assertIsInstance(compute1['updated_at'], str)
        self.assertFalse(nova['hosts']['compute2']['nova-compute'][
            'available'])
        self.assertFault(self.get('/v2.1/os-availability-zone/detail'),
                         403, "Policy doesn't allow "
                         "os_compute_api:os-availability-zone:detail to be "
                         "performed.")
