"""Key pairs through python-novaclient and openstacksdk (FakeNova fixture)."""

import base64
import hashlib

from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives import serialization
from novaclient import exceptions as nc_exc
from openstack import exceptions as sdk_exc
import testtools

from fakenova import fixture

IMAGE = fixture.DEFAULT_IMAGE


def new_public_key():
    key = ed25519.Ed25519PrivateKey.generate()
    return key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode() + ' me@laptop'


def md5_fingerprint(public_key):
    digest = hashlib.md5(base64.b64decode(public_key.split()[1]),
                         usedforsecurity=False).hexdigest()
    return ':'.join(digest[i:i + 2] for i in range(0, len(digest), 2))


class NovaclientKeypairTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.nova = self.useFixture(fixture.FakeNova())
        self.client = self.nova.novaclient()

    def test_import_list_get_delete(self):
        public_key = new_public_key()
        created = self.client.keypairs.create('mine', public_key=public_key)
        self.assertEqual(('mine', 'ssh', md5_fingerprint(public_key)),
                         (created.name, created.type, created.fingerprint))
        self.assertEqual(201, self.nova.calls[-1].status)
        self.assertEqual(['mine'],
                         [k.name for k in self.client.keypairs.list()])
        shown = self.client.keypairs.get('mine')
        self.assertEqual((public_key, self.nova.user_id),
                         (shown.public_key, shown.user_id))
        self.client.keypairs.delete('mine')
        self.assertEqual(204, self.nova.calls[-1].status)
        self.assertRaises(nc_exc.NotFound, self.client.keypairs.get, 'mine')
        self.assertEqual([], self.client.keypairs.list())

    def test_generated_before_2_92(self):
        client = self.nova.novaclient('2.91')
        created = client.keypairs.create('gen')
        self.assertIn('BEGIN RSA PRIVATE KEY', created.private_key)
        self.assertEqual(md5_fingerprint(created.public_key),
                         created.fingerprint)

    def test_errors(self):
        public_key = new_public_key()
        self.client.keypairs.create('k', public_key=public_key)
        error = self.assertRaises(nc_exc.Conflict,
                                  self.client.keypairs.create, 'k',
                                  public_key=public_key)
        self.assertIn("Key pair 'k' already exists.", str(error))
        error = self.assertRaises(nc_exc.BadRequest,
                                  self.client.keypairs.create, 'x',
                                  public_key='not a key')
        self.assertIn('Keypair data is invalid', str(error))

    def test_paging_and_another_users_keys(self):
        for name in ('c', 'a', 'b'):
            self.nova.add_keypair(name, new_public_key(), user_id='alice')
        admin = self.nova.novaclient(admin=True)
        page = admin.keypairs.list(user_id='alice', limit=2)
        self.assertEqual(['a', 'b'], [k.name for k in page])
        page = admin.keypairs.list(user_id='alice', marker='b')
        self.assertEqual(['c'], [k.name for k in page])
        self.assertRaises(nc_exc.Forbidden, self.client.keypairs.list,
                          user_id='alice')

    def test_boot_with_key_name(self):
        self.client.keypairs.create('k', public_key=new_public_key())
        server = self.client.servers.create('vm1', image=IMAGE, flavor='1',
                                            key_name='k', nics='none')
        self.assertEqual('k', self.nova.server(server.id)['key_name'])
        error = self.assertRaises(
            nc_exc.BadRequest, self.client.servers.create, 'vm2',
            image=IMAGE, flavor='1', key_name='nope', nics='none')
        self.assertIn('Invalid key_name provided.', str(error))


class SDKKeypairTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.nova = self.useFixture(fixture.FakeNova())
        self.conn = self.nova.connection()

    def test_create_keypair_generates_or_imports(self):
        generated = self.conn.create_keypair('gen')
        self.assertIn('BEGIN RSA PRIVATE KEY', generated.private_key)
        public_key = new_public_key()
        imported = self.conn.create_keypair('imp', public_key=public_key)
        self.assertEqual(md5_fingerprint(public_key), imported.fingerprint)
        self.assertEqual(['gen', 'imp'],
                         [k.name for k in self.conn.compute.keypairs()])
        found = self.conn.compute.get_keypair('imp')
        self.assertEqual((public_key, 'ssh'), (found.public_key, found.type))
        self.assertTrue(self.conn.delete_keypair('gen'))
        self.assertEqual(['imp'],
                         [k.name for k in self.conn.compute.keypairs()])
        self.assertRaises(sdk_exc.NotFoundException,
                          self.conn.compute.get_keypair, 'gen')

    def test_server_with_key_name(self):
        self.conn.create_keypair('k', public_key=new_public_key())
        server = self.conn.compute.create_server(
            name='vm1', image_id=IMAGE, flavor_id='1', networks='none',
            key_name='k')
        server = self.conn.compute.wait_for_server(server, wait=5,
                                                   interval=0.01)
        self.assertEqual('k', server.key_name)
        self.assertRaises(sdk_exc.BadRequestException,
                          self.conn.compute.create_server, name='vm2',
                          image_id=IMAGE, flavor_id='1', networks='none',
                          key_name='nope')
