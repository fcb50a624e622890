"""The FakeNova fixture: isolation, mounting modes, inspection, seeding."""

import http.client
import json
import re
import time

import fixtures
import requests
import requests_mock
import testtools
import urllib3

from fakenova.compute import exception
from fakenova import fixture
from fakenova.fixture import FakeNova
from fakenova import policy

PAUSE_RULE = 'os_compute_api:os-pause-server:pause'


def _headers(nova, version=None, token=None):
    headers = {'X-Auth-Token': token or nova.token(),
               'Content-Type': 'application/json'}
    if version:
        headers['OpenStack-API-Version'] = 'compute %s' % version
    return headers


def get(nova, path, version=None, token=None):
    return requests.get(nova.endpoint + path,
                        headers=_headers(nova, version, token))


def post(nova, path, body, version=None, token=None):
    return requests.post(nova.endpoint + path, data=json.dumps(body),
                         headers=_headers(nova, version, token))


def action(nova, server_id, body, version=None, token=None):
    return post(nova, '/servers/%s/action' % server_id, body, version,
                token)


def boot(nova, name='vm1'):
    resp = post(nova, '/servers', {'server': {
        'name': name, 'flavorRef': fixture.DEFAULT_FLAVOR,
        'imageRef': fixture.DEFAULT_IMAGE, 'networks': 'none'}},
        version='2.37')
    assert resp.status_code == 202, resp.text
    return resp.json()['server']['id']


def status(nova, server_id):
    return get(nova, '/servers/' + server_id).json()['server']['status']


def _webob_callback(nova):
    """The reference of FakeNova._mocked: WebOb's blank and get_response."""
    import webob

    def callback(request, context):
        req = webob.Request.blank(
            request.url.split('#')[0], method=request.method,
            headers={k: v for k, v in request.headers.items()})
        if request.body is not None:
            body = request.body
            req.body = body.encode() if isinstance(body, str) else body
        resp = req.get_response(nova._app)
        context.status_code = resp.status_int
        context.reason = resp.status.split(' ', 1)[-1]
        context.headers = dict(resp.headerlist)
        return resp.body
    return callback


# -- README examples ---------------------------------------------------------
# README.rst "Use it in your tests" copies these two examples verbatim.


class ReadmeExampleTest(testtools.TestCase):

    def test_pause(self):
        nova = self.useFixture(FakeNova())
        server = nova.create_server(name='vm1')
        client = nova.novaclient()
        client.servers.pause(server['id'])
        self.assertEqual('PAUSED', nova.server(server['id'])['status'])


def nova_fixture():  # in conftest.py, decorate with @pytest.fixture
    with FakeNova() as nova:
        yield nova


def check_pause(nova):  # the pytest test: def test_pause(nova): ...
    server = nova.create_server(name='vm1')
    client = nova.novaclient()
    client.servers.pause(server['id'])
    assert nova.server(server['id'])['status'] == 'PAUSED'


class ReadmePytestExampleTest(testtools.TestCase):
    """Drive the pytest example by hand (pytest need not be installed)."""

    def test_pause(self):
        gen = nova_fixture()
        nova = next(gen)
        check_pause(nova)
        self.assertRaises(StopIteration, next, gen)
        # The fixture was cleaned up: its host is no longer intercepted.
        import wsgi_intercept
        self.assertNotIn((nova.host, 80), wsgi_intercept._wsgi_intercept)


# -- isolation ---------------------------------------------------------------


