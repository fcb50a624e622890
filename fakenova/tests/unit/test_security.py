"""Regression tests for the defects an attacker found (issue 10).

Each class reproduces one numbered defect on the standalone cloud with
the demo seed (``fakenova-api --seed etc/seed-demo.yaml``): demo's server
``demo-web``, alt_demo's ``alt-vm``, demo's floating IP 172.24.4.101 and
volume ``demo-data``, tokens from ``/identity/v3/auth/tokens``.
"""

import json
import os
import threading
import time

import fixtures
import testtools

from fakenova.common import calllog
from fakenova.common import jsonbody
from fakenova.control import api as control
from fakenova.control import seed
from fakenova.identity import model as identity_mod
from fakenova.tests.unit import base

DEMO_SEED = os.path.join(base.REPO, 'etc', 'seed-demo.yaml')
DEMO_WEB = '5a3b2c1d-0000-4000-8000-00000000d001'
DEMO_VOLUME = '7c1e4a2b-0000-4000-8000-0000000000d1'
DEMO_FIP = '172.24.4.101'
CONTROL_TOKEN = 'control-secret'


def password_auth(user, password, project=None):
    auth = {'identity': {'methods': ['password'], 'password': {
        'user': {'name': user, 'password': password,
                 'domain': {'id': 'default'}}}}}
    if project:
        auth['scope'] = {'project': {'name': project,
                                     'domain': {'id': 'default'}}}
    return {'auth': auth}


def login(app, user, password):
    resp = base.send(app, 'POST', '/identity/v3/auth/tokens',
                     password_auth(user, password, user), token=None)
    return resp.headers['X-Subject-Token']


class DemoCloudTestCase(testtools.TestCase):
    """The standalone cloud with the demo seed, as fakenova-api serves it."""

    loopback = False

    def setUp(self):
        super().setUp()
        self.app = base.load_app('cloud', control_token=CONTROL_TOKEN)
        self.cloud = self.app.cloud
        self.cloud.listening_on_loopback = self.loopback
        seed.load_into(self.cloud, DEMO_SEED)
        self.demo = self.login('demo', 'demo')
        self.alt = self.login('alt_demo', 'alt_demo')
        self.admin = self.login('admin', 'admin')
        self.alt_vm = self.server_named('alt-vm')

    def login(self, user, password):
        resp = self.send('POST', '/identity/v3/auth/tokens',
                         password_auth(user, password, user), token=None)
        self.assertEqual(201, resp.status, resp.body)
        return resp.headers['X-Subject-Token']

    def send(self, method, path, body=None, token=None, **kw):
        return base.send(self.app, method, path, body, token=token, **kw)

    def server_named(self, name):
        with self.cloud.store.lock:
            return next(s.id for s in self.cloud.store.servers.values()
                        if s.name == name)

    def action(self, server_id, body, token, version=None):
        return self.send('POST', '/v2.1/servers/%s/action' % server_id,
                         body, token=token, version=version)

    def assertNova(self, code, resp, message=None):
        self.assertEqual(code, resp.status, resp.body)
        (fault,) = resp.json.values()
        self.assertEqual(code, fault['code'])
        if message is not None:
            self.assertEqual(message, fault['message'])
        return fault['message']


