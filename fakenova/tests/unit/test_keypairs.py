"""/os-keypairs and the key_name checks of server create and rebuild."""

import base64
import datetime
import hashlib
import json
import os
import re
import tempfile
import urllib.parse

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography import x509
from cryptography.x509 import oid
import testtools

from fakenova.control import seed
from fakenova.fixture import FakeNova
from fakenova import policy_matrix
from fakenova.tests.unit import base
from fakenova.tests.unit import keys
from fakenova.tests.unit import test_control

PATH = '/v2.1/os-keypairs'
ALT_USER = base.ALT.split(':')[0]
POLICY = "Policy doesn't allow os_compute_api:os-keypairs:%s to be performed."


def md5_fingerprint(public_key):
    """The MD5 of the key blob, computed here without fakenova's code."""
    blob = base64.b64decode(public_key.split()[1])
    digest = hashlib.md5(blob, usedforsecurity=False).hexdigest()
    return ':'.join(digest[i:i + 2] for i in range(0, len(digest), 2))


def sha1_fingerprint(cert):
    digest = hashlib.sha1(cert.public_bytes(
        serialization.Encoding.DER), usedforsecurity=False).hexdigest()
    return ':'.join(digest[i:i + 2] for i in range(0, len(digest), 2))


def self_signed(common_name='fakenova-test'):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(oid.NameOID.COMMON_NAME,
                                         common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    return x509.CertificateBuilder().subject_name(name).issuer_name(
        name).public_key(key.public_key()).serial_number(1).not_valid_before(
        now).not_valid_after(now + datetime.timedelta(days=1)).sign(
        key, hashes.SHA256())


class KeypairTestCase(base.APITestCase):

    def create(self, name='k1', public_key=keys.ED25519, version='2.2',
               status=None, token=base.OWNER, **extra):
        spec = {'name': name}
        if public_key is not None:
            spec['public_key'] = public_key
        spec.update(extra)
        resp = self.post(PATH, {'keypair': spec}, version=version,
                         token=token)
        if status is not None:
            self.assertEqual(status, resp.status, resp.body)
        return resp

    def names(self, version='2.2', **kw):
        resp = self.get(PATH, version=version, **kw)
        self.assertEqual(200, resp.status, resp.body)
        return [k['keypair']['name'] for k in resp.json['keypairs']]


class CreateTest(KeypairTestCase):

    def test_generated_at_2_1(self):
        resp = self.create(public_key=None, version='2.1', status=200)
        body = resp.json['keypair']
        self.assertEqual({'name', 'public_key', 'fingerprint', 'user_id',
                          'private_key'}, set(body))
        self.assertEqual(('k1', 'owner'), (body['name'], body['user_id']))
        public = body['public_key']
        self.assertTrue(public.startswith('ssh-rsa '), public)
        self.assertTrue(public.endswith(' Generated-by-Nova'), public)
        self.assertEqual(md5_fingerprint(public), body['fingerprint'])
        private = body['private_key']
        self.assertTrue(private.startswith('-----BEGIN RSA PRIVATE KEY'))
        key = serialization.load_pem_private_key(private.encode(), None)
        self.assertEqual(2048, key.key_size)
        self.assertEqual(public.rsplit(' ', 1)[0], key.public_key(
        ).public_bytes(serialization.Encoding.OpenSSH,
                       serialization.PublicFormat.OpenSSH).decode())

    def test_generated_x509(self):
        body = self.create(public_key=None, type='x509', version='2.91',
                           status=201).json['keypair']
        self.assertEqual('x509', body['type'])
        bundle = base64.b64decode(body['private_key'])
        key, cert, _extra = pkcs12.load_key_and_certificates(bundle, None)
        self.assertEqual(cert, x509.load_pem_x509_certificate(
            body['public_key'].encode()))
        self.assertEqual(sha1_fingerprint(cert), body['fingerprint'])
        self.assertEqual('CN=owner', cert.subject.rfc4514_string())
        usage = cert.extensions.get_extension_for_class(
            x509.ExtendedKeyUsage).value
        self.assertEqual([oid.ExtendedKeyUsageOID.CLIENT_AUTH], list(usage))

    def test_import_per_version(self):
        body = self.create('a', version='2.1', status=200).json['keypair']
        self.assertEqual({'name': 'a', 'public_key': keys.ED25519,
                          'fingerprint': md5_fingerprint(keys.ED25519),
                          'user_id': 'owner'}, body)
        body = self.create('b', keys.ECDSA, version='2.2',
                           status=201).json['keypair']
        self.assertEqual(('ssh', md5_fingerprint(keys.ECDSA)),
                         (body['type'], body['fingerprint']))
        self.assertNotIn('private_key', body)
        body = self.create('c.d@e', version='2.92', status=201).json
        self.assertEqual('c.d@e', body['keypair']['name'])

    def test_import_x509(self):
        cert = self_signed()
        pem = cert.public_bytes(serialization.Encoding.PEM).decode()
        body = self.create('cert', pem, type='x509',
                           status=201).json['keypair']
        self.assertEqual(('x509', sha1_fingerprint(cert), pem),
                         (body['type'], body['fingerprint'],
                          body['public_key']))

    def test_public_key_required_from_2_92(self):
        resp = self.create(public_key=None, version='2.92')
        self.assertIn("'public_key' is a required property",
                      self.assertFault(resp, 400))

    def test_fields_per_version(self):
        self.assertIn("'type' was unexpected", self.assertFault(
            self.create(type='ssh', version='2.1'), 400))
        self.assertIn("'user_id' was unexpected", self.assertFault(
            self.create(user_id='owner', version='2.9'), 400))
        self.assertIn("'x' was unexpected", self.assertFault(
            self.create(x=1, version='2.92'), 400))
        self.assertIn("'rsa' is not one of", self.assertFault(
            self.create(type='rsa'), 400))

    def test_names(self):
        for name in ('a.b', 'me@host'):
            message = self.assertFault(self.create(name), 400)
            self.assertIn("%r does not match '^[_" % name, message)
            self.create(name, version='2.92', status=201)
        self.assertIn('does not match', self.assertFault(
            self.create('bad*', version='2.92'), 400))
        self.assertFault(
            self.create(' lead'), 400,
            "An invalid 'name' value was provided. The name must be: "
            "printable characters. Can not start or end with whitespace.")
        self.assertIn('Value: .', self.assertFault(self.create(''), 400))
        self.assertIn('is too long',
                      self.assertFault(self.create('x' * 256), 400))
        self.create('in side_-1', status=201)
        self.create('x' * 255, status=201)

    def test_bad_keys_are_400_never_500(self):
        ssh = 'Keypair data is invalid: failed to generate fingerprint'
        for key in ('', 'junk', 'ssh-rsa', 'ssh-rsa !!!!', 'ssh-rsa AAAA',
                    keys.ED25519.replace(' ', '\t'), '\ud800',
                    keys.ED25519[:40]):
            self.assertFault(self.create('k', key), 400, ssh)
        for key in ('junk', '-----BEGIN CERTIFICATE-----\nAAAA\n'
                    '-----END CERTIFICATE-----\n', keys.ED25519, '\ud800'):
            message = self.assertFault(self.create('k', key, type='x509'),
                                       400)
            self.assertTrue(message.startswith(
                'Keypair data is invalid: failed to generate X509 '
                'fingerprint. Error message: '), message)
        for body in ({'keypair': {'name': 'k', 'public_key': 1}},
                     {'keypair': ['k']}, {'keypair': None}, {}, [], 'k',
                     {'keypair': {'name': 7}}):
            resp = self.post(PATH, body, version='2.2')
            self.assertFault(resp, 400)
        self.assertFault(self.post(PATH, raw=b'{', version='2.2'), 400,
                         'Malformed request body')
        self.assertEqual([], self.names())

    def test_duplicate_is_409_after_key_checks(self):
        self.create('k', status=201)
        conflict = "Key pair 'k' already exists."
        self.assertFault(self.create('k', keys.ECDSA), 409, conflict)
        self.assertFault(self.create('k', public_key=None), 409, conflict)
        self.assertFault(self.create('k', 'junk'), 400)
        # Another user may use the same name.
        self.create('k', token=base.ALT, status=201)

    def test_admin_creates_for_another_user_from_2_10(self):
        body = self.create('theirs', user_id=ALT_USER, version='2.10',
                           token=base.ADMIN, status=201).json['keypair']
        self.assertEqual(ALT_USER, body['user_id'])
        self.assertEqual(['theirs'], self.names(token=base.ALT))
        self.assertEqual([], self.names(token=base.ADMIN))
        self.assertFault(self.create('mine', user_id=ALT_USER,
                                     version='2.10'), 403, POLICY % 'create')
        self.assertEqual([], self.names())
        # Naming oneself, or no one, is the caller.
        self.create('me', user_id='owner', version='2.10', status=201)
        self.create('me2', user_id='', version='2.10', status=201)
        self.assertEqual(['me', 'me2'], self.names())


class ShowListDeleteTest(KeypairTestCase):

    def test_show(self):
        self.create('k1', version='2.2', status=201)
        resp = self.get(PATH + '/k1', version='2.1')
        self.assertEqual(200, resp.status, resp.body)
        body = resp.json['keypair']
        self.assertEqual({'name', 'public_key', 'fingerprint', 'user_id',
                          'created_at', 'updated_at', 'deleted',
                          'deleted_at', 'id'}, set(body))
        self.assertEqual(('k1', keys.ED25519, 'owner', False, None, None),
                         (body['name'], body['public_key'], body['user_id'],
                          body['deleted'], body['deleted_at'],
                          body['updated_at']))
        self.assertIsInstance(body['id'], int)
        self.assertRegex(body['created_at'],
                         r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$')
        body = self.get(PATH + '/k1', version='2.2').json['keypair']
        self.assertEqual('ssh', body['type'])
        self.assertFault(self.get(PATH + '/nope'), 404,
                         'Keypair nope not found for user owner')

    def test_names_with_spaces_and_dots_in_urls(self):
        for name in ('with space', 'a.b@c'):
            self.create(name, version='2.92', status=201)
            path = PATH + '/' + urllib.parse.quote(name)
            resp = self.get(path, version='2.92')
            self.assertEqual(name, resp.json['keypair']['name'])
            self.assertEqual(204, self.request('DELETE', path,
                                               version='2.92').status)

    def test_keys_belong_to_the_user_not_the_project(self):
        self.create('mine', status=201)
        self.assertEqual([], self.names(token=base.OTHER_USER_SAME_PROJECT))
        self.assertFault(self.get(PATH + '/mine',
                                  token=base.OTHER_USER_SAME_PROJECT), 404)
        self.assertEqual(['mine'], self.names(token='owner:9f8e7d6c'))

    def test_list_by_name_per_version(self):
        for name in ('b', 'a', 'c'):
            self.create(name, status=201)
        resp = self.get(PATH, version='2.1')
        self.assertEqual({'keypairs': [{'keypair': {
            'name': n, 'public_key': keys.ED25519,
            'fingerprint': md5_fingerprint(keys.ED25519)}}
            for n in 'abc']}, resp.json)
        resp = self.get(PATH, version='2.2')
        self.assertEqual(['ssh'] * 3, [k['keypair']['type']
                                       for k in resp.json['keypairs']])
        # Paging parameters mean nothing before 2.35.
        resp = self.get(PATH, version='2.34', query='limit=1&marker=zz')
        self.assertEqual(['a', 'b', 'c'], [
            k['keypair']['name'] for k in resp.json['keypairs']])
        self.assertNotIn('keypairs_links', resp.json)

    def test_pagination_from_2_35(self):
        for name in ('d', 'b', 'a', 'c', 'e'):
            self.create(name, status=201)
        resp = self.get(PATH, version='2.35', query='limit=2')
        self.assertEqual(['a', 'b'], [k['keypair']['name']
                                      for k in resp.json['keypairs']])
        self.assertEqual([{'rel': 'next', 'href':
                           'http://localhost/v2.1/os-keypairs?limit=2&'
                           'marker=b'}], resp.json['keypairs_links'])
        resp = self.get(PATH, version='2.35', query='marker=b&limit=2')
        self.assertEqual(['c', 'd'], [k['keypair']['name']
                                      for k in resp.json['keypairs']])
        resp = self.get(PATH, version='2.35', query='marker=d&limit=2')
        self.assertEqual(['e'], [k['keypair']['name']
                                 for k in resp.json['keypairs']])
        self.assertNotIn('keypairs_links', resp.json)
        resp = self.get(PATH, version='2.35', query='limit=0')
        self.assertEqual({'keypairs': []}, resp.json)
        resp = self.get(PATH, version='2.35')
        self.assertEqual(5, len(resp.json['keypairs']))
        self.assertNotIn('keypairs_links', resp.json)
        self.assertFault(self.get(PATH, version='2.35', query='marker=zz'),
                         400, 'Marker zz could not be found.')
        self.assertIn('Invalid input for query parameters limit.',
                      self.assertFault(self.get(
                          PATH, version='2.35', query='limit=abc'), 400))
        self.assertFault(self.get(PATH, version='2.35', query='offset=x'),
                         400, 'Invalid input received: offset must be an '
                         'integer')

    def test_next_link_keeps_the_query_and_the_project_prefix(self):
        self.create('a', user_id=ALT_USER, version='2.10', token=base.ADMIN)
        self.create('b', user_id=ALT_USER, version='2.10', token=base.ADMIN)
        resp = self.get('/v2.1/adadadad/os-keypairs', version='2.35',
                        query='user_id=%s&limit=1' % ALT_USER,
                        token=base.ADMIN)
        self.assertEqual(['a'], [k['keypair']['name']
                                 for k in resp.json['keypairs']])
        self.assertEqual(
            'http://localhost/v2.1/adadadad/os-keypairs?limit=1&'
            'user_id=%s&marker=a' % ALT_USER,
            resp.json['keypairs_links'][0]['href'])

    def test_unknown_query_parameters_from_2_75(self):
        self.create('k', status=201)
        for method, path in (('GET', PATH), ('GET', PATH + '/k'),
                             ('DELETE', PATH + '/k')):
            resp = self.request(method, path, version='2.75',
                                query='foo=bar')
            self.assertIn("'foo' was unexpected",
                          self.assertFault(resp, 400))
        self.assertEqual(200, self.get(PATH, version='2.74',
                                       query='foo=bar').status)
        self.assertEqual(200, self.get(PATH + '/k', version='2.74',
                                       query='foo=bar').status)
        self.assertEqual(204, self.request('DELETE', PATH + '/k',
                                           version='2.74',
                                           query='foo=bar').status)

    def test_delete_status_per_version(self):
        self.create('a', status=201)
        self.create('b', status=201)
        resp = self.request('DELETE', PATH + '/a', version='2.1')
        self.assertEqual((202, b''), (resp.status, resp.body))
        resp = self.request('DELETE', PATH + '/b', version='2.2')
        self.assertEqual((204, b''), (resp.status, resp.body))
        self.assertFault(self.request('DELETE', PATH + '/b'), 404,
                         'Keypair b not found for user owner')
        self.assertEqual([], self.names())

    def test_admin_user_id_query_from_2_10(self):
        self.create('theirs', token=base.ALT, status=201)
        query = 'user_id=%s' % ALT_USER
        # Before 2.10 the parameter is ignored: one's own keys.
        self.assertEqual([], self.names(version='2.9', query=query,
                                        token=base.ADMIN))
        self.assertEqual(['theirs'], self.names(
            version='2.10', query=query, token=base.ADMIN))
        resp = self.get(PATH + '/theirs', version='2.10', query=query,
                        token=base.ADMIN)
        self.assertEqual(ALT_USER, resp.json['keypair']['user_id'])
        for method, path, rule in (('GET', PATH, 'index'),
                                   ('GET', PATH + '/theirs', 'show'),
                                   ('DELETE', PATH + '/theirs', 'delete')):
            resp = self.request(method, path, version='2.10', query=query)
            self.assertFault(resp, 403, POLICY % rule)
        resp = self.request('DELETE', PATH + '/theirs', version='2.10',
                            query=query, token=base.ADMIN)
        self.assertEqual(204, resp.status, resp.body)
        self.assertEqual([], self.names(token=base.ALT))

    def test_policy_overrides(self):
        self.create('k', status=201)
        self.cloud.set_policy({
            'os_compute_api:os-keypairs:index': 'rule:admin_api',
            'os_compute_api:os-keypairs:show': 'project_id:%(project_id)s'})
        self.assertFault(self.get(PATH), 403, POLICY % 'index')
        self.assertEqual(200, self.get(PATH, token=base.ADMIN).status)
        # The target carries the caller's project.
        self.assertEqual(200, self.get(PATH + '/k').status)

    def test_legacy_project_urls(self):
        self.create('k', status=201)
        resp = self.get('/v2.1/%s/os-keypairs/k' % base.OWNER_PROJECT)
        self.assertEqual(200, resp.status, resp.body)
        self.assertFault(self.get('/v2.1/9f8e7d6c/os-keypairs'), 400)

    def test_methods(self):
        resp = self.request('PUT', PATH + '/k', body={})
        # Nova's routes match path and method together: webob's 404.
        self.assertEqual(404, resp.status, resp.body)
        self.assertTrue(resp.text.startswith('404 Not Found'))


class PolicyMatrixTest(testtools.TestCase):

    def test_own_keys_for_all_other_users_keys_for_admins(self):
        cases = [c for c in policy_matrix.all_cases()
                 if '/os-keypairs' in c.label]
        self.assertEqual(6, len(cases))
        for policy_file in ('default', os.path.join(
                base.REPO, 'etc', 'policy-rbac.yaml')):
            m = policy_matrix.matrix(policy_file, cases=cases)
            for label, row in m.items():
                others = '?user_id=' in label
                for persona, outcome in row.items():
                    expected = ('forbidden' if others
                                and persona == 'other-project'
                                else 'allowed')
                    self.assertEqual(expected, outcome, (label, persona))


class ServerKeyNameTest(KeypairTestCase):

    def test_create_needs_a_key_of_the_caller(self):
        spec = {'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': '1',
                'key_name': 'k'}
        resp = self.post('/v2.1/servers', {'server': spec})
        self.assertFault(resp, 400, 'Invalid key_name provided.')
        self.create('k', token=base.OTHER_USER_SAME_PROJECT, status=201)
        resp = self.post('/v2.1/servers', {'server': spec})
        self.assertFault(resp, 400, 'Invalid key_name provided.')
        self.assertEqual({}, self.store.servers)
        self.create('k', status=201)
        server_id = self.create_server(key_name='k')
        self.assertEqual('k', self.show(server_id)['key_name'])
        # The key may go; the server keeps its name.
        self.request('DELETE', PATH + '/k')
        self.assertEqual('k', self.show(server_id)['key_name'])
        self.assertIsNone(self.show(self.create_server())['key_name'])

    def test_create_checks_security_groups_first(self):
        spec = {'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': '1',
                'key_name': 'nope', 'security_groups': [{'name': 'nope'}]}
        resp = self.post('/v2.1/servers', {'server': spec})
        self.assertIn('Security group nope not found',
                      self.assertFault(resp, 400))

    def rebuild(self, server_id, key_name, token=base.OWNER, **extra):
        value = {'imageRef': base.IMAGE, 'key_name': key_name}
        value.update(extra)
        return self.action(server_id, {'rebuild': value}, version='2.54',
                           token=token)

    def test_rebuild_sets_and_unsets_the_key(self):
        self.create('k', status=201)
        server_id = self.create_server()
        resp = self.rebuild(server_id, 'k')
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual('k', resp.json['server']['key_name'])
        self.assertEqual('k', self.show(server_id)['key_name'])
        resp = self.rebuild(server_id, None)
        self.assertEqual(202, resp.status, resp.body)
        self.assertIsNone(resp.json['server']['key_name'])
        self.assertIsNone(self.show(server_id)['key_name'])

    def test_rebuild_with_an_unknown_key(self):
        server_id = self.create_server()
        resp = self.rebuild(server_id, 'nope', imageRef=base.OTHER_IMAGE)
        self.assertFault(resp, 400, 'Invalid key_name provided.')
        server = self.show(server_id)
        self.assertEqual(('ACTIVE', base.IMAGE, None),
                         (server['status'], server['image']['id'],
                          server['key_name']))
        # The key is looked up before the image.
        resp = self.rebuild(server_id, 'nope',
                            imageRef='00000000-0000-4000-8000-000000000000')
        self.assertFault(resp, 400, 'Invalid key_name provided.')

    def test_rebuild_uses_the_keys_of_the_caller(self):
        # Another user of the project rebuilds the owner's server: the key
        # must be that user's.
        self.create('k', status=201)
        server_id = self.create_server()
        colleague = base.OTHER_USER_SAME_PROJECT
        self.assertFault(self.rebuild(server_id, 'k', token=colleague), 400,
                         'Invalid key_name provided.')
        self.create('k', token=colleague, status=201)
        resp = self.rebuild(server_id, 'k', token=colleague)
        self.assertEqual(202, resp.status, resp.body)

    def test_rebuild_checks_the_lock_first(self):
        server_id = self.create_server()
        self.store.servers[server_id].locked_by = 'admin'
        self.assertEqual(409, self.rebuild(server_id, 'nope').status)


class FixtureTest(testtools.TestCase):

    def test_add_keypair(self):
        nova = self.useFixture(FakeNova())
        body = nova.add_keypair('mine', keys.ED25519)
        self.assertEqual(
            {'name': 'mine', 'user_id': nova.user_id, 'type': 'ssh',
             'public_key': keys.ED25519,
             'fingerprint': md5_fingerprint(keys.ED25519)},
            {k: body[k] for k in ('name', 'user_id', 'type', 'public_key',
                                  'fingerprint')})
        generated = nova.add_keypair('gen', user_id='someone')
        self.assertIn('BEGIN RSA PRIVATE KEY', generated['private_key'])
        self.assertEqual('someone', generated['user_id'])
        self.assertRaises(ValueError, nova.add_keypair, 'mine')
        self.assertRaises(ValueError, nova.add_keypair, 'x', 'junk')
        self.assertRaises(ValueError, nova.add_keypair, 'x', type='rsa')
        session = nova.session()
        resp = session.get(nova.endpoint + '/os-keypairs',
                           headers={'OpenStack-API-Version': 'compute 2.2'})
        self.assertEqual(['mine'], [k['keypair']['name']
                                    for k in resp.json()['keypairs']])
        server = nova.create_server(key_name='mine')
        self.assertEqual('mine', server['key_name'])


class ControlAndSeedTest(test_control.ControlTestCase):

    def test_control_adds_a_keypair(self):
        resp = self.control('POST', '/keypairs', {
            'name': 'deploy', 'user': 'demo', 'public_key': keys.ED25519})
        self.assertEqual(201, resp.status, resp.body)
        body = resp.json['keypair']
        self.assertEqual(md5_fingerprint(keys.ED25519), body['fingerprint'])
        resp = self.request('GET', PATH, token=self.demo)
        self.assertEqual(['deploy'], [k['keypair']['name']
                                      for k in resp.json['keypairs']])
        [listed] = self.control('GET', '/state').json['keypairs']
        self.assertEqual(('deploy', body['user_id']),
                         (listed['name'], listed['user_id']))
        resp = self.control('POST', '/keypairs', {
            'name': 'deploy', 'user': 'demo', 'public_key': keys.ECDSA})
        self.assertIn('already exists', self.assertError(400, resp))
        resp = self.control('POST', '/keypairs', {'name': 'x',
                                                  'user': 'nobody'})
        self.assertIn('nobody', self.assertError(400, resp))
        resp = self.control('POST', '/keypairs', {'name': 'x',
                                                  'type': 'rsa'})
        self.assertError(400, resp)

    def test_seed_section(self):
        fd, path = tempfile.mkstemp(suffix='.yaml')
        with os.fdopen(fd, 'w') as f:
            f.write('keypairs:\n- {name: seeded, user: demo, public_key: %s}'
                    '\n' % json.dumps(keys.ED25519))
        self.addCleanup(os.unlink, path)
        seed.load_into(self.cloud, path)
        spec = {'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': '1',
                'key_name': 'seeded'}
        resp = self.request('POST', '/v2.1/servers', {'server': spec},
                            token=self.demo)
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(204, self.control('POST', '/reset').status)
        self.assertEqual(1, len(self.cloud.store.keypairs))
        with open(path, 'w') as f:
            f.write('keypairs:\n- {name: a, user: demo, public_key: junk}\n')
        error = self.assertRaises(seed.SeedError, seed.load_into,
                                  self.cloud, path)
        self.assertTrue(re.search(r'keypairs\[0\]: Keypair data is invalid',
                                  str(error)), str(error))