class IsolationTest(testtools.TestCase):

    def test_two_fixtures_in_one_test(self):
        one = self.useFixture(FakeNova())
        two = self.useFixture(FakeNova())
        self.assertNotEqual(one.endpoint, two.endpoint)
        server_id = boot(one)
        self.assertEqual([server_id], [s['id'] for s in one.servers()])
        self.assertEqual([], two.servers())
        self.assertEqual(404, get(two, '/servers/' + server_id).status_code)
        self.assertEqual(200, get(one, '/servers/' + server_id).status_code)
        self.assertEqual([], get(two, '/servers').json()['servers'])
        one_paths = [c.path for c in one.calls]
        two_paths = [c.path for c in two.calls]
        self.assertIn('/v2.1/servers', one_paths)
        self.assertEqual(['/v2.1/servers/' + server_id, '/v2.1/servers'],
                         two_paths)
        self.assertNotIn('/v2.1/servers', two_paths[:1])

    def test_a_token_of_one_fixture_means_nothing_in_another(self):
        one = self.useFixture(FakeNova())
        two = self.useFixture(FakeNova())
        two.create_server()
        # Unknown to ``two``, the token is read the noauth2 way
        # (user:project), i.e. as some other project: nothing is visible.
        resp = get(two, '/servers', token=one.token())
        self.assertEqual(200, resp.status_code)
        self.assertEqual([], resp.json()['servers'])
        self.assertEqual(1, len(get(two, '/servers').json()['servers']))

    def test_set_policy_is_per_fixture(self):
        one = self.useFixture(FakeNova())
        two = self.useFixture(FakeNova())
        one.set_policy({PAUSE_RULE: '!'})
        a = one.create_server()
        b = two.create_server()
        self.assertEqual(403, action(one, a['id'], {'pause': None})
                         .status_code)
        self.assertEqual(202, action(two, b['id'], {'pause': None})
                         .status_code)

    def test_faults_are_per_fixture(self):
        one = self.useFixture(FakeNova())
        two = self.useFixture(FakeNova())
        one.fail_next('pause', status=500)
        b = two.create_server()
        self.assertEqual(202, action(two, b['id'], {'pause': None})
                         .status_code)
        a = one.create_server()
        self.assertEqual(500, action(one, a['id'], {'pause': None})
                         .status_code)


class NoLeakTest(testtools.TestCase):
    """Each test sees an empty fake whatever ran before it, in any worker.

    Every test asserts emptiness first and then leaves things behind
    (servers, calls, faults, policy overrides, resources).
    """

    def setUp(self):
        super().setUp()
        self.nova = self.useFixture(FakeNova())
        self.assertEqual([], self.nova.servers())
        self.assertEqual([], self.nova.calls)
        self.assertEqual([], self.nova.store.faults.active())
        self.assertEqual([], get(self.nova, '/servers').json()['servers'])
        del self.nova.calls[:]

    def _leave_things_behind(self, n):
        for i in range(n):
            self.nova.create_server(name='left-%d' % i)
        boot(self.nova, 'booted')
        self.nova.fail_next('pause', times=None)
        self.nova.set_policy({'os_compute_api:servers:index': '!'})
        self.nova.add_flavor('leak-%d' % n)

    def test_a(self):
        self._leave_things_behind(1)

    def test_b(self):
        self._leave_things_behind(2)

    def test_c(self):
        self._leave_things_behind(3)

    def test_d(self):
        self._leave_things_behind(4)
        self.assertEqual(403, get(self.nova, '/servers').status_code)

    def test_e(self):
        # The shared default policy was not changed by the overrides above.
        server = self.nova.create_server()
        self.assertEqual(202, action(self.nova, server['id'],
                                     {'pause': None}).status_code)
        flavors = get(self.nova, '/flavors').json()['flavors']
        self.assertFalse([f for f in flavors if f['id'].startswith('leak')])


class ContextManagerTest(testtools.TestCase):

    def test_with_statement(self):
        import wsgi_intercept
        with FakeNova() as nova:
            self.assertIn((nova.host, 80), wsgi_intercept._wsgi_intercept)
            server_id = boot(nova)
            self.assertEqual('ACTIVE', status(nova, server_id))
        self.assertNotIn((nova.host, 80), wsgi_intercept._wsgi_intercept)

    def test_nested_with_statements(self):
        with FakeNova() as one:
            with FakeNova() as two:
                boot(one)
                self.assertEqual([], two.servers())
            self.assertEqual(1, len(get(one, '/servers').json()['servers']))


# -- mounting modes ----------------------------------------------------------