class OtherProjectsResourcesTest(DemoCloudTestCase):
    """1. Another project's resources cannot be used."""

    def test_floating_ip_of_another_project_is_not_found(self):
        resp = self.action(self.alt_vm, {'addFloatingIp': {
            'address': DEMO_FIP}}, self.alt, '2.43')
        self.assertNova(404, resp, 'floating IP not found')
        fip = self.cloud.store.floating_ips_by_address(DEMO_FIP)[0]
        self.assertIsNone(fip.server_id)
        # Nor can alt take demo's associated one off demo's server.
        resp = self.action(self.alt_vm, {'removeFloatingIp': {
            'address': '172.24.4.100'}}, self.alt, '2.43')
        self.assertNova(404, resp)
        holder = self.cloud.store.floating_ips_by_address('172.24.4.100')
        self.assertEqual(DEMO_WEB, holder[0].server_id)
        # The owner still can.
        resp = self.action(self.server_named('demo-db'), {'addFloatingIp': {
            'address': DEMO_FIP}}, self.demo, '2.43')
        self.assertIn(resp.status, (202, 400), resp.body)

    def test_volume_of_another_project_is_not_found(self):
        made = self.send('POST', '/_fakenova/volumes', {'project': 'demo'},
                         token=CONTROL_TOKEN).json['volume']
        for volume_id in (made['id'], DEMO_VOLUME):
            resp = self.send('POST', '/v2.1/servers/%s/os-volume_attachments'
                             % self.alt_vm, {'volumeAttachment': {
                                 'volumeId': volume_id}}, token=self.alt)
            self.assertNova(404, resp, 'Volume %s could not be found.'
                            % volume_id)
        self.assertEqual([], self.cloud.store.servers[
            self.alt_vm].volumes_attached or [])

    def test_in_use_volume_of_another_project_names_nothing(self):
        resp = self.send('POST', '/v2.1/servers/%s/os-volume_attachments'
                         % DEMO_WEB, {'volumeAttachment': {
                             'volumeId': DEMO_VOLUME}}, token=self.demo)
        self.assertEqual(200, resp.status, resp.body)
        resp = self.send('POST', '/v2.1/servers/%s/os-volume_attachments'
                         % self.alt_vm, {'volumeAttachment': {
                             'volumeId': DEMO_VOLUME}}, token=self.alt)
        self.assertNova(404, resp)
        self.assertNotIn(DEMO_WEB.encode(), resp.body)

    def _private_snapshot(self):
        resp = self.action(DEMO_WEB, {'createImage': {'name': 'private'}},
                           self.demo, '2.45')
        self.assertEqual(202, resp.status, resp.body)
        image_id = resp.json['image_id']
        self.assertEqual(404, self.send('GET', '/image/v2/images/%s'
                                        % image_id, token=self.alt).status)
        return image_id

    def test_private_snapshot_cannot_boot_rebuild_or_rescue(self):
        image_id = self._private_snapshot()
        before = set(self.cloud.store.servers)
        resp = self.send('POST', '/v2.1/servers', {'server': {
            'name': 'stolen', 'imageRef': image_id, 'flavorRef': '1'}},
            token=self.alt)
        self.assertNova(400, resp, 'Can not find requested image')
        self.assertEqual(before, set(self.cloud.store.servers))
        resp = self.action(self.alt_vm, {'rebuild': {'imageRef': image_id}},
                           self.alt)
        self.assertNova(400, resp, 'Cannot find image for rebuild')
        resp = self.action(self.alt_vm, {'rescue': {
            'rescue_image_ref': image_id}}, self.alt, '2.87')
        self.assertNova(400, resp)
        server = self.cloud.store.servers[self.alt_vm]
        self.assertEqual('active', server.vm_state)
        self.assertNotEqual(image_id, server.image_id)
        # Nova's image proxy and glance hide it too; demo and admin see it.
        self.assertNova(404, self.send('GET', '/v2.1/images/%s' % image_id,
                                       token=self.alt))
        listed = self.send('GET', '/image/v2/images', token=self.alt).json
        self.assertNotIn(image_id, [i['id'] for i in listed['images']])
        for token in (self.demo, self.admin):
            self.assertEqual(200, self.send('GET', '/image/v2/images/%s'
                                            % image_id, token=token).status)

    def test_owner_still_boots_from_own_snapshot(self):
        image_id = self._private_snapshot()
        image = self.send('GET', '/image/v2/images/%s' % image_id,
                          token=self.demo)
        self.assertEqual('active', image.json['status'])
        resp = self.send('POST', '/v2.1/servers', {'server': {
            'name': 'mine', 'imageRef': image_id, 'flavorRef': '1'}},
            token=self.demo)
        self.assertEqual(202, resp.status, resp.body)


