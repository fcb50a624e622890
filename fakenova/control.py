"""The control API at /_fakenova: the fixture's powers, over HTTP.

For test suites not written in Python (moto's server mode offers the
same): reset the fake between tests, seed servers and other resources,
read the state and the recorded calls, set pacing, complete a
transition, inject faults and latency, override policy rules, add users.
``GET /_fakenova/`` is a small self-refreshing HTML dashboard.

Everything answers JSON (errors as ``{"error": {"code", "title",
"message"}}``). Requests need ``X-Auth-Token``: a token of the cloud's
identity with the ``admin`` role, or the ``--control-token``. While the
server listens on loopback only, the read-only GETs (state, calls,
dashboard) need no token. The app is mounted beside the compute API, never
inside it, so ``/v2.1/_fakenova`` is an ordinary 404.
"""

import hmac
import ipaddress
import logging

import jsonschema
import routes
import webob

from fakenova.api import router as router_mod
from fakenova.api import wsgi
from fakenova import cloud as cloud_mod
from fakenova.common import jsonbody
from fakenova.compute import exception
from fakenova.compute import faults as faults_mod
from fakenova.compute import seeding
from fakenova.compute import states as st
from fakenova.compute import store as store_mod
from fakenova import dashboard
from fakenova import policy

LOG = logging.getLogger(__name__)
_json = wsgi.json_response


