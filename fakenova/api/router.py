"""The whole API surface in one table, mapped with Routes.

Each path maps HTTP methods to handler functions (as placement does); a
known path with an unknown method is a 405. Every path is also served
under a ``/{project_id}`` prefix, the legacy form of Nova's URLs.
"""

import collections
import functools

import routes
import webob
import webob.exc

from fakenova.api.controllers import admin_actions  # noqa: F401 (actions)
from fakenova.api.controllers import availability_zones
from fakenova.api.controllers import consoles
from fakenova.api.controllers import flavors
from fakenova.api.controllers import floating_ips
from fakenova.api.controllers import images
from fakenova.api.controllers import instance_actions
from fakenova.api.controllers import ips
from fakenova.api.controllers import keypairs
from fakenova.api.controllers import migrations
from fakenova.api.controllers import security_groups
from fakenova.api.controllers import server_actions
from fakenova.api.controllers import server_groups
from fakenova.api.controllers import server_metadata
from fakenova.api.controllers import server_migrations
from fakenova.api.controllers import server_password
from fakenova.api.controllers import server_tags
from fakenova.api.controllers import servers
from fakenova.api.controllers import services
from fakenova.api.controllers import versions
from fakenova.api.controllers import volumes
from fakenova.api import microversion
from fakenova.api.views import servers as server_views
from fakenova.api import wsgi
from fakenova import auth
from fakenova.common import jsonbody
from fakenova.compute import exception
from fakenova import context as context_mod

ROUTES = (
    ('/', {'GET': versions.show}),
    ('/servers', {'GET': servers.index, 'POST': servers.create}),
    ('/servers/detail', {'GET': servers.detail}),
    ('/servers/{server_id}', {'GET': servers.show, 'PUT': servers.update,
                              'DELETE': servers.delete}),
    ('/servers/{server_id}/action', {'POST': server_actions.action}),
    ('/servers/{server_id}/os-instance-actions',
     {'GET': instance_actions.index}),
    ('/servers/{server_id}/os-instance-actions/{request_id}',
     {'GET': instance_actions.show}),
    ('/servers/{server_id}/remote-consoles', {'POST': consoles.create}),
    ('/servers/{server_id}/os-security-groups',
     {'GET': security_groups.server_index}),
    ('/servers/{server_id}/os-volume_attachments',
     {'GET': volumes.index, 'POST': volumes.create}),
    ('/servers/{server_id}/os-volume_attachments/{volume_id}',
     {'GET': volumes.show, 'PUT': volumes.update,
      'DELETE': volumes.delete}),
    ('/servers/{server_id}/migrations', {'GET': server_migrations.index}),
    ('/servers/{server_id}/migrations/{migration_id}',
     {'GET': server_migrations.show, 'DELETE': server_migrations.delete}),
    ('/servers/{server_id}/migrations/{migration_id}/action',
     {'POST': server_migrations.action}),
    ('/servers/{server_id}/ips', {'GET': ips.index}),
    ('/servers/{server_id}/ips/{network_label}', {'GET': ips.show}),
    ('/servers/{server_id}/os-server-password',
     {'GET': server_password.show, 'DELETE': server_password.clear}),
    ('/servers/{server_id}/metadata',
     {'GET': server_metadata.index, 'POST': server_metadata.create,
      'PUT': server_metadata.update_all}),
    ('/servers/{server_id}/metadata/{key}',
     {'GET': server_metadata.show, 'PUT': server_metadata.update,
      'DELETE': server_metadata.delete}),
    ('/servers/{server_id}/tags',
     {'GET': server_tags.index, 'PUT': server_tags.update_all,
      'DELETE': server_tags.delete_all}),
    ('/servers/{server_id}/tags/{tag}',
     {'GET': server_tags.show, 'PUT': server_tags.update,
      'DELETE': server_tags.delete}),
    ('/os-migrations', {'GET': migrations.index}),
    ('/os-availability-zone', {'GET': availability_zones.index}),
    ('/os-availability-zone/detail', {'GET': availability_zones.detail}),
    ('/os-services', {'GET': services.index}),
    ('/os-services/{service_id}', {'PUT': services.update}),
    ('/os-hypervisors', {'GET': services.hypervisors_index}),
    ('/os-hypervisors/detail', {'GET': services.hypervisors_detail}),
    ('/os-hypervisors/{hypervisor_id}', {'GET': services.hypervisor_show}),
    ('/os-volumes', {'GET': volumes.proxy_index,
                     'POST': volumes.proxy_create}),
    ('/os-volumes/detail', {'GET': volumes.proxy_detail}),
    ('/os-volumes/{volume_id}', {'GET': volumes.proxy_show,
                                 'DELETE': volumes.proxy_delete}),
    ('/os-keypairs', {'GET': keypairs.index, 'POST': keypairs.create}),
    ('/os-keypairs/{keypair_name}', {'GET': keypairs.show,
                                     'DELETE': keypairs.delete}),
    ('/os-server-groups', {'GET': server_groups.index,
                           'POST': server_groups.create}),
    ('/os-server-groups/{server_group_id}',
     {'GET': server_groups.show, 'DELETE': server_groups.delete}),
    ('/flavors', {'GET': flavors.index}),
    ('/flavors/detail', {'GET': flavors.detail}),
    ('/flavors/{flavor_id}', {'GET': flavors.show}),
    ('/images', {'GET': images.index}),
    ('/images/detail', {'GET': images.detail}),
    ('/images/{image_id}', {'GET': images.show, 'DELETE': images.delete}),
    ('/os-security-groups', {'GET': security_groups.index}),
    ('/os-floating-ips', {'GET': floating_ips.index,
                          'POST': floating_ips.create}),
    ('/os-floating-ips/{floating_ip_id}', {'GET': floating_ips.show,
                                           'DELETE': floating_ips.delete}),
)

