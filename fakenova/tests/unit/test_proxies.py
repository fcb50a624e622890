"""Nova's network proxies, floating IP pools, extensions and image
metadata (issue 13), as Nova 34 answers them.

The bodies and messages are the ones Nova 34 answered (the oracle) or,
where its Neutron and Glance stand-ins do not answer as the real
services do, the ones Nova's source builds from the services' answers.
"""

import importlib.util
import os

import jsonschema
from tempest.lib.api_schema.response.compute.v2_1 import extensions as ext
from tempest.lib.api_schema.response.compute.v2_1 import images as img
from tempest.lib.api_schema.response.compute.v2_1 import tenant_networks

from fakenova.compute import store as store_mod
from fakenova.tests.unit import base

OWNER = base.OWNER
ADMIN = base.ADMIN
ALT = base.ALT
NET = store_mod.DEFAULT_NETWORK_ID
PUBLIC = store_mod.PUBLIC_NETWORK_ID
GONE = ('This resource is no longer available. No forwarding address is '
        'given.')
NOT_FOUND = 'The resource could not be found.'
POLICY = "Policy doesn't allow %s to be performed."
NULL_FIELDS = ('cidr', 'netmask', 'gateway', 'broadcast', 'dns1', 'dns2',
               'cidr_v6', 'gateway_v6', 'netmask_v6')
ADMIN_FIELDS = (
    'created_at', 'updated_at', 'deleted_at', 'deleted', 'injected',
    'bridge', 'vlan', 'vpn_public_address', 'vpn_public_port',
    'vpn_private_address', 'dhcp_start', 'project_id', 'host',
    'bridge_interface', 'multi_host', 'priority', 'rxtx_base', 'mtu',
    'dhcp_server', 'enable_dhcp', 'share_address')


