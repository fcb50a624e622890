"""The compute API's WSGI app: declared operations, mapped with Routes.

The routes are those of :mod:`fakenova.compute.api.operations`; each path maps
HTTP methods to operations; as in Nova, a known path with an unknown
method is webob's 404, like an unknown path. Every path is also served under a
``/{project_id}`` prefix, the legacy form of Nova's URLs.
"""

import collections
import functools

import routes
import webob
import webob.exc
import webob.request

from fakenova import auth
from fakenova.common import jsonbody
from fakenova.common import wsgi as common_wsgi
from fakenova.compute.api import microversion
from fakenova.compute.api import operations
from fakenova.compute.api.views import servers as server_views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova import context as context_mod

# (path, {method: operation}) of every route, from the declarations.
ROUTES = tuple(operations.TABLE.routes.items())

_PROJECT_REQUIREMENT = {'project_id': '[0-9a-f-]+'}
_JSON_TYPES = frozenset(['application/json',
                         'application/vnd.openstack.compute+json',
                         'text/plain', ''])
# Content-Type header value -> is it one of _JSON_TYPES (memoized).
_ACCEPTED_TYPES = {}


@functools.lru_cache(maxsize=1)
def make_mapper():
    """(Routes mapper, {route name: {method: operation}}), built once.

    Both are read-only after construction, so every app in a process
    shares them (building the mapper costs about a millisecond).
    """
    mapper = routes.Mapper()
    table = {}
    for path, methods in ROUTES:
        table[path] = methods
        mapper.connect(path, path)
        if path != '/':
            mapper.connect(path, '/{project_id}' + path,
                           requirements=_PROJECT_REQUIREMENT)
    mapper.create_regs()
    return mapper, table


@functools.lru_cache(maxsize=4096)
def _routematch(mapper, path):
    """``mapper.routematch(path)``, memoized (the mapper is read-only).

    Routes tries its regexps one by one (~30 us a request); the result
    depends on the path only. Callers must copy the match dict.
    """
    return mapper.routematch(path)


class Call(collections.namedtuple(
        'Call', 'method path query microversion body status request_id '
        'operation')):
    """One request the API served (see :attr:`APIRouter.calls`).

    ``operation`` is the id of the declared operation it asked for
    (``compute:action:pause``), or None when it matched none.
    """

    __slots__ = ()

    @property
    def action(self):
        """The server action's name (``'pause'``) for a POST .../action."""
        op = self.operation
        if op is not None and op.startswith(ACTION_PREFIX):
            return op[len(ACTION_PREFIX):]
        return None


ACTION_PREFIX = 'compute:action:'
_VERSION_HEADER = wsgi.NOVA_VERSION_HEADER
_new_call = tuple.__new__


