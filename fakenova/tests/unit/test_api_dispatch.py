"""Routing, version documents, microversions, action dispatch, auth."""

import io

import webob

from fakenova.tests.unit import base

NOT_ACCEPTABLE = ('Version 2.105 is not supported by the API. Minimum is '
                  '2.1 and maximum is 2.104.')
BAD_FORMAT = ('API Version String 2.01 is of invalid format. Must be of '
              'format MajorNum.MinorNum.')
UNKNOWN_UUID = '11111111-2222-3333-4444-555555555555'


class TestVersionDocuments(base.APITestCase):

    def test_root_version_list(self):
        resp = self.get('/', token=None)
        self.assertEqual(200, resp.status, resp.body)
        versions = {v['id']: v for v in resp.json['versions']}
        self.assertEqual(['v2.0', 'v2.1'],
                         [v['id'] for v in resp.json['versions']])
        self.assertEqual('DEPRECATED', versions['v2.0']['status'])
        self.assertEqual('', versions['v2.0']['version'])
        self.assertEqual('CURRENT', versions['v2.1']['status'])
        self.assertEqual('2.104', versions['v2.1']['version'])
        self.assertEqual('2.1', versions['v2.1']['min_version'])
        self.assertEqual([{'rel': 'self',
                           'href': 'http://localhost/v2.1/'}],
                         versions['v2.1']['links'])
        # The root is not microversioned.
        self.assertNotIn('OpenStack-API-Version', resp.headers)

    def test_v21_document_without_token(self):
        resp = self.get('/v2.1/', token=None)
        self.assertEqual(200, resp.status, resp.body)
        version = resp.json['version']
        self.assertEqual('v2.1', version['id'])
        self.assertEqual('CURRENT', version['status'])
        self.assertEqual('2.104', version['version'])
        self.assertEqual('2.1', version['min_version'])
        self.assertIn({'rel': 'self', 'href': 'http://localhost/v2.1/'},
                      version['links'])

    def test_v21_without_slash_redirects(self):
        resp = self.get('/v2.1', token=None)
        self.assertEqual(302, resp.status)
        self.assertEqual('http://localhost/v2.1/', resp.headers['Location'])


class TestMicroversions(base.APITestCase):

    def _assert_version_headers(self, resp, text):
        self.assertEqual('compute ' + text,
                         resp.headers['OpenStack-API-Version'])
        self.assertEqual(text, resp.headers['X-OpenStack-Nova-API-Version'])
        vary = resp.headers.getall('Vary')
        vary = [v.strip() for value in vary for v in value.split(',')]
        self.assertIn('OpenStack-API-Version', vary)
        self.assertIn('X-OpenStack-Nova-API-Version', vary)

    def test_default_is_2_1(self):
        self._assert_version_headers(self.get('/v2.1/servers'), '2.1')

    def test_echoed_on_success(self):
        resp = self.get('/v2.1/servers', version='2.53')
        self.assertEqual(200, resp.status)
        self._assert_version_headers(resp, '2.53')

    def test_echoed_on_error(self):
        resp = self.get('/v2.1/servers/%s' % UNKNOWN_UUID, version='2.60')
        self.assertFault(resp, 404)
        self._assert_version_headers(resp, '2.60')

    def test_latest(self):
        resp = self.get('/v2.1/servers', version='latest')
        self._assert_version_headers(resp, '2.104')

    def test_legacy_header(self):
        resp = self.get('/v2.1/servers',
                        headers={'X-OpenStack-Nova-API-Version': '2.19'})
        self._assert_version_headers(resp, '2.19')
        server_id = self.create_server()
        resp = self.get('/v2.1/servers/%s' % server_id,
                        headers={'X-OpenStack-Nova-API-Version': '2.19'})
        self.assertIn('description', resp.json['server'])

    def test_standard_header_wins(self):
        resp = self.get('/v2.1/servers', version='2.30',
                        headers={'X-OpenStack-Nova-API-Version': '2.19'})
        self._assert_version_headers(resp, '2.30')

    def test_invalid_format(self):
        resp = self.get('/v2.1/servers', version='2.01')
        self.assertFault(resp, 400, BAD_FORMAT)

    def test_out_of_range(self):
        resp = self.get('/v2.1/servers', version='2.105')
        self.assertEqual(406, resp.status)
        self.assertEqual({'computeFault': {'code': 406,
                                           'message': NOT_ACCEPTABLE}},
                         resp.json)
        self._assert_version_headers(resp, '2.105')

    def test_request_ids(self):
        for resp in (self.get('/v2.1/servers'),
                     self.get('/v2.1/servers/%s' % UNKNOWN_UUID)):
            req_id = resp.headers['x-openstack-request-id']
            self.assertTrue(req_id.startswith('req-'), req_id)
            self.assertEqual(req_id, resp.headers['x-compute-request-id'])

    def test_request_ids_differ_between_requests(self):
        one = self.get('/v2.1/servers').headers['x-openstack-request-id']
        two = self.get('/v2.1/servers').headers['x-openstack-request-id']
        self.assertNotEqual(one, two)


