"""The control API and dashboard at /_fakenova (fakenova/control/api.py)."""

import testtools

from fakenova.tests.unit import base

CONTROL_TOKEN = 'let-me-in'


class ControlTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.app = base.load_app('cloud', control_token=CONTROL_TOKEN)
        self.cloud = self.app.cloud
        # As fakenova-api serving on 127.0.0.1 (its default) sets it.
        self.cloud.listening_on_loopback = True
        self.admin = self.login('admin', 'admin', 'admin')
        self.demo = self.login('demo', 'demo', 'demo')

    def request(self, method, path, body=None, token=None, **kw):
        return base.send(self.app, method, path, body, token=token, **kw)

    def login(self, user, password, project):
        identity = {'methods': ['password'], 'password': {
            'user': {'name': user, 'password': password,
                     'domain': {'id': 'default'}}}}
        scope = {'project': {'name': project, 'domain': {'id': 'default'}}}
        resp = self.request('POST', '/identity/v3/auth/tokens', {
            'auth': {'identity': identity, 'scope': scope}})
        self.assertEqual(201, resp.status, resp.body)
        return resp.headers['X-Subject-Token']

    def control(self, method, path, body=None, token='admin', **kw):
        token = {'admin': self.admin, 'demo': self.demo}.get(token, token)
        return self.request(method, '/_fakenova' + path, body, token=token,
                            **kw)

    def seed_server(self, **spec):
        spec.setdefault('name', 'vm1')
        resp = self.control('POST', '/servers', spec)
        self.assertEqual(201, resp.status, resp.body)
        return resp.json['server']

    def assertError(self, code, resp):
        self.assertEqual(code, resp.status, resp.body)
        self.assertEqual(code, resp.json['error']['code'])
        return resp.json['error']['message']


