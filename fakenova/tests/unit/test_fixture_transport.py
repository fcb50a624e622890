"""The fixture's default mount: requests callers served in-process.

``FakeNova()`` patches ``requests.adapters.HTTPAdapter.send`` so that a
request to its host is answered by its WSGI app (fakenova.transport),
and keeps wsgi-intercept for the other HTTP libraries;
``transport='wsgi-intercept'`` serves requests through wsgi-intercept.
"""

import datetime
import http.client
import io
import json
import re
from unittest import mock

import fixtures
import requests
from requests import adapters
import requests_mock
import testtools

from fakenova import fixture
from fakenova.fixture import FakeNova
from fakenova import transport

ORIGINAL_SEND = adapters.HTTPAdapter.send


def _headers(nova, **extra):
    headers = {'X-Auth-Token': nova.token(),
               'Content-Type': 'application/json'}
    headers.update(extra)
    return headers


def _server_body(name):
    return json.dumps({'server': {
        'name': name, 'flavorRef': fixture.DEFAULT_FLAVOR,
        'imageRef': fixture.DEFAULT_IMAGE, 'networks': 'none'}}).encode()


class _Spy(fixtures.Fixture):
    """Counts the requests the transport answers (and wraps ``send``)."""

    def _setUp(self):
        self.answered = []
        real = transport.respond

        def respond(adapter, request, app, stream=True):
            self.answered.append(request.url)
            return real(adapter, request, app, stream)
        self.useFixture(fixtures.MonkeyPatch(
            'fakenova.transport.respond', respond))


class DefaultMountTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.nova = self.useFixture(FakeNova())
        self.spy = self.useFixture(_Spy())

    def test_send_is_patched_while_mounted(self):
        self.assertIs(transport._send, adapters.HTTPAdapter.send)
        self.assertTrue(transport.installed())

    def test_requests(self):
        server = self.nova.create_server(name='seen')
        resp = requests.get(self.nova.endpoint + '/servers',
                            headers=_headers(self.nova))
        self.assertEqual(200, resp.status_code)
        self.assertEqual(['seen'], [s['name'] for s in
                                    resp.json()['servers']])
        self.assertEqual([self.nova.endpoint + '/servers'],
                         self.spy.answered)
        resp = requests.post(
            '%s/servers/%s/action' % (self.nova.endpoint, server['id']),
            json={'pause': None}, headers=_headers(self.nova))
        self.assertEqual(202, resp.status_code)
        self.assertEqual('PAUSED', self.nova.server(server['id'])['status'])
        self.assertEqual(2, len(self.spy.answered))

    def test_explicit_port_80_and_upper_case_host(self):
        self.nova.create_server(name='seen')
        for base in ('http://%s:80/v2.1' % self.nova.host,
                     'HTTP://%s/v2.1' % self.nova.host.upper()):
            resp = requests.get(base + '/servers',
                                headers=_headers(self.nova))
            self.assertEqual(200, resp.status_code, base)
            self.assertEqual(1, len(resp.json()['servers']))
        self.assertEqual(2, len(self.spy.answered))

    def test_keystoneauth_session(self):
        from keystoneauth1 import session as ks_session
        self.nova.create_server(name='seen')
        sess = self.nova.session()
        self.assertIsInstance(sess, ks_session.Session)
        resp = sess.get(self.nova.endpoint + '/servers')
        self.assertEqual(200, resp.status_code)
        self.assertEqual(['seen'], [s['name'] for s in
                                    resp.json()['servers']])
        # keystoneauth mounts its TCPKeepAliveAdapter (an HTTPAdapter).
        self.assertIsInstance(resp.connection, adapters.HTTPAdapter)
        self.assertEqual(1, len(self.spy.answered))
        # Errors come back as keystoneauth's exceptions, as from a server.
        from keystoneauth1 import exceptions as ks_exc
        self.assertRaises(ks_exc.NotFound, sess.get,
                          self.nova.endpoint + '/servers/missing')

    def test_openstacksdk_connection(self):
        server = self.nova.create_server(name='seen')
        conn = self.nova.connection()
        self.assertEqual(['seen'], [s.name for s in conn.compute.servers()])
        conn.compute.pause_server(server['id'])
        self.assertEqual('PAUSED', self.nova.server(server['id'])['status'])
        self.assertGreaterEqual(len(self.spy.answered), 2)

    def test_novaclient(self):
        server = self.nova.create_server(name='seen')
        client = self.nova.novaclient()
        self.assertEqual(['seen'], [s.name for s in client.servers.list()])
        client.servers.pause(server['id'])
        self.assertEqual('PAUSED', self.nova.server(server['id'])['status'])
        self.assertGreaterEqual(len(self.spy.answered), 2)

    def test_http_client_still_goes_through_wsgi_intercept(self):
        self.nova.create_server(name='seen')
        conn = http.client.HTTPConnection(self.nova.host)
        conn.request('GET', '/v2.1/servers',
                     headers={'X-Auth-Token': self.nova.token()})
        resp = conn.getresponse()
        self.assertEqual(200, resp.status)
        self.assertEqual(['seen'], [s['name'] for s in
                                    json.loads(resp.read())['servers']])
        conn.close()
        self.assertEqual([], self.spy.answered)

    def test_stream_and_iter_content(self):
        for i in range(3):
            self.nova.create_server(name='vm%d' % i)
        url = self.nova.endpoint + '/servers'
        whole = requests.get(url, headers=_headers(self.nova)).content
        resp = requests.get(url, headers=_headers(self.nova), stream=True)
        self.assertEqual(200, resp.status_code)
        chunks = list(resp.iter_content(chunk_size=7))
        self.assertGreater(len(chunks), 3)
        self.assertTrue(all(len(c) <= 7 for c in chunks))
        self.assertEqual(whole, b''.join(chunks))
        resp = requests.get(url, headers=_headers(self.nova), stream=True)
        self.assertEqual(whole[:10], resp.raw.read(10))
        self.assertEqual(whole[10:], resp.raw.read())
        self.assertEqual(b'', resp.raw.read())
        resp = requests.get(url, headers=_headers(self.nova), stream=True)
        self.assertEqual(json.loads(whole),
                         json.loads(b''.join(resp.iter_lines())))
        self.assertEqual(3, len(json.loads(whole)['servers']))

    def test_file_like_body(self):
        url = self.nova.endpoint + '/servers'
        resp = requests.post(url, data=io.BytesIO(_server_body('from-file')),
                             headers=_headers(self.nova,
                                              **{'OpenStack-API-Version':
                                                 'compute 2.37'}))
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual(['from-file'], [s['name'] for s in
                                         self.nova.servers()])
        text = io.StringIO(_server_body('from-text').decode())
        resp = requests.post(url, data=text, headers=_headers(
            self.nova, **{'OpenStack-API-Version': 'compute 2.37'}))
        self.assertEqual(202, resp.status_code, resp.text)

    def test_generator_body_is_sent_whole(self):
        body = _server_body('from-chunks')
        seen = []

        def chunks():
            for start in range(0, len(body), 10):
                yield body[start:start + 10]

        app = self.nova.app

        def spy_app(environ, start_response):
            seen.append((environ.get('CONTENT_LENGTH'),
                         environ.get('HTTP_TRANSFER_ENCODING')))
            return app(environ, start_response)
        self.nova._app = spy_app
        resp = requests.post(
            self.nova.endpoint + '/servers', data=chunks(),
            headers=_headers(self.nova,
                             **{'OpenStack-API-Version': 'compute 2.37'}))
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual('chunked',
                         resp.request.headers['Transfer-Encoding'])
        # As waitress hands a chunked body to its app: whole, with a length.
        self.assertEqual([(str(len(body)), None)], seen)
        self.assertEqual(['from-chunks'], [s['name'] for s in
                                           self.nova.servers()])

    def test_other_hosts_go_to_the_original_send(self):
        canned = requests.Response()
        canned.status_code = 204
        original = mock.Mock(return_value=canned)
        self.useFixture(fixtures.MonkeyPatch(
            'fakenova.transport._original_send', original))
        session = requests.Session()
        for url in ('http://other.test/x',
                    'http://%s:8080/v2.1/servers' % self.nova.host,
                    'https://%s/v2.1/servers' % self.nova.host,
                    'http://%s.other/v2.1' % self.nova.host):
            resp = session.get(url, timeout=3, verify=False)
            self.assertIs(canned, resp)
            adapter, request = original.call_args[0]
            self.assertIs(session.get_adapter(url), adapter)
            self.assertEqual(url, request.url)
            self.assertEqual(3, original.call_args[1]['timeout'])
            self.assertFalse(original.call_args[1]['verify'])
        self.assertEqual(4, original.call_count)
        self.assertEqual([], self.spy.answered)
        self.assertEqual([], list(self.nova.calls))

    def test_timeouts_proxies_verify_cert_are_ignored(self):
        resp = requests.get(
            self.nova.endpoint + '/servers', headers=_headers(self.nova),
            timeout=(0.001, 0.001), verify='/nonexistent/ca.pem',
            proxies={'http': 'http://proxy.invalid:3128'})
        self.assertEqual(200, resp.status_code)
        self.assertEqual(1, len(self.spy.answered))