class SecretsWithoutTokenTest(DemoCloudTestCase):
    """2. No secrets without a token; the control API fails closed."""

    def _boot_with_secrets(self):
        resp = self.send('POST', '/v2.1/servers', {'server': {
            'name': 'secret', 'imageRef': base.IMAGE, 'flavorRef': '1',
            'adminPass': 'hunter2', 'user_data': 'c2VjcmV0LWRhdGE=',
            'networks': 'auto'}}, token=self.demo, version='2.90')
        self.assertEqual(202, resp.status, resp.body)
        self.action(resp.json['server']['id'], {'changePassword': {
            'adminPass': 'hunter3'}}, self.demo)
        return resp.json['server']['id']

    def test_served_elsewhere_every_control_call_needs_a_token(self):
        # Not fakenova-api on loopback (gunicorn, uwsgi, a proxy...).
        self.assertFalse(self.cloud.listening_on_loopback)
        server_id = self._boot_with_secrets()
        for path in ('/state', '/calls', '/faults',
                     '/servers/%s' % server_id):
            resp = self.send('GET', '/_fakenova' + path)
            self.assertEqual(401, resp.status, path)
            self.assertNotIn(b'hunter', resp.body)
        page = self.send('GET', '/_fakenova/')
        self.assertEqual(200, page.status)
        self.assertNotIn(b'secret', page.body)

    def test_tokenless_loopback_reads_hide_secrets(self):
        self.cloud.listening_on_loopback = True
        server_id = self._boot_with_secrets()
        calls = self.send('GET', '/_fakenova/calls')
        self.assertEqual(200, calls.status, calls.body)
        text = calls.body.decode()
        for secret in ('hunter2', 'hunter3', 'c2VjcmV0LWRhdGE='):
            self.assertNotIn(secret, text)
        posted = [c for c in calls.json['calls'] if c['method'] == 'POST']
        self.assertEqual(control.REDACTED,
                         posted[0]['body']['server']['adminPass'])
        self.assertEqual('secret', posted[0]['body']['server']['name'])
        shown = self.send('GET', '/_fakenova/servers/%s' % server_id)
        self.assertEqual(200, shown.status)
        self.assertNotIn('OS-EXT-SRV-ATTR:user_data', shown.json['server'])
        # With the control token (or an admin's), everything.
        full = self.send('GET', '/_fakenova/calls', token=CONTROL_TOKEN)
        self.assertIn('hunter2', full.body.decode())
        shown = self.send('GET', '/_fakenova/servers/%s' % server_id,
                          token=self.admin)
        self.assertEqual('c2VjcmV0LWRhdGE=', shown.json['server'][
            'OS-EXT-SRV-ATTR:user_data'])

    def test_foreign_host_header_needs_a_token(self):
        self.cloud.listening_on_loopback = True
        for host in ('evil.example', 'evil.example:8774', '10.0.0.1',
                     '127.0.0.1.evil.example', ''):
            resp = self.send('GET', '/_fakenova/state',
                             headers={'Host': host})
            self.assertEqual(401, resp.status, host)
        for host in ('localhost', 'localhost:8774', '127.0.0.1:8774',
                     '127.1.2.3', '[::1]:8774'):
            resp = self.send('GET', '/_fakenova/state',
                             headers={'Host': host})
            self.assertEqual(200, resp.status, host)

    def test_bad_token_is_refused_even_on_loopback(self):
        self.cloud.listening_on_loopback = True
        self.assertEqual(401, self.send('GET', '/_fakenova/state',
                                        token='bogus').status)
        self.assertEqual(403, self.send('GET', '/_fakenova/calls',
                                        token=self.demo).status)

    def test_redact_walks_lists_and_raw_bodies(self):
        doc = {'a': [{'password': 'p', 'x': 1}], 'user_data': 'u'}
        self.assertEqual({'a': [{'password': '***', 'x': 1}],
                          'user_data': '***'}, control.redact(doc))
        call = self.cloud.calls
        self.send('POST', '/v2.1/servers', raw=b'{"adminPass": "x"',
                  token=self.demo)
        last = call[-1]
        self.assertIsInstance(last.body, bytes)
        self.assertEqual('***', control.call_dict(0, last, True)['body'])