class TestActionDispatch(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.server_id = self.create_server()
        self.path = '/v2.1/servers/%s/action' % self.server_id

    def test_empty_body(self):
        resp = self.post(self.path, raw=b'')
        self.assertFault(resp, 400, 'Malformed request body')

    def test_malformed_json(self):
        resp = self.post(self.path, raw=b'{"pause": ')
        self.assertFault(resp, 400, 'Malformed request body')

    def test_no_keys(self):
        self.assertFault(self.action(self.server_id, {}), 400,
                         'Malformed request body')

    def test_two_keys(self):
        resp = self.action(self.server_id, {'pause': None, 'unpause': None})
        self.assertFault(resp, 400, 'Malformed request body')

    def test_unknown_action(self):
        resp = self.action(self.server_id, {'foo': None})
        self.assertFault(resp, 400, 'There is no such action: foo')

    def test_list_body(self):
        resp = self.action(self.server_id, [{'pause': None}])
        self.assertFault(resp, 404)

    def test_bodies_that_are_not_objects(self):
        # Asked of the oracle: Nova counts the body's items first, so a
        # list or string of other than one item is malformed; the rest
        # is not found. Nothing changes either way.
        for raw, code in ((b'[]', 400), (b'"pause"', 400),
                          (b'["pause", "x"]', 400), (b'["pause"]', 404),
                          (b'"x"', 404), (b'1', 404), (b'null', 404),
                          (b'true', 404), (b'1.5', 404)):
            resp = self.post(self.path, raw=raw)
            self.assertEqual(code, resp.status, raw)
            if code == 400:
                self.assertFault(resp, 400, 'Malformed request body')
        self.assertEqual('ACTIVE', self.show(self.server_id)['status'])

    def test_byte_order_mark_and_utf16_are_malformed(self):
        # JSON is read as UTF-8, strictly (oslo.serialization's way).
        for raw in ('\ufeff{"pause": null}'.encode('utf-8'),
                    '{"pause": null}'.encode('utf-16'),
                    '{"pause": null}'.encode('utf-32')):
            self.assertFault(self.post(self.path, raw=raw), 400,
                             'Malformed request body')
        self.assertEqual('ACTIVE', self.show(self.server_id)['status'])

    def test_content_type_is_compared_as_sent(self):
        for content_type in ('Application/JSON', 'TEXT/PLAIN'):
            resp = self.post(self.path, {'pause': None},
                             content_type=content_type)
            self.assertFault(resp, 415, 'Unsupported Content-Type')
        resp = self.post(self.path, {'pause': None},
                         content_type='application/json; charset=latin-1')
        self.assertEqual(202, resp.status, resp.body)

    def test_removed_action_is_404(self):
        resp = self.action(self.server_id,
                           {'addFloatingIp': {'address': '10.0.0.1'}},
                           version='2.44')
        self.assertFault(resp, 404, 'The resource could not be found.')

    def test_known_action(self):
        self.assertEqual(202,
                         self.action(self.server_id, {'pause': None}).status)

    def test_xml_content_type(self):
        resp = self.post(self.path, {'pause': None},
                         content_type='text/xml')
        self.assertFault(resp, 415, 'Unsupported Content-Type')

    def test_text_plain_accepted(self):
        resp = self.post(self.path, {'pause': None},
                         content_type='text/plain')
        self.assertEqual(202, resp.status, resp.body)

    def test_no_content_type_accepted(self):
        resp = self.post(self.path, {'pause': None}, content_type='')
        self.assertEqual(202, resp.status, resp.body)

    def test_vnd_content_type_accepted(self):
        resp = self.post(self.path, {'pause': None},
                         content_type='application/vnd.openstack.compute'
                                      '+json')
        self.assertEqual(202, resp.status, resp.body)

    def test_xml_content_type_on_create(self):
        resp = self.post('/v2.1/servers', {'server': {}},
                         content_type='text/xml')
        self.assertFault(resp, 415, 'Unsupported Content-Type')

    def test_unknown_server_uuid(self):
        resp = self.action(UNKNOWN_UUID, {'pause': None})
        self.assertFault(resp, 404,
                         'Instance %s could not be found.' % UNKNOWN_UUID)

    def test_unknown_server_non_uuid(self):
        resp = self.action('not-a-uuid', {'pause': None})
        self.assertFault(resp, 404)
        self.assertFault(self.get('/v2.1/servers/not-a-uuid'), 404)

    def test_other_project_gets_404(self):
        resp = self.action(self.server_id, {'pause': None}, token=base.ALT)
        self.assertFault(resp, 404)


class TestRouting(base.APITestCase):

    def assertWebobError(self, resp, code, title):
        # Nova's routes did not match (or noauth2 refused): webob's own
        # page, HTML for */* (what clients send), JSON when asked for,
        # text without an Accept header (asked of the oracle).
        self.assertEqual(code, resp.status)
        self.assertEqual('text/html; charset=UTF-8',
                         resp.headers['Content-Type'])
        self.assertIn('<title>%d %s</title>' % (code, title), resp.text)

    def test_wrong_method(self):
        # Nova matches path and method together: webob's 404, not a 405.
        for method, path in (('PATCH', '/v2.1/servers'),
                             ('PUT', '/v2.1/servers/x/action'),
                             ('DELETE', '/v2.1/os-keypairs')):
            self.assertWebobError(self.request(
                method, path, headers={'Accept': '*/*'}), 404, 'Not Found')
        resp = self.request('PATCH', '/v2.1/servers',
                            headers={'Accept': 'application/json'})
        self.assertEqual({'code': '404 Not Found', 'title': 'Not Found',
                          'message': 'The resource could not be found.'
                                     '<br /><br />\n\n\n'}, resp.json)

    def test_unknown_path(self):
        self.assertWebobError(self.get('/v2.1/nothing-here',
                                       headers={'Accept': '*/*'}),
                              404, 'Not Found')
        resp = self.get('/v2.1/nothing-here')
        self.assertEqual('text/plain; charset=UTF-8',
                         resp.headers['Content-Type'])
        self.assertTrue(resp.text.startswith('404 Not Found'))

    def test_no_token(self):
        # noauth2 refuses with webob's 401, as Nova's filter does.
        resp = self.get('/v2.1/servers', token=None,
                        headers={'Accept': '*/*'})
        self.assertWebobError(resp, 401, 'Unauthorized')
        resp = self.get('/v2.1/servers', token=None,
                        headers={'Accept': 'application/json'})
        self.assertEqual(('401 Unauthorized', 'Unauthorized'),
                         (resp.json['code'], resp.json['title']))

    def test_removed_apis_are_gone(self):
        # What Nova 34 answers (asked of the oracle): 410 at every
        # microversion, before any lookup or policy; without a token 401.
        gone = {'computeFault': {'code': 410, 'message': (
            'This resource is no longer available. No forwarding address '
            'is given.')}}
        for method, path in (
                ('GET', '/os-agents'), ('POST', '/os-cells'),
                ('GET', '/os-certificates/x'), ('GET', '/os-fping'),
                ('GET', '/os-fixed-ips/10.0.0.3'),
                ('POST', '/os-security-group-default-rules'),
                ('GET', '/servers/nope/os-virtual-interfaces'),
                ('GET', '/servers/nope/consoles')):
            for version in (None, 'latest'):
                resp = self.request(method, '/v2.1' + path, version=version)
                self.assertEqual(410, resp.status, path)
                self.assertEqual(gone, resp.json)
            self.assertEqual(401, self.request(method, '/v2.1' + path,
                                               token=None).status)

    def test_the_v2_document(self):
        # GET / advertises /v2/; it is the v2.0 document there.
        resp = self.get('/v2/', token=None)
        self.assertEqual(200, resp.status)
        version = resp.json['version']
        self.assertEqual(('v2.0', 'DEPRECATED'),
                         (version['id'], version['status']))
        self.assertEqual('http://localhost/v2/', version['links'][0]['href'])
        self.assertEqual([{'base': 'application/json',
                           'type': 'application/vnd.openstack.compute+json;'
                                   'version=2'}], version['media-types'])
        self.assertEqual(resp.json, self.get('/v2', token=None).json)

    def test_without_credentials_401_comes_first(self):
        # As keystonemiddleware answers before Nova routes anything: an
        # unknown path, a wrong method or a bad version are 401 too, and
        # only the public version document is served. None is recorded.
        before = self.cloud.calls.total
        for method, path, version in (
                ('GET', '/v2.1/nothing-here', None),
                ('PATCH', '/v2.1/servers', None),
                ('GET', '/v2.1/servers', '2.999'),
                ('POST', '/v2.1/', None)):
            resp = self.request(method, path, token=None, version=version)
            self.assertEqual(401, resp.status, (method, path))
        self.assertEqual(before, self.cloud.calls.total)
        self.assertEqual(200, self.get('/v2.1/', token=None).status)

    def test_oversized_body(self):
        server_id = self.create_server()
        raw = b'{"pause": "%s"}' % (b'x' * 114688)
        req = webob.Request.blank('/v2.1/servers/%s/action' % server_id,
                                  method='POST', body=raw,
                                  content_type='application/json')
        req.headers['X-Auth-Token'] = base.OWNER
        resp = req.get_response(self.app)
        # oslo.middleware's sizelimit answers before the API (as in Nova)
        # with its own (non-JSON) 413 when Content-Length is too big.
        self.assertEqual(413, resp.status_int)

    def test_oversized_chunked_body(self):
        server_id = self.create_server()
        raw = b'{"pause": "%s"}' % (b'x' * 114688)
        req = webob.Request.blank('/v2.1/servers/%s/action' % server_id,
                                  method='POST',
                                  content_type='application/json')
        req.headers['X-Auth-Token'] = base.OWNER
        req.environ['wsgi.input'] = io.BytesIO(raw)
        req.environ.pop('CONTENT_LENGTH', None)
        req.environ['HTTP_TRANSFER_ENCODING'] = 'chunked'
        req.environ['wsgi.input_terminated'] = True
        resp = base.Response(req.get_response(self.app))
        self.assertFault(resp, 413)

    def test_body_at_the_limit_is_read(self):
        server_id = self.create_server()
        raw = b'{"foo": "%s"}' % (b'x' * (114688 - 11))
        self.assertEqual(114688, len(raw))
        resp = self.post('/v2.1/servers/%s/action' % server_id, raw=raw)
        self.assertFault(resp, 400, 'There is no such action: foo')


class TestKeystonePipeline(base.APITestCase):

    app_name = 'keystone'

    def _headers(self, user='u1', project='0a1b2c3d', roles='member,reader'):
        headers = {'X-Project-Id': project, 'X-Roles': roles}
        if user:
            headers['X-User-Id'] = user
        return headers

    def _create(self, headers):
        return self.post('/v2.1/servers',
                         {'server': {'name': 'vm', 'imageRef': base.IMAGE,
                                     'flavorRef': '1'}},
                         token=None, headers=headers)

    def test_member_acts_on_own_project(self):
        headers = self._headers()
        resp = self._create(headers)
        self.assertEqual(202, resp.status, resp.body)
        server_id = resp.json['server']['id']
        server = self.get('/v2.1/servers/%s' % server_id, token=None,
                          headers=headers).json['server']
        self.assertEqual('0a1b2c3d', server['tenant_id'])
        self.assertEqual('u1', server['user_id'])
        self.assertNotIn('OS-EXT-SRV-ATTR:host', server)
        resp = self.action(server_id, {'pause': None}, token=None,
                           headers=headers)
        self.assertEqual(202, resp.status, resp.body)

    def test_member_cannot_see_other_project(self):
        server_id = self._create(self._headers()).json['server']['id']
        resp = self.get('/v2.1/servers/%s' % server_id, token=None,
                        headers=self._headers(project='9f8e7d6c'))
        self.assertFault(resp, 404)

    def test_admin_role(self):
        server_id = self._create(self._headers()).json['server']['id']
        admin = self._headers(user='boss', project='adadadad',
                              roles='admin,member,reader')
        server = self.get('/v2.1/servers/%s' % server_id, token=None,
                          headers=admin).json['server']
        self.assertIn('OS-EXT-SRV-ATTR:host', server)
        resp = self.get('/v2.1/servers?all_tenants=1', token=None,
                        headers=admin)
        self.assertEqual([server_id], [s['id'] for s in
                                       resp.json['servers']])

    def test_no_user_id(self):
        resp = self.get('/v2.1/servers', token=None,
                        headers=self._headers(user=None))
        # keystonemiddleware's refusal, in front of Nova.
        self.assertEqual(401, resp.status)
        self.assertEqual({'error': {
            'code': 401, 'title': 'Unauthorized',
            'message': 'The request you have made requires '
                       'authentication.'}}, resp.json)
        self.assertEqual("Keystone uri='http://127.0.0.1/identity'",
                         resp.headers['WWW-Authenticate'])

    def test_version_document_public(self):
        resp = self.get('/v2.1/', token=None)
        self.assertEqual(200, resp.status)