class ControlError(Exception):
    titles = {400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
              404: 'Not Found', 405: 'Method Not Allowed',
              413: 'Request Entity Too Large',
              415: 'Unsupported Media Type', 500: 'Internal Server Error'}

    def __init__(self, code, message, headers=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.headers = headers or []


def _error(exc):
    resp = _json({'error': {'code': exc.code,
                            'title': ControlError.titles.get(exc.code,
                                                             'Error'),
                            'message': exc.message}}, exc.code)
    for name, value in exc.headers:
        resp.headers[name] = value
    return resp


# -- request bodies ----------------------------------------------------------

_STR = {'type': 'string'}
_NSTR = {'type': ['string', 'null']}
_INT = {'type': 'integer', 'minimum': 0}
_TIMES = {'type': ['integer', 'null'], 'minimum': 1}
_META = {'type': 'object', 'additionalProperties': _STR}


def _obj(properties, required=()):
    return {'type': 'object', 'properties': properties,
            'required': list(required), 'additionalProperties': False}


SERVER_FIELDS = {
    'name': _STR, 'id': _STR,
    'project_id': _STR, 'project': _STR,
    'user_id': _STR, 'user': _STR,
    'flavor': {'type': ['string', 'integer']}, 'image': _NSTR,
    'status': _STR, 'vm_state': {'enum': sorted(st.VM_STATES)},
    'task_state': {'enum': sorted(st.TASK_STATES) + [None]},
    'power_state': {'type': ['integer', 'null']},
    'locked': {'anyOf': [{'type': 'boolean'}, {'enum': ['admin', 'owner']}]},
    'locked_reason': _NSTR, 'metadata': _META,
    'addresses': {'type': 'object', 'additionalProperties': {
        'type': 'array', 'items': _STR}},
    'host': _NSTR, 'availability_zone': _STR, 'description': _NSTR,
    'key_name': _NSTR, 'hostname': _NSTR, 'access_ipv4': _STR,
    'access_ipv6': _STR, 'tags': {'type': 'array', 'items': _STR},
    'security_groups': {'type': 'array', 'items': _STR},
    'group': _STR,
}
SERVER = _obj(SERVER_FIELDS)

FLAVOR_FIELDS = {
    'id': {'type': ['string', 'integer']}, 'name': _STR, 'vcpus': _INT,
    'ram': _INT, 'disk': _INT, 'ephemeral': _INT, 'swap': _INT,
    'rxtx_factor': {'type': 'number'}, 'is_public': {'type': 'boolean'},
    'disabled': {'type': 'boolean'}, 'extra_specs': _META,
    'description': _NSTR,
}
FLAVOR = _obj(FLAVOR_FIELDS, required=['id'])

IMAGE_FIELDS = {
    'id': _STR, 'name': _STR, 'status': _STR, 'project_id': _NSTR,
    'project': _STR, 'min_disk': _INT, 'min_ram': _INT, 'size': _INT,
    'metadata': _META,
}
IMAGE = _obj(IMAGE_FIELDS, required=['name'])

SECURITY_GROUP_FIELDS = {
    'id': _STR, 'name': _STR, 'description': _STR, 'project_id': _STR,
    'project': _STR,
}
SECURITY_GROUP = _obj(SECURITY_GROUP_FIELDS, required=['name'])

FLOATING_IP_FIELDS = {
    'address': _STR, 'pool': _STR, 'project_id': _STR, 'project': _STR,
}
FLOATING_IP = _obj(FLOATING_IP_FIELDS)

VOLUME_FIELDS = {
    'id': _STR, 'name': _STR, 'size': {'type': 'integer', 'minimum': 1},
    'project_id': _STR, 'project': _STR, 'multiattach': {'type': 'boolean'},
    'description': _NSTR,
}
VOLUME = _obj(VOLUME_FIELDS)

KEYPAIR_FIELDS = {
    'name': _STR, 'user': _STR, 'user_id': _STR, 'public_key': _STR,
    'type': {'enum': ['ssh', 'x509']},
}
KEYPAIR = _obj(KEYPAIR_FIELDS, required=['name'])

SERVER_GROUP_FIELDS = {
    'id': _STR, 'name': _STR,
    'policy': {'enum': ['affinity', 'anti-affinity', 'soft-affinity',
                        'soft-anti-affinity']},
    'rules': _obj({'max_server_per_host': {'type': 'integer',
                                           'minimum': 1}}),
    'project': _STR, 'project_id': _STR, 'user': _STR, 'user_id': _STR,
}
SERVER_GROUP = _obj(SERVER_GROUP_FIELDS, required=['name', 'policy'])

HOST_FIELDS = {'name': _STR, 'zone': _STR}
HOST = _obj(HOST_FIELDS, required=['name'])

USER_FIELDS = {
    'name': _STR, 'password': _STR, 'project': _STR,
    'roles': {'type': 'array', 'items': _STR},
}
USER = _obj(USER_FIELDS, required=['name', 'password'])

PACING = _obj({'pacing': {'enum': list(store_mod.PACINGS)},
               'polls': {'type': 'integer', 'minimum': 1}},
              required=['pacing'])

FAULT = {
    'type': 'object',
    'properties': {
        'kind': {'enum': list(faults_mod.KINDS)},
        'action': _NSTR, 'server_id': _NSTR,
        'status': {'type': 'integer', 'minimum': 400, 'maximum': 599},
        'message': _NSTR,
        'fault': {'type': ['object', 'null']},
        'seconds': {'type': 'number', 'minimum': 0, 'maximum': 600},
        'times': _TIMES,
    },
    'required': ['kind'],
    'additionalProperties': False,
    'allOf': [{'if': {'properties': {'kind': {'const': 'delay'}}},
               'then': {'required': ['seconds']}}],
}

POLICY = _obj({'rules': {'type': 'object',
                         'additionalProperties': _STR}},
              required=['rules'])

RESET = _obj({'seed': {'type': 'boolean'}})


def _body(req, schema, default=None):
    try:
        raw = jsonbody.read(req)
    except jsonbody.TooLarge:
        raise ControlError(413, 'The request body is too large.')
    if not raw:
        if default is not None:
            return dict(default)
        raise ControlError(400, 'A JSON body is required.')
    try:
        body = jsonbody.loads(raw)
    except jsonbody.Malformed as exc:
        raise ControlError(400, 'Malformed JSON body: %s' % exc)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(
        body), key=lambda e: list(e.absolute_path))
    if errors:
        error = jsonschema.exceptions.best_match(errors)
        where = '/'.join(str(p) for p in error.absolute_path)
        raise ControlError(400, 'Invalid body%s: %s' % (
            ' at %r' % where if where else '', error.message))
    return body


# -- shared with fakenova.seed: names to ids ---------------------------------

def project_id(cloud, name=None, id=None, default='demo'):
    """A project id from an id, a project name, or the default project."""
    if id:
        return id
    name = name or default
    project = cloud.identity.find_project({'name': name})
    if project is None:
        raise ValueError('unknown project %r' % name)
    return project.id