class ReDoSTest(DemoCloudTestCase):
    """3. No name pattern stalls the process."""

    def test_catastrophic_pattern_is_linear(self):
        self.send('POST', '/_fakenova/servers', {
            'name': 'a' * 40 + '!', 'project': 'demo'}, token=CONTROL_TOKEN)
        start = time.monotonic()
        resp = self.send('GET', '/v2.1/servers', token=self.demo,
                         query='name=(a%2B)%2B%24')
        self.assertEqual(200, resp.status, resp.body)
        # Python's re needs 2**40 steps here; RE2 a few microseconds.
        self.assertLess(time.monotonic() - start, 1.0)
        self.assertEqual([], resp.json['servers'])

    def test_patterns_still_filter(self):
        for query, names in (('name=demo-', {'demo-web', 'demo-db'}),
                             ('name=%5Edemo-w', {'demo-web'}),
                             ('name=db%24', {'demo-db'}),
                             ('name=%5B', set()),          # '[': literal
                             ('name=(%3F%3C%3Dx)y', set())):  # look-behind
            resp = self.send('GET', '/v2.1/servers', token=self.demo,
                             query=query)
            self.assertEqual(200, resp.status, resp.body)
            self.assertEqual(names, {s['name'] for s in resp.json[
                'servers']}, query)


class NoServerErrorsTest(DemoCloudTestCase):
    """4. Bad input is a 4xx, with or without a token."""

    DEEP = b'[' * 5000 + b']' * 5000

    def test_deep_json_everywhere(self):
        for method, path, token in (
                ('POST', '/identity/v3/auth/tokens', None),
                ('POST', '/v2.1/servers', 'demo'),
                ('POST', '/v2.1/servers/%s/action' % DEMO_WEB, 'demo'),
                ('PUT', '/v2.1/servers/%s/metadata' % DEMO_WEB, 'demo'),
                ('POST', '/_fakenova/servers', CONTROL_TOKEN),
                ('PUT', '/_fakenova/policy', CONTROL_TOKEN)):
            token = self.demo if token == 'demo' else token
            resp = self.send(method, path, raw=self.DEEP, token=token)
            self.assertEqual(400, resp.status, (path, resp.body))
            # Under Python's own limit, but over fakenova's.
            mid = b'{"a": ' * 200 + b'1' + b'}' * 200
            resp = self.send(method, path, raw=mid, token=token)
            self.assertEqual(400, resp.status, (path, resp.body))

    def test_depth_limit(self):
        ok = b'[' * jsonbody.MAX_DEPTH + b']' * jsonbody.MAX_DEPTH
        document = jsonbody.loads(ok)
        for _ in range(jsonbody.MAX_DEPTH - 1):
            (document,) = document
        self.assertEqual([], document)
        too = b'[' * (jsonbody.MAX_DEPTH + 1) + b']' * (jsonbody.MAX_DEPTH
                                                        + 1)
        self.assertRaises(jsonbody.Malformed, jsonbody.loads, too)
        self.assertRaises(jsonbody.Malformed, jsonbody.loads, b'\xff\xfe')
        self.assertRaises(jsonbody.Malformed, jsonbody.loads, b'1' * 5000)

    def test_identity_bodies_of_wrong_types(self):
        bodies = [
            {'auth': {'identity': {'methods': ['password'], 'password': {
                'user': {'name': 'demo', 'password': 'demo',
                         'domain': 'Default'}}}}},
            {'auth': {'identity': {'methods': ['password'], 'password': {
                'user': {'id': ['x'], 'password': 'demo'}}}}},
            {'auth': {'identity': {'methods': ['token'], 'token': 'abc'}}},
            {'auth': {'identity': {'methods': 'password'}}},
            {'auth': {'identity': {'methods': ['password'],
                                   'password': {'user': 'demo'}}}},
            {'auth': {'identity': {'methods': ['password'], 'password': {
                'user': {'name': 'demo', 'password': 7}}}}},
            {'auth': {'identity': {'methods': ['password'], 'password': {
                'user': {'password': 'demo'}}}}},
            {'auth': {'identity': {'methods': ['password'], 'password': {
                'user': {'name': 'demo', 'password': 'demo'}}},
                'scope': {'project': 'demo'}}},
            {'auth': {'identity': {'methods': ['password'], 'password': {
                'user': {'name': 'demo', 'password': 'demo'}}},
                'scope': {'project': {'domain': {'id': 'default'}}}}},
            {'auth': []}, {'auth': None}, [], 'auth', 3, None,
        ]
        for body in bodies:
            resp = self.send('POST', '/identity/v3/auth/tokens', body)
            self.assertEqual(400, resp.status, (body, resp.body))
            self.assertEqual('Bad Request', resp.json['error']['title'])
        resp = self.send('POST', '/identity/v3/auth/tokens', bodies[0])
        self.assertIn("identity/password/user/domain",
                      resp.json['error']['message'])

    def test_image_urls_that_are_not_utf8(self):
        for path, query in (('/image/v2/images', 'name=%ff'),
                            ('/image/v2/images/%C0%AE', ''),
                            ('/image/v2/images', 'status=%C0')):
            resp = self.send('GET', path, token=self.demo, query=query)
            self.assertEqual(400, resp.status, (path, resp.body))

    def test_superscript_two_is_not_a_number(self):
        for path, query in (('/v2.1/servers', 'limit=%C2%B2'),
                            ('/v2.1/servers/detail', 'limit=%C2%B2'),
                            ('/v2.1/servers/%s/os-volume_attachments'
                             % DEMO_WEB, 'offset=%C2%B2'),
                            ('/v2.1/servers/%s/os-volume_attachments'
                             % DEMO_WEB, 'limit=%C2%B2')):
            resp = self.send('GET', path, token=self.demo, query=query)
            self.assertNova(400, resp)

    def test_odd_flavor_id_does_not_break_flavor_lists(self):
        resp = self.send('POST', '/_fakenova/flavors',
                         {'id': '\u00b2', 'name': 'square'},
                         token=CONTROL_TOKEN)
        self.assertEqual(201, resp.status, resp.body)
        for path in ('/v2.1/flavors', '/v2.1/flavors/detail'):
            resp = self.send('GET', path, token=self.demo)
            self.assertEqual(200, resp.status, resp.body)
            self.assertIn('\u00b2', [f['id'] for f in resp.json['flavors']])

    def test_image_lists_while_images_are_created(self):
        errors = []
        stop = threading.Event()

        def snapshot():
            # Images come and go (the lists change size under readers).
            while not stop.is_set():
                resp = self.action(DEMO_WEB, {'createImage': {'name': 's'}},
                                   self.demo, '2.45')
                self.send('DELETE', '/image/v2/images/%s'
                          % resp.json['image_id'], token=self.demo)

        worker = threading.Thread(target=snapshot)
        worker.start()
        try:
            for _ in range(200):
                for path in ('/v2.1/images', '/v2.1/images/detail',
                             '/image/v2/images'):
                    resp = self.send('GET', path, token=self.demo)
                    if resp.status != 200:
                        errors.append((path, resp.status, resp.body))
        finally:
            stop.set()
            worker.join()
        self.assertEqual([], errors)