class StateTest(ControlTestCase):

    def test_seed_server_shows_in_state_and_compute_api(self):
        server = self.seed_server(name='vm1', status='SHUTOFF',
                                  locked=True, metadata={'a': 'b'})
        self.assertEqual('SHUTOFF', server['status'])
        self.assertEqual({'a': 'b'}, server['metadata'])
        self.assertIn('/v2.1/', server['links'][0]['href'])
        state = self.control('GET', '/state').json
        [entry] = state['servers']
        self.assertEqual({'id': server['id'], 'name': 'vm1',
                          'status': 'SHUTOFF', 'vm_state': 'stopped',
                          'task_state': None, 'power_state': 4,
                          'locked': True, 'locked_by': 'owner'},
                         {k: entry[k] for k in (
                             'id', 'name', 'status', 'vm_state',
                             'task_state', 'power_state', 'locked',
                             'locked_by')})
        demo_project = self.cloud.identity.find_project({'name': 'demo'})
        self.assertEqual(demo_project.id, entry['project_id'])
        resp = self.request('GET', '/v2.1/servers/%s' % server['id'],
                            token=self.demo)
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual('SHUTOFF', resp.json['server']['status'])

    def test_seed_server_in_other_project_by_name(self):
        server = self.seed_server(project='alt_demo', flavor='m1.small',
                                  image='ubuntu-24.04')
        record = self.cloud.store.servers[server['id']]
        self.assertEqual('2', record.flavor_id)
        self.assertEqual(base.OTHER_IMAGE, record.image_id)
        resp = self.request('GET', '/v2.1/servers/%s' % server['id'],
                            token=self.demo)
        self.assertEqual(404, resp.status)

    def test_bad_server_specs_are_400(self):
        for spec, word in (({'status': 'NOPE'}, 'NOPE'),
                           ({'flavor': 'm9.huge'}, 'm9.huge'),
                           ({'image': 'no-such-image'}, 'no-such-image'),
                           ({'project': 'nobody'}, 'nobody'),
                           ({'vm_state': 'flying'}, 'flying'),
                           ({'colour': 'red'}, 'colour'),
                           ({'status': 'ACTIVE', 'vm_state': 'active'},
                            'not both')):
            resp = self.control('POST', '/servers', dict(spec, name='x'))
            self.assertIn(word, self.assertError(400, resp), spec)
        self.assertError(400, self.control('POST', '/servers',
                                           raw=b'{not json'))
        self.assertError(400, self.control('POST', '/servers', [1, 2]))
        self.assertEqual([], self.control('GET', '/state').json['servers'])

    def test_resources(self):
        resp = self.control('POST', '/flavors', {'id': '77', 'name': 'big',
                                                 'vcpus': 16, 'ram': 65536,
                                                 'disk': 100})
        self.assertEqual(201, resp.status, resp.body)
        resp = self.request('GET', '/v2.1/flavors/77', token=self.demo)
        self.assertEqual('big', resp.json['flavor']['name'])
        resp = self.control('POST', '/images', {'name': 'alpine'})
        self.assertEqual(201, resp.status, resp.body)
        image_id = resp.json['image']['id']
        resp = self.request('GET', '/v2.1/images/%s' % image_id,
                            token=self.demo)
        self.assertEqual(200, resp.status, resp.body)
        resp = self.control('POST', '/security-groups', {'name': 'web'})
        self.assertEqual(201, resp.status, resp.body)
        resp = self.control('POST', '/floating-ips',
                            {'address': '172.24.4.200'})
        self.assertEqual(201, resp.status, resp.body)
        state = self.control('GET', '/state').json
        self.assertIn('77', state['flavors'])
        self.assertIn('172.24.4.200',
                      [f['address'] for f in state['floating_ips']])
        self.assertError(400, self.control('POST', '/flavors',
                                           {'name': 'no id'}))
        self.assertError(400, self.control('POST', '/flavors',
                                           {'id': '1', 'ram': -1}))

    def test_private_flavor(self):
        # Flavor management: a private flavor given to projects by name
        # or id; other projects do not see it.
        resp = self.control('POST', '/flavors', {
            'id': 'priv', 'name': 'private', 'is_public': False,
            'projects': ['demo'], 'project_ids': ['p2'],
            'extra_specs': {'hw:cpu_policy': 'dedicated'}})
        self.assertEqual(201, resp.status, resp.body)
        demo_project = self.cloud.identity.find_project({'name': 'demo'}).id
        self.assertEqual([demo_project, 'p2'],
                         resp.json['flavor']['projects'])
        resp = self.request('GET', '/v2.1/flavors/priv', token=self.demo,
                            version='2.61')
        self.assertEqual({'hw:cpu_policy': 'dedicated'},
                         resp.json['flavor']['extra_specs'])
        alt = self.login('alt_demo', 'alt_demo', 'alt_demo')
        self.assertEqual(404, self.request('GET', '/v2.1/flavors/priv',
                                           token=alt).status)
        self.assertError(400, self.control('POST', '/flavors', {
            'id': 'x', 'projects': ['nobody']}))

    def test_hosts(self):
        resp = self.control('POST', '/hosts', {'name': 'west1',
                                               'zone': 'us-west'})
        self.assertEqual(201, resp.status, resp.body)
        self.assertEqual({'name': 'west1', 'zone': 'us-west'},
                         resp.json['host'])
        self.assertIn('host west1 already exists', self.assertError(
            400, self.control('POST', '/hosts', {'name': 'west1'})))
        self.assertError(400, self.control('POST', '/hosts', {'zone': 'x'}))
        resp = self.request('GET', '/v2.1/os-services', token=self.admin)
        self.assertIn(('west1', 'us-west'), [
            (s['host'], s['zone']) for s in resp.json['services']])

    def test_volumes(self):
        resp = self.control('POST', '/volumes', {
            'name': 'data', 'size': 5, 'project': 'demo',
            'id': '7c1e4a2b-0000-4000-8000-0000000000aa'})
        self.assertEqual(201, resp.status, resp.body)
        volume = resp.json['volume']
        self.assertEqual(('7c1e4a2b-0000-4000-8000-0000000000aa', 'data', 5,
                          'available', False),
                         (volume['id'], volume['name'], volume['size'],
                          volume['status'], volume['multiattach']))
        demo_project = self.cloud.identity.find_project({'name': 'demo'})
        self.assertEqual(demo_project.id, volume['project_id'])
        server = self.seed_server(project='demo')
        resp = self.request(
            'POST', '/v2.1/servers/%s/os-volume_attachments' % server['id'],
            {'volumeAttachment': {'volumeId': volume['id']}},
            token=self.demo)
        self.assertEqual(200, resp.status, resp.body)
        [listed] = self.control('GET', '/state').json['volumes']
        self.assertEqual('in-use', listed['status'])
        self.assertEqual([server['id']], listed['server_ids'])
        resp = self.control('POST', '/volumes', {'multiattach': True})
        self.assertEqual(201, resp.status, resp.body)
        self.assertTrue(resp.json['volume']['multiattach'])
        self.assertEqual(1, resp.json['volume']['size'])
        self.assertError(400, self.control('POST', '/volumes', {
            'id': volume['id']}))
        self.assertError(400, self.control('POST', '/volumes',
                                           {'size': 0}))
        self.assertError(400, self.control('POST', '/volumes',
                                           {'project': 'nobody'}))
        self.assertError(400, self.control('POST', '/volumes',
                                           {'colour': 'red'}))
        self.assertEqual(204, self.control('POST', '/reset').status)
        self.assertEqual([], self.control('GET', '/state').json['volumes'])

    def test_reset(self):
        self.seed_server()
        self.control('POST', '/faults', {'kind': 'fail'})
        self.control('PUT', '/policy', {'rules': {
            'os_compute_api:os-pause-server:pause': '!'}})
        self.request('GET', '/v2.1/servers', token=self.demo)
        self.assertEqual(204, self.control('POST', '/reset').status)
        state = self.control('GET', '/state').json
        self.assertEqual([], state['servers'])
        self.assertEqual([], state['faults'])
        self.assertEqual([], self.control('GET', '/calls').json['calls'])
        server = self.seed_server()
        resp = self.request(
            'POST', '/v2.1/servers/%s/action' % server['id'],
            {'pause': None}, token=self.demo)
        self.assertEqual(202, resp.status, resp.body)
        # the admin's token survived the reset
        self.assertEqual(200, self.control('GET', '/faults').status)

    def test_pacing_and_complete(self):
        resp = self.control('PUT', '/pacing', {'pacing': 'manual'})
        self.assertEqual({'pacing': 'manual', 'polls': 1, 'seconds': 1.0},
                         resp.json)
        server = self.seed_server()
        resp = self.request(
            'POST', '/v2.1/servers/%s/action' % server['id'],
            {'pause': None}, token=self.demo)
        self.assertEqual(202, resp.status, resp.body)
        [entry] = self.control('GET', '/state').json['servers']
        self.assertEqual('pausing', entry['task_state'])
        resp = self.control('POST', '/servers/%s/complete' % server['id'])
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual('PAUSED', resp.json['server']['status'])
        self.assertError(404, self.control('POST', '/servers/nope/complete'))
        self.assertError(400, self.control('PUT', '/pacing',
                                           {'pacing': 'warp'}))
        self.assertError(400, self.control('PUT', '/pacing',
                                           {'pacing': 'polls', 'polls': 0}))


