"""One composition: etc/api-paste.ini and fakenova.deploy build the same.

Each composite of the paste file and its Python twin give, path by path,
the same chain of middleware ending in the same app, with the same
settings, and every app of one composite shares the one cloud.
"""

import testtools

from fakenova import auth
from fakenova import cloud as cloud_mod
from fakenova.compute.api import router
from fakenova.control import api as control
from fakenova import deploy
from fakenova import fixture
from fakenova.identity import api as identity_api
from fakenova.image import api as image
from fakenova import policy
from fakenova.tests.unit import base

CONF = {'pacing': 'polls', 'polls': '3', 'call_log_size': '7',
        'max_request_body_size': '4096', 'control_token': 'secret',
        'shelved_offload_time': '-1'}


def chain(app):
    """[class name, ...] from ``app`` down its wrapped applications."""
    out = []
    while app is not None:
        out.append(type(app).__name__)
        limit = getattr(app, 'max_size', None)
        if limit is not None:
            out.append('max_size=%d' % limit)
        app = getattr(app, 'application', None)
    return out


def describe(app):
    return {prefix: chain(sub) for prefix, sub in app.mapping}


def clouds_in(app):
    """Every Cloud (or identity) the apps of ``app`` hold on to."""
    found = []
    for _prefix, sub in app.mapping:
        while sub is not None:
            if isinstance(sub, router.APIRouter):
                found.append(sub.cloud)
            elif isinstance(sub, (control.ControlApp, image.ImageApp)):
                found.append(sub.cloud)
            elif isinstance(sub, (auth.IdentityTokenAuth,
                                  identity_api.IdentityApp)):
                found.append(sub.identity)
            sub = getattr(sub, 'application', None)
    return found


class PasteMatchesPythonTest(testtools.TestCase):

    def test_every_composite(self):
        for name in ('main', 'keystone', 'cloud'):
            pasted = base.load_paste_app(name, **CONF)
            composed = base.load_app(name, **CONF)
            self.assertEqual(describe(pasted), describe(composed), name)
            expected = ['/', '/v2.1'] + (
                ['/_fakenova', '/identity', '/image'] if name == 'cloud'
                else [])
            self.assertEqual(sorted(expected), sorted(describe(pasted)))

    def test_one_cloud_per_composite_with_its_settings(self):
        for name in ('main', 'keystone', 'cloud'):
            for app in (base.load_paste_app(name, **CONF),
                        base.load_app(name, **CONF)):
                cloud = app.cloud
                for held in clouds_in(app):
                    self.assertIn(held, (cloud, cloud.identity), name)
                self.assertEqual({'pacing': 'polls', 'polls': 3,
                                  'shelved_offload_time': -1,
                                  'reclaim_instance_interval': 0,
                                  'keep_deleted_servers': 1000,
                                  'consoles': 'vnc', 'seconds': 1.0},
                                 cloud.store.settings())
                self.assertEqual(7, cloud.calls.size)
                self.assertEqual('secret', cloud.control_token)

    def test_the_compute_app_alone_gets_a_cloud_of_its_own(self):
        # A paste file of one's own, without fakenova's composites.
        app = deploy.api_app_factory({}, pacing='manual')
        self.assertIsInstance(app, router.APIRouter)
        self.assertEqual('manual', app.cloud.store.pacing)
        self.assertRaises(ValueError, deploy.image_app_factory, {})


class CloudsShareNothingTest(testtools.TestCase):

    def test_two_fixtures_and_a_standalone_cloud(self):
        one = self.useFixture(fixture.FakeNova())
        two = self.useFixture(fixture.FakeNova())
        standalone = base.load_app('cloud').cloud
        clouds = (one.cloud, two.cloud, standalone)
        server = one.create_server(name='only-in-one')
        one.set_policy({'os_compute_api:os-pause-server:pause': '!'})
        one.fail_next('pause')
        one.set_pacing('manual')
        for other in clouds[1:]:
            self.assertNotIn(server['id'], other.store.servers)
            self.assertIs(policy.shared_default(), other.authorizer)
            self.assertFalse(other.faults)
            self.assertEqual('instant', other.store.pacing)
        for attr in ('store', 'calls', 'identity', 'compute'):
            held = [id(getattr(c, attr)) for c in clouds]
            self.assertEqual(3, len(set(held)), attr)


class CloudTest(testtools.TestCase):
    """The one reset, policy and pacing of the composition root."""

    def test_reset_forgets_and_keeps(self):
        cloud = cloud_mod.Cloud(pacing='polls', polls=2)
        token = cloud.identity.authenticate(
            {'auth': {'identity': {'methods': ['password'], 'password': {
                'user': {'name': 'demo', 'password': 'demo',
                         'domain': {'id': 'default'}}}}}})
        app = deploy.build(cloud)
        resp = base.send(app, 'POST', '/v2.1/servers', {'server': {
            'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': '1'}})
        self.assertEqual(202, resp.status)
        cloud.set_policy({'os_compute_api:servers:index': '!'})
        cloud.faults.fail_next('pause')
        cloud.set_pacing('manual')
        cloud.reset()
        self.assertEqual({}, cloud.store.servers)
        self.assertEqual(0, cloud.calls.total)
        self.assertFalse(cloud.faults)
        self.assertIs(policy.shared_default(), cloud.authorizer)
        self.assertEqual('manual', cloud.store.pacing)
        self.assertIsNotNone(cloud.identity.validate(token.id))
        # The app serves the new state without being told.
        resp = base.send(app, 'GET', '/v2.1/servers')
        self.assertEqual({'servers': []}, resp.json)

    def test_the_shared_default_policy_cannot_be_changed(self):
        cloud = cloud_mod.Cloud()
        self.assertRaises(RuntimeError, cloud.authorizer.set_rules,
                          {'x': '!'})
        self.assertRaises(policy.InvalidRule, cloud.set_policy,
                          {'os_compute_api:servers:index': 'role:admin or'})
        self.assertIs(policy.shared_default(), cloud.authorizer)
        cloud.set_policy({'os_compute_api:servers:index': '!'})
        self.assertIsNot(policy.shared_default(), cloud.authorizer)
        cloud.clear_policy()
        self.assertIs(policy.shared_default(), cloud.authorizer)
