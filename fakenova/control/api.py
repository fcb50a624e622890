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
import webob

from fakenova.common import jsonbody
from fakenova.common import routing
from fakenova.common import wsgi as common_wsgi
from fakenova.compute import aggregates
from fakenova.compute.api import operations as api_operations
from fakenova.compute.api import router as router_mod
from fakenova.compute import exception
from fakenova.compute import faults as faults_mod
from fakenova.compute import seeding
from fakenova.compute import states as st
from fakenova.compute import store as store_mod
from fakenova.control import dashboard
from fakenova.control import resources
from fakenova import policy

LOG = logging.getLogger(__name__)
_json = common_wsgi.json_response


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

PACING = resources.obj({'pacing': {'enum': list(store_mod.PACINGS)},
                        'polls': {'type': 'integer', 'minimum': 1},
                        'seconds': {'type': 'number', 'minimum': 0,
                                    'maximum': 600}},
                       required=['pacing'])

FAULT = {
    'type': 'object',
    'properties': {
        'kind': {'enum': list(faults_mod.KINDS)},
        'operation': resources.NSTR, 'action': resources.NSTR,
        'server_id': resources.NSTR,
        'status': {'type': 'integer', 'minimum': 400, 'maximum': 599},
        'message': resources.NSTR,
        'fault': {'type': ['object', 'null']},
        'seconds': {'type': 'number', 'minimum': 0, 'maximum': 600},
        'times': {'type': ['integer', 'null'], 'minimum': 1},
    },
    'required': ['kind'],
    'additionalProperties': False,
    'allOf': [{'if': {'properties': {'kind': {'const': 'delay'}}},
               'then': {'required': ['seconds']}}],
}

POLICY = resources.obj({'rules': {'type': 'object',
                                  'additionalProperties': resources.STR}},
                       required=['rules'])

RESET = resources.obj({'seed': {'type': 'boolean'}})


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


# -- the app -----------------------------------------------------------------

