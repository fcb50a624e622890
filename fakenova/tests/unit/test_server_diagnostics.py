"""GET /servers/{id}/diagnostics, free form until 2.47, standard from 2.48.

A one-vCPU, one-port, 512 MB server without volumes answers exactly what
Nova 34 (with its fake virt driver) answered; bigger ones grow with what
they have.
"""

import jsonschema
from tempest.lib.api_schema.response.compute.v2_1 import servers as v21
from tempest.lib.api_schema.response.compute.v2_48 import servers as v248

from fakenova.compute import seeding
from fakenova.tests.unit import base

ADMIN = base.ADMIN
OWNER = base.OWNER

# What Nova 34 answered for an m1.tiny server with one port.
LEGACY_TINY = {
    'cpu0_time': 17300000000, 'memory': 524288, 'vda_errors': -1,
    'vda_read': 262144, 'vda_read_req': 112, 'vda_write': 5778432,
    'vda_write_req': 488, 'vnet1_rx': 2070139, 'vnet1_rx_drop': 0,
    'vnet1_rx_errors': 0, 'vnet1_rx_packets': 26701, 'vnet1_tx': 140208,
    'vnet1_tx_drop': 0, 'vnet1_tx_errors': 0, 'vnet1_tx_packets': 662}
DISK = {'read_bytes': 262144, 'read_requests': 112, 'write_bytes': 5778432,
        'write_requests': 488, 'errors_count': 1}


class DiagnosticsTest(base.APITestCase):

    def create(self, flavor='1', token=OWNER):
        resp = self.request('POST', '/v2.1/servers', {'server': {
            'name': 'vm', 'flavorRef': flavor, 'imageRef': base.IMAGE}},
            token=token)
        self.assertEqual(202, resp.status, resp.body)
        server = self.store.servers[resp.json['server']['id']]
        self.store.settle(server)
        return server

    def diagnostics(self, server_id, version=None, token=ADMIN, status=200):
        resp = self.get('/v2.1/servers/%s/diagnostics' % server_id,
                        token=token, version=version)
        self.assertEqual(status, resp.status, resp.body)
        return resp.json

    def test_free_form_until_247(self):
        server = self.create()
        for version in ('2.1', '2.47'):
            body = self.diagnostics(server.id, version)
            self.assertEqual(LEGACY_TINY, body)
            jsonschema.validate(body, v21.show_server_diagnostics)

    def test_standard_from_248(self):
        server = self.create()
        body = self.diagnostics(server.id, '2.48')
        jsonschema.validate(body, v248.show_server_diagnostics)
        self.assertEqual(
            ['state', 'driver', 'hypervisor', 'hypervisor_os', 'uptime',
             'config_drive', 'num_cpus', 'num_nics', 'num_disks',
             'disk_details', 'cpu_details', 'nic_details', 'memory_details'],
            list(body))
        self.assertEqual('running', body['state'])
        self.assertEqual(('libvirt', 'kvm', 'ubuntu'), (
            body['driver'], body['hypervisor'], body['hypervisor_os']))
        self.assertEqual((1, 1, 1), (body['num_cpus'], body['num_nics'],
                                     body['num_disks']))
        self.assertEqual([{'id': 0, 'time': 17300000000, 'utilisation': 15}],
                         body['cpu_details'])
        self.assertEqual([DISK], body['disk_details'])
        self.assertEqual(server.fixed_ips[0][2],
                         body['nic_details'][0]['mac_address'])
        self.assertEqual({'maximum': 524288, 'used': 0},
                         body['memory_details'])
        self.assertFalse(body['config_drive'])

    def test_grows_with_the_server(self):
        server = seeding.create_server(
            self.store, 'big', base.OWNER_PROJECT, 'owner', flavor='3',
            addresses={'private': ['10.0.0.50', '10.0.0.51']})
        volume = seeding.add_volume(self.store, base.OWNER_PROJECT)
        resp = self.request(
            'POST', '/v2.1/servers/%s/os-volume_attachments' % server.id,
            {'volumeAttachment': {'volumeId': volume.id}})
        self.assertEqual(200, resp.status, resp.body)
        self.store.settle(server)
        body = self.diagnostics(server.id, 'latest')
        self.assertEqual((2, 2, 2), (body['num_cpus'], body['num_nics'],
                                     body['num_disks']))
        self.assertEqual([0, 1], [c['id'] for c in body['cpu_details']])
        self.assertEqual(4096 * 1024, body['memory_details']['maximum'])
        legacy = self.diagnostics(server.id)
        self.assertIn('cpu1_time', legacy)
        self.assertIn('vdb_read', legacy)
        self.assertIn('vnet2_tx', legacy)
        self.assertEqual(4096 * 1024, legacy['memory'])

    def test_not_running_is_409(self):
        server = self.create()
        resp = self.request('POST', '/v2.1/servers/%s/action' % server.id,
                            {'os-stop': None})
        self.assertEqual(202, resp.status)
        for version in ('2.1', '2.48'):
            body = self.diagnostics(server.id, version, status=409)
            self.assertEqual(
                "Cannot 'get_diagnostics' instance %s while it is in power "
                "state shutdown" % server.id,
                body['conflictingRequest']['message'])
        paused = seeding.create_server(self.store, 'p', base.OWNER_PROJECT,
                                       'owner', status='PAUSED')
        body = self.diagnostics(paused.id, status=409)
        self.assertIn('power state paused',
                      body['conflictingRequest']['message'])

    def test_no_host_is_409(self):
        server = seeding.create_server(
            self.store, 'off', base.OWNER_PROJECT, 'owner',
            vm_state='shelved_offloaded')
        body = self.diagnostics(server.id, status=409)
        self.assertEqual('Instance %s is not ready' % server.id,
                         body['conflictingRequest']['message'])

    def test_admins_only(self):
        server = self.create()
        body = self.diagnostics(server.id, token=OWNER, status=403)
        self.assertEqual("Policy doesn't allow os_compute_api:os-server-"
                         "diagnostics to be performed.",
                         body['forbidden']['message'])
        # Another project's server is not found, before the rule.
        self.diagnostics(server.id, token=base.ALT, status=404)

    def test_unknown_server(self):
        body = self.diagnostics('nope', status=404)
        self.assertEqual('Instance nope could not be found.',
                         body['itemNotFound']['message'])

    def test_query_strict_from_2102(self):
        server = self.create()
        resp = self.get('/v2.1/servers/%s/diagnostics' % server.id,
                        token=ADMIN, query='x=1', version='2.101')
        self.assertEqual(200, resp.status)
        resp = self.get('/v2.1/servers/%s/diagnostics' % server.id,
                        token=ADMIN, query='x=1', version='2.102')
        self.assertEqual(400, resp.status)