class FaultTest(ControlTestCase):

    def test_fail_next_pause(self):
        server = self.seed_server()
        resp = self.control('POST', '/faults', {
            'kind': 'fail', 'action': 'pause', 'status': 409,
            'message': 'Not now.'})
        self.assertEqual(201, resp.status, resp.body)
        self.assertEqual(1, len(self.control('GET', '/state').json[
            'faults']))
        resp = self.request(
            'POST', '/v2.1/servers/%s/action' % server['id'],
            {'pause': None}, token=self.demo)
        self.assertEqual(409, resp.status, resp.body)
        self.assertEqual('Not now.',
                         resp.json['conflictingRequest']['message'])
        self.assertEqual([], self.control('GET', '/state').json['faults'])
        resp = self.request(
            'POST', '/v2.1/servers/%s/action' % server['id'],
            {'pause': None}, token=self.demo)
        self.assertEqual(202, resp.status, resp.body)

    def test_error_next_and_clear(self):
        server = self.seed_server()
        self.control('POST', '/faults', {'kind': 'error', 'action': 'pause',
                                         'fault': {'message': 'boom'}})
        self.request('POST', '/v2.1/servers/%s/action' % server['id'],
                     {'pause': None}, token=self.demo)
        self.assertEqual('ERROR', self.control('GET', '/state').json[
            'servers'][0]['status'])
        self.control('POST', '/faults', {'kind': 'delay', 'seconds': 0,
                                         'times': None})
        self.assertEqual(204, self.control('DELETE', '/faults').status)
        self.assertEqual([], self.control('GET', '/faults').json['faults'])

    def test_bad_faults_are_400(self):
        for body in ({'kind': 'explode'}, {'kind': 'fail', 'status': 200},
                     {'kind': 'delay'}, {'kind': 'fail', 'times': 0},
                     {}, {'kind': 'fail', 'extra': 1}):
            self.assertError(400, self.control('POST', '/faults', body))