class RequestsMockTest(testtools.TestCase):

    def test_mocker(self):
        with requests_mock.Mocker() as m:
            m.get('http://other.test/canned', json={'canned': True})
            nova = self.useFixture(FakeNova(requests_mock=m))
            server_id = boot(nova)
            self.assertEqual('ACTIVE', status(nova, server_id))
            self.assertEqual({'canned': True},
                             requests.get('http://other.test/canned').json())
            resp = get(nova, '/servers/missing')
            self.assertEqual(404, resp.status_code)
            self.assertEqual(404, resp.json()['itemNotFound']['code'])
            self.assertEqual(resp.headers['x-openstack-request-id'],
                             nova.calls[-1].request_id)

    def test_mocker_with_keystoneauth_and_novaclient(self):
        with requests_mock.Mocker() as m:
            nova = self.useFixture(FakeNova(requests_mock=m))
            server = nova.create_server()
            client = nova.novaclient()
            client.servers.pause(server['id'])
            self.assertEqual('PAUSED', nova.server(server['id'])['status'])

    def test_direct_adapter_matches_webob(self):
        # The fixture builds the environ itself; it must be the one
        # webob.Request.blank builds, and the answer the one
        # get_response reads.
        seen = []

        def app(environ, start_response):
            env = dict(environ)
            env['wsgi.input'] = environ['wsgi.input'].read()
            seen.append(env)
            start_response('418 I\'m a teapot', [
                ('Content-Type', 'application/json'), ('X-Odd', 'a b')])
            return [b'{"a"', b': 1}']

        requests_made = (
            ('GET', '/v2.1/servers?name=a%20b&x=%C3%A9', {}),
            ('POST', '/v2.1/servers/s/action',
             {'json': {'pause': None},
              'headers': {'X-Auth-Token': 'a:b',
                          'OpenStack-API-Version': 'compute 2.9',
                          'content-type': 'application/json'}}),
            ('PUT', '/v2.1/x', {'data': 'text'}),
            ('DELETE', '/v2.1/%7Ey', {'data': b''}),
            ('GET', '/', {}),
            ('GET', '?a=b', {}),
            ('PATCH', '/v2.1/x#frag', {'data': 'caf\xe9'}))
        answers = []
        for fast in (True, False):
            with requests_mock.Mocker() as m:
                if fast:
                    nova = FakeNova(requests_mock=m, host='x.test')
                    self.useFixture(nova)
                    nova._app = app  # (built at the first request otherwise)
                else:
                    nova.requests_mock = m
                    m.register_uri(requests_mock.ANY,
                                   re.compile('^http://x.test/'),
                                   content=_webob_callback(nova))
                for method, path, kwargs in requests_made:
                    resp = requests.request(
                        method, 'http://x.test' + path, **kwargs)
                    answers.append((resp.status_code, resp.reason,
                                    dict(resp.headers), resp.content))
        half = len(seen) // 2
        self.assertEqual(len(requests_made), half)
        for fast, slow in zip(seen[:half], seen[half:]):
            fast.pop('wsgi.errors')
            slow.pop('wsgi.errors')
            self.assertEqual(slow, fast)
        self.assertEqual(answers[half:], answers[:half])
        self.assertEqual((418, "I'm a teapot"), answers[0][:2])

    def test_adapter_on_a_session(self):
        adapter = requests_mock.Adapter()
        adapter.register_uri('GET', 'http://other.test/canned', text='hi')
        nova = self.useFixture(FakeNova(requests_mock=adapter))
        session = requests.Session()
        session.mount('http://', adapter)
        headers = _headers(nova)
        resp = session.post(nova.endpoint + '/servers', headers=headers,
                            data=json.dumps({'server': {
                                'name': 'vm', 'flavorRef': '1',
                                'imageRef': fixture.DEFAULT_IMAGE}}))
        self.assertEqual(202, resp.status_code)
        server_id = resp.json()['server']['id']
        resp = session.get(nova.endpoint + '/servers/' + server_id,
                           headers=headers)
        self.assertEqual('ACTIVE', resp.json()['server']['status'])
        self.assertEqual('hi', session.get('http://other.test/canned').text)
        self.assertEqual([server_id], [s['id'] for s in nova.servers()])


class InterceptTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.nova = self.useFixture(FakeNova())
        self.server = self.nova.create_server(name='seen')

    def test_http_client(self):
        conn = http.client.HTTPConnection(self.nova.host)
        conn.request('GET', '/v2.1/servers',
                     headers={'X-Auth-Token': self.nova.token()})
        resp = conn.getresponse()
        self.assertEqual(200, resp.status)
        body = json.loads(resp.read())
        self.assertEqual(['seen'], [s['name'] for s in body['servers']])
        conn.close()

    def test_urllib3(self):
        pool = urllib3.PoolManager()
        resp = pool.request('GET', self.nova.endpoint + '/servers',
                            headers={'X-Auth-Token': self.nova.token()})
        self.assertEqual(200, resp.status)
        self.assertEqual(['seen'], [s['name'] for s in
                                    json.loads(resp.data)['servers']])

    def test_httplib2(self):
        try:
            import httplib2
        except ImportError:
            self.skipTest('httplib2 is not installed')
        resp, content = httplib2.Http().request(
            self.nova.endpoint + '/servers',
            headers={'X-Auth-Token': self.nova.token()})
        self.assertEqual(200, resp.status)
        self.assertEqual(['seen'], [s['name'] for s in
                                    json.loads(content)['servers']])


# -- defaults, calls, reset --------------------------------------------------


class DefaultsTest(testtools.TestCase):

    def test_create_server_is_visible_to_session(self):
        nova = self.useFixture(FakeNova())
        server = nova.create_server()
        resp = nova.session().get(nova.endpoint + '/servers')
        self.assertEqual([server['id']],
                         [s['id'] for s in resp.json()['servers']])
        self.assertEqual(nova.project_id, server['tenant_id'])

    def test_other_project_does_not_see_it(self):
        nova = self.useFixture(FakeNova())
        nova.create_server()
        session = nova.session(project='another')
        resp = session.get(nova.endpoint + '/servers')
        self.assertEqual([], resp.json()['servers'])

    def test_admin_session(self):
        nova = self.useFixture(FakeNova())
        nova.create_server(project_id='someone-else')
        resp = nova.session(admin=True).get(
            nova.endpoint + '/servers?all_tenants=1')
        self.assertEqual(1, len(resp.json()['servers']))

    def test_catalog_token_points_at_endpoint(self):
        nova = self.useFixture(FakeNova())
        token = nova.catalog_token()
        compute = [s for s in token['token']['catalog']
                   if s['type'] == 'compute']
        self.assertEqual(1, len(compute))
        urls = {e['interface']: e['url'] for e in compute[0]['endpoints']}
        self.assertEqual(nova.endpoint, urls['public'])
        self.assertEqual({nova.endpoint}, set(urls.values()))
        self.assertEqual(nova.project_id, token.project_id)

    def test_bad_pacing(self):
        self.assertRaises(ValueError, FakeNova, pacing='slow')


class CallsTest(testtools.TestCase):

    def test_calls_record_the_request(self):
        nova = self.useFixture(FakeNova())
        server = nova.create_server()
        resp = action(nova, server['id'], {'pause': None}, version='2.73')
        self.assertEqual(202, resp.status_code)
        call = nova.calls[-1]
        self.assertEqual('POST', call.method)
        self.assertEqual('/v2.1/servers/%s/action' % server['id'], call.path)
        self.assertEqual('2.73', call.microversion)
        self.assertEqual({'pause': None}, call.body)
        self.assertEqual('pause', call.action)
        self.assertEqual(202, call.status)
        self.assertEqual(resp.headers['x-openstack-request-id'],
                         call.request_id)
        self.assertTrue(call.request_id.startswith('req-'))

    def test_calls_record_failures_and_queries(self):
        nova = self.useFixture(FakeNova())
        resp = get(nova, '/servers/detail?limit=1')
        self.assertEqual(200, resp.status_code)
        resp = action(nova, 'nope', {'pause': None})
        self.assertEqual(404, resp.status_code)
        first, second = nova.calls
        self.assertEqual('limit=1', first.query)
        self.assertIsNone(first.body)
        self.assertIsNone(first.action)
        self.assertEqual('pause', second.action)  # refused, still recorded
        self.assertEqual('2.1', first.microversion)
        self.assertEqual(404, second.status)
        self.assertEqual(resp.headers['x-openstack-request-id'],
                         second.request_id)


class ResetTest(testtools.TestCase):

    def test_reset_clears_everything(self):
        nova = self.useFixture(FakeNova())
        nova.create_server()
        boot(nova)
        nova.fail_next('pause', times=None)
        nova.delay(5, operation='show', times=None)
        nova.set_policy({PAUSE_RULE: '!'})
        self.assertTrue(nova.calls)
        nova.reset()
        self.assertEqual([], nova.servers())
        self.assertEqual([], nova.calls)
        self.assertEqual([], nova.store.faults.active())
        server_id = boot(nova)
        start = time.monotonic()
        self.assertEqual('ACTIVE', status(nova, server_id))
        self.assertLess(time.monotonic() - start, 1)
        self.assertEqual(202, action(nova, server_id, {'pause': None})
                         .status_code)
        self.assertEqual('PAUSED', status(nova, server_id))