class NoProjectTest(testtools.TestCase):
    """5. keystonemiddleware headers without a project are refused."""

    def test_domain_or_system_scoped_callers(self):
        app = base.load_app('keystone')
        store = base.find_router(app).store
        for roles in ('member,reader', 'admin,member,reader'):
            headers = {'X-User-Id': 'u1', 'X-Roles': roles,
                       'X-Domain-Id': 'default'}
            for method, path, body in (
                    ('GET', '/v2.1/servers', None),
                    ('GET', '/v2.1/servers/detail', None),
                    ('POST', '/v2.1/servers', {'server': {
                        'name': 'x', 'imageRef': base.IMAGE,
                        'flavorRef': '1'}})):
                resp = base.send(app, method, path, body, token=None,
                                 headers=headers)
                self.assertEqual(403, resp.status, (roles, path, resp.body))
                self.assertIn("Policy doesn't allow", resp.json[
                    'forbidden']['message'])
        self.assertEqual({}, store.servers)
        # Flavors are not project resources (no policy, as in Nova).
        resp = base.send(app, 'GET', '/v2.1/flavors', token=None,
                         headers={'X-User-Id': 'u1', 'X-Roles': 'reader'})
        self.assertEqual(200, resp.status)

    def test_host_id_without_project(self):
        from fakenova.compute import model
        server = model.Server('i', 'n', None, 'u', '1', base.IMAGE)
        server.host = 'compute1'
        self.assertEqual(56, len(server.host_id))