class Request:
    """One API request as the handlers see it."""

    __slots__ = ('environ', 'context', 'version', 'urlvars', 'app',
                 'store', 'operation', '_webob', '_body', '_urls')

    def __init__(self, environ, context, version, urlvars, app,
                 operation=None):
        self.environ = environ
        self.context = context
        self.version = version
        self.urlvars = urlvars
        self.app = app
        # The cloud's store, read once a request.
        self.store = getattr(app, 'store', None)
        self._webob = None
        self._body = None
        self._urls = {}
        self.operation = None
        if operation is not None:
            self.serve(operation)

    def serve(self, operation):
        """From now on the request is ``operation``'s (a dispatch).

        The call log records its id, faults match it, and the context
        carries it to the lifecycle (an ``error_next`` fault).
        """
        self.operation = operation
        self.environ['fakenova.operation'] = operation.id
        if self.context is not None:
            self.context.operation = operation.id

    @property
    def webob(self):
        if self._webob is None:
            self._webob = webob.Request(self.environ)
        return self._webob

    @property
    def method(self):
        return self.environ['REQUEST_METHOD']

    @property
    def params(self):
        try:
            return self.webob.GET
        except UnicodeDecodeError:
            # Nova fails such a request with a 500; a client gets the 400
            # its mistake deserves here.
            raise exception.BadRequest(
                'Malformed request URL: the query string is not valid '
                'UTF-8.')

    def path_param(self, name):
        """A URL variable as text (WSGI hands the path over as latin-1)."""
        value = self.urlvars[name]
        try:
            return value.encode('latin-1').decode('utf-8')
        except UnicodeError:
            return value

    def ver(self, minimum, maximum=None):
        """Is the request's microversion within [minimum, maximum]?"""
        if self.version < minimum:
            return False
        return maximum is None or self.version <= maximum

    def authorize(self, rule, target=None, fatal=True):
        return self.app.authorizer.authorize(self.context, rule, target,
                                             fatal=fatal)

    def raw_body(self):
        if self._body is None:
            try:
                body = jsonbody.read_environ(self.environ)
            except jsonbody.TooLarge:
                raise RequestTooLarge()
            self._body = body
            self.environ['fakenova.raw_body'] = body
        return self._body

    def json_body(self):
        """The decoded JSON body; 400 'Malformed request body' if not."""
        raw = self.raw_body()
        try:
            body = jsonbody.loads(raw)
        except jsonbody.Malformed:
            raise exception.BadRequest('Malformed request body')
        self.environ['fakenova.json_body'] = body
        return body

    # -- URLs (see server-representation.yaml 'links') -------------------

    @property
    def host_url(self):
        url = self._urls.get('host')
        if url is None:
            # WebOb's own reading of the environ, without a WebOb
            # request (it looks at ``self.environ`` only).
            url = self._urls['host'] = _webob_host_url(self)
        return url

    @property
    def project_prefix(self):
        project = self.urlvars.get('project_id')
        return '/' + project if project else ''

    @property
    def api_url(self):
        """e.g. http://host/v2.1[/project]"""
        url = self._urls.get('api')
        if url is None:
            url = self._urls['api'] = (
                self.host_url + self.environ.get('SCRIPT_NAME', '')
                + self.project_prefix)
        return url

    @property
    def bookmark_url(self):
        """The endpoint without the version segment, e.g. http://host."""
        url = self._urls.get('bookmark')
        if url is None:
            script = self.environ.get('SCRIPT_NAME', '')
            if script.endswith('/v2.1'):
                script = script[:-5]
            url = self._urls['bookmark'] = (
                self.host_url + script + self.project_prefix)
        return url


_webob_host_url = webob.request.BaseRequest.host_url.fget


class RequestTooLarge(exception.ComputeError):
    code = 413
    msg_fmt = 'Request is too large.'