class ResponseTest(testtools.TestCase):
    """The requests.Response is the one a server's answer would give."""

    def setUp(self):
        super().setUp()
        self.nova = self.useFixture(FakeNova())

    def test_fields(self):
        session = requests.Session()
        url = self.nova.endpoint + '/servers/missing'
        hooked = []
        resp = session.get(url, headers=_headers(self.nova),
                           hooks={'response': lambda r, **kw: hooked.append(
                               r.status_code)})
        self.assertEqual(404, resp.status_code)
        self.assertEqual('Not Found', resp.reason)
        self.assertIsInstance(resp.headers, requests.structures.
                              CaseInsensitiveDict)
        self.assertEqual('application/json; charset=UTF-8',
                         resp.headers['CONTENT-TYPE'])
        self.assertEqual(str(len(resp.content)),
                         resp.headers['content-length'])
        self.assertEqual(resp.headers['x-openstack-request-id'],
                         self.nova.calls[-1].request_id)
        self.assertEqual(url, resp.url)
        self.assertIsInstance(resp.request, requests.PreparedRequest)
        self.assertEqual('GET', resp.request.method)
        self.assertIs(session.get_adapter(url), resp.connection)
        self.assertIsInstance(resp.elapsed, datetime.timedelta)
        self.assertEqual(404, resp.json()['itemNotFound']['code'])
        self.assertEqual([404], hooked)
        self.assertFalse(resp.ok)
        self.assertRaises(requests.HTTPError, resp.raise_for_status)
        self.assertEqual(b'', resp.raw.read())  # consumed, as from a socket

    def test_encoding_from_headers(self):
        def app(environ, start_response):
            start_response('200 OK', [
                ('Content-Type', 'text/plain; charset=latin-1')])
            return ['caf\xe9'.encode('latin-1')]
        self.nova._app = app
        resp = requests.get(self.nova.endpoint)
        self.assertEqual('latin-1', resp.encoding)
        self.assertEqual('caf\xe9', resp.text)

    def test_content_encoding_is_decoded_as_read(self):
        import gzip
        packed = gzip.compress(b'{"a": 1}')

        def app(environ, start_response):
            start_response('200 OK', [
                ('Content-Type', 'application/json'),
                ('Content-Encoding', 'gzip'),
                ('Content-Length', str(len(packed)))])
            return [packed]
        self.nova._app = app
        self.assertEqual({'a': 1}, requests.get(self.nova.endpoint).json())
        resp = requests.get(self.nova.endpoint, stream=True)
        self.assertEqual(packed, resp.raw.read())
        resp = requests.get(self.nova.endpoint, stream=True)
        self.assertEqual(b'{"a": 1}', b''.join(resp.iter_content(3)))

    def test_cookies_redirects_and_head(self):
        requests_seen = []

        def app(environ, start_response):
            path = environ['PATH_INFO']
            requests_seen.append((environ['REQUEST_METHOD'], path,
                                  environ.get('HTTP_COOKIE')))
            if path == '/start':
                start_response('302 Found', [
                    ('Location', '/end'), ('Set-Cookie', 'a=1; Path=/'),
                    ('Set-Cookie', 'b=2; Path=/'), ('Content-Length', '0')])
                return []
            start_response('200 OK', [('Content-Type', 'text/plain'),
                                      ('Content-Length', '4')])
            return [b'done']
        self.nova._app = app
        session = requests.Session()
        base = 'http://%s' % self.nova.host
        resp = session.get(base + '/start')
        self.assertEqual(200, resp.status_code)
        self.assertEqual('done', resp.text)
        self.assertEqual(base + '/end', resp.url)
        self.assertEqual([302], [r.status_code for r in resp.history])
        self.assertEqual({'a': '1', 'b': '2'},
                         resp.history[0].cookies.get_dict())
        self.assertEqual({'a': '1', 'b': '2'}, session.cookies.get_dict())
        self.assertEqual(('GET', '/end'), requests_seen[1][:2])
        self.assertIn('a=1', requests_seen[1][2])
        resp = session.head(base + '/end')
        self.assertEqual(200, resp.status_code)
        self.assertEqual(b'', resp.content)
        self.assertEqual('4', resp.headers['Content-Length'])

    def test_same_answers_as_wsgi_intercept(self):
        other = self.useFixture(FakeNova(transport='wsgi-intercept'))
        answers = []
        for nova in (self.nova, other):
            server = nova.create_server(name='vm', id='a' * 8 + '-' + 'b' * 4
                                        + '-' + 'c' * 4 + '-' + 'd' * 4 + '-'
                                        + 'e' * 12)
            headers = _headers(nova, **{'X-OpenStack-Request-Id':
                                        'req-' + '0' * 8 + '-' + '0' * 4 +
                                        '-' + '0' * 4 + '-' + '0' * 4 + '-'
                                        + '0' * 12})
            got = []
            for method, path, body in (
                    ('GET', '/servers/%s' % server['id'], None),
                    ('GET', '/servers?name=vm&limit=1', None),
                    ('POST', '/servers/%s/action' % server['id'],
                     {'pause': None}),
                    ('POST', '/servers/%s/action' % server['id'],
                     {'pause': None}),
                    ('GET', '/servers/missing', None),
                    ('DELETE', '/servers/%s' % server['id'], None),
                    ('GET', '', None)):
                resp = requests.request(method, nova.endpoint + path,
                                        json=body, headers=headers)
                text = resp.text.replace(nova.endpoint, 'ENDPOINT')
                text = text.replace(nova.host, 'HOST')
                text = re.sub(r'\d{4}-\d\d-\d\dT[\d:.]+Z?', 'TIME', text)
                got.append((resp.status_code, resp.reason,
                            sorted(k.lower() for k in resp.headers),
                            resp.encoding, text))
            answers.append(got)
        self.assertEqual(answers[1], answers[0])