class BoundedMemoryPartsTest(testtools.TestCase):
    """6. The call log, deleted servers' records and tokens are bounded."""

    def test_call_log_is_a_ring_with_absolute_indices(self):
        log = calllog.CallLog(size=3)
        for i in range(5):
            log.append(i)
        self.assertEqual([2, 3, 4], list(log))
        self.assertEqual(5, log.total)
        self.assertEqual([(3, 3), (4, 4)], log.since(3))
        self.assertEqual([(2, 2), (3, 3), (4, 4)], log.since(0))
        self.assertEqual([], log.since(9))
        self.assertEqual(4, log[-1])
        del log[:]
        self.assertEqual([], log)
        self.assertEqual(5, log.total)

    def test_call_log_byte_budget_and_disabled(self):
        log = calllog.CallLog(size=100, max_bytes=1000)
        for i in range(10):
            log.append(i, nbytes=300)
        self.assertEqual([7, 8, 9], list(log))
        off = calllog.CallLog(size=0)
        off.append('x')
        self.assertEqual([], off)
        self.assertFalse(off.enabled)
        self.assertRaises(ValueError, calllog.CallLog, -1)

    def test_control_calls_since_after_the_ring_dropped_some(self):
        app = base.load_app('cloud', control_token=CONTROL_TOKEN,
                            call_log_size=5)
        token = login(app, 'demo', 'demo')
        for _ in range(8):
            base.send(app, 'GET', '/v2.1/flavors', token=token)
        resp = base.send(app, 'GET', '/_fakenova/calls', token=CONTROL_TOKEN,
                         query='since=0').json
        self.assertEqual([3, 4, 5, 6, 7], [c['index'] for c in resp['calls']])
        self.assertEqual(8, resp['next'])
        state = base.send(app, 'GET', '/_fakenova/state',
                          token=CONTROL_TOKEN).json
        self.assertEqual(8, state['calls'])
        off = base.load_app('cloud', control_token=CONTROL_TOKEN,
                            call_log_size=0)
        off_token = login(off, 'demo', 'demo')
        base.send(off, 'GET', '/v2.1/flavors', token=off_token)
        self.assertEqual([], base.send(off, 'GET', '/_fakenova/calls',
                                       token=CONTROL_TOKEN).json['calls'])

    def test_deleted_servers_records_are_purged_oldest_first(self):
        app = base.load_app('main', keep_deleted_servers=2)
        store = base.find_router(app).store
        ids = []
        for i in range(4):
            resp = base.send(app, 'POST', '/v2.1/servers', {'server': {
                'name': 'vm%d' % i, 'imageRef': base.IMAGE,
                'flavorRef': '1'}})
            ids.append(resp.json['server']['id'])
            base.send(app, 'DELETE', '/v2.1/servers/%s' % ids[-1])
            base.send(app, 'GET', '/v2.1/servers')  # the delete settles
        self.assertEqual(set(ids[2:]), set(store.actions))

    def test_expired_tokens_are_dropped_and_live_ones_capped(self):
        ident = identity_mod.Identity()
        ident.max_tokens = 3
        body = password_auth('demo', 'demo', 'demo')
        first = ident.authenticate(body)
        self.useFixture(fixtures.MonkeyPatch(
            'fakenova.identity.model.TOKEN_LIFETIME',
            identity_mod.datetime.timedelta(seconds=-1)))
        expired = [ident.authenticate(body) for _ in range(2)]
        self.assertIsNone(ident.validate(expired[0].id))
        self.useFixture(fixtures.MonkeyPatch(
            'fakenova.identity.model.TOKEN_LIFETIME',
            identity_mod.datetime.timedelta(hours=1)))
        live = [ident.authenticate(body) for _ in range(4)]
        self.assertEqual([t.id for t in live[1:]], list(ident.tokens))
        self.assertIsNone(ident.validate(first.id))
        self.assertIsNotNone(ident.validate(live[-1].id))

    def test_token_lifetime_is_keystones(self):
        self.assertEqual(3600, identity_mod.TOKEN_LIFETIME.total_seconds())


