"""Seed files (fakenova/control/seed.py) and fakenova-api --seed."""

import os
import tempfile

from fakenova.cmd import api as api_cmd
from fakenova.control import seed
from fakenova.tests.unit import base
from fakenova.tests.unit import test_control

DEMO_SEED = os.path.join(base.REPO, 'etc', 'seed-demo.yaml')


class DemoSeedTest(test_control.ControlTestCase):

    def setUp(self):
        super().setUp()
        seed.load_into(self.cloud, DEMO_SEED)

    def servers(self, token):
        resp = self.request('GET', '/v2.1/servers/detail', token=token)
        self.assertEqual(200, resp.status, resp.body)
        return {s['name']: s for s in resp.json['servers']}

    def test_demo_sees_its_servers_with_their_statuses(self):
        servers = self.servers(self.demo)
        self.assertEqual({'demo-web': 'ACTIVE', 'demo-db': 'SHUTOFF'},
                         {n: s['status'] for n, s in servers.items()})
        web = servers['demo-web']
        self.assertEqual('5a3b2c1d-0000-4000-8000-00000000d001', web['id'])
        self.assertEqual({'role': 'web'}, web['metadata'])
        self.assertEqual(['10.0.0.11', '172.24.4.100'], sorted(
            a['addr'] for a in web['addresses']['private']))
        self.assertEqual('3f2e5b8a-6c1d-4e0f-9a7b-2d8c4e6f1a3b',
                         web['image']['id'])
        self.assertEqual('stopped', servers['demo-db']['OS-EXT-STS:vm_state'])
        resp = self.request('GET', '/v2.1/servers/%s' % servers[
            'demo-db']['id'], token=self.demo, version='2.73')
        self.assertTrue(resp.json['server']['locked'])
        self.assertEqual('maintenance',
                         resp.json['server']['locked_reason'])

    def test_seeded_servers_have_their_create_action(self):
        server = self.servers(self.demo)['demo-web']
        resp = self.request('GET', '/v2.1/servers/%s/os-instance-actions' %
                            server['id'], token=self.demo)
        self.assertEqual(200, resp.status, resp.body)
        (action,) = resp.json['instanceActions']
        self.assertEqual(('create', server['created']),
                         (action['action'], action['start_time'][:19] + 'Z'))
        self.assertTrue(action['request_id'].startswith('req-'))
        resp = self.request('GET', '/v2.1/servers/%s/os-instance-actions/%s'
                            % (server['id'], action['request_id']),
                            token=self.admin, version='2.51')
        (event,) = resp.json['instanceAction']['events']
        self.assertEqual(('compute__do_build_and_run_instance', 'Success'),
                         (event['event'], event['result']))

    def test_seeded_keypair_belongs_to_demo(self):
        resp = self.request('GET', '/v2.1/os-keypairs', token=self.demo,
                            version='2.2')
        self.assertEqual(200, resp.status, resp.body)
        [entry] = resp.json['keypairs']
        self.assertEqual(('demo-key', 'ssh'), (entry['keypair']['name'],
                                               entry['keypair']['type']))
        self.assertEqual([], self.request(
            'GET', '/v2.1/os-keypairs', token=self.admin).json['keypairs'])
        web = self.servers(self.demo)['demo-web']
        self.assertEqual('demo-key', web['key_name'])

    def test_seeded_host_makes_its_zone(self):
        resp = self.request('POST', '/v2.1/servers', {'server': {
            'name': 'edge-vm', 'imageRef': 'cirros-0.6.3-x86_64-disk',
            'flavorRef': '1', 'availability_zone': 'edge'}},
            token=self.demo)
        self.assertEqual(400, resp.status)  # imageRef must be an id
        image = self.request('GET', '/v2.1/images', token=self.demo,
                             version='2.35').json['images'][0]['id']
        resp = self.request('POST', '/v2.1/servers', {'server': {
            'name': 'edge-vm', 'imageRef': image, 'flavorRef': '1',
            'availability_zone': 'edge'}}, token=self.demo)
        self.assertEqual(202, resp.status, resp.body)
        server = self.request('GET', '/v2.1/servers/%s' % resp.json[
            'server']['id'], token=self.admin).json['server']
        self.assertEqual(('edge', 'edge1'), (
            server['OS-EXT-AZ:availability_zone'],
            server['OS-EXT-SRV-ATTR:host']))
        # The zone is the aggregate's that the host joined; the seed's
        # own aggregate is listed too.
        aggregates = self.request('GET', '/v2.1/os-aggregates',
                                  token=self.admin).json['aggregates']
        self.assertEqual([('edge', 'edge', ['edge1'], {
            'availability_zone': 'edge'}), ('ssd', None, ['compute1'], {
                'ssd': 'true'})], [(a['name'], a['availability_zone'],
                                    a['hosts'], a['metadata'])
                                   for a in aggregates])

    def test_alt_demo_sees_only_its_server(self):
        alt = self.login('alt_demo', 'alt_demo', 'alt_demo')
        self.assertEqual(['alt-vm'], list(self.servers(alt)))

    def test_seeded_user_flavors_and_images(self):
        ops = self.login('ops', 'ops', 'demo')
        self.assertEqual({'demo-web', 'demo-db'}, set(self.servers(ops)))
        resp = self.request('GET', '/v2.1/flavors/84', token=self.demo)
        self.assertEqual('ds2G', resp.json['flavor']['name'])
        self.assertEqual({'hw:cpu_policy': 'shared'},
                         self.cloud.store.flavors['84'].extra_specs)
        resp = self.request('GET', '/v2.1/images', token=self.demo)
        names = [i['name'] for i in resp.json['images']]
        self.assertIn('cirros-0.6.3-x86_64-disk', names)
        self.assertIn('debian-12', names)

    def test_seeded_volume_can_be_attached(self):
        vid = '7c1e4a2b-0000-4000-8000-0000000000d1'
        volume = self.cloud.store.volumes[vid]
        self.assertEqual(('demo-data', 10, 'available'),
                         (volume.name, volume.size, volume.status))
        web = self.servers(self.demo)['demo-web']
        resp = self.request(
            'POST', '/v2.1/servers/%s/os-volume_attachments' % web['id'],
            {'volumeAttachment': {'volumeId': vid}}, token=self.demo)
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(204, self.control('POST', '/reset').status)
        self.assertEqual('available',
                         self.cloud.store.volumes[vid].status)

    def test_reset_applies_the_seed_again(self):
        self.control('POST', '/servers', {'name': 'extra'})
        self.assertEqual(204, self.control('POST', '/reset').status)
        self.assertEqual({'demo-web', 'demo-db'}, set(self.servers(
            self.demo)))
        self.assertEqual(204, self.control('POST', '/reset',
                                           {'seed': False}).status)
        self.assertEqual({}, self.servers(self.demo))