class NetworksTest(base.APITestCase):

    def test_list_as_nova_network_showed_it(self):
        resp = self.get('/v2.1/os-networks')
        self.assertEqual(200, resp.status, resp.body)
        nets = resp.json['networks']
        self.assertEqual([(NET, 'private'), (PUBLIC, 'public')],
                         [(n['id'], n['label']) for n in nets])
        self.assertEqual(sorted(('id', 'label') + NULL_FIELDS),
                         sorted(nets[0]))
        self.assertEqual({None}, {nets[0][f] for f in NULL_FIELDS})

    def test_admins_see_more_null_fields(self):
        net = self.get('/v2.1/os-networks/' + NET,
                       token=ADMIN).json['network']
        self.assertEqual(sorted(('id', 'label') + NULL_FIELDS
                                + ADMIN_FIELDS), sorted(net))
        self.assertEqual({None}, {net[f] for f in NULL_FIELDS
                                  + ADMIN_FIELDS})
        self.assertEqual('private', net['label'])

    def test_show_unknown_is_404(self):
        self.assertFault(self.get('/v2.1/os-networks/nope'), 404,
                         'Network not found')
        self.assertFault(self.get('/v2.1/os-tenant-networks/nope'), 404,
                         'Network not found')

    def test_tenant_networks(self):
        resp = self.get('/v2.1/os-tenant-networks', version='2.35')
        self.assertEqual(200, resp.status, resp.body)
        jsonschema.validate(resp.json, tenant_networks.list_tenant_networks[
            'response_body'])
        self.assertEqual({'id': NET, 'cidr': 'None', 'label': 'private'},
                         resp.json['networks'][0])
        resp = self.get('/v2.1/os-tenant-networks/' + PUBLIC)
        self.assertEqual({'network': {'id': PUBLIC, 'cidr': 'None',
                                      'label': 'public'}}, resp.json)

    def test_servers_use_the_listed_network(self):
        net = self.get('/v2.1/os-networks').json['networks'][0]
        server = self.create_server(networks=[{'uuid': net['id']}])
        self.assertIn(net['label'], self.show(server)['addresses'])

    def test_removed_at_236(self):
        for path in ('/os-networks', '/os-networks/' + NET,
                     '/os-tenant-networks', '/os-tenant-networks/' + NET,
                     '/os-floating-ip-pools'):
            self.assertEqual(200, self.get('/v2.1' + path,
                                           version='2.35').status)
            self.assertFault(self.get('/v2.1' + path, version='2.36'), 404,
                             NOT_FOUND)

    def test_nova_network_operations_are_gone(self):
        for method, path, body in (
                ('POST', '/os-networks', None),
                ('POST', '/os-networks', {'network': {'label': 'x'}}),
                ('POST', '/os-networks/add', {'id': None}),
                ('DELETE', '/os-networks/' + NET, None),
                ('POST', '/os-networks/%s/action' % NET,
                 {'disassociate': None}),
                ('POST', '/os-networks/%s/action' % NET,
                 {'associate_host': 'compute1'}),
                ('POST', '/os-tenant-networks', {'network': {}}),
                ('DELETE', '/os-tenant-networks/' + NET, None)):
            for version in ('2.1', '2.36', 'latest'):
                self.assertFault(self.request(method, '/v2.1' + path, body,
                                              version=version), 410, GONE)
        self.assertEqual(2, len(self.store.networks)
                         + len(self.store.external_networks))

    def test_gone_after_the_body_parses(self):
        for path in ('/v2.1/os-networks', '/v2.1/os-tenant-networks',
                     '/v2.1/os-agents'):
            self.assertFault(self.post(path, raw=b'xx'), 400,
                             'Malformed request body')
        action = '/v2.1/os-networks/%s/action' % NET
        self.assertFault(self.post(action, {'foo': None}), 400,
                         'There is no such action: foo')
        self.assertFault(self.post(action, {}), 400,
                         'Malformed request body')
        self.assertFault(self.post(action, [1]), 404)

    def test_policy(self):
        for rule, path in (
                ('os_compute_api:os-networks:list', '/os-networks'),
                ('os_compute_api:os-networks:show', '/os-networks/' + NET),
                ('os_compute_api:os-tenant-networks:list',
                 '/os-tenant-networks'),
                ('os_compute_api:os-tenant-networks:show',
                 '/os-tenant-networks/' + NET),
                ('os_compute_api:os-floating-ip-pools',
                 '/os-floating-ip-pools')):
            self.cloud.set_policy({rule: '!'})
            self.assertFault(self.get('/v2.1' + path), 403, POLICY % rule)
            self.cloud.clear_policy()
            self.assertEqual(200, self.get('/v2.1' + path).status)


class FloatingIPPoolsTest(base.APITestCase):

    def test_pools_are_the_external_networks(self):
        resp = self.get('/v2.1/os-floating-ip-pools', token=ALT)
        self.assertEqual({'floating_ip_pools': [{'name': 'public'}]},
                         resp.json)

    def test_a_pool_by_id(self):
        resp = self.post('/v2.1/os-floating-ips', {'pool': PUBLIC})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual('public', resp.json['floating_ip']['pool'])
        for pool in ('private', NET, 'nope'):
            self.assertFault(self.post('/v2.1/os-floating-ips',
                                       {'pool': pool}), 404,
                             'Floating IP pool not found.')

    def test_a_pool_allocates(self):
        pool = self.get('/v2.1/os-floating-ip-pools').json[
            'floating_ip_pools'][0]['name']
        resp = self.post('/v2.1/os-floating-ips', {'pool': pool})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(pool, resp.json['floating_ip']['pool'])


