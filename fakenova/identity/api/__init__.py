"""The identity service's WSGI app: version discovery and tokens.

The administration API (projects, users, roles, grants, domains) is in
:mod:`fakenova.identity.api.admin`.
"""

import logging

import webob

from fakenova.common import jsonbody
from fakenova.common import routing
from fakenova.common import wsgi as common_wsgi
from fakenova.identity.api import admin as admin_api
from fakenova.identity import exception

LOG = logging.getLogger(__name__)
_json = common_wsgi.json_response


class IdentityApp:
    """The WSGI side of :class:`Identity`, mounted at /identity."""

    # GET /identity (/image) answers the version list itself (300, as
    # keystone and glance do) instead of the urlmap's redirect to the
    # trailing slash.
    serves_bare_prefix = True

    def __init__(self, identity):
        self.identity = identity
        self.admin = admin_api.AdminAPI(identity)
        self.router = routing.MethodRoutes(
            [('/v3/auth/tokens', {m: self.tokens for m in
                                  ('GET', 'HEAD', 'POST', 'DELETE')})]
            + self.admin.routes())

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        try:
            resp = self.dispatch(req)
        except exception.AuthError as exc:
            resp = self._error(req, exc)
        except Exception:  # noqa: B902 -- answer keystone's 500, not a trace
            LOG.exception('identity error on %s %s', req.method,
                          req.path_info)
            resp = self._error(req, exception.AuthError.with_code(
                500, 'Internal Server Error',
                'An unexpected error prevented the server from fulfilling '
                'your request.'))
        return resp(environ, start_response)

    def _error(self, req, exc):
        resp = _json({'error': {'code': exc.code, 'title': exc.title,
                                'message': exc.message}}, exc.code)
        if exc.code == 401:
            resp.headers['WWW-Authenticate'] = (
                'Keystone uri="%s"' % self._base(req))
        return resp

    # keystone's defaults for the token API: the token's own user, an
    # admin, or (validation only) a service may see or revoke a token.
    TOKEN_RULES = {'HEAD': 'identity:check_token',
                   'GET': 'identity:validate_token',
                   'DELETE': 'identity:revoke_token'}

    def _authorize(self, method, caller, subject):
        if caller.user.id == subject.user.id or 'admin' in caller.roles:
            return
        if method == 'GET' and 'service' in caller.roles:
            return
        raise exception.Forbidden(
            'You are not authorized to perform the requested action: %s.'
            % self.TOKEN_RULES[method])

    @staticmethod
    def _base(req):
        return req.host_url + req.script_name

    def _version(self, req):
        return {'id': 'v3.14', 'status': 'stable',
                'updated': '2020-04-07T00:00:00Z',
                'links': [{'rel': 'self', 'href': self._base(req) + '/v3/'}],
                'media-types': [{
                    'base': 'application/json',
                    'type': 'application/vnd.openstack.identity-v3+json'}]}

    def dispatch(self, req):
        path = req.path_info.rstrip('/')
        if path == '':
            return _json({'versions': {'values': [self._version(req)]}},
                         300)
        if path == '/v3':
            return _json({'version': self._version(req)})
        found = self.router.match(path)
        if found is None:
            return _json({'error': {'code': 404, 'title': 'Not Found',
                                    'message': 'The resource could not be '
                                               'found.'}}, 404)
        variables, handlers = found
        handler = handlers.get(req.method)
        if handler is None and req.method == 'HEAD':
            handler = handlers.get('GET')
        if handler is None:
            raise exception.MethodNotAllowed('Method not allowed.')
        kwargs = {k: v for k, v in variables.items()
                  if k not in ('controller', 'action')}
        resp = handler(req, **kwargs)
        if req.method == 'HEAD':
            resp.body = b''
        return resp

    def tokens(self, req):
        base = req.host_url + req.script_name.rsplit('/identity', 1)[0]
        if req.method == 'POST':
            try:
                body = jsonbody.loads(jsonbody.read(req))
            except jsonbody.TooLarge:
                raise exception.TooLarge()
            except jsonbody.Malformed:
                raise exception.BadRequest('Malformed request body.')
            info = self.identity.authenticate(body)
            resp = _json(self.identity.token_body(info, base), 201)
            resp.headers['X-Subject-Token'] = info.id
            return resp
        if req.method in ('GET', 'HEAD', 'DELETE'):
            caller = self.identity.validate(req.headers.get('X-Auth-Token'))
            if caller is None:
                raise exception.AuthError()
            subject = req.headers.get('X-Subject-Token')
            info = self.identity.validate(subject)
            if info is None:
                raise exception.NotFound('Could not find token: %s' % subject)
            self._authorize(req.method, caller, info)
            if req.method == 'DELETE':
                self.identity.revoke(subject)
                return webob.Response(status=204)
            resp = _json(self.identity.token_body(info, base))
            resp.headers['X-Subject-Token'] = info.id
            if req.method == 'HEAD':
                resp.body = b''
            return resp