def user_id(cloud, project, name=None, id=None):
    """A user id from an id or name; else a user with roles on project."""
    if id:
        return id
    if name:
        user = cloud.identity.find_user({'name': name})
        if user is None:
            raise ValueError('unknown user %r' % name)
        return user.id
    with cloud.identity.lock:
        for user in cloud.identity.users.values():
            if user.roles.get(project):
                return user.id
    raise ValueError('no user given and project %s has no users' % project)


def create_server(cloud, spec):
    """A server from a control/seed spec (names resolved); the record."""
    spec = dict(spec)
    store = cloud.store
    project = project_id(cloud, spec.pop('project', None),
                         spec.pop('project_id', None))
    user = user_id(cloud, project, spec.pop('user', None),
                   spec.pop('user_id', None))
    if 'flavor' in spec:
        spec['flavor'] = seeding.find_flavor(store, spec['flavor']).id
    if spec.get('image'):
        spec['image'] = seeding.find_image(store, spec['image']).id
    if spec.get('status') and spec.get('vm_state'):
        raise ValueError('give status or vm_state, not both')
    if spec.get('group'):
        spec['group'] = seeding.find_server_group(store, spec['group'],
                                                  project).id
    return seeding.create_server(store, spec.pop('name', 'server'),
                                 project, user, **spec)


def _project_of(cloud, spec):
    return project_id(cloud, spec.pop('project', None),
                      spec.pop('project_id', None))


def add_image(cloud, spec):
    spec = dict(spec)
    if 'project' in spec or spec.get('project_id'):
        spec['project_id'] = _project_of(cloud, spec)
    return seeding.add_image(cloud.store, **spec)


def add_security_group(cloud, spec):
    spec = dict(spec)
    project = _project_of(cloud, spec)
    return seeding.add_security_group(cloud.store, project_id=project,
                                      **spec)


def add_floating_ip(cloud, spec):
    spec = dict(spec)
    project = _project_of(cloud, spec)
    return seeding.add_floating_ip(cloud.store, project, **spec)


def add_volume(cloud, spec):
    spec = dict(spec)
    project = _project_of(cloud, spec)
    if spec.get('id') and spec['id'] in cloud.store.volumes:
        raise ValueError('volume %s already exists' % spec['id'])
    return seeding.add_volume(cloud.store, project, **spec)


def add_host(cloud, spec):
    """A compute host (its zone, default nova, exists while it does)."""
    with cloud.store.lock:
        service = cloud.store.add_host(spec['name'],
                                       spec.get('zone') or 'nova')
        return {'name': service.host, 'zone': service.zone}


def add_server_group(cloud, spec):
    """A server group of a project and user named or given by id.

    Without them: the default project and one of its users.
    """
    spec = dict(spec)
    project = _project_of(cloud, spec)
    user = user_id(cloud, project, spec.pop('user', None),
                   spec.pop('user_id', None))
    return seeding.add_server_group(cloud.store, spec.pop('name'),
                                    spec.pop('policy'), project, user,
                                    **spec)


def add_keypair(cloud, spec):
    """(KeyPair, private key) of a user named or given by id.

    Without ``user``/``user_id``: a user of the default project.
    """
    spec = dict(spec)
    name, id = spec.pop('user', None), spec.pop('user_id', None)
    project = None if (name or id) else project_id(cloud)
    owner = user_id(cloud, project, name, id)
    return seeding.add_keypair(cloud.store, owner, spec.pop('name'), **spec)


def volume_dict(volume):
    return {'id': volume.id, 'name': volume.name, 'size': volume.size,
            'status': volume.status, 'project_id': volume.project_id,
            'multiattach': volume.multiattach,
            'description': volume.description,
            'server_ids': list(volume.server_ids)}


def add_user(cloud, spec):
    user = cloud.identity.add_user(spec['name'], spec['password'],
                                   spec.get('project'),
                                   spec.get('roles') or ['member'])
    return {'id': user.id, 'name': user.name,
            'roles': {p: list(r) for p, r in user.roles.items()}}


# -- the app -----------------------------------------------------------------