class ExtensionsTest(base.APITestCase):

    def test_list(self):
        resp = self.get('/v2.1/extensions', version='latest')
        self.assertEqual(200, resp.status, resp.body)
        jsonschema.validate(resp.json, ext.list_extensions['response_body'])
        exts = resp.json['extensions']
        self.assertEqual(99, len(exts))
        aliases = [e['alias'] for e in exts]
        self.assertEqual(sorted(aliases), aliases)
        self.assertEqual({'alias': 'NMN', 'description':
                          'Multiple network support.', 'links': [],
                          'name': 'Multinic', 'namespace':
                          'http://docs.openstack.org/compute/ext/fake_xml',
                          'updated': '2014-12-03T00:00:00Z'}, exts[0])
        self.assertIn('os-security-groups', aliases)

    def test_show(self):
        resp = self.get('/v2.1/extensions/os-volumes', token=ALT)
        self.assertEqual('Volumes support.',
                         resp.json['extension']['description'])
        self.assertEqual('Volumes', resp.json['extension']['name'])
        self.assertFault(self.get('/v2.1/extensions/nope'), 404, NOT_FOUND)
        self.assertFault(self.get('/v2.1/extensions/os-VOLUMES'), 404)

    def test_strict_query_from_2_102(self):
        for path in ('/v2.1/extensions', '/v2.1/extensions/os-volumes'):
            self.assertEqual(200, self.get(path, query='x=1',
                                           version='2.101').status)
            self.assertFault(self.get(path, query='x=1', version='2.102'),
                             400, "Additional properties are not allowed "
                             "('x' was unexpected)")

    def test_policy(self):
        rule = 'os_compute_api:extensions'
        self.cloud.set_policy({rule: '!'})
        self.assertFault(self.get('/v2.1/extensions'), 403, POLICY % rule)
        self.assertFault(self.get('/v2.1/extensions/NMN'), 403,
                         POLICY % rule)