def state(cloud, limit=None, marker=None):
    """What the fake holds; looking does not count as a paced read.

    ``limit`` (and ``marker``, a server id) ask for one page of the
    servers, oldest first (created, then id), and only that page is
    built; ``next_marker`` then names the last server of a full page
    (None: the last page). Without them, every server.
    """
    store = cloud.store
    with store.lock:
        store.settle_pending(read=False)
        paged = limit is not None or marker is not None
        if not paged:
            live = list(store.servers.values())
        else:
            live = []
            if limit is None:
                limit = len(store.servers)
            try:
                walk = store.servers.walk(None, marker, descending=False)
                for server in walk:
                    if len(live) >= limit:
                        break
                    live.append(server)
            except ValueError:
                raise ControlError(400, 'marker [%s] not found' % marker)
        servers = [{
            'id': s.id, 'name': s.name, 'project_id': s.project_id,
            'user_id': s.user_id,
            'status': st.status_of(s.vm_state, s.task_state),
            'vm_state': s.vm_state, 'task_state': s.task_state,
            'power_state': s.power_state, 'locked': s.locked,
            'locked_by': s.locked_by,
            'pending': s.pending is not None,
        } for s in live]
        flavors = list(store.flavors.keys_sorted)  # sorted ids, kept
        images = sorted(store.images)
        page = {}
        if paged:
            page['next_marker'] = (live[-1].id if live and len(live) == limit
                                   else None)
        return {
            'servers': servers,
            **page,
            'faults': store.faults.active(),
            'pacing': {'pacing': store.pacing, 'polls': store.polls,
                       'seconds': store.seconds},
            'flavors': flavors,
            'images': images,
            'security_groups': [seeding.security_group_dict(g) for g in
                                store.security_groups.values()],
            'floating_ips': [seeding.floating_ip_dict(f) for f in
                             store.floating_ips.values()],
            'volumes': [resources.volume_dict(v)
                        for v in store.volumes.values()],
            'keypairs': [{'name': k.name, 'user_id': k.user_id,
                          'type': k.type, 'fingerprint': k.fingerprint}
                         for k in store.keypairs.values()],
            'server_groups': [seeding.server_group_dict(store, g)
                              for g in store.server_groups.values()],
            'aggregates': [aggregates.as_dict(a)
                           for a in aggregates.listed(store)],
            'quotas': resources.quotas_dict(store),
            'calls': cloud.calls.total,
            # identity: projects and users (keystone's API creates them)
            **cloud.identity.summary(),
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
        self.router = routing.MethodRoutes(self.routes())

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
            ('/aggregates', {'POST': self.add_aggregate}),
            ('/server-groups', {'POST': self.add_server_group}),
            ('/users', {'POST': self.add_user}),
            ('/quotas', {'PUT': self.set_quotas}),
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
        found = self.router.match(path)
        if found is None:
            raise ControlError(404, 'No control endpoint %s.' % path)
        match, handlers = found
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
            return router_mod.inspect_server(self.cloud, server,
                                             self._endpoint(req))

    def dashboard(self, req, access):
        data = calls = None
        if access is not None:
            data = state(self.cloud)
            calls = self._calls(max(0, self.cloud.calls.total
                                    - dashboard.LAST_CALLS))
        resp = webob.Response(content_type='text/html', charset='utf-8')
        resp.text = dashboard.render(data, calls)
        resp.headers['Content-Security-Policy'] = (
            "default-src 'self'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'")
        return resp

    def get_state(self, req, access):
        limit = req.params.get('limit')
        if limit is not None:
            if not limit.isdigit():
                raise ControlError(400, 'limit must be a whole number, '
                                   'not %r.' % limit)
            limit = int(limit)
        return _json(state(self.cloud, limit, req.params.get('marker')))

    def _calls(self, since, redact=False):
        return [call_dict(i, c, redact)
                for i, c in self.cloud.calls.since(since)]

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
                      'next': max(since, self.cloud.calls.total)})

    def reset(self, req):
        body = _body(req, RESET, default={})
        self.cloud.reset(reseed=body.get('seed', True))
        return webob.Response(status=204)

    def _add(self, req, kind, default=None):
        """resources.add_<kind> (create_server) with the request's spec."""
        schema = getattr(resources, kind.upper())
        spec = _body(req, schema, default)
        adder = getattr(resources, 'create_server' if kind == 'server'
                        else 'add_' + kind)
        return adder(self.cloud, spec)

    def create_server(self, req):
        server = self._add(req, 'server', {})
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
        flavor = resources.add_flavor(self.cloud,
                                      _body(req, resources.FLAVOR))
        return _json({'flavor': seeding.flavor_dict(flavor)}, 201)

    def add_image(self, req):
        image = self._add(req, 'image')
        return _json({'image': seeding.image_dict(image)}, 201)

    def add_security_group(self, req):
        group = self._add(req, 'security_group')
        return _json({'security_group': seeding.security_group_dict(group)},
                     201)

    def add_floating_ip(self, req):
        fip = self._add(req, 'floating_ip', {})
        return _json({'floating_ip': seeding.floating_ip_dict(fip)}, 201)

    def add_volume(self, req):
        volume = self._add(req, 'volume', {})
        with self.cloud.store.lock:
            return _json({'volume': resources.volume_dict(volume)}, 201)

    def add_keypair(self, req):
        keypair, private_key = self._add(req, 'keypair')
        return _json({'keypair': seeding.keypair_dict(keypair, private_key)},
                     201)

    def add_host(self, req):
        return _json({'host': self._add(req, 'host')}, 201)

    def add_aggregate(self, req):
        return _json({'aggregate': self._add(req, 'aggregate')}, 201)

    def add_server_group(self, req):
        group = self._add(req, 'server_group')
        store = self.cloud.store
        with store.lock:
            return _json({'server_group': seeding.server_group_dict(
                store, group)}, 201)

    def add_user(self, req):
        return _json({'user': self._add(req, 'user')}, 201)

    def set_quotas(self, req):
        return _json(resources.set_quotas(self.cloud,
                                          _body(req, resources.QUOTA)))

    def set_pacing(self, req):
        body = _body(req, PACING)
        self.cloud.set_pacing(body['pacing'], body.get('polls'),
                              body.get('seconds'))
        return _json(state(self.cloud)['pacing'])

    def get_faults(self, req, access):
        return _json({'faults': self.cloud.store.faults.active()})

    def add_fault(self, req):
        body = _body(req, FAULT)
        faults = self.cloud.store.faults
        kind = body['kind']
        try:
            operation = api_operations.canonical(
                body.get('operation') or body.get('action'))
        except ValueError as exc:
            raise ControlError(400, str(exc))
        common = dict(action=operation,
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
            self.cloud.set_policy(rules)
        except policy.InvalidRule as exc:
            raise ControlError(400, str(exc))
        return _json({'rules': rules})

    def clear_policy(self, req):
        self.cloud.clear_policy()
        return webob.Response(status=204)