class MountsTest(testtools.TestCase):

    def test_two_fakes_each_get_their_own_requests(self):
        one = self.useFixture(FakeNova())
        two = self.useFixture(FakeNova())
        one.create_server(name='one')
        two.create_server(name='two')
        for nova, name in ((one, 'one'), (two, 'two')):
            resp = requests.get(nova.endpoint + '/servers',
                                headers=_headers(nova))
            self.assertEqual([name], [s['name'] for s in
                                      resp.json()['servers']])
        self.assertEqual(1, len(one.calls))
        self.assertEqual(1, len(two.calls))

    def test_cleanup_restores_send(self):
        self.assertIs(ORIGINAL_SEND, adapters.HTTPAdapter.send)
        one = FakeNova()
        two = FakeNova()
        one.setUp()
        two.setUp()
        self.assertIs(transport._send, adapters.HTTPAdapter.send)
        one.cleanUp()
        self.assertIs(transport._send, adapters.HTTPAdapter.send)
        resp = requests.get(two.endpoint + '/servers',
                            headers=_headers(two))
        self.assertEqual(200, resp.status_code)
        two.cleanUp()
        self.assertIs(ORIGINAL_SEND, adapters.HTTPAdapter.send)
        self.assertFalse(transport.installed())
        self.assertEqual({}, transport._apps)
        with FakeNova() as three:
            self.assertIs(transport._send, adapters.HTTPAdapter.send)
            self.assertEqual(200, requests.get(
                three.endpoint + '/servers',
                headers=_headers(three)).status_code)
        self.assertIs(ORIGINAL_SEND, adapters.HTTPAdapter.send)

    def test_a_removed_fake_is_not_answered(self):
        import wsgi_intercept
        keep = self.useFixture(FakeNova())
        gone = FakeNova()
        gone.setUp()
        host = gone.host
        gone.cleanUp()
        self.assertIs(transport._send, adapters.HTTPAdapter.send)
        self.assertNotIn((host, 80), wsgi_intercept._wsgi_intercept)
        original = mock.Mock(side_effect=requests.ConnectionError('no'))
        self.useFixture(fixtures.MonkeyPatch(
            'fakenova.transport._original_send', original))
        self.assertRaises(requests.ConnectionError, requests.get,
                          'http://%s/v2.1/servers' % host)
        self.assertEqual(1, original.call_count)
        self.assertEqual([], list(keep.calls))

    def test_force_wsgi_intercept(self):
        import wsgi_intercept
        nova = self.useFixture(FakeNova(transport='wsgi-intercept'))
        spy = self.useFixture(_Spy())
        self.assertIs(ORIGINAL_SEND, adapters.HTTPAdapter.send)
        self.assertIn((nova.host, 80), wsgi_intercept._wsgi_intercept)
        nova.create_server(name='seen')
        resp = requests.get(nova.endpoint + '/servers',
                            headers=_headers(nova))
        self.assertEqual(['seen'], [s['name'] for s in
                                    resp.json()['servers']])
        self.assertEqual([], spy.answered)
        # A default mount beside it leaves it on wsgi-intercept.
        other = self.useFixture(FakeNova())
        self.assertEqual(200, requests.get(
            nova.endpoint + '/servers', headers=_headers(nova)).status_code)
        self.assertEqual(200, requests.get(
            other.endpoint + '/servers',
            headers=_headers(other)).status_code)
        self.assertEqual([other.endpoint + '/servers'], spy.answered)

    def test_threads(self):
        import threading
        nova = self.useFixture(FakeNova())
        servers = [nova.create_server(name='vm%d' % i)['id']
                   for i in range(4)]
        errors = []

        def work(server_id):
            session = requests.Session()
            url = '%s/servers/%s/action' % (nova.endpoint, server_id)
            for _ in range(10):
                for action in ('pause', 'unpause'):
                    resp = session.post(url, json={action: None},
                                        headers=_headers(nova))
                    if resp.status_code != 202:
                        errors.append(resp.text)
        threads = [threading.Thread(target=work, args=(s,))
                   for s in servers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual([], errors)
        self.assertEqual(80, len(nova.calls))
        self.assertEqual({'ACTIVE'}, {nova.server(s)['status']
                                      for s in servers})

    def test_bad_transport(self):
        self.assertRaises(ValueError, FakeNova, transport='sockets')

    def test_requests_mock_mode_leaves_send_alone(self):
        with requests_mock.Mocker() as m:
            nova = self.useFixture(FakeNova(requests_mock=m))
            self.assertIs(ORIGINAL_SEND, adapters.HTTPAdapter.send)
            resp = requests.get(nova.endpoint + '/servers',
                                headers=_headers(nova))
            self.assertEqual(200, resp.status_code)
            self.assertEqual(1, m.call_count)
            self.assertIs(m._adapter, resp.connection)
            self.assertIsInstance(resp.request, requests.PreparedRequest)
            resp = requests.get(nova.endpoint + '/servers', stream=True,
                                headers=_headers(nova))
            self.assertEqual(b'{"servers": []}', resp.raw.read())
            # Another host of the same name's prefix is not the fake's.
            self.assertRaises(requests_mock.NoMockAddress, requests.get,
                              'http://%s.other/v2.1' % nova.host)
            self.assertRaises(requests_mock.NoMockAddress, requests.get,
                              'https://%s/v2.1' % nova.host)


class EnvironTest(testtools.TestCase):
    """transport.environ: the environ webob.Request.blank builds."""

    def test_matches_webob(self):
        import webob
        for url, headers, body in (
                ('http://h.test/a/b?x=1&y=%20', {'X-A': 'b'}, None),
                ('http://h.test:8080/%7Ea%20b', {}, b'xyz'),
                ('https://h.test/v?', {'Content-Type': 'text/plain'},
                 b''),
                ('http://h.test', {'Host': 'other:1'}, None)):
            env = transport.environ('PUT', url, headers, body)
            req = webob.Request.blank(url, method='PUT', headers=headers)
            if body is not None:
                req.body = body
            expected = dict(req.environ)
            for env_ in (env, expected):
                env_['wsgi.input'] = env_['wsgi.input'].read()
                env_.pop('wsgi.errors')
            self.assertEqual(expected, env, url)

    def test_user_info_is_not_the_host(self):
        env = transport.environ('GET', 'https://u:p@h.test/v#f', {}, None)
        self.assertEqual(('h.test', '443', 'h.test:443', '/v', ''), (
            env['SERVER_NAME'], env['SERVER_PORT'], env['HTTP_HOST'],
            env['PATH_INFO'], env['QUERY_STRING']))

    def test_bodies(self):
        self.assertIsNone(transport.read_body(None))
        self.assertEqual(b'ab', transport.read_body(b'ab'))
        self.assertEqual(b'caf\xc3\xa9', transport.read_body('caf\xe9'))
        self.assertEqual(b'ab', transport.read_body(bytearray(b'ab')))
        self.assertEqual(b'x' * 200000,
                         transport.read_body(io.BytesIO(b'x' * 200000)))
        self.assertEqual(b'caf\xc3\xa9',
                         transport.read_body(io.StringIO('caf\xe9')))
        self.assertEqual(b'abc', transport.read_body(
            iter([b'a', 'b', bytearray(b'c')])))

    def test_bytes_header_values(self):
        env = transport.environ('GET', 'http://h.test/', {
            b'X-Bytes': b'caf\xe9', 'X-Int': 3}, None)
        self.assertEqual('caf\xe9', env['HTTP_X_BYTES'])
        self.assertEqual('3', env['HTTP_X_INT'])

    def test_call_status_without_reason(self):
        def app(environ, start_response):
            start_response('202', [])
            yield b'a'
            yield b'b'
        self.assertEqual((202, 'Accepted', [], b'ab'), transport.call(
            app, transport.environ('GET', 'http://h.test/', {}, None)))
