"""/servers/{id}/ips and /servers/{id}/os-server-password."""

from fakenova.compute import exception
from fakenova.fixture import FakeNova
from fakenova.tests.unit import base


class IpsTest(base.APITestCase):

    def ips(self, server_id, label=None, **kw):
        path = '/v2.1/servers/%s/ips' % server_id
        if label is not None:
            path += '/' + label
        return self.get(path, **kw)

    def test_fixed_and_floating_addresses_without_extensions(self):
        server_id = self.create_server()
        fixed = self.show(server_id)['addresses']['private'][0]['addr']
        resp = self.post('/v2.1/os-floating-ips', {'pool': 'public'},
                         version='2.35')
        self.assertEqual(200, resp.status, resp.body)
        floating = resp.json['floating_ip']['ip']
        resp = self.action(server_id, {'addFloatingIp': {
            'address': floating}}, version='2.35')
        self.assertEqual(202, resp.status, resp.body)
        resp = self.ips(server_id)
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual({'addresses': {'private': [
            {'version': 4, 'addr': fixed},
            {'version': 4, 'addr': floating}]}}, resp.json)
        resp = self.ips(server_id, 'private')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual({'private': [{'version': 4, 'addr': fixed},
                                      {'version': 4, 'addr': floating}]},
                         resp.json)

    def test_unknown_network_is_404(self):
        server_id = self.create_server()
        self.assertFault(self.ips(server_id, 'public'), 404,
                         'Instance is not a member of specified network')

    def test_other_project_and_missing_server_are_404(self):
        server_id = self.create_server()
        self.assertFault(self.ips(server_id, token=base.ALT), 404)
        self.assertFault(self.ips(server_id, 'private', token=base.ALT),
                         404)
        self.assertFault(self.ips('nope'), 404)

    def test_policy(self):
        server_id = self.create_server()
        self.cloud.set_policy({
            'os_compute_api:ips:show': 'rule:admin_api'})
        self.assertEqual(200, self.ips(server_id).status)
        self.assertFault(self.ips(server_id, 'private'), 403,
                         "Policy doesn't allow os_compute_api:ips:show to "
                         "be performed.")
        self.assertEqual(200, self.ips(server_id, 'private',
                                       token=base.ADMIN).status)

    def test_building_server_has_no_addresses_yet(self):
        self.store.pacing = 'manual'
        server_id = self.create_server()
        self.assertEqual({'addresses': {}}, self.ips(server_id).json)


class ServerPasswordTest(base.APITestCase):

    def path(self, server_id):
        return '/v2.1/servers/%s/os-server-password' % server_id

    def test_empty_until_set_then_cleared(self):
        server_id = self.create_server()
        resp = self.get(self.path(server_id))
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual({'password': ''}, resp.json)
        self.store.server_passwords[server_id] = 'c2VjcmV0'
        self.assertEqual({'password': 'c2VjcmV0'},
                         self.get(self.path(server_id)).json)
        resp = self.request('DELETE', self.path(server_id))
        self.assertEqual(204, resp.status, resp.body)
        self.assertEqual(b'', resp.body)
        self.assertEqual({'password': ''},
                         self.get(self.path(server_id)).json)

    def test_other_project_404_and_policy(self):
        server_id = self.create_server()
        self.assertFault(self.get(self.path(server_id), token=base.ALT),
                         404)
        self.assertFault(self.request('DELETE', self.path(server_id),
                                      token=base.ALT), 404)
        self.cloud.set_policy({
            'os_compute_api:os-server-password:clear': '!'})
        self.assertFault(self.request('DELETE', self.path(server_id)), 403)
        self.assertEqual(200, self.get(self.path(server_id)).status)

    def test_deleted_server_forgets_its_password(self):
        server_id = self.create_server()
        self.store.server_passwords[server_id] = 'c2VjcmV0'
        self.assertEqual(204, self.request(
            'DELETE', '/v2.1/servers/%s' % server_id).status)
        self.assertFault(self.get(self.path(server_id)), 404)
        self.assertNotIn(server_id, self.store.server_passwords)

    def test_wrong_method_is_webobs_404(self):
        # As in Nova: its routes match path and method together.
        server_id = self.create_server()
        resp = self.post(self.path(server_id), {})
        self.assertEqual(404, resp.status)
        self.assertTrue(resp.text.startswith('404 Not Found'))


class FixtureTest(base.testtools.TestCase):

    def test_set_server_password_reaches_novaclient(self):
        nova = self.useFixture(FakeNova())
        server_id = nova.create_server()['id']
        nova.set_server_password(server_id, 'ZW5jcnlwdGVk')
        client = nova.novaclient()
        self.assertEqual('ZW5jcnlwdGVk', client.servers.get_password(
            server_id))
        client.servers.clear_password(server_id)
        self.assertEqual('', client.servers.get_password(server_id))
        ips = client.servers.ips(server_id)
        self.assertEqual(['private'], list(ips))
        self.assertEqual(4, ips['private'][0]['version'])
        self.assertRaises(exception.ServerNotFound,
                          nova.set_server_password, 'nope', 'x')
