"""The compact forms an idle server is kept in (issue 14) read back as
the plain values they stand for, and a write never reaches another
server through something shared.
"""

from fakenova.compute import model
from fakenova.compute import servers
from fakenova.compute import store as store_mod
from fakenova import context
from fakenova.tests.unit import base


def ctx(project='p1', user='u1', request_id=None):
    return context.RequestContext(user_id=user, project_id=project,
                                  request_id=request_id)


class CompactServerTest(base.APITestCase):

    def make(self, name='vm', **kwargs):
        with self.store.lock:
            server = servers.create(self.store, kwargs.pop('ctx', ctx()),
                                    name, '1', base.IMAGE, **kwargs)
            self.store.settle(server)
            return server

    def test_idle_server_has_no_dict(self):
        # What the API passes at defaults makes no per-server dict.
        server = self.make(access_ipv4='', disk_config='MANUAL',
                           description=None, config_drive='', tags=None)
        self.assertEqual({}, server.__dict__)
        self.assertEqual('MANUAL', server.disk_config)
        self.assertIsNone(server.locked_by)

    def test_rare_field_written_stays_on_that_server(self):
        one, two = self.make('one'), self.make('two')
        one.locked_by = 'owner'
        one.progress = 100
        self.assertEqual('owner', one.locked_by)
        self.assertIsNone(two.locked_by)
        self.assertEqual(0, two.progress)
        self.assertIsNone(model.Server.locked_by)

    def test_fields_not_at_default_are_kept(self):
        server = self.make(description='d', config_drive='True',
                           access_ipv4='1.2.3.4', launch_index=0)
        self.assertEqual(('d', 'True', '1.2.3.4'), (
            server.description, server.config_drive, server.access_ipv4))
        self.assertNotIn('launch_index', server.__dict__)

    def test_default_port_is_kept_as_its_number(self):
        server = self.make()
        network, address, mac = server.fixed_ips[0]
        self.assertEqual(1, len(server.fixed_ips))
        self.assertIsInstance(server._ports, int)
        self.assertEqual(('private', model.port_address(server._ports),
                          model.port_mac(server._ports)),
                         (network, address, mac))
        self.assertTrue(mac.startswith('fa:16:3e:'))

    def test_port_addresses_stay_valid_past_64000_ports(self):
        # The first 64,000 in 10.0.0.0/16, as before; then on into 10/8
        # (10.0.256.2 was made before).
        self.assertEqual('10.0.0.2', model.port_address(0))
        self.assertEqual('10.0.255.251', model.port_address(63999))
        self.assertEqual('10.1.0.2', model.port_address(64000))
        seen = set()
        for number in range(0, 200000, 37):
            address = model.port_address(number)
            self.assertEqual(4, len(address.split('.')))
            self.assertTrue(all(0 <= int(part) <= 255
                                for part in address.split('.')), address)
            seen.add(address)
        self.assertEqual(len(range(0, 200000, 37)), len(seen))

    def test_other_ports_are_kept_as_given(self):
        server = self.make()
        given = [('other', '10.0.0.9', 'fa:16:3e:00:00:07')]
        server.fixed_ips = given
        self.assertIs(given, server.fixed_ips)
        # A port whose address is not the store's for its MAC.
        odd = [('private', '192.168.0.4', 'fa:16:3e:00:00:07')]
        server.fixed_ips = odd
        self.assertEqual(odd, server.fixed_ips)
        two = [('private', '10.0.0.9', 'fa:16:3e:00:00:07'),
               ('private', '10.0.0.10', 'fa:16:3e:00:00:08')]
        server.fixed_ips = two
        self.assertEqual(two, server.fixed_ips)
        server.fixed_ips = []
        self.assertEqual([], server.fixed_ips)
        server.fixed_ips = None
        self.assertIsNone(server.fixed_ips)

    def test_default_security_group_is_shared_and_never_written(self):
        one = self.store.servers[self.create_server(name='one')]
        two = self.store.servers[self.create_server(name='two')]
        self.assertIs(one.security_groups, two.security_groups)
        group = self.post('/v2.1/os-security-groups', {'security_group': {
            'name': 'web', 'description': 'w'}})
        self.assertEqual(200, group.status, group.body)
        resp = self.action(one.id, {'addSecurityGroup': {'name': 'web'}})
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(['default', 'web'], list(one.security_groups))
        self.assertEqual(('default',), tuple(two.security_groups))
        self.assertEqual(('default',), model.DEFAULT_SECURITY_GROUPS)

    def test_ids_are_shared(self):
        one = self.make('one', ctx=ctx(project=''.join(['p', '1'])))
        two = self.make('two', ctx=ctx(project=''.join(['p', '1'])))
        self.assertIs(one.project_id, two.project_id)
        self.assertIs(one.image_id, self.store.images[base.IMAGE].id)
        self.assertIs(one.name, one.hostname)

    def test_action_reads_back(self):
        request_id = 'req-0c1a4e34-5b39-4bd5-9d2f-0a7f50c6d0a1'
        server = self.make(ctx=ctx(request_id=request_id))
        action, = self.store.actions[server.id]
        self.assertIsInstance(action._request, int)
        self.assertEqual(request_id, action.request_id)
        event, = action.events
        self.assertEqual('compute__do_build_and_run_instance', event.event)
        self.assertEqual('Success', event.result)
        self.assertEqual(action.start_time, event.start_time)
        self.assertEqual(server.created, action.start_time)
        self.assertEqual(action.updated_at, event.finish_time)
        self.assertEqual(server.launched_at, event.finish_time)
        self.assertIsNone(event.traceback)
        self.assertIsNone(event.details)

    def test_other_request_ids_are_kept_as_given(self):
        for request_id in ('req-0C1A4E34-5B39-4BD5-9D2F-0A7F50C6D0A1',
                           'req-0c1a4e345b394bd59d2f0a7f50c6d0a1xxxx',
                           'my-own-id', None):
            action = model.InstanceAction('pause', 's', request_id, 'u',
                                          'p')
            self.assertEqual(request_id, action.request_id)
            self.assertEqual((), action.events)

    def test_second_action_makes_a_list(self):
        server = self.store.servers[self.create_server()]
        self.show(server.id)
        self.assertIsInstance(self.store.actions[server.id], tuple)
        resp = self.action(server.id, {'pause': None})
        self.assertEqual(202, resp.status, resp.body)
        self.show(server.id)
        actions = self.store.actions[server.id]
        self.assertEqual(['create', 'pause'], [a.action for a in actions])
        resp = self.get('/v2.1/servers/%s/os-instance-actions' % server.id)
        self.assertEqual(['pause', 'create'], [
            a['action'] for a in resp.json['instanceActions']])