class CallsTest(ControlTestCase):

    def test_calls_since(self):
        server = self.seed_server()
        self.request('GET', '/v2.1/servers', token=self.demo)
        self.request('POST', '/v2.1/servers/%s/action' % server['id'],
                     {'pause': None}, token=self.demo)
        calls = self.control('GET', '/calls').json
        self.assertEqual(2, calls['next'])
        first, second = calls['calls']
        self.assertEqual(('GET', '/v2.1/servers', 200, 0),
                         (first['method'], first['path'], first['status'],
                          first['index']))
        self.assertEqual('POST', second['method'])
        self.assertEqual({'pause': None}, second['body'])
        self.assertEqual('pause', second['action'])
        self.assertIsNone(first['action'])
        self.assertEqual(202, second['status'])
        self.assertTrue(second['request_id'].startswith('req-'))
        later = self.control('GET', '/calls?since=1').json
        self.assertEqual([second], later['calls'])
        self.assertEqual([], self.control('GET', '/calls?since=2').json[
            'calls'])
        self.assertEqual(2, self.control('GET', '/calls?since=2').json[
            'next'])
        self.request('POST', '/v2.1/servers', raw=b'\xff{bad',
                     token=self.demo)
        last = self.control('GET', '/calls?since=2').json['calls'][0]
        self.assertEqual(400, last['status'])
        self.assertIsInstance(last['body'], str)
        self.assertError(400, self.control('GET', '/calls?since=-1'))
        self.assertError(400, self.control('GET', '/calls?since=x'))


class PolicyTest(ControlTestCase):

    RULE = 'os_compute_api:os-pause-server:pause'

    def pause(self, server_id):
        return self.request('POST', '/v2.1/servers/%s/action' % server_id,
                            {'pause': None}, token=self.demo)

    def test_override_and_clear(self):
        server = self.seed_server()
        resp = self.control('PUT', '/policy', {'rules': {
            self.RULE: 'role:admin'}})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(403, self.pause(server['id']).status)
        self.assertEqual(204, self.control('DELETE', '/policy').status)
        self.assertEqual(202, self.pause(server['id']).status)

    def test_bad_rule_is_400_and_keeps_old_rules(self):
        server = self.seed_server()
        self.control('PUT', '/policy', {'rules': {self.RULE: 'role:admin'}})
        resp = self.control('PUT', '/policy', {'rules': {
            self.RULE: '@', 'os_compute_api:servers:index':
                'role:admin and or'}})
        self.assertIn('os_compute_api:servers:index',
                      self.assertError(400, resp))
        self.assertEqual(403, self.pause(server['id']).status)
        self.assertError(400, self.control('PUT', '/policy', {'rules': {
            self.RULE: 42}}))
        self.assertError(400, self.control('PUT', '/policy', {}))


class UsersTest(ControlTestCase):

    def test_add_user_can_log_in(self):
        resp = self.control('POST', '/users', {
            'name': 'carol', 'password': 'secret', 'project': 'team',
            'roles': ['member']})
        self.assertEqual(201, resp.status, resp.body)
        token = self.login('carol', 'secret', 'team')
        resp = self.request('GET', '/v2.1/servers', token=token)
        self.assertEqual(200, resp.status, resp.body)
        self.assertError(400, self.control('POST', '/users',
                                           {'name': 'x'}))