class LimitsTest(DemoCloudTestCase):
    """7. One request-size limit for every app; waitress's limits."""

    def test_every_app_refuses_large_bodies(self):
        big = b'{"x": "' + b'a' * 200000 + b'"}'
        for path, token in (('/identity/v3/auth/tokens', None),
                            ('/image/v2/images', self.demo),
                            ('/_fakenova/servers', CONTROL_TOKEN),
                            ('/_fakenova/servers', None),
                            ('/v2.1/servers', self.demo)):
            resp = self.send('POST', path, raw=big, token=token)
            self.assertEqual(413, resp.status, path)

    def test_the_limit_is_one_setting(self):
        app = base.load_app('cloud', control_token=CONTROL_TOKEN,
                            max_request_body_size=100)
        body = json.dumps(password_auth('demo', 'demo', 'demo')).encode()
        self.assertGreater(len(body), 100)
        for path in ('/identity/v3/auth/tokens', '/v2.1/servers',
                     '/_fakenova/servers'):
            resp = base.send(app, 'POST', path, raw=body, token='a:b')
            self.assertEqual(413, resp.status, path)

    def test_chunked_bodies_over_the_limit(self):
        import io
        big = b'{"x": "' + b'a' * 200000 + b'"}'
        for path, token in (('/identity/v3/auth/tokens', None),
                            ('/_fakenova/servers', CONTROL_TOKEN),
                            ('/v2.1/servers', self.demo)):
            req = base.webob.Request.blank(path, method='POST')
            req.environ['wsgi.input'] = io.BytesIO(big)
            req.environ.pop('CONTENT_LENGTH', None)
            req.content_type = 'application/json'
            if token:
                req.headers['X-Auth-Token'] = token
            resp = req.get_response(self.app)
            self.assertEqual(413, resp.status_int, (path, resp.body))

    def test_waitress_options(self):
        from fakenova.cmd import api as api_cmd
        seen = {}

        class Server:
            effective_port = 8774

            def run(self):
                raise KeyboardInterrupt()

            def close(self):
                pass

            task_dispatcher = type('D', (), {'shutdown': lambda self: None})()

        def create_server(app, **kw):
            seen.update(kw)
            return Server()

        self.useFixture(fixtures.MonkeyPatch('waitress.create_server',
                                             create_server))
        self.assertEqual(0, api_cmd.main([
            '--port', '0', '--threads', '7', '--connection-limit', '9',
            '--channel-timeout', '5', '--max-request-body-size', '1000',
            '--call-log-size', '0', '--log-level', 'ERROR']))
        self.assertEqual((7, 9, 5, 5), (
            seen['threads'], seen['connection_limit'],
            seen['channel_timeout'], seen['cleanup_interval']))
        args = api_cmd.parse_args(['--max-request-body-size', '1000',
                                   '--call-log-size', '0',
                                   '--keep-deleted-servers', '5'])
        cloud = api_cmd.load(args).cloud
        self.assertEqual(0, cloud.calls.size)
        self.assertEqual(5, cloud.store.keep_deleted_servers)
        for bad in (['--threads', '0'], ['--call-log-size', '-1'],
                    ['--connection-limit', 'x']):
            self.assertRaises(SystemExit, api_cmd.parse_args, bad)


