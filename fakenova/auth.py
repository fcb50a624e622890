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

Both answer 401 in Nova's error envelope when no credentials came.
"""

import json

from oslo_context import context as oslo_context
from oslo_middleware import request_id

from fakenova import context

ENV_CONTEXT = 'fakenova.context'
# The version document at /v2.1/ needs no credentials.
_PUBLIC_PATHS = ('', '/')

_UNAUTHORIZED = json.dumps({'unauthorized': {
    'code': 401,
    'message': 'The request you have made requires authentication.'}}
).encode()


def _unauthorized(start_response):
    start_response('401 Unauthorized', [
        ('Content-Type', 'application/json; charset=UTF-8'),
        ('Content-Length', str(len(_UNAUTHORIZED))),
        ('WWW-Authenticate', "Keystone uri='http://127.0.0.1/identity'"),
    ])
    return [_UNAUTHORIZED]


def _request_id(environ):
    return (environ.get(request_id.ENV_REQUEST_ID)
            or oslo_context.generate_request_id())


class NoAuthMiddleware:
    """Build the context from an ``X-Auth-Token: user[:project]`` header."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        token = environ.get('HTTP_X_AUTH_TOKEN')
        if not token:
            if environ.get('PATH_INFO') in _PUBLIC_PATHS:
                return self.application(environ, start_response)
            return _unauthorized(start_response)
        user_id, _sep, project_id = token.partition(':')
        project_id = project_id or user_id
        roles = ['member', 'reader']
        if user_id == 'admin':
            roles.insert(0, 'admin')
        environ[ENV_CONTEXT] = context.RequestContext(
            user_id=user_id, project_id=project_id, roles=roles,
            is_admin=user_id == 'admin',
            request_id=_request_id(environ),
            global_request_id=environ.get(request_id.GLOBAL_REQ_ID))
        return self.application(environ, start_response)


class KeystoneContext:
    """Build the context from keystonemiddleware's identity headers."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        user_id = (environ.get('HTTP_X_USER_ID')
                   or environ.get('HTTP_X_USER'))
        project_id = (environ.get('HTTP_X_PROJECT_ID')
                      or environ.get('HTTP_X_TENANT_ID'))
        if not user_id or environ.get('HTTP_X_IDENTITY_STATUS') == 'Invalid':
            if environ.get('PATH_INFO') in _PUBLIC_PATHS:
                return self.application(environ, start_response)
            return _unauthorized(start_response)
        roles = [r.strip() for r in
                 environ.get('HTTP_X_ROLES', '').split(',') if r.strip()]
        environ[ENV_CONTEXT] = context.RequestContext(
            user_id=user_id, project_id=project_id, roles=roles,
            user_name=environ.get('HTTP_X_USER_NAME'),
            project_name=environ.get('HTTP_X_PROJECT_NAME'),
            is_admin=False,
            request_id=_request_id(environ),
            global_request_id=environ.get(request_id.GLOBAL_REQ_ID))
        return self.application(environ, start_response)


def noauth2_filter_factory(global_conf, **local_conf):
    return NoAuthMiddleware


def keystone_filter_factory(global_conf, **local_conf):
    return KeystoneContext


class TokenTable:
    """Accept the tokens a :class:`fakenova.fixture.FakeNova` issued.

    ``tokens`` maps a token to ``(user_id, project_id, roles)``; a token
    not in the table is read the noauth2 way (``user:project``).
    """

    def __init__(self, application, tokens):
        self.application = application
        self.tokens = tokens

    def __call__(self, environ, start_response):
        token = environ.get('HTTP_X_AUTH_TOKEN')
        if not token:
            if environ.get('PATH_INFO') in _PUBLIC_PATHS:
                return self.application(environ, start_response)
            return _unauthorized(start_response)
        known = self.tokens.get(token)
        if known is None:
            user_id, _sep, project_id = token.partition(':')
            roles = ['member', 'reader']
            if user_id == 'admin':
                roles.insert(0, 'admin')
            known = (user_id, project_id or user_id, roles)
        user_id, project_id, roles = known
        environ[ENV_CONTEXT] = context.RequestContext(
            user_id=user_id, project_id=project_id, roles=list(roles),
            request_id=_request_id(environ),
            global_request_id=environ.get(request_id.GLOBAL_REQ_ID))
        return self.application(environ, start_response)


class IdentityTokenAuth:
    """Accept the tokens a :class:`fakenova.identity.Identity` issued.

    Sets the same context keystonemiddleware's auth_token (followed by
    Nova's keystonecontext filter) would: user, project and the token's
    roles (implied roles included). Unknown or expired tokens get 401.
    """

    def __init__(self, application, identity):
        self.application = application
        self.identity = identity

    def __call__(self, environ, start_response):
        token = environ.get('HTTP_X_AUTH_TOKEN')
        info = self.identity.validate(token) if token else None
        if info is None or info.project is None:
            if not token and environ.get('PATH_INFO') in _PUBLIC_PATHS:
                return self.application(environ, start_response)
            return _unauthorized(start_response)
        environ[ENV_CONTEXT] = context.RequestContext(
            user_id=info.user.id, project_id=info.project.id,
            roles=list(info.roles), user_name=info.user.name,
            project_name=info.project.name,
            request_id=_request_id(environ),
            global_request_id=environ.get(request_id.GLOBAL_REQ_ID))
        return self.application(environ, start_response)
