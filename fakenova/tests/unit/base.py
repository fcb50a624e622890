"""Shared helpers for unit tests: the full paste pipeline, in-process."""

import json
import os

from paste import deploy
import testtools
import webob

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
PASTE_INI = os.path.join(REPO, 'etc', 'api-paste.ini')
# Nova's reference data (api_samples and the 34.0.0 facts), vendored in
# fakenova/tests/reference: see its README.md. Every test that reads the
# reference goes through this constant (and reference_path below).
REFERENCE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'reference')

IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b'
OTHER_IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'

# noauth2 tokens (user:project). Project ids are hex so that the legacy
# /v2.1/{project_id}/... URLs can be used with them.
OWNER = 'owner:0a1b2c3d'
OWNER_PROJECT = '0a1b2c3d'
OTHER_USER_SAME_PROJECT = 'colleague:0a1b2c3d'
ALT = 'alt:9f8e7d6c'
ADMIN = 'admin:adadadad'


class MissingReference(AssertionError):
    """A file or folder of the vendored reference is missing."""


def reference_path(*parts):
    """The path of ``parts`` under REFERENCE, which must exist.

    A missing reference is an error, never a reason to skip: raised in a
    test it fails the test, raised at import it fails the module's load,
    so that no test silently vanishes.
    """
    path = os.path.join(REFERENCE, *parts)
    if not os.path.exists(path):
        raise MissingReference(
            'reference data missing: %s (fakenova/tests/reference is part '
            'of the repository; see its README.md)' % path)
    return path


def load_paste_app(name='main', **conf):
    """A fresh cloud's app from etc/api-paste.ini (composite ``name``).

    Values are passed as strings: paste's config parser interpolates
    global_conf and fails on non-strings (e.g. ``polls=5``).
    """
    return deploy.loadapp('config:' + PASTE_INI, name=name,
                          global_conf={k: str(v) for k, v in conf.items()})


def load_app(name='main', **conf):
    """A fresh cloud's app, composed from the root (no paste file read).

    ``name`` is the composite of etc/api-paste.ini it equals
    (``test_deploy`` proves it): ``main`` (noauth2), ``keystone``
    (keystonemiddleware's headers) or ``cloud`` (the standalone cloud).
    ``conf`` takes what a paste conf would, strings included.
    """
    from fakenova import cloud as cloud_mod
    from fakenova import deploy as compose
    cloud = cloud_mod.Cloud.from_conf(conf)
    if name == 'cloud':
        return compose.build_cloud(cloud)
    return compose.build(cloud, {'main': 'noauth2',
                                 'keystone': 'keystonecontext'}[name])


def find_router(app):
    """The compute API of the cloud ``app`` serves."""
    return app.cloud.compute


class Response:
    def __init__(self, resp):
        self.status = resp.status_int
        self.headers = resp.headers
        self.body = resp.body
        self.text = resp.body.decode('utf-8', 'replace')
        self.json = (json.loads(resp.body) if resp.body and
                     resp.content_type == 'application/json' else None)


def send(app, method, path, body=None, token=OWNER, version=None,
         headers=None, raw=None, content_type='application/json',
         query=None):
    """One request through ``app`` in-process; a :class:`Response`.

    ``body`` is sent as JSON, ``raw`` as bytes; ``version`` is the compute
    microversion header; ``token=None`` sends no X-Auth-Token.
    """
    req = webob.Request.blank(path, method=method)
    if query is not None:
        req.query_string = query
    if token:
        req.headers['X-Auth-Token'] = token
    if version:
        req.headers['OpenStack-API-Version'] = 'compute %s' % version
    if raw is not None:
        req.body = raw
        req.content_type = content_type
    elif body is not None:
        req.body = json.dumps(body).encode()
        req.content_type = content_type
    for key, value in (headers or {}).items():
        req.headers[key] = value
    return Response(req.get_response(app))


class APITestCase(testtools.TestCase):
    """Each test gets its own app (nothing shared between tests)."""

    app_name = 'main'
    app_conf = {}

    def setUp(self):
        super().setUp()
        self.app = load_app(self.app_name, **self.app_conf)
        self.cloud = self.app.cloud
        self.router = self.cloud.compute

    @property
    def store(self):
        """The cloud's store (a reset replaces it)."""
        return self.cloud.store

    def request(self, method, path, body=None, token=OWNER, **kw):
        return send(self.app, method, path, body, token=token, **kw)

    def get(self, path, **kw):
        return self.request('GET', path, **kw)

    def post(self, path, body=None, **kw):
        return self.request('POST', path, body=body, **kw)

    def action(self, server_id, body, **kw):
        return self.request('POST', '/v2.1/servers/%s/action' % server_id,
                            body=body, **kw)

    def create_server(self, token=OWNER, name='vm', **extra):
        spec = {'name': name, 'imageRef': IMAGE, 'flavorRef': '1'}
        spec.update(extra)
        resp = self.post('/v2.1/servers', {'server': spec}, token=token)
        self.assertEqual(202, resp.status, resp.body)
        return resp.json['server']['id']

    def show(self, server_id, token=OWNER, version=None):
        resp = self.get('/v2.1/servers/%s' % server_id, token=token,
                        version=version)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['server']

    def assertFault(self, resp, code, message=None):
        names = {400: 'badRequest', 403: 'forbidden', 404: 'itemNotFound',
                 409: 'conflictingRequest', 405: 'badMethod',
                 413: 'overLimit', 415: 'badMediaType'}
        self.assertEqual(code, resp.status, resp.body)
        name = names.get(code, 'computeFault')
        self.assertIn(name, resp.json, resp.body)
        self.assertEqual(code, resp.json[name]['code'])
        if message is not None:
            self.assertEqual(message, resp.json[name]['message'])
        return resp.json[name]['message']