class ImageMetadataTest(base.APITestCase):

    def setUp(self):
        super().setUp()
        server = self.create_server()
        resp = self.action(server, {'createImage': {
            'name': 'snap', 'metadata': {'role': 'web'}}}, version='2.45')
        self.image = resp.json['image_id']
        self.path = '/v2.1/images/%s/metadata' % self.image

    def meta(self):
        return self.get(self.path).json['metadata']

    def test_list(self):
        resp = self.get(self.path, version='2.38')
        self.assertEqual(200, resp.status, resp.body)
        jsonschema.validate(resp.json, img.image_metadata['response_body'])
        self.assertEqual('web', resp.json['metadata']['role'])
        self.assertEqual('snapshot', resp.json['metadata']['image_type'])
        public = self.get('/v2.1/images/%s/metadata' % base.IMAGE)
        self.assertEqual({'metadata': {'architecture': 'x86_64'}},
                         public.json)

    def test_merge_replace_and_items(self):
        resp = self.post(self.path, {'metadata': {'a': '1', 'role': 'db'}})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual('db', resp.json['metadata']['role'])
        self.assertEqual(resp.json['metadata'], self.meta())
        resp = self.request('PUT', self.path, {'metadata': {'b': '2'}})
        self.assertEqual({'metadata': {'b': '2'}}, resp.json)
        self.assertEqual({'b': '2'}, self.meta())
        resp = self.request('PUT', self.path + '/c', {'meta': {'c': '3'}})
        self.assertEqual({'meta': {'c': '3'}}, resp.json)
        self.assertEqual({'meta': {'c': '3'}},
                         self.get(self.path + '/c').json)
        resp = self.request('DELETE', self.path + '/b')
        self.assertEqual(204, resp.status)
        self.assertEqual({'c': '3'}, self.meta())
        # The image service shows the same properties.
        image = self.get('/v2.1/images/' + self.image).json['image']
        self.assertEqual({'c': '3'}, image['metadata'])

    def test_not_found(self):
        self.assertFault(self.get(self.path + '/nope'), 404, NOT_FOUND)
        self.assertFault(self.request('DELETE', self.path + '/nope'), 404,
                         'Invalid metadata key')
        for method, body in (('GET', None), ('POST', {'metadata': {}}),
                             ('PUT', {'metadata': {}})):
            self.assertFault(self.request(
                method, '/v2.1/images/nope/metadata', body), 404,
                'Image not found.')
        self.assertFault(self.request(
            'PUT', '/v2.1/images/nope/metadata/k', {'meta': {'k': 'v'}}),
            404, 'Image not found.')

    def test_bad_bodies_before_the_lookup(self):
        self.assertFault(self.request(
            'PUT', '/v2.1/images/nope/metadata/a', {'meta': {'b': 'c'}}),
            400, 'Request body and URI mismatch')
        for body in ({'metadata': {'k': 1}}, {'metadata': {'': 'v'}},
                     {'meta': {'k': 'v'}}, {'metadata': {'k': 'x' * 256}}):
            self.assertFault(self.post('/v2.1/images/nope/metadata', body),
                             400)
        self.assertFault(self.request('PUT', self.path + '/a', {
            'meta': {'a': '1', 'b': '2'}}), 400)
        self.assertNotIn('a', self.meta())

    def test_quota(self):
        many = {'k%d' % i: 'v' for i in range(128)}
        resp = self.request('PUT', self.path, {'metadata': many})
        self.assertEqual(200, resp.status, resp.body)
        self.assertFault(self.post(self.path, {'metadata': {'x': 'y'}}),
                         403, 'Image metadata limit exceeded')
        self.assertFault(self.request('PUT', self.path + '/x',
                                      {'meta': {'x': 'y'}}),
                         403, 'Image metadata limit exceeded')
        many['x'] = 'y'
        self.assertFault(self.request('PUT', self.path, {'metadata': many}),
                         403, 'Image metadata limit exceeded')
        self.assertEqual(128, len(self.meta()))

    def test_only_the_owner_changes(self):
        public = '/v2.1/images/%s/metadata' % base.IMAGE
        message = 'Not authorized for image %s.' % base.IMAGE
        self.assertFault(self.post(public, {'metadata': {'a': 'b'}}), 403,
                         message)
        self.assertFault(self.request('PUT', public + '/a',
                                      {'meta': {'a': 'b'}}), 403, message)
        self.assertFault(self.request('DELETE', public + '/architecture'),
                         403, message)
        self.assertEqual({'architecture': 'x86_64'},
                         self.store.images[base.IMAGE].metadata)
        resp = self.post(public, {'metadata': {'a': 'b'}}, token=ADMIN)
        self.assertEqual(200, resp.status, resp.body)

    def test_other_projects_snapshot_is_not_found(self):
        for method, path, body in (
                ('GET', self.path, None),
                ('GET', self.path + '/role', None),
                ('POST', self.path, {'metadata': {'a': 'b'}}),
                ('PUT', self.path, {'metadata': {}}),
                ('PUT', self.path + '/a', {'meta': {'a': 'b'}}),
                ('DELETE', self.path + '/role', None)):
            self.assertFault(self.request(method, path, body, token=ALT),
                             404, 'Image not found.')
        self.assertEqual('web', self.meta()['role'])

    def test_removed_at_239(self):
        self.assertEqual(200, self.get(self.path, version='2.38').status)
        for method, path, body in (
                ('GET', self.path, None),
                ('POST', self.path, {'metadata': {'a': 'b'}}),
                ('DELETE', self.path + '/role', None)):
            self.assertFault(self.request(method, path, body,
                                          version='2.39'), 404, NOT_FOUND)
        self.assertEqual('web', self.meta()['role'])


class TempestConfigTest(base.testtools.TestCase):

    def test_public_network_id_is_the_clouds(self):
        spec = importlib.util.spec_from_file_location('tempest_run', (
            os.path.join(base.REPO, 'tools', 'tempest', 'run.py')))
        run = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(run)
        self.assertEqual(store_mod.PUBLIC_NETWORK_ID, run.PUBLIC_NETWORK_ID)
