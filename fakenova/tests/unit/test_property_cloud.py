"""Property test over every app of the standalone cloud.

Random requests to identity (/identity), images (/image), the control API
(/_fakenova) and compute (/v2.1) of one cloud with the demo seed, with the
inputs an attacker sends: JSON nested deeper than any parser should
follow, bodies over the size limit, bytes that are not UTF-8 (in bodies,
paths and query strings), documents of the wrong types where identity and
the control API expect objects, odd tokens, hosts and content types.

Checked for every answer:

* never a 5xx, and never an exception out of the app;
* a 4xx is the service's envelope (Nova's ``{faultName: {code,
  message}}`` for compute, ``{"error": {code, title, message}}`` for
  identity and the control API, glance's text for images), except the
  body-size filter's 413, which every OpenStack service answers as
  oslo.middleware renders it;
* a refused request changed nothing: the whole state of the cloud
  (:func:`fakenova.tests.unit.state.dump`) is the same before and after.

``FAKENOVA_PROPERTY_SCALE=N`` runs N times as many examples (CI runs 1).
"""

import json
import re
import urllib.parse

import hypothesis
from hypothesis import strategies as st

from fakenova.compute.api import router
from fakenova.compute.api import wsgi
from fakenova.control import api as control
from fakenova.control import seed
from fakenova.tests.unit import base
from fakenova.tests.unit import state
from fakenova.tests.unit import test_property as compute_property
from fakenova.tests.unit import test_security

SCALE = compute_property.SCALE
CONTROL_TOKEN = 'control-secret'
SETTINGS = dict(compute_property.SETTINGS)
METHODS = ('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH')

IDENTITY_PATHS = ('/identity', '/identity/', '/identity/v3',
                  '/identity/v3/auth/tokens', '/identity/v3/auth/tokens/',
                  '/identity/v3/users', '/identity/v4')
IMAGE_PATHS = ('/image', '/image/versions', '/image/v2/images',
               '/image/v2/images/{image_id}',
               '/image/v2/images/{image_id}/file',
               '/image/v2/images/{image_id}/tasks', '/image/v3')


def _control_paths():
    app = control.ControlApp.__new__(control.ControlApp)
    return tuple('/_fakenova' + (path if path != '/' else '/')
                 for path, _handlers in control.ControlApp.routes(app))


CONTROL_PATHS = _control_paths()
COMPUTE_PATHS = tuple('/v2.1' + path for path, _h in router.ROUTES)

# -- bodies -------------------------------------------------------------------

DEEP = (b'[' * 5000 + b']' * 5000, b'{"a":' * 1100 + b'1' + b'}' * 1100,
        b'[' * 33 + b']' * 33, b'{"auth": ' * 40 + b'{}' + b'}' * 40)
HUGE = b'{"x": "' + b'a' * 120000 + b'"}'
NOT_UTF8 = (b'\xff\xfe{}', b'{"name": "\xc0\xae"}', b'\x80',
            b'{"auth": {"identity": "\xe9"}}', '{"a": "é"}'.encode('latin-1'))
ODD_JSON = (b'NaN', b'{"limit": Infinity}', b'1' * 5000, b'"' + b'\\' * 99,
            b'{"a": 1, "a": 2}', b'[]', b'null', b'""', b'{"": {}}')


def _auth_template(user='demo', password='demo'):
    return test_security.password_auth(user, password, user)


@st.composite
def mutated(draw, template):
    """``template`` with one subtree (or leaf) replaced by junk."""
    doc = json.loads(json.dumps(template))
    paths = []

    def walk(node, path):
        paths.append(path)
        if isinstance(node, dict):
            for key, child in node.items():
                walk(child, path + (key,))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, path + (index,))
    walk(doc, ())
    path = draw(st.sampled_from(paths))
    junk = draw(compute_property.json_values)
    if not path:
        return junk
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = junk
    return doc