def state(cloud):
    """What the fake holds; looking does not count as a paced read."""
    store = cloud.store
    with store.lock:
        live = [s for s in list(store.servers.values())
                if store.settle(s, read=False)]
        servers = [{
            'id': s.id, 'name': s.name, 'project_id': s.project_id,
            'user_id': s.user_id,
            'status': st.status_of(s.vm_state, s.task_state),
            'vm_state': s.vm_state, 'task_state': s.task_state,
            'power_state': s.power_state, 'locked': s.locked,
            'locked_by': s.locked_by,
            'pending': s.pending is not None,
        } for s in live]
        flavors = sorted(store.flavors)
        images = sorted(store.images)
        return {
            'servers': servers,
            'faults': store.faults.active(),
            'pacing': {'pacing': store.pacing, 'polls': store.polls},
            'flavors': flavors,
            'images': images,
            'security_groups': [seeding.security_group_dict(g) for g in
                                store.security_groups.values()],
            'floating_ips': [seeding.floating_ip_dict(f) for f in
                             store.floating_ips.values()],
            'volumes': [volume_dict(v) for v in store.volumes.values()],
            'keypairs': [{'name': k.name, 'user_id': k.user_id,
                          'type': k.type, 'fingerprint': k.fingerprint}
                         for k in store.keypairs.values()],
            'server_groups': [seeding.server_group_dict(store, g)
                              for g in store.server_groups.values()],
            'calls': cloud.router.calls.total,
        }


# Request body fields that are secrets: what a LOCAL reader never sees.
SECRET_FIELDS = frozenset(['adminPass', 'admin_pass', 'password',
                           'user_data', 'contents', 'private_key',
                           'token', 'secret'])
REDACTED = '***'