class StoreFloorTest(base.APITestCase):

    def test_new_server_at_defaults(self):
        store = store_mod.Store()
        server = store.new_server('vm', 'p', 'u', '1', base.IMAGE,
                                  key_name=None, pinned_az=None)
        self.assertEqual({}, server.__dict__)
        self.assertEqual(1, len(server.fixed_ips))


class ReservationIdTest(base.APITestCase):

    def test_reservation_id_reads_back(self):
        server = model.Server('id', 'vm', 'p', 'u', '1', base.IMAGE)
        self.assertIsNone(server.reservation_id)
        for text in ('r-0a1b2c3d', 'r-0A1B2C3D', 'r-12345', 'r-+0000001',
                     'r- 000001f', 'mine'):
            server.reservation_id = text
            self.assertEqual(text, server.reservation_id)
        server.reservation_id = 'r-0a1b2c3d'
        self.assertEqual(0x0a1b2c3d, server._reservation)

    def test_api_reservation_id(self):
        resp = self.post('/v2.1/servers', {'server': {
            'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': '1',
            'return_reservation_id': True}})
        self.assertEqual(202, resp.status, resp.body)
        reservation_id = resp.json['reservation_id']
        resp = self.get('/v2.1/servers/detail?reservation_id=%s'
                        % reservation_id)
        self.assertEqual(1, len(resp.json['servers']))
        server = self.store.servers[resp.json['servers'][0]['id']]
        self.assertEqual(reservation_id, server.reservation_id)
        self.assertIsInstance(server._reservation, int)