TEMPLATES = {
    '/identity/v3/auth/tokens': _auth_template(),
    '/_fakenova/servers': {'name': 'vm', 'project': 'demo',
                           'flavor': 'm1.tiny', 'status': 'ACTIVE',
                           'metadata': {'a': 'b'}},
    '/_fakenova/faults': {'kind': 'fail', 'action': 'pause',
                          'status': 409, 'times': 1},
    '/_fakenova/policy': {'rules': {
        'os_compute_api:os-pause-server:pause': 'role:admin'}},
    '/_fakenova/pacing': {'pacing': 'polls', 'polls': 2},
    '/_fakenova/users': {'name': 'u', 'password': 'p', 'project': 'demo',
                         'roles': ['member']},
    '/_fakenova/flavors': {'id': '77', 'name': 'f', 'ram': 1},
    '/_fakenova/volumes': {'name': 'v', 'size': 1, 'project': 'demo'},
    '/_fakenova/keypairs': {'name': 'k', 'user': 'demo'},
    '/_fakenova/reset': {'seed': True},
    '/image/v2/images': {'name': 'img', 'disk_format': 'raw',
                         'container_format': 'bare', 'tags': ['a'],
                         'min_ram': 1, 'visibility': 'private', 'x': 'y'},
    '/image/v2/images/{image_id}': [
        {'op': 'replace', 'path': '/name', 'value': 'n'},
        {'op': 'add', 'path': '/x', 'value': 'y'}],
    '/v2.1/servers': {'server': {'name': 'vm', 'imageRef': base.IMAGE,
                                 'flavorRef': '1'}},
}


@st.composite
def bodies(draw, path):
    """(JSON-able body or None, raw bytes or None)."""
    kind = draw(st.integers(0, 9))
    template = TEMPLATES.get(path)
    if kind <= 3 and template is not None:
        return draw(mutated(template)), None
    if kind == 4:
        return None, draw(st.sampled_from(DEEP))
    if kind == 5:
        return None, draw(st.sampled_from(NOT_UTF8 + ODD_JSON)
                          | st.binary(max_size=30))
    if kind == 6:
        return None, HUGE
    if kind == 7:
        return draw(compute_property.action_bodies()), None
    if kind == 8 and template is not None:
        return template, None
    return draw(compute_property.json_values), None


ODD_TEXT = ('', 'x', '%ff', '%C0%AE', 'a%00b', '..%2F..', '%E2%82',
            '\u00e9'.encode().decode('latin-1'), 'a' * 300)


@st.composite
def path_values(draw, name, ids):
    choices = ids.get(name, []) + list(ODD_TEXT)
    return draw(st.sampled_from(choices))


@st.composite
def cloud_requests(draw):
    family = draw(st.sampled_from(['identity', 'identity', 'image',
                                   'control', 'control', 'compute']))
    paths = {'identity': IDENTITY_PATHS, 'image': IMAGE_PATHS,
             'control': CONTROL_PATHS, 'compute': COMPUTE_PATHS}[family]
    template = draw(st.sampled_from(paths))
    method = draw(st.sampled_from(
        ('POST',) * 3 + ('GET',) * 3 + METHODS))
    body, raw = draw(bodies(template))
    query = draw(st.sampled_from(
        ['', 'name=%ff', 'since=%C2%B2', 'since=-1', 'since=3', 'limit=x',
         'status=%C0', 'name=(a%2B)%2B%24', 'nocatalog', 'a=b&a=c']))
    return dict(
        family=family, template=template, method=method, body=body,
        raw=raw, query=query,
        picks=draw(st.lists(st.integers(0, 20), min_size=3, max_size=3)),
        token=draw(st.sampled_from(['demo', 'admin', 'alt', 'control',
                                    None, None, 'bogus', 'x' * 600,
                                    '\u00e9t\u00e9'])),
        subject=draw(st.sampled_from(['demo', 'alt', None, 'bogus'])),
        content_type=draw(st.sampled_from(
            ['application/json'] * 4 + ['text/plain', 'application/xml',
                                        'application/json; charset=latin-1',
                                        '', 'application/octet-stream',
                                        'application/openstack-images-v2.1'
                                        '-json-patch'])),
        host=draw(st.sampled_from([None, None, 'localhost:8774',
                                   'evil.example', '[::1]', '\u00e9'])))