class BadSeedTest(base.APITestCase):

    app_name = 'cloud'

    def write(self, text):
        fd, path = tempfile.mkstemp(suffix='.yaml')
        with os.fdopen(fd, 'w') as f:
            f.write(text)
        self.addCleanup(os.unlink, path)
        return path

    def assertSeedError(self, text, *words):
        path = self.write(text)
        error = self.assertRaises(seed.SeedError, seed.load_into,
                                  self.app.cloud, path)
        message = str(error)
        self.assertTrue(message.startswith(path + ':'), message)
        for word in words:
            self.assertIn(word, message)
        return message

    def test_private_flavor(self):
        # Flavor management: a seeded private flavor and its projects.
        path = self.write('flavors:\n- {id: p, name: priv, is_public: '
                          'false, projects: [demo]}\n')
        seed.load_into(self.app.cloud, path)
        demo = self.app.cloud.identity.find_project({'name': 'demo'}).id
        flavor = self.app.cloud.store.flavors['p']
        self.assertEqual((False, [demo]), (flavor.is_public, flavor.projects))
        self.assertSeedError('flavors:\n- {id: q, name: q, projects: x}\n',
                             'flavors[0].projects')

    def test_unknown_section(self):
        self.assertSeedError('servres: []\n', 'servres')

    def test_unknown_key(self):
        self.assertSeedError('servers:\n- {name: a, flavour: m1.tiny}\n',
                             'servers[0]', 'flavour')

    def test_wrong_type(self):
        self.assertSeedError('flavors:\n- {id: "9", name: x, ram: lots}\n',
                             'flavors[0].ram', 'lots')

    def test_missing_key(self):
        self.assertSeedError('users:\n- {name: bob, project: p}\n',
                             'users[0]', 'password')

    def test_bad_status(self):
        self.assertSeedError(
            'servers:\n- {name: a, project: demo}\n'
            '- {name: b, project: demo, status: EXPLODED}\n',
            'servers[1]', 'EXPLODED')

    def test_unknown_references(self):
        self.assertSeedError('servers:\n- {name: a, project: nobody}\n',
                             'servers[0]', 'nobody')
        self.assertSeedError('servers:\n- {name: a, image: nothing}\n',
                             'servers[0]', 'nothing')
        self.assertSeedError('floating_ips:\n- {server: ghost}\n',
                             'floating_ips[0]', 'ghost')

    def test_bad_volumes(self):
        self.assertSeedError('volumes:\n- {name: v, size: big}\n',
                             'volumes[0].size', 'big')
        self.assertSeedError('volumes:\n- {name: v, project: nobody}\n',
                             'volumes[0]', 'nobody')
        self.assertSeedError('volumes:\n- {id: a}\n- {id: a}\n',
                             'volumes[1]', 'already exists')

    def test_not_yaml_or_missing(self):
        self.assertSeedError('servers: [\n', 'not valid YAML')
        self.assertSeedError('- just\n- a list\n', 'object')
        error = self.assertRaises(seed.SeedError, seed.load,
                                  '/nonexistent/seed.yaml')
        self.assertIn('/nonexistent/seed.yaml', str(error))