class APIRouter:
    """The compute API WSGI application of one fake cloud.

    It holds no state of its own: the store, the authorizer and the call
    log are the cloud's (:class:`fakenova.cloud.Cloud`), read at each
    request, so that the cloud's reset and policy changes need not tell
    it.
    """

    operations = operations.TABLE

    def __init__(self, cloud):
        self.cloud = cloud
        self.mapper, self.routes = make_mapper()

    @property
    def store(self):
        return self.cloud.store

    @property
    def authorizer(self):
        return self.cloud.authorizer

    @property
    def calls(self):
        return self.cloud.calls

    @property
    def image_endpoint(self):
        return self.cloud.image_endpoint

    def __call__(self, environ, start_response):
        status, headers, body = self.handle(environ)
        calls = self.cloud.calls
        # Callers that identified as nobody are not recorded (their 401
        # is keystonemiddleware's, before Nova sees the request).
        if calls.size and (auth.ENV_CONTEXT in environ
                           or not status.startswith('401')):
            self._record(calls, environ, status, headers)
        start_response(status, headers)
        return [body]

    def _record(self, calls, environ, status, headers):
        get = environ.get
        raw = get('fakenova.raw_body')
        body = get('fakenova.json_body')
        if body is None and raw:
            # A body the handler did not parse (a 405, a GET with a body).
            try:
                body = jsonbody.loads(raw)
            except jsonbody.Malformed:
                body = raw
        version = None
        for name, value in headers:
            if name == _VERSION_HEADER:
                version = value
                break
        calls.append(_new_call(Call, (
            environ['REQUEST_METHOD'],
            get('SCRIPT_NAME', '') + get('PATH_INFO', ''),
            get('QUERY_STRING', ''), version, body,
            int(status[:3]),
            get('openstack.request_id'),
            get('fakenova.operation'))), len(raw) if raw else 0)

    def _public(self, environ):
        """Does a request without a token ask for a public operation?"""
        if environ.get('HTTP_X_AUTH_TOKEN'):
            return False
        found = _routematch(self.mapper, environ.get('PATH_INFO') or '/')
        if found is None:
            return False
        op = self.routes[found[1].name].get(environ['REQUEST_METHOD'])
        return op is not None and op.public

    def handle(self, environ):
        ctx = environ.get(auth.ENV_CONTEXT)
        if ctx is None and not self._public(environ):
            # Nova's keystonemiddleware refuses before anything else.
            return auth.unauthorized(environ)
        version = microversion.DEFAULT_VERSION
        cloud = self.cloud
        try:
            version = microversion.negotiate(environ)
            found = _routematch(self.mapper, environ.get('PATH_INFO') or '/')
            method = environ['REQUEST_METHOD']
            op = None
            if found is not None:
                match, route = found
                op = self.routes[route.name].get(method)
            if op is None:
                # Nova's routes match path and method together: anything
                # else is webob's 404, before any of Nova's code runs.
                return common_wsgi.webob_error(
                    environ, webob.exc.HTTPNotFound())
            match = dict(match)
            if ctx is not None:
                ctx.is_admin = cloud.authorizer.is_admin(ctx)
            if method == 'POST' or method == 'PUT':
                _check_content_type(environ)
            project_id = match.get('project_id')
            if (project_id is not None and ctx is not None
                    and project_id != ctx.project_id):
                raise exception.BadRequest(
                    "Malformed request URL: URL's project_id '%s' doesn't "
                    "match Context's project_id '%s'" % (
                        project_id, ctx.project_id))
            if not op.available(version):
                raise exception.NotFound()
            req = Request(environ, ctx, version, match, self, op)
            faults = cloud.store.faults
            if faults and not op.dispatch:
                faults.check(op.id, match.get('server_id'))
            return wsgi.render(op.handler(req), version)
        except exception.ComputeError as exc:
            return wsgi.error_response(
                exc.code, exc.message,
                version=getattr(exc, 'version', version))


def _check_content_type(environ):
    """415 unless a POST or PUT body is JSON (as Nova reads the type)."""
    content_type = environ.get('CONTENT_TYPE', '')
    accepted = _ACCEPTED_TYPES.get(content_type)
    if accepted is None:
        # Nova compares the media type as sent: 'Application/JSON' is 415.
        accepted = content_type.split(';', 1)[0].strip() in _JSON_TYPES
        if len(_ACCEPTED_TYPES) < 256:
            _ACCEPTED_TYPES[content_type] = accepted
    if not accepted:
        raise UnsupportedMediaType()


class UnsupportedMediaType(exception.ComputeError):
    code = 415
    msg_fmt = 'Unsupported Content-Type'


class _SeesAll:
    """An authorizer that allows every rule (inspection, not policy)."""

    @staticmethod
    def authorize(ctx, rule, target=None, fatal=True):
        return True

    @staticmethod
    def is_admin(ctx):
        return True


class _Inspector:
    """The compute app as the views read it, with every rule allowed."""

    authorizer = _SeesAll()

    def __init__(self, app):
        self._app = app

    def __getattr__(self, name):
        return getattr(self._app, name)


def inspect_server(cloud, server, endpoint):
    """``server`` as GET /servers/{id} shows everything (latest version).

    For the fixture and the control API: it never passes through the
    policy under test, so overriding a rule does not change what a test
    inspects. ``endpoint`` is the compute URL (``http://host/v2.1``)
    links point to. Call with ``cloud.store.lock`` held.
    """
    environ = webob.Request.blank(endpoint).environ
    environ['SCRIPT_NAME'] = '/v2.1'
    environ['PATH_INFO'] = '/servers/' + server.id
    ctx = context_mod.admin_context()
    ctx.is_admin = True
    req = Request(environ, ctx, microversion.MAX_VERSION, {},
                  _Inspector(cloud.compute))
    return server_views.show(req, server)