def check_envelope(case, family, resp, what):
    case.assertLess(resp.status, 500, '%s -> %s %r' % (what, resp.status,
                                                       resp.body[:300]))
    if resp.status < 400 or resp.status == 413 and not resp.json:
        return
    if what[0] == 'HEAD':  # no body to look at
        return
    if family == 'compute':
        if resp.status == 401 and resp.json is not None:
            # keystonemiddleware's refusal, in front of Nova.
            case.assertEqual(401, resp.json['error']['code'], what)
            return
        if resp.status == 404 and resp.json is None:
            # No route matched path and method: webob's page, as Nova's.
            case.assertTrue(resp.text.startswith('404 Not Found'), what)
            return
        body = resp.json
        case.assertIsInstance(body, dict, (what, resp.body[:200]))
        name = wsgi.FAULT_NAMES.get(resp.status, 'computeFault')
        case.assertEqual([name], list(body), what)
        case.assertEqual(resp.status, body[name]['code'], what)
    elif family in ('identity', 'control'):
        error = (resp.json or {}).get('error')
        case.assertIsInstance(error, dict, (what, resp.body[:200]))
        case.assertEqual(resp.status, error['code'], what)
        case.assertIsInstance(error['message'], str, what)
        case.assertIsInstance(error['title'], str, what)
    else:  # glance answers its errors as text
        case.assertTrue(resp.text.startswith('%d ' % resp.status),
                        (what, resp.body[:200]))


class RandomCloudRequestTest(base.testtools.TestCase):
    """Random attacks on every app of one cloud."""

    def setUp(self):
        super().setUp()
        self.sent = 0
        self.refused = 0

    def _cloud(self):
        app = base.load_app('cloud', control_token=CONTROL_TOKEN)
        cloud = app.cloud
        seed.load_into(cloud, test_security.DEMO_SEED)
        tokens = {'control': CONTROL_TOKEN}
        for name in ('demo', 'admin', 'alt'):
            user = 'alt_demo' if name == 'alt' else name
            tokens[name] = test_security.login(app, user, user)
        demo_web = test_security.DEMO_WEB
        with cloud.store.lock:
            volume = next(iter(cloud.store.volumes))
            fip = next(iter(cloud.store.floating_ips))
            group = next(iter(cloud.store.server_groups))
        ids = {'server_id': [demo_web], 'image_id': [base.IMAGE],
               'volume_id': [volume], 'floating_ip_id': [fip],
               'server_group_id': [group], 'keypair_name': ['demo-key']}
        return app, cloud, tokens, ids

    def _send(self, app, cloud, tokens, ids, r):
        picks = iter(r['picks'] * 4)

        def value(match):
            choices = ids.get(match.group(1), []) + list(ODD_TEXT)
            return choices[next(picks) % len(choices)]
        path = re.sub(r'\{(\w+)\}', value, r['template'])
        headers = {}
        if r['subject']:
            headers['X-Subject-Token'] = tokens.get(r['subject'],
                                                    r['subject'])
        if r['host']:
            headers['Host'] = r['host']
        token = tokens.get(r['token'], r['token'])
        req = base.webob.Request.blank(urllib.parse.quote(path, safe='/%:'),
                                       method=r['method'])
        req.query_string = r['query']
        if token:
            req.headers['X-Auth-Token'] = token
        for key, val in headers.items():
            req.headers[key] = val
        if r['raw'] is not None:
            req.body = r['raw']
        elif r['body'] is not None:
            req.body = json.dumps(r['body']).encode()
        if r['raw'] is not None or r['body'] is not None:
            req.content_type = r['content_type']
        self.sent += 1
        return base.Response(req.get_response(app)), path

    @hypothesis.settings(max_examples=40 * SCALE, **SETTINGS)
    @hypothesis.given(reqs=st.lists(cloud_requests(), min_size=12,
                                    max_size=20))
    def _check(self, reqs):
        app, cloud, tokens, ids = self._cloud()
        for r in reqs:
            before = state.dump(cloud)
            resp, path = self._send(app, cloud, tokens, ids, r)
            what = (r['method'], path, r['query'], r['token'],
                    r['body'] if r['raw'] is None else r['raw'][:60])
            check_envelope(self, r['family'], resp, what)
            if resp.status >= 400:
                self.refused += 1
                self.assertEqual(before, state.dump(cloud),
                                 'refused %r changed the cloud' % (what,))

    def test_random_requests_on_every_app(self):
        self._check()
        # The test proves its own coverage.
        self.assertGreater(self.sent, 450 * SCALE)
        self.assertGreater(self.refused, 200 * SCALE)