def redact(value):
    """``value`` (a JSON document) with every secret field's value hidden."""
    if isinstance(value, dict):
        return {k: REDACTED if k in SECRET_FIELDS else redact(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def call_dict(index, call, redacted=False):
    out = call._asdict()
    if isinstance(out['body'], bytes):  # a body that was not JSON
        out['body'] = (REDACTED if redacted
                       else out['body'].decode('utf-8', 'replace'))
    elif redacted:
        out['body'] = redact(out['body'])
    out['index'] = index
    out['action'] = call.action
    return out


# What a caller of the control API may see (ControlApp.access).
FULL = 'full'
LOCAL = 'local'


def is_loopback_host(host):
    """Does a Host header (``name[:port]``) name this machine's loopback?"""
    host = (host or '').strip().lower()
    if host.startswith('['):
        name = host[1:].split(']', 1)[0]
    else:
        name = host.rsplit(':', 1)[0] if host.count(':') == 1 else host
    if name in ('localhost', 'localhost.'):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class ControlApp:
    """The WSGI app mounted at /_fakenova."""

    def __init__(self, cloud):
        self.cloud = cloud
        self.mapper = routes.Mapper()
        self.handlers = {}
        for path, handlers in self.routes():
            self.handlers[path] = handlers
            self.mapper.connect(path, path)

    def routes(self):
        return [
            ('/', {'GET': self.dashboard}),
            ('/state', {'GET': self.get_state}),
            ('/calls', {'GET': self.get_calls}),
            ('/reset', {'POST': self.reset}),
            ('/servers', {'POST': self.create_server}),
            ('/servers/{server_id}', {'GET': self.show_server}),
            ('/servers/{server_id}/complete', {'POST': self.complete}),
            ('/flavors', {'POST': self.add_flavor}),
            ('/images', {'POST': self.add_image}),
            ('/security-groups', {'POST': self.add_security_group}),
            ('/floating-ips', {'POST': self.add_floating_ip}),
            ('/volumes', {'POST': self.add_volume}),
            ('/keypairs', {'POST': self.add_keypair}),
            ('/hosts', {'POST': self.add_host}),
            ('/server-groups', {'POST': self.add_server_group}),
            ('/users', {'POST': self.add_user}),
            ('/pacing', {'PUT': self.set_pacing}),
            ('/faults', {'GET': self.get_faults, 'POST': self.add_fault,
                         'DELETE': self.clear_faults}),
            ('/policy', {'PUT': self.set_policy,
                         'DELETE': self.clear_policy}),
        ]

    # read-only handlers need no token on loopback
    READ_ONLY = ('dashboard', 'get_state', 'get_calls', 'get_faults',
                 'show_server')

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        try:
            resp = self.dispatch(req)
        except ControlError as exc:
            resp = _error(exc)
        except (ValueError, TypeError) as exc:
            resp = _error(ControlError(400, str(exc)))
        except exception.ComputeError as exc:
            resp = _error(ControlError(exc.code, exc.message))
        except Exception as exc:  # noqa: B902 -- answer JSON, not a trace
            LOG.exception('control API error on %s %s', req.method,
                          req.path)
            resp = _error(ControlError(500, 'Unexpected error: %s' % (
                type(exc).__name__,)))
        resp.headers['Cache-Control'] = 'no-store'
        return resp(environ, start_response)

    def dispatch(self, req):
        path = req.path_info or '/'
        if path != '/':
            path = path.rstrip('/')
        match = self.mapper.match(path)
        if match is None:
            raise ControlError(404, 'No control endpoint %s.' % path)
        handlers = self.handlers[self.mapper.routematch(path)[1].name]
        handler = handlers.get(req.method)
        if handler is None and req.method == 'HEAD':
            handler = handlers.get('GET')
        if handler is None:
            raise ControlError(405, 'Method %s not allowed.' % req.method,
                               [('Allow', ', '.join(sorted(handlers)))])
        read_only = handler.__name__ in self.READ_ONLY
        access = self.access(req, read_only)
        if req.method in ('POST', 'PUT'):
            try:
                has_body = bool(jsonbody.read(req))
            except jsonbody.TooLarge:
                raise ControlError(413, 'The request body is too large.')
            content_type = (req.content_type or '').lower()
            if has_body and content_type not in ('application/json', ''):
                raise ControlError(415, 'Send application/json.')
        kwargs = {k: v for k, v in match.items()
                  if k not in ('controller', 'action')}
        if read_only:
            kwargs['access'] = access
        return handler(req, **kwargs)

    def access(self, req, read_only):
        """What the caller may see: FULL, LOCAL or None; else raise.

        The one place that decides who uses the control API, and it fails
        closed:

        * an admin token of the cloud's identity, or the control token:
          FULL (everything, changes included);
        * no token, for a read, when ``fakenova-api`` itself listens on
          loopback only and the request names a loopback host (a page
          of another site that rebinds its name to 127.0.0.1 sends its
          own name): LOCAL, the reads with secrets left out (no request
          bodies' passwords or user data, no server user data);
        * no token on the dashboard otherwise: None (the page asks for
          a token and shows nothing);
        * anything else: 401 (no or a bad token) or 403 (not an admin).
        """
        token = req.headers.get('X-Auth-Token')
        if not token:
            if read_only and self.cloud.listening_on_loopback and \
                    is_loopback_host(req.host):
                return LOCAL
            if read_only and req.path_info in ('', '/'):
                return None  # the dashboard asks for a token itself
            raise ControlError(401, 'The control API needs X-Auth-Token: '
                                    'an admin token or the control token.',
                               [('WWW-Authenticate', 'Keystone')])
        control = self.cloud.control_token
        if control and hmac.compare_digest(token.encode('utf-8',
                                                        'surrogateescape'),
                                           control.encode()):
            return FULL
        info = self.cloud.identity.validate(token)
        if info is None:
            raise ControlError(401, 'The token is not valid.',
                               [('WWW-Authenticate', 'Keystone')])
        if 'admin' not in info.roles:
            raise ControlError(403, 'The control API is for admin tokens '
                                    'and the control token only.')
        return FULL

    # -- handlers ------------------------------------------------------------

    def _endpoint(self, req):
        return req.host_url + req.script_name.rsplit('/_fakenova', 1)[0] + \
            '/v2.1'

    def _render(self, req, server):
        with self.cloud.store.lock:
            return router_mod.render_server(self.cloud.router, server,
                                            self._endpoint(req))

    def dashboard(self, req, access):
        data = calls = None
        if access is not None:
            data = state(self.cloud)
            calls = self._calls(max(0, self.cloud.router.calls.total
                                    - dashboard.LAST_CALLS))
        resp = webob.Response(content_type='text/html', charset='utf-8')
        resp.text = dashboard.render(data, calls)
        resp.headers['Content-Security-Policy'] = (
            "default-src 'self'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'")
        return resp

    def get_state(self, req, access):
        return _json(state(self.cloud))

    def _calls(self, since, redact=False):
        return [call_dict(i, c, redact)
                for i, c in self.cloud.router.calls.since(since)]

    def get_calls(self, req, access):
        since = req.GET.get('since', '0')
        try:
            since = int(since)
            if since < 0:
                raise ValueError
        except ValueError:
            raise ControlError(400, 'since must be a non-negative integer, '
                                    'not %r' % since)
        calls = self._calls(since, redact=access != FULL)
        return _json({'calls': calls,
                      'next': max(since, self.cloud.router.calls.total)})

    def reset(self, req):
        body = _body(req, RESET, default={})
        self.cloud.reset(reseed=body.get('seed', True))
        return webob.Response(status=204)

    def create_server(self, req):
        server = create_server(self.cloud, _body(req, SERVER, default={}))
        return _json({'server': self._render(req, server)}, 201)

    def show_server(self, req, server_id, access):
        with self.cloud.store.lock:
            server = self.cloud.store.servers.get(server_id)
            if server is None:
                raise ControlError(404, 'No server %s.' % server_id)
            view = self._render(req, server)
        if access != FULL:
            view.pop('OS-EXT-SRV-ATTR:user_data', None)
        return _json({'server': view})

    def complete(self, req, server_id):
        self.cloud.store.complete(server_id)
        with self.cloud.store.lock:
            server = self.cloud.store.servers.get(server_id)
            if server is None:  # a completed delete
                return webob.Response(status=204)
            return _json({'server': self._render(req, server)})

    def add_flavor(self, req):
        flavor = seeding.add_flavor(self.cloud.store, **_body(req, FLAVOR))
        return _json({'flavor': seeding.flavor_dict(flavor)}, 201)

    def add_image(self, req):
        image = add_image(self.cloud, _body(req, IMAGE))
        return _json({'image': seeding.image_dict(image)}, 201)

    def add_security_group(self, req):
        group = add_security_group(self.cloud, _body(req, SECURITY_GROUP))
        return _json({'security_group': seeding.security_group_dict(group)},
                     201)

    def add_floating_ip(self, req):
        fip = add_floating_ip(self.cloud, _body(req, FLOATING_IP, {}))
        return _json({'floating_ip': seeding.floating_ip_dict(fip)}, 201)

    def add_volume(self, req):
        volume = add_volume(self.cloud, _body(req, VOLUME, {}))
        with self.cloud.store.lock:
            return _json({'volume': volume_dict(volume)}, 201)

    def add_keypair(self, req):
        keypair, private_key = add_keypair(self.cloud, _body(req, KEYPAIR))
        return _json({'keypair': seeding.keypair_dict(keypair, private_key)},
                     201)

    def add_host(self, req):
        return _json({'host': add_host(self.cloud, _body(req, HOST))}, 201)

    def add_server_group(self, req):
        group = add_server_group(self.cloud, _body(req, SERVER_GROUP))
        store = self.cloud.store
        with store.lock:
            return _json({'server_group': seeding.server_group_dict(
                store, group)}, 201)

    def add_user(self, req):
        return _json({'user': add_user(self.cloud, _body(req, USER))}, 201)

    def set_pacing(self, req):
        body = _body(req, PACING)
        seeding.set_pacing(self.cloud.store, body['pacing'],
                           body.get('polls'))
        return _json(state(self.cloud)['pacing'])

    def get_faults(self, req, access):
        return _json({'faults': self.cloud.store.faults.active()})

    def add_fault(self, req):
        body = _body(req, FAULT)
        faults = self.cloud.store.faults
        kind = body['kind']
        common = dict(action=body.get('action'),
                      server_id=body.get('server_id'),
                      times=body.get('times', 1))
        if kind == 'fail':
            rule = faults.fail_next(status=body.get('status', 500),
                                    message=body.get('message'), **common)
        elif kind == 'error':
            rule = faults.error_next(fault=body.get('fault'), **common)
        else:
            rule = faults.delay(body['seconds'], **common)
        return _json({'fault': rule.as_dict()}, 201)

    def clear_faults(self, req):
        self.cloud.store.faults.clear()
        return webob.Response(status=204)

    def set_policy(self, req):
        rules = _body(req, POLICY)['rules']
        try:
            self.cloud.authorizer.set_rules(rules)
        except policy.InvalidRule as exc:
            raise ControlError(400, str(exc))
        return _json({'rules': rules})

    def clear_policy(self, req):
        self.cloud.authorizer.clear_overrides()
        return webob.Response(status=204)


def control_app_factory(global_conf, **local_conf):
    return ControlApp(cloud_mod.shared_from_conf(global_conf,
                                                 'the control app'))