class CommandLineTest(base.APITestCase):

    def test_seed_option_and_loopback(self):
        args = api_cmd.parse_args(['--seed', DEMO_SEED])
        app = api_cmd.load(args)
        self.assertEqual(3, len(app.cloud.store.servers))
        self.assertTrue(app.cloud.listening_on_loopback)
        args = api_cmd.parse_args(['--host', '0.0.0.0'])
        self.assertFalse(api_cmd.load(args).cloud.listening_on_loopback)

    def test_is_loopback(self):
        for host in ('127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'):
            self.assertTrue(api_cmd.is_loopback(host), host)
        for host in ('0.0.0.0', '::', '192.168.1.10', 'example.com'):
            self.assertFalse(api_cmd.is_loopback(host), host)

    def test_bad_seed_exits(self):
        args = api_cmd.parse_args(['--seed', '/nonexistent/seed.yaml'])
        error = self.assertRaises(SystemExit, api_cmd.load, args)
        self.assertIn('/nonexistent/seed.yaml', str(error))

    def test_seed_into_compute_alone(self):
        # Every composite serves a cloud: compute alone takes seeds too.
        args = api_cmd.parse_args(['--seed', DEMO_SEED, '--app', 'main'])
        cloud = api_cmd.load(args).cloud
        with cloud.store.lock:
            names = {s.name for s in cloud.store.servers.values()}
        self.assertEqual({'demo-web', 'demo-db', 'alt-vm'}, names)

    def test_nova_options_reach_the_store_and_survive_a_reset(self):
        args = api_cmd.parse_args(['--reclaim-instance-interval', '60',
                                   '--shelved-offload-time', '-1',
                                   '--pacing', 'polls', '--polls', '3',
                                   '--keep-deleted-servers', '7'])
        cloud = api_cmd.load(args).cloud
        expected = {'pacing': 'polls', 'polls': 3,
                    'reclaim_instance_interval': 60,
                    'shelved_offload_time': -1, 'keep_deleted_servers': 7,
                    'consoles': 'vnc', 'seconds': 1.0}
        self.assertEqual(expected, cloud.store.settings())
        cloud.reset()
        self.assertEqual(expected, cloud.store.settings())
        # compute alone (the "main" composite) reads the same options
        args = api_cmd.parse_args(['--app', 'main',
                                   '--reclaim-instance-interval', '5'])
        router = base.find_router(api_cmd.load(args))
        self.assertEqual(5, router.store.reclaim_instance_interval)

    def test_bad_option_in_a_paste_file_is_named(self):
        error = self.assertRaises(ValueError, base.load_app, 'main',
                                  reclaim_instance_interval='soon')
        self.assertIn('reclaim_instance_interval', str(error))


class ConsolesOptionTest(base.testtools.TestCase):

    def test_consoles_reach_the_store_and_bad_kinds_exit(self):
        cloud = api_cmd.load(api_cmd.parse_args(
            ['--consoles', 'vnc,serial'])).cloud
        self.assertEqual('vnc,serial', cloud.store.settings()['consoles'])
        cloud.reset()
        self.assertTrue(cloud.store.consoles['serial'])
        error = self.assertRaises(SystemExit, api_cmd.load,
                                  api_cmd.parse_args(['--consoles', 'rdp']))
        self.assertIn("unknown console kind 'rdp'", str(error))