class AuthTest(ControlTestCase):

    CHANGES = (('POST', '/reset', None), ('POST', '/servers', {}),
               ('POST', '/faults', {'kind': 'fail'}),
               ('DELETE', '/faults', None), ('DELETE', '/policy', None),
               ('PUT', '/pacing', {'pacing': 'manual'}),
               ('POST', '/flavors', {'id': '9'}),
               ('POST', '/users', {'name': 'x', 'password': 'y'}))

    def test_changes_need_a_token(self):
        for method, path, body in self.CHANGES:
            resp = self.control(method, path, body, token=None)
            self.assertError(401, resp)
        resp = self.control('POST', '/reset', token='bogus')
        self.assertError(401, resp)
        self.assertEqual([], self.control('GET', '/state').json['servers'])

    def test_demo_token_is_403(self):
        for method, path, body in self.CHANGES:
            self.assertError(403, self.control(method, path, body,
                                               token='demo'))

    def test_control_token_works(self):
        resp = self.control('POST', '/servers', {'name': 'vm'},
                            token=CONTROL_TOKEN)
        self.assertEqual(201, resp.status, resp.body)
        self.assertEqual(204, self.control('POST', '/reset',
                                           token=CONTROL_TOKEN).status)

    def test_reads_on_loopback_need_no_token(self):
        self.seed_server()
        for path in ('/state', '/calls', '/faults', '/'):
            self.assertEqual(200, self.control('GET', path,
                                               token=None).status, path)

    def test_reads_beyond_loopback_need_a_token(self):
        self.cloud.listening_on_loopback = False
        self.seed_server(name='secret-name')
        for path in ('/state', '/calls', '/faults'):
            self.assertError(401, self.control('GET', path, token=None))
            self.assertError(403, self.control('GET', path, token='demo'))
            self.assertEqual(200, self.control('GET', path).status)
        resp = self.control('GET', '/', token=None)
        self.assertEqual(200, resp.status)
        self.assertNotIn(b'secret-name', resp.body)
        self.assertIn(b'token', resp.body)
        self.assertIn(b'secret-name', self.control('GET', '/').body)

    def test_never_reachable_through_compute_urls(self):
        for path in ('/v2.1/_fakenova/state', '/v2.1/_fakenova/reset',
                     '/v2.1/_fakenova/', '/v2.1/_fakenova'):
            for token in (self.admin, CONTROL_TOKEN):
                resp = self.request('POST' if 'reset' in path else 'GET',
                                    path, token=token)
                self.assertIn(resp.status, (401, 404), (path, resp.body))
                self.assertNotIn(b'"servers"', resp.body or b'')

    def test_unknown_path_and_method(self):
        self.assertError(404, self.control('GET', '/nothing'))
        resp = self.control('GET', '/reset')
        self.assertError(405, resp)
        self.assertEqual('POST', resp.headers['Allow'])


class DashboardTest(ControlTestCase):

    def test_self_contained_and_escaped(self):
        evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
        self.seed_server(name=evil)
        self.control('POST', '/faults', {'kind': 'fail',
                                         'message': '<b>bold</b>'})
        self.request('GET', '/v2.1/servers?name=%3Cscript%3E',
                     token=self.demo)
        resp = self.control('GET', '/', token=None)
        self.assertEqual(200, resp.status)
        self.assertTrue(resp.headers['Content-Type'].startswith(
            'text/html'))
        page = resp.body.decode()
        self.assertNotIn(evil, page)
        self.assertNotIn('<script>alert', page)
        self.assertNotIn('<img', page)
        self.assertNotIn('<b>bold', page)
        self.assertIn('&lt;script&gt;alert(&quot;x&quot;)', page)
        self.assertIn('vm_state', page)
        self.assertIn('request_id', page)
        # no external assets
        for marker in ('src=', 'href=', '<link', '@import', 'http://',
                       'https://'):
            self.assertNotIn(marker, page.replace(
                '&lt;img src=x', ''), marker)
        self.assertIn('setInterval(refresh, 2000)', page)
        self.assertNotIn('innerHTML', page)

    def test_values_render_as_the_page_script_renders_them(self):
        # The script writes String(true) and JSON.stringify(object); the
        # first, server-rendered table must not differ from its refresh.
        self.seed_server(name='vm1', locked=True, metadata={'k': 'v'})
        page = self.control('GET', '/', token=None).body.decode()
        self.assertIn('<td>true</td>', page)
        self.assertNotIn('<td>True</td>', page)
        self.assertIn('<td>vm1</td><td>ACTIVE</td><td>active</td>'
                      '<td></td><td>true</td>', page)