_PROJECT_REQUIREMENT = {'project_id': '[0-9a-f-]+'}
_JSON_TYPES = frozenset(['application/json',
                         'application/vnd.openstack.compute+json',
                         'text/plain', ''])


@functools.lru_cache(maxsize=1)
def make_mapper():
    """(Routes mapper, {route name: {method: handler}}), built once.

    Both are read-only after construction, so every app in a process
    shares them (building the mapper costs about a millisecond).
    """
    mapper = routes.Mapper()
    table = {}
    for path, handlers in ROUTES:
        table[path] = handlers
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
        'Call', 'method path query microversion body status request_id')):
    """One request the API served (see :attr:`APIRouter.calls`)."""

    __slots__ = ()

    @property
    def action(self):
        """The server action's name (``'pause'``) for a POST .../action."""
        if (self.method == 'POST' and self.path.endswith('/action')
                and isinstance(self.body, dict) and len(self.body) == 1):
            return next(iter(self.body))
        return None


class Request:
    """One API request as the handlers see it."""

    __slots__ = ('environ', 'context', 'version', 'urlvars', 'app',
                 '_webob', '_body', '_urls')

    def __init__(self, environ, context, version, urlvars, app):
        self.environ = environ
        self.context = context
        self.version = version
        self.urlvars = urlvars
        self.app = app
        self._webob = None
        self._body = None
        self._urls = {}

    @property
    def webob(self):
        if self._webob is None:
            self._webob = webob.Request(self.environ)
        return self._webob

    @property
    def store(self):
        return self.app.store

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
                self._body = jsonbody.read(self.webob)
            except jsonbody.TooLarge:
                raise RequestTooLarge()
            self.environ['fakenova.raw_body'] = self._body
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
            url = self._urls['host'] = self.webob.host_url
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

    def __init__(self, cloud):
        self.cloud = cloud
        self.mapper, self.handlers = make_mapper()

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
        if calls.enabled:
            self._record(calls, environ, status, headers)
        start_response(status, headers)
        return [body]

    def _record(self, calls, environ, status, headers):
        raw = environ.get('fakenova.raw_body')
        body = environ.get('fakenova.json_body')
        if body is None and raw:
            # A body the handler did not parse (a 405, a GET with a body).
            try:
                body = jsonbody.loads(raw)
            except jsonbody.Malformed:
                body = raw
        version = next((v for k, v in headers
                        if k == 'X-OpenStack-Nova-API-Version'), None)
        calls.append(Call(
            environ['REQUEST_METHOD'],
            environ.get('SCRIPT_NAME', '') + environ.get('PATH_INFO', ''),
            environ.get('QUERY_STRING', ''), version, body,
            int(status.split(' ', 1)[0]),
            environ.get('openstack.request_id')), len(raw or b''))

    def handle(self, environ):
        version = microversion.DEFAULT_VERSION
        try:
            version = microversion.negotiate(environ)
            path = environ.get('PATH_INFO') or '/'
            found = _routematch(self.mapper, path)
            if found is None:
                raise exception.NotFound()
            match, route = found
            match = dict(match)
            handlers = self.handlers[route.name]
            handler = handlers.get(environ['REQUEST_METHOD'])
            if handler is None:
                return wsgi.error_response(
                    405, version=version,
                    headers=[('Allow', ', '.join(sorted(handlers)))])
            ctx = environ.get(auth.ENV_CONTEXT)
            if ctx is not None:
                ctx.is_admin = self.authorizer.is_admin(ctx)
            elif not getattr(handler, 'public', False):
                return wsgi.error_response(
                    401, 'The request you have made requires '
                    'authentication.', version=version)
            self._check_content_type(environ)
            project_id = match.get('project_id')
            if (project_id is not None and ctx is not None
                    and project_id != ctx.project_id):
                raise exception.BadRequest(
                    "Malformed request URL: URL's project_id '%s' doesn't "
                    "match Context's project_id '%s'" % (
                        project_id, ctx.project_id))
            minimum = getattr(handler, 'min_version', None)
            maximum = getattr(handler, 'max_version', None)
            if ((minimum is not None and version < minimum)
                    or (maximum is not None and version > maximum)):
                raise exception.NotFound()
            faults = self.store.faults
            if faults and not getattr(handler, 'checks_faults', False):
                faults.check(handler.__name__, match.get('server_id'))
            response = handler(Request(environ, ctx, version, match, self))
            return wsgi.render(response, version)
        except exception.ComputeError as exc:
            return wsgi.error_response(
                exc.code, exc.message,
                version=getattr(exc, 'version', version))

    @staticmethod
    def _check_content_type(environ):
        if environ['REQUEST_METHOD'] not in ('POST', 'PUT'):
            return
        content_type = environ.get('CONTENT_TYPE', '')
        content_type = content_type.split(';', 1)[0].strip().lower()
        if content_type not in _JSON_TYPES:
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
    """What the views read of an app, with every rule allowed."""

    __slots__ = ('cloud',)
    authorizer = _SeesAll()

    def __init__(self, cloud):
        self.cloud = cloud

    @property
    def store(self):
        return self.cloud.store

    @property
    def image_endpoint(self):
        return self.cloud.image_endpoint


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
                  _Inspector(cloud))
    return server_views.show(req, server)
