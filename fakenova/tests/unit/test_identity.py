"""The fake keystone (/identity) of the cloud app.

Loaded in-process from etc/api-paste.ini's ``[composite:cloud]`` (what
``fakenova-api`` serves), so the compute API at /v2.1 accepts the tokens
issued here (the image service's tests, which log in here, are in
test_image_service).
"""

import datetime

from fakenova.identity import model as identity_mod
from fakenova.tests.unit import base

HOST = 'http://cloud.test'
TOKENS = '/identity/v3/auth/tokens'


def password_auth(user='demo', password=None, project=None, by_id=False,
                  domain=True, project_by_id=False):
    user_spec = {'password': user if password is None else password}
    if by_id:
        user_spec['id'] = identity_mod.stable_id('user', user)
    else:
        user_spec['name'] = user
        if domain:
            user_spec['domain'] = {'name': 'Default'}
    body = {'auth': {'identity': {'methods': ['password'],
                                  'password': {'user': user_spec}}}}
    if project is not None:
        if project_by_id:
            spec = {'id': identity_mod.stable_id('project', project)}
        else:
            spec = {'name': project, 'domain': {'id': 'default'}}
        body['auth']['scope'] = {'project': spec}
    return body


class CloudTestCase(base.testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.app = base.load_app('cloud')
        self.cloud = self.app.cloud

    def request(self, method, path, body=None, token=None, **kw):
        return base.send(self.app, method, HOST + path, body, token=token,
                         **kw)

    def login(self, user='demo', project='demo', **kw):
        resp = self.request('POST', TOKENS,
                            password_auth(user, project=project, **kw))
        self.assertEqual(201, resp.status, resp.body)
        return resp.headers['X-Subject-Token'], resp.json['token']

    def assertKeystoneError(self, code, resp):
        self.assertEqual(code, resp.status, resp.body)
        error = resp.json['error']
        self.assertEqual(code, error['code'])
        self.assertEqual({'code', 'title', 'message'}, set(error))
        self.assertTrue(error['title'])
        self.assertTrue(error['message'])
        return error


class VersionDiscoveryTest(CloudTestCase):

    def test_root_lists_versions_with_300(self):
        for path in ('/identity', '/identity/'):
            resp = self.request('GET', path)
            self.assertEqual(300, resp.status, path)
            values = resp.json['versions']['values']
            self.assertEqual(['v3.14'], [v['id'] for v in values])
            self.assertEqual('stable', values[0]['status'])
            self.assertEqual(HOST + '/identity/v3/',
                             values[0]['links'][0]['href'])

    def test_v3(self):
        resp = self.request('GET', '/identity/v3')
        self.assertEqual(200, resp.status)
        self.assertEqual('v3.14', resp.json['version']['id'])
        self.assertEqual(
            'application/vnd.openstack.identity-v3+json',
            resp.json['version']['media-types'][0]['type'])

    def test_unknown_path_is_keystone_404(self):
        self.assertKeystoneError(404, self.request('GET', '/identity/v3/x'))


class PasswordAuthTest(CloudTestCase):

    def test_by_name_and_domain_scoped_to_project_by_name(self):
        token_id, token = self.login()
        self.assertTrue(token_id)
        self.assertEqual('demo', token['user']['name'])
        self.assertEqual('Default', token['user']['domain']['name'])
        self.assertEqual(['password'], token['methods'])
        self.assertEqual('demo', token['project']['name'])
        self.assertEqual(identity_mod.stable_id('project', 'demo'),
                         token['project']['id'])
        self.assertIn('expires_at', token)
        self.assertIn('issued_at', token)

    def test_token_times_are_keystones_utc_with_z(self):
        # tempest and Go's RFC 3339 parser refuse times without a zone.
        _token_id, token = self.login()
        pattern = r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$'
        for key in ('issued_at', 'expires_at'):
            self.assertRegex(token[key], pattern)
        issued = datetime.datetime.strptime(token['issued_at'],
                                            '%Y-%m-%dT%H:%M:%S.%fZ')
        expires = datetime.datetime.strptime(token['expires_at'],
                                             '%Y-%m-%dT%H:%M:%S.%fZ')
        self.assertEqual(identity_mod.TOKEN_LIFETIME, expires - issued)
        now = datetime.datetime.now(datetime.timezone.utc).replace(
            tzinfo=None)
        self.assertLess(abs((now - issued).total_seconds()), 60)

    def test_by_user_id_scoped_to_project_by_id(self):
        _, token = self.login(by_id=True, project_by_id=True)
        self.assertEqual(identity_mod.stable_id('user', 'demo'),
                         token['user']['id'])
        self.assertEqual('demo', token['project']['name'])

    def test_unscoped_token_has_no_catalog_or_project(self):
        resp = self.request('POST', TOKENS, password_auth('demo'))
        self.assertEqual(201, resp.status)
        token = resp.json['token']
        self.assertNotIn('project', token)
        self.assertNotIn('catalog', token)
        self.assertNotIn('roles', token)
        # ... and compute refuses it.
        resp = self.request('GET', '/v2.1/servers',
                            token=resp.headers['X-Subject-Token'])
        self.assertEqual(401, resp.status)

    def test_scoped_token_works_on_compute(self):
        token_id, _ = self.login()
        resp = self.request('GET', '/v2.1/servers', token=token_id)
        self.assertEqual(200, resp.status)

    def test_token_method_rescopes_an_unscoped_token(self):
        resp = self.request('POST', TOKENS, password_auth('demo'))
        unscoped = resp.headers['X-Subject-Token']
        resp = self.request('POST', TOKENS, {'auth': {
            'identity': {'methods': ['token'], 'token': {'id': unscoped}},
            'scope': {'project': {'name': 'demo',
                                  'domain': {'name': 'Default'}}}}})
        self.assertEqual(201, resp.status, resp.body)
        self.assertNotEqual(unscoped, resp.headers['X-Subject-Token'])
        token = resp.json['token']
        # keystone: the methods of the whole chain.
        self.assertEqual({'token', 'password'}, set(token['methods']))
        self.assertEqual('demo', token['project']['name'])
        self.assertIn('catalog', token)

    def test_rescoped_token_keeps_expiry_and_audit_chain(self):
        resp = self.request('POST', TOKENS, password_auth('demo'))
        unscoped = resp.json['token']
        self.assertEqual(1, len(unscoped['audit_ids']))
        resp = self.request('POST', TOKENS, {'auth': {
            'identity': {'methods': ['token'], 'token': {
                'id': resp.headers['X-Subject-Token']}},
            'scope': {'project': {'name': 'demo',
                                  'domain': {'name': 'Default'}}}}})
        token = resp.json['token']
        self.assertEqual(unscoped['expires_at'], token['expires_at'])
        self.assertEqual(unscoped['audit_ids'][0], token['audit_ids'][1])
        self.assertNotEqual(unscoped['audit_ids'][0], token['audit_ids'][0])

    def test_token_method_with_unknown_token_is_404(self):
        resp = self.request('POST', TOKENS, {'auth': {'identity': {
            'methods': ['token'], 'token': {'id': 'nope'}}}})
        self.assertKeystoneError(404, resp)

    def test_wrong_password_is_401_with_keystone_error(self):
        resp = self.request('POST', TOKENS,
                            password_auth('demo', password='wrong',
                                          project='demo'))
        error = self.assertKeystoneError(401, resp)
        self.assertEqual('Unauthorized', error['title'])
        self.assertNotIn('X-Subject-Token', resp.headers)
        self.assertIn('Keystone uri=', resp.headers['WWW-Authenticate'])
        self.assertNotIn('wrong', resp.text)

    def test_unknown_user_and_other_domain_are_401(self):
        self.assertKeystoneError(401, self.request(
            'POST', TOKENS, password_auth('nobody', password='x')))
        body = password_auth('demo')
        body['auth']['identity']['password']['user']['domain'] = {
            'name': 'Other'}
        self.assertKeystoneError(401, self.request('POST', TOKENS, body))

    def test_project_without_a_role_is_401(self):
        resp = self.request('POST', TOKENS,
                            password_auth('demo', project='alt_demo'))
        self.assertKeystoneError(401, resp)

    def test_malformed_bodies_are_400(self):
        for raw in (b'{not json', b'{}', b'{"auth": {}}',
                    b'{"auth": {"identity": {"methods": []}}}',
                    b'{"auth": {"identity": {"methods": ["password"], '
                    b'"password": {}}}}'):
            resp = self.request('POST', TOKENS, raw=raw)
            error = self.assertKeystoneError(400, resp)
            self.assertEqual('Bad Request', error['title'], raw)


class RolesAndCatalogTest(CloudTestCase):

    def test_catalog_has_compute_image_identity_endpoints(self):
        _, token = self.login()
        services = {s['type']: s for s in token['catalog']}
        self.assertEqual({'compute', 'image', 'identity'}, set(services))
        urls = {'compute': HOST + '/v2.1', 'image': HOST + '/image',
                'identity': HOST + '/identity'}
        for kind, service in services.items():
            endpoints = {e['interface']: e for e in service['endpoints']}
            self.assertEqual({'public', 'internal', 'admin'},
                             set(endpoints), kind)
            for endpoint in endpoints.values():
                self.assertEqual(urls[kind], endpoint['url'])
                self.assertEqual('RegionOne', endpoint['region'])
                self.assertEqual('RegionOne', endpoint['region_id'])

    def test_roles_include_implied_ones(self):
        roles = lambda token: {r['name'] for r in token['roles']}  # noqa
        _, admin = self.login('admin', 'admin')
        self.assertEqual({'admin', 'manager', 'member', 'reader'},
                         roles(admin))
        _, alt = self.login('alt_demo', 'alt_demo')
        self.assertEqual({'member', 'reader'}, roles(alt))
        _, demo = self.login()
        self.assertEqual({'member', 'reader'}, roles(demo))
        for role in admin['roles']:
            self.assertEqual(identity_mod.stable_id('role', role['name']),
                             role['id'])


class ValidationTest(CloudTestCase):

    def setUp(self):
        super().setUp()
        self.admin, _ = self.login('admin', 'admin')
        self.subject, self.subject_body = self.login()

    def test_get_validates_a_token(self):
        resp = self.request('GET', TOKENS, token=self.admin,
                            headers={'X-Subject-Token': self.subject})
        self.assertEqual(200, resp.status)
        # The same body as at issue (audit ids included).
        self.assertEqual(self.subject_body, resp.json['token'])
        self.assertEqual(self.subject, resp.headers['X-Subject-Token'])
        self.assertEqual('demo', resp.json['token']['user']['name'])
        self.assertIn('catalog', resp.json['token'])

    def test_head_validates_without_a_body(self):
        resp = self.request('HEAD', TOKENS, token=self.admin,
                            headers={'X-Subject-Token': self.subject})
        self.assertEqual(200, resp.status)
        self.assertEqual(b'', resp.body)
        self.assertEqual(self.subject, resp.headers['X-Subject-Token'])

    def test_unknown_subject_is_404_and_no_auth_token_401(self):
        resp = self.request('GET', TOKENS, token=self.admin,
                            headers={'X-Subject-Token': 'nope'})
        self.assertKeystoneError(404, resp)
        resp = self.request('GET', TOKENS,
                            headers={'X-Subject-Token': self.subject})
        self.assertKeystoneError(401, resp)

    def test_delete_revokes(self):
        resp = self.request('DELETE', TOKENS, token=self.admin,
                            headers={'X-Subject-Token': self.subject})
        self.assertEqual(204, resp.status)
        resp = self.request('GET', TOKENS, token=self.admin,
                            headers={'X-Subject-Token': self.subject})
        self.assertKeystoneError(404, resp)
        resp = self.request('GET', '/v2.1/servers', token=self.subject)
        self.assertEqual(401, resp.status)

    def test_other_methods_are_405(self):
        resp = self.request('PUT', TOKENS, token=self.admin)
        self.assertKeystoneError(405, resp)