class NovaOptionsTest(testtools.TestCase):

    def test_reclaim_instance_interval_makes_delete_soft(self):
        nova = self.useFixture(FakeNova(reclaim_instance_interval=3600))
        server_id = nova.create_server()['id']
        client = nova.novaclient()
        client.servers.delete(server_id)
        self.assertEqual('SOFT_DELETED', nova.server(server_id)['status'])
        client.servers.restore(server_id)
        self.assertEqual('ACTIVE', nova.server(server_id)['status'])
        nova.reset()
        server_id = nova.create_server()['id']
        client.servers.delete(server_id)
        self.assertEqual('SOFT_DELETED', nova.server(server_id)['status'])
        client.servers.force_delete(server_id)
        self.assertRaises(exception.ServerNotFound, nova.server,
                          server_id)

    def test_default_delete_is_immediate(self):
        nova = self.useFixture(FakeNova())
        server_id = nova.create_server()['id']
        nova.novaclient().servers.delete(server_id)
        self.assertRaises(exception.ServerNotFound, nova.server,
                          server_id)

    def test_shelved_offload_time(self):
        kept = self.useFixture(FakeNova(shelved_offload_time=-1))
        offloaded = self.useFixture(FakeNova())
        for nova, status in ((kept, 'SHELVED'),
                             (offloaded, 'SHELVED_OFFLOADED')):
            server_id = nova.create_server()['id']
            nova.novaclient().servers.shelve(server_id)
            self.assertEqual(status, nova.server(server_id)['status'])


# -- pacing ------------------------------------------------------------------


class PacingTest(testtools.TestCase):

    def test_polls(self):
        nova = self.useFixture(FakeNova(pacing='polls', polls=2))
        server_id = boot(nova)
        self.assertEqual(['BUILD', 'BUILD', 'ACTIVE', 'ACTIVE'],
                         [status(nova, server_id) for _ in range(4)])
        action(nova, server_id, {'reboot': {'type': 'HARD'}})
        self.assertEqual(['HARD_REBOOT', 'HARD_REBOOT', 'ACTIVE'],
                         [status(nova, server_id) for _ in range(3)])

    def test_manual(self):
        nova = self.useFixture(FakeNova(pacing='manual'))
        server_id = boot(nova)
        self.assertEqual(['BUILD'] * 5,
                         [status(nova, server_id) for _ in range(5)])
        self.assertEqual('ACTIVE', nova.complete(server_id)['status'])
        self.assertEqual('ACTIVE', status(nova, server_id))
        action(nova, server_id, {'os-stop': None})
        self.assertEqual('ACTIVE', status(nova, server_id))
        self.assertEqual('powering-off',
                         nova.server(server_id)['OS-EXT-STS:task_state'])
        nova.complete(server_id)
        self.assertEqual('SHUTOFF', status(nova, server_id))

    def test_manual_refuses_a_second_action_while_busy(self):
        nova = self.useFixture(FakeNova(pacing='manual'))
        server_id = boot(nova)
        resp = action(nova, server_id, {'pause': None})
        self.assertEqual(409, resp.status_code)
        self.assertIn('in vm_state building', resp.text)
        nova.complete(server_id)
        action(nova, server_id, {'os-stop': None})
        resp = action(nova, server_id, {'pause': None})
        self.assertEqual(409, resp.status_code)
        self.assertIn('in task_state powering-off', resp.text)


# -- faults ------------------------------------------------------------------


class FaultTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.nova = self.useFixture(FakeNova())
        self.a = self.nova.create_server(name='a')['id']
        self.b = self.nova.create_server(name='b')['id']

    def pause(self, server_id):
        return action(self.nova, server_id, {'pause': None})

    def unpause(self, server_id):
        return action(self.nova, server_id, {'unpause': None})

    def test_fail_next_server_id_and_times(self):
        self.nova.fail_next('pause', server_id=self.a, status=503,
                            message='cell down', times=2)
        self.assertEqual(202, self.pause(self.b).status_code)
        for _ in range(2):
            resp = self.pause(self.a)
            self.assertEqual(503, resp.status_code)
            (envelope,) = resp.json().values()
            self.assertEqual({'code': 503, 'message': 'cell down'}, envelope)
            self.assertEqual('ACTIVE', self.nova.server(self.a)['status'])
        self.assertEqual(202, self.pause(self.a).status_code)
        self.assertEqual('PAUSED', self.nova.server(self.a)['status'])
        self.assertEqual([], self.nova.store.faults.active())

    def test_fail_next_500_envelope(self):
        self.nova.fail_next('pause')
        resp = self.pause(self.a)
        self.assertEqual(500, resp.status_code)
        fault = resp.json()['computeFault']
        self.assertEqual(500, fault['code'])
        self.assertIn('Unexpected API Error', fault['message'])

    def test_fail_next_by_handler_name(self):
        self.nova.fail_next('show', status=404)
        self.assertEqual(404, get(self.nova, '/servers/' + self.a)
                         .status_code)
        self.assertEqual(200, get(self.nova, '/servers/' + self.a)
                         .status_code)

    def test_operations_are_named_by_id(self):
        # 'delete' used to name every handler called delete: a key pair's
        # delete failed too. An id names one operation.
        self.nova.add_keypair('k1')
        self.nova.fail_next('compute:servers:delete', status=409)
        session = self.nova.session()
        base = self.nova.endpoint
        self.assertEqual(202, session.delete(  # 204 from 2.2
            base + '/os-keypairs/k1', raise_exc=False).status_code)
        self.assertEqual(409, session.delete(
            base + '/servers/' + self.a, raise_exc=False).status_code)
        self.assertEqual(204, session.delete(
            base + '/servers/' + self.a, raise_exc=False).status_code)
        # The call log names what each request asked for.
        ops = [call.operation for call in self.nova.calls][-3:]
        self.assertEqual(['compute:keypairs:delete',
                          'compute:servers:delete',
                          'compute:servers:delete'], ops)
        self.nova.fail_next('compute:action:pause')
        self.assertEqual(500, self.pause(self.a).status_code)
        self.assertEqual('pause', self.nova.calls[-1].action)
        self.assertEqual('compute:action:pause',
                         self.nova.calls[-1].operation)

    def test_unknown_operations_are_refused(self):
        for name in ('paws', 'compute:servers:destroy', 'delete_all'):
            self.assertRaises(ValueError, self.nova.fail_next, name)
        self.assertEqual([], self.nova.store.faults.active())

    def test_error_next_fault_body(self):
        self.nova.error_next('reboot', server_id=self.a)
        self.assertEqual(202, action(self.nova, self.a, {
            'reboot': {'type': 'SOFT'}}).status_code)
        server = get(self.nova, '/servers/' + self.a).json()['server']
        self.assertEqual('ERROR', server['status'])
        fault = server['fault']
        self.assertTrue({'code', 'message', 'created'} <= set(fault))
        self.assertEqual(500, fault['code'])
        self.assertIn('reboot', fault['message'])
        # The other server and the next reboot are unaffected.
        self.assertEqual(202, action(self.nova, self.b, {
            'reboot': {'type': 'SOFT'}}).status_code)
        self.assertEqual('ACTIVE', self.nova.server(self.b)['status'])

    def test_delay_only_for_the_matching_action(self):
        self.nova.delay(0.2, operation='pause')
        start = time.monotonic()
        self.assertEqual(200, get(self.nova, '/servers/' + self.a)
                         .status_code)
        self.assertLess(time.monotonic() - start, 0.2)
        start = time.monotonic()
        self.assertEqual(202, self.pause(self.a).status_code)
        self.assertGreaterEqual(time.monotonic() - start, 0.2)
        start = time.monotonic()
        self.assertEqual(202, self.unpause(self.a).status_code)
        self.assertEqual(202, self.pause(self.b).status_code)
        self.assertLess(time.monotonic() - start, 0.2)


# -- policy ------------------------------------------------------------------


class PolicyTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        # oslo.policy logs a traceback for each unparsable check string.
        self.useFixture(fixtures.FakeLogger())

    def test_set_policy_denies_and_clear_restores(self):
        nova = self.useFixture(FakeNova())
        server = nova.create_server()
        nova.set_policy({PAUSE_RULE: 'role:admin'})
        resp = action(nova, server['id'], {'pause': None})
        self.assertEqual(403, resp.status_code)
        self.assertIn(PAUSE_RULE, resp.text)
        admin = nova.token(admin=True)
        self.assertEqual(202, action(nova, server['id'], {'pause': None},
                                     token=admin).status_code)
        nova.clear_policy()
        self.assertEqual(202, action(nova, server['id'], {'unpause': None})
                         .status_code)

    def test_bad_rule_raises_and_keeps_old_rules(self):
        nova = self.useFixture(FakeNova())
        server = nova.create_server()
        nova.set_policy({PAUSE_RULE: '!'})
        self.assertRaises(policy.InvalidRule, nova.set_policy,
                          {PAUSE_RULE: '@', 'os_compute_api:servers:show':
                           '(role:admin'})
        self.assertEqual(403, action(nova, server['id'], {'pause': None})
                         .status_code)
        self.assertEqual(200, get(nova, '/servers/' + server['id'])
                         .status_code)

    def test_inspection_does_not_pass_through_policy(self):
        nova = self.useFixture(FakeNova())
        server = nova.create_server()
        nova.set_policy({'os_compute_api:os-extended-server-attributes': '!',
                         'os_compute_api:servers:show': '!'})
        shown = nova.server(server['id'])
        self.assertEqual(server['OS-EXT-SRV-ATTR:host'],
                         shown['OS-EXT-SRV-ATTR:host'])
        self.assertIsNotNone(shown['OS-EXT-SRV-ATTR:host'])
        self.assertEqual([server['id']], [s['id'] for s in nova.servers()])
        # ... while the API itself answers as the policy says.
        self.assertEqual(403, get(nova, '/servers/' + server['id'])
                         .status_code)

    def test_bad_rule_on_a_fresh_fixture(self):
        nova = self.useFixture(FakeNova())
        server = nova.create_server()
        self.assertRaises(policy.InvalidRule, nova.set_policy,
                          {PAUSE_RULE: '(role:admin'})
        self.assertEqual(202, action(nova, server['id'], {'pause': None})
                         .status_code)


# -- seeding -----------------------------------------------------------------


class SeedingTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.nova = self.useFixture(FakeNova())

    def test_create_server_fields(self):
        seeded = self.nova.create_server(
            name='seeded', status='SHUTOFF', locked=True,
            metadata={'role': 'db'}, addresses={'net1': ['10.1.0.5']})
        self.assertEqual('SHUTOFF', seeded['status'])
        server = get(self.nova, '/servers/' + seeded['id'],
                     version='2.73').json()['server']
        self.assertEqual('SHUTOFF', server['status'])
        self.assertTrue(server['locked'])
        self.assertEqual({'role': 'db'}, server['metadata'])
        self.assertEqual(['10.1.0.5'],
                         [a['addr'] for a in server['addresses']['net1']])
        self.assertEqual(4, server['power_state']
                         if 'power_state' in server
                         else server['OS-EXT-STS:power_state'])
        # Nova's check_instance_lock: only an admin may act on a locked
        # server, whoever locked it.
        resp = action(self.nova, seeded['id'], {'os-start': None})
        self.assertEqual(409, resp.status_code)
        self.assertIn('locked', resp.text)

    def test_create_action_result_follows_the_seeded_state(self):
        client = self.nova.novaclient()
        for status, result in (('ACTIVE', 'Success'), ('ERROR', 'Error'),
                               ('BUILD', None)):
            server_id = self.nova.create_server(status=status)['id']
            (action_,) = client.instance_action.list(server_id)
            self.assertEqual('create', action_.action)
            detail = get(self.nova, '/servers/%s/os-instance-actions/%s' % (
                server_id, action_.request_id), version='2.51').json()
            self.assertEqual([result], [
                e['result'] for e in detail['instanceAction']['events']],
                status)

    def test_add_flavor(self):
        self.nova.add_flavor('42', name='m1.custom', vcpus=3, ram=3072)
        flavors = get(self.nova, '/flavors').json()['flavors']
        self.assertIn(('42', 'm1.custom'),
                      [(f['id'], f['name']) for f in flavors])
        flavor = get(self.nova, '/flavors/42').json()['flavor']
        self.assertEqual(3, flavor['vcpus'])
        self.assertEqual(3072, flavor['ram'])

    def test_add_private_flavor(self):
        # Flavor management: private, with the fixture's project on its
        # access list.
        self.nova.add_flavor('43', name='m1.mine', is_public=False,
                             projects=[self.nova.project_id],
                             extra_specs={'hw:cpu_policy': 'shared'})
        flavor = get(self.nova, '/flavors/43', version='2.61').json()[
            'flavor']
        self.assertEqual((False, {'hw:cpu_policy': 'shared'}),
                         (flavor['os-flavor-access:is_public'],
                          flavor['extra_specs']))
        other = self.nova.token(project='another-project')
        self.assertEqual(404, get(self.nova, '/flavors/43',
                                  token=other).status_code)

    def test_add_image_via_image_proxy(self):
        image = self.nova.add_image('my-image')
        images = get(self.nova, '/images', version='2.35').json()['images']
        self.assertIn((image.id, 'my-image'),
                      [(i['id'], i['name']) for i in images])
        self.assertEqual(404, get(self.nova, '/images', version='2.36')
                         .status_code)
        server_id = boot(self.nova)
        self.assertEqual(202, action(self.nova, server_id, {
            'rebuild': {'imageRef': image.id}}).status_code)
        self.assertEqual(image.id, self.nova.server(server_id)['image']['id'])

    def test_add_floating_ip_used_by_add_floating_ip(self):
        fip = self.nova.add_floating_ip(address='172.24.9.9')
        server = self.nova.create_server(addresses={'net1': ['10.1.0.5']})
        resp = action(self.nova, server['id'],
                      {'addFloatingIp': {'address': '172.24.9.9'}},
                      version='2.43')
        self.assertEqual(202, resp.status_code)
        addresses = self.nova.server(server['id'])['addresses']
        self.assertIn('172.24.9.9',
                      [a['addr'] for addrs in addresses.values()
                       for a in addrs])
        self.assertEqual(server['id'], fip.server_id)
        resp = action(self.nova, server['id'],
                      {'addFloatingIp': {'address': '172.24.9.9'}},
                      version='2.44')
        self.assertEqual(404, resp.status_code)

    def test_add_security_group(self):
        group = self.nova.add_security_group('web', description='http')
        groups = get(self.nova, '/os-security-groups', version='2.35').json()
        self.assertIn(group.id,
                      [g['id'] for g in groups['security_groups']])


_CHEAP_START = """
import json
import sys

from fakenova.fixture import FakeNova

fake = FakeNova()
fake.setUp()
deferred = sorted(name for name in sys.modules
                  if name.split('.')[0] in json.loads(sys.argv[1]))
import requests
resp = requests.get(fake.endpoint + '/servers',
                    headers={'X-Auth-Token': fake.token()})
fake.cleanUp()
print(json.dumps({'deferred': deferred, 'status': resp.status_code,
                  'servers': resp.json()['servers']}))
"""


class CheapStartTest(testtools.TestCase):
    """Importing the fixture and a setUp load none of the heavy parts.

    (issue 14: a test process pays for the compute API, the policy
    engine and the client libraries at its first request, or never.)
    A new interpreter, so that no other test has imported them.
    """

    DEFERRED = ('oslo_policy', 'oslo_config', 'oslo_middleware',
                'jsonschema', 'keystoneauth1', 'novaclient', 'openstack',
                'cryptography', 'routes', 'webob', 'yaml', 'netaddr')

    def test_setup_imports_little_and_serves(self):
        import os
        import subprocess
        import sys
        root = os.path.dirname(os.path.dirname(fixture.__file__))
        env = dict(os.environ, PYTHONPATH=root)
        out = subprocess.run(
            [sys.executable, '-c', _CHEAP_START, json.dumps(self.DEFERRED)],
            env=env, check=True, capture_output=True, text=True).stdout
        result = json.loads(out)
        self.assertEqual([], result['deferred'])
        # The app, built at the first request, serves it.
        self.assertEqual(200, result['status'])
        self.assertEqual([], result['servers'])
