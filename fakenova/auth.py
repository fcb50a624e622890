"""Paste filters that turn a request's credentials into a RequestContext.

``noauth2``
    Nova's development mode: the token is ``user:project`` (the project
    defaults to the user). The user ``admin`` gets the admin role; every
    user gets ``member`` and ``reader`` so that both the owner/admin
    defaults and secure-RBAC policy files can be tried.
``keystone``
    Trust the identity headers keystonemiddleware's auth_token sets
    (``X-User-Id``, ``X-Project-Id``, ``X-Roles``, ...), as Nova does
    behind it.

The fixture (:class:`TokenTable`) and the standalone cloud
(:class:`IdentityTokenAuth`) accept the tokens they issued. Without (valid)
credentials the answer is 401: keystonemiddleware's, or behind noauth2
webob's, as Nova's noauth2 filter answers.
"""

import json

from oslo_middleware import request_id
import webob.exc

from fakenova.common import requestid
from fakenova.common import wsgi as common_wsgi
from fakenova import context

ENV_CONTEXT = 'fakenova.context'
# The identity service that authenticated the caller, when it is the
# cloud's own: the one Nova could ask whether a project exists.
ENV_IDENTITY = 'fakenova.identity'
# Who refuses a request without credentials: keystonemiddleware (in front
# of Nova in a cloud) or, with noauth2, Nova's own filter.
ENV_REJECTED_BY = 'fakenova.rejected_by'

_UNAUTHORIZED = json.dumps({'error': {
    'code': 401, 'title': 'Unauthorized',
    'message': 'The request you have made requires authentication.'}}
).encode()


def unauthorized(environ=None):
    """(status, headers, body) of the 401 for a request nobody made.

    keystonemiddleware's JSON ``{"error": {...}}`` with its
    WWW-Authenticate header; behind noauth2, webob's own 401 (HTML,
    JSON or text as the Accept header asks), as Nova's noauth2 answers.
    """
    if environ is not None and environ.get(ENV_REJECTED_BY) == 'noauth2':
        return common_wsgi.webob_error(environ, webob.exc.HTTPUnauthorized())
    return ('401 Unauthorized', [
        ('Content-Type', 'application/json; charset=UTF-8'),
        ('Content-Length', str(len(_UNAUTHORIZED))),
        ('WWW-Authenticate', "Keystone uri='http://127.0.0.1/identity'"),
    ], _UNAUTHORIZED)


def _noauth_identity(token):
    """noauth2: ``user:project``; the user ``admin`` is an admin."""
    user_id, _sep, project_id = token.partition(':')
    roles = ['member', 'reader']
    if user_id == 'admin':
        roles.insert(0, 'admin')
    return {'user_id': user_id, 'project_id': project_id or user_id,
            'roles': roles}


class _AuthFilter:
    """Set the request context from what :meth:`identify` finds.

    A request without credentials (or with credentials that identify
    nobody) goes on without a context: the compute app answers it 401,
    unless it asks for a public operation (the version document), a
    decision taken there alone.
    """

    # Who answers 401 when no credentials came (see unauthorized()).
    rejected_by = 'keystonemiddleware'
    # The identity service that issued the credentials, if fakenova's.
    identity = None

    def __init__(self, application):
        self.application = application

    def identify(self, environ):
        """Context keyword arguments, or None when not authenticated."""
        raise NotImplementedError()

    def __call__(self, environ, start_response):
        fields = self.identify(environ)
        if fields is None:
            environ.pop(ENV_CONTEXT, None)
            environ[ENV_REJECTED_BY] = self.rejected_by
            return self.application(environ, start_response)
        environ[ENV_CONTEXT] = context.RequestContext.for_request(
            request_id=(environ.get(request_id.ENV_REQUEST_ID)
                        or requestid.generate_request_id()),
            global_request_id=environ.get(request_id.GLOBAL_REQ_ID),
            **fields)
        if self.identity is not None:
            environ[ENV_IDENTITY] = self.identity
        return self.application(environ, start_response)


class NoAuthMiddleware(_AuthFilter):
    """Build the context from an ``X-Auth-Token: user[:project]`` header."""

    rejected_by = 'noauth2'

    def identify(self, environ):
        token = environ.get('HTTP_X_AUTH_TOKEN')
        return _noauth_identity(token) if token else None


class KeystoneContext(_AuthFilter):
    """Build the context from keystonemiddleware's identity headers."""

    def identify(self, environ):
        user_id = (environ.get('HTTP_X_USER_ID')
                   or environ.get('HTTP_X_USER'))
        if not user_id or environ.get('HTTP_X_IDENTITY_STATUS') == 'Invalid':
            return None
        return {
            'user_id': user_id,
            'project_id': (environ.get('HTTP_X_PROJECT_ID')
                           or environ.get('HTTP_X_TENANT_ID')),
            'roles': [r.strip() for r in
                      environ.get('HTTP_X_ROLES', '').split(',')
                      if r.strip()],
            'user_name': environ.get('HTTP_X_USER_NAME'),
            'project_name': environ.get('HTTP_X_PROJECT_NAME'),
        }


def noauth2_filter_factory(global_conf, **local_conf):
    return NoAuthMiddleware


def keystone_filter_factory(global_conf, **local_conf):
    return KeystoneContext


class TokenTable(_AuthFilter):
    """Accept the tokens a :class:`fakenova.fixture.FakeNova` issued.

    ``tokens`` maps a token to ``(user_id, project_id, roles)``; a token
    not in the table is read the noauth2 way (``user:project``).
    """

    def __init__(self, application, tokens):
        super().__init__(application)
        self.tokens = tokens

    def identify(self, environ):
        token = environ.get('HTTP_X_AUTH_TOKEN')
        if not token:
            return None
        known = self.tokens.get(token)
        if known is None:
            return _noauth_identity(token)
        user_id, project_id, roles = known
        return {'user_id': user_id, 'project_id': project_id,
                'roles': list(roles)}


class IdentityTokenAuth(_AuthFilter):
    """Accept the tokens a :class:`fakenova.identity.model.Identity` issued.

    Sets the same context keystonemiddleware's auth_token (followed by
    Nova's keystonecontext filter) would: user, project and the token's
    roles (implied roles included). Unknown, expired or unscoped tokens
    get 401.
    """

    def __init__(self, application, identity):
        super().__init__(application)
        self.identity = identity

    def identify(self, environ):
        token = environ.get('HTTP_X_AUTH_TOKEN')
        info = self.identity.validate(token) if token else None
        if info is None or info.project is None:
            return None
        return {'user_id': info.user.id, 'project_id': info.project.id,
                'roles': list(info.roles), 'user_name': info.user.name,
                'project_name': info.project.name}
