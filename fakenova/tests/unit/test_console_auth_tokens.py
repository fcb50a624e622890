"""GET /os-console-auth-tokens/{console_token}: the tokens of the
console URLs fakenova hands out, resolved as Nova 34 answered."""

import urllib.parse

import jsonschema
from tempest.lib.api_schema.response.compute.v2_99 import servers as v299

from fakenova.compute import console_tokens
from fakenova.compute import seeding
from fakenova.tests.unit import base

ADMIN = base.ADMIN
OWNER = base.OWNER
PATH = '/v2.1/os-console-auth-tokens/'


def token_of(url):
    query = urllib.parse.urlparse(url).query
    params = urllib.parse.parse_qs(query)
    if 'path' in params:  # noVNC: ?path=%3Ftoken%3D<token>
        params = urllib.parse.parse_qs(params['path'][0].lstrip('?'))
    return params['token'][0]


class ConsoleAuthTokenTest(base.APITestCase):

    app_conf = {'consoles': 'vnc,spice,serial,mks'}

    def setUp(self):
        super().setUp()
        self.server = seeding.create_server(
            self.store, 'vm', base.OWNER_PROJECT, 'owner')

    def console(self, protocol='vnc', kind='novnc', version='2.6'):
        resp = self.request(
            'POST', '/v2.1/servers/%s/remote-consoles' % self.server.id,
            {'remote_console': {'protocol': protocol, 'type': kind}},
            version=version)
        self.assertEqual(200, resp.status, resp.body)
        return token_of(resp.json['remote_console']['url'])

    def show(self, token, version='2.31', user=ADMIN, status=200,
             query=None):
        resp = self.get(PATH + token, token=user, version=version,
                        query=query)
        self.assertEqual(status, resp.status, resp.body)
        return resp.json

    def test_resolves(self):
        token = self.console()
        body = self.show(token)
        self.assertEqual(['console'], list(body))
        console = body['console']
        self.assertEqual({'instance_uuid': self.server.id,
                          'host': 'fakevncconsole.com', 'port': 6969},
                         {k: console[k] for k in ('instance_uuid', 'host',
                                                  'port')})
        self.assertEqual(['instance_uuid', 'host', 'port',
                          'internal_access_path'], list(console))
        # One access path per kind of console, the same for every token.
        self.assertEqual(console, self.show(self.console())['console'])
        self.assertEqual(body, self.show(token, version='latest'))

    def test_every_kind_of_console(self):
        for protocol, kind, host in (
                ('spice', 'spice-html5', 'fakespiceconsole.com'),
                ('serial', 'serial', 'fakerdpconsole.com'),
                ('mks', 'webmks', 'fakemksconsole.com')):
            version = '2.8' if protocol == 'mks' else '2.6'
            console = self.show(self.console(protocol, kind, version))[
                'console']
            self.assertEqual(host, console['host'])
            self.assertNotIn('tls_port', console)

    def test_legacy_console_actions(self):
        resp = self.request(
            'POST', '/v2.1/servers/%s/action' % self.server.id,
            {'os-getVNCConsole': {'type': 'novnc'}})
        self.assertEqual(200, resp.status, resp.body)
        token = token_of(resp.json['console']['url'])
        self.assertEqual(self.server.id,
                         self.show(token)['console']['instance_uuid'])

    def test_spice_direct_tls_port_from_299(self):
        token = self.console('spice', 'spice-direct', '2.99')
        self.assertNotIn('tls_port', self.show(token, '2.98')['console'])
        body = self.show(token, '2.99')
        jsonschema.validate(body, v299.console_auth_tokens['response_body'])
        self.assertEqual(6970, body['console']['tls_port'])
        self.assertEqual(('fakespiceconsole.com', 6969, None), (
            body['console']['host'], body['console']['port'],
            body['console']['internal_access_path']))

    def test_unknown_expired_or_gone(self):
        body = self.show('nope', status=404)
        self.assertEqual('Token not found', body['itemNotFound']['message'])
        token = self.console()
        self.store.console_tokens[token].expires -= console_tokens.TOKEN_TTL
        self.show(token, status=404)
        self.assertNotIn(token, self.store.console_tokens)
        token = self.console()
        resp = self.request('DELETE', '/v2.1/servers/' + self.server.id)
        self.assertEqual(204, resp.status)
        self.show(token, status=404)

    def test_live_migration_forgets_cold_moves_keep(self):
        token = self.console()
        resp = self.request(
            'POST', '/v2.1/servers/%s/action' % self.server.id,
            {'migrate': None}, token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        self.store.settle(self.server)
        self.assertEqual('compute2', self.server.host)
        # Nova keeps the tokens of a cold move (they name the old host).
        self.show(token)
        resp = self.request(
            'POST', '/v2.1/servers/%s/action' % self.server.id,
            {'confirmResize': None})
        self.assertEqual(204, resp.status, resp.body)
        other = self.console()
        resp = self.request(
            'POST', '/v2.1/servers/%s/action' % self.server.id,
            {'os-migrateLive': {'host': None, 'block_migration': 'auto'}},
            token=ADMIN, version='2.25')
        self.assertEqual(202, resp.status, resp.body)
        self.store.settle(self.server)
        self.assertEqual('compute1', self.server.host)
        self.show(token, status=404)
        self.show(other, status=404)

    def test_before_231_is_400(self):
        token = self.console()
        for user in (ADMIN, OWNER):
            body = self.show(token, version='2.30', user=user, status=400)
            self.assertEqual(
                'The server could not comply with the request since it is '
                'either malformed or otherwise incorrect.',
                body['badRequest']['message'])

    def test_admins_only(self):
        token = self.console()
        body = self.show(token, user=OWNER, status=403)
        self.assertEqual("Policy doesn't allow os_compute_api:os-console-"
                         "auth-tokens to be performed.",
                         body['forbidden']['message'])

    def test_query_strict_from_299(self):
        token = self.console()
        self.show(token, '2.98', query='x=1')
        self.show(token, '2.99', query='x=1', status=400)
        # Before 2.31 a plain 400 whatever the query.
        self.show(token, '2.30', query='x=1', status=400)

    def test_bounded(self):
        first = console_tokens.issue(self.store, self.server, 'novnc')
        for _ in range(console_tokens.MAX_TOKENS):
            console_tokens.issue(self.store, self.server, 'novnc')
        self.assertEqual(console_tokens.MAX_TOKENS,
                         len(self.store.console_tokens))
        self.show(first, status=404)

    def test_reset_forgets_them(self):
        token = self.console()
        self.cloud.reset()
        self.assertEqual({}, self.cloud.store.console_tokens)
        self.show(token, status=404)