class SmallerTest(DemoCloudTestCase):
    """8. The smaller defects."""

    def test_refused_create_makes_no_default_group(self):
        before = len(self.cloud.store.security_groups)
        resp = self.send('POST', '/v2.1/servers', {'server': {
            'name': 'x', 'imageRef': base.IMAGE, 'flavorRef': '1',
            'availability_zone': 'nowhere'}}, token=self.login(
                'admin', 'admin'))
        self.assertNova(400, resp)
        app = base.load_app('main')
        store = base.find_router(app).store
        resp = base.send(app, 'POST', '/v2.1/servers', {'server': {
            'name': 'x', 'imageRef': base.IMAGE, 'flavorRef': '1',
            'availability_zone': 'nowhere'}}, token='new:0f0f0f0f')
        self.assertEqual(400, resp.status)
        self.assertEqual([], [g for g in store.security_groups.values()
                              if g.project_id == '0f0f0f0f'])
        self.assertEqual(before, len(self.cloud.store.security_groups))
        resp = base.send(app, 'POST', '/v2.1/servers', {'server': {
            'name': 'x', 'imageRef': base.IMAGE, 'flavorRef': '1'}},
            token='new:0f0f0f0f')
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(['default'], [
            g.name for g in store.security_groups.values()
            if g.project_id == '0f0f0f0f'])

    def test_no_403_while_policy_is_reset(self):
        token = self.demo
        stop = threading.Event()
        statuses = []

        def resetter():
            while not stop.is_set():
                self.send('DELETE', '/_fakenova/policy', token=CONTROL_TOKEN)
                self.send('PUT', '/_fakenova/policy', {'rules': {
                    'os_compute_api:os-keypairs:index': '@'}},
                    token=CONTROL_TOKEN)

        worker = threading.Thread(target=resetter)
        worker.start()
        try:
            for _ in range(400):
                statuses.append(self.send('GET', '/v2.1/servers/%s'
                                          % DEMO_WEB, token=token).status)
        finally:
            stop.set()
            worker.join()
        self.assertEqual({200}, set(statuses))

    def test_another_users_token_cannot_be_read_or_revoked(self):
        for method in ('GET', 'HEAD', 'DELETE'):
            resp = self.send(method, '/identity/v3/auth/tokens',
                             token=self.alt,
                             headers={'X-Subject-Token': self.demo})
            self.assertEqual(403, resp.status, method)
        self.assertIsNotNone(self.cloud.identity.validate(self.demo))
        # The owner and an admin may.
        own = self.send('GET', '/identity/v3/auth/tokens', token=self.demo,
                        headers={'X-Subject-Token': self.demo})
        self.assertEqual(200, own.status)
        resp = self.send('DELETE', '/identity/v3/auth/tokens',
                         token=self.admin,
                         headers={'X-Subject-Token': self.demo})
        self.assertEqual(204, resp.status)
        self.assertIsNone(self.cloud.identity.validate(self.demo))

    def test_deleted_and_broken_policy_files_behave_alike(self):
        from fakenova import policy
        tmp = self.useFixture(fixtures.TempDir())
        path = os.path.join(tmp.path, 'policy.yaml')
        rule = 'os_compute_api:os-pause-server:pause'
        with open(path, 'w') as f:
            f.write('"%s": "!"\n' % rule)
        authorizer = policy.Authorizer(policy_file=path, check_interval=0)
        ctx = _context()
        self.assertFalse(authorizer.authorize(ctx, rule, fatal=False))
        logs = self.useFixture(fixtures.FakeLogger(name='fakenova.policy'))
        os.unlink(path)
        self.assertFalse(authorizer.authorize(ctx, rule, fatal=False))
        self.assertIn('does not exist; keeping the previous rules',
                      logs.output)
        with open(path, 'w') as f:
            f.write('{not: [yaml\n')
        self.assertFalse(authorizer.authorize(ctx, rule, fatal=False))
        self.assertIn('is not YAML or JSON', logs.output)
        self.assertIn('keeping the previous rules', logs.output)
        # A rule that does not parse is refused too (oslo.policy alone
        # would make it deny everything and log a traceback).
        with open(path, 'w') as f:
            f.write('"%s": "role:admin or"\n' % rule)
        os.utime(path, ns=(0, time.time_ns() + 2 * 10 ** 9))
        self.assertFalse(authorizer.authorize(ctx, rule, fatal=False))
        self.assertIn("cannot parse check string 'role:admin or'; keeping "
                      "the previous rules", logs.output)
        self.assertNotIn('Traceback', logs.output)
        with open(path, 'w') as f:
            f.write('{}\n')
        os.utime(path, ns=(0, time.time_ns() + 3 * 10 ** 9))
        self.assertTrue(authorizer.authorize(ctx, rule, fatal=False))


def _context():
    from fakenova import context
    ctx = context.RequestContext(user_id='u', project_id='p',
                                 roles=['member', 'reader'])
    ctx.is_admin = False
    return ctx
