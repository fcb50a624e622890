"""A fake keystone v3 for the standalone cloud: users, projects, tokens.

Just enough identity for OpenStack clients to log in and find the
compute and image services: version discovery, ``POST /v3/auth/tokens``
(password and token methods, project scope by id or by name in the
``Default`` domain), token validation (``GET``/``HEAD``) and revocation,
and a catalog pointing at this process. Token bodies are built with
keystoneauth1's fixture classes.
"""

import collections
import datetime
import hmac
import logging
import threading
import uuid

import jsonschema
from keystoneauth1 import fixture as ks_fixture
import webob

from fakenova.common import jsonbody
from fakenova.common import wsgi as common_wsgi

LOG = logging.getLogger(__name__)

DEFAULT_DOMAIN = 'default'
_json = common_wsgi.json_response
DEFAULT_DOMAIN_NAME = 'Default'
# keystone's [token] expiration default (one hour).
TOKEN_LIFETIME = datetime.timedelta(hours=1)
# At most this many live tokens are kept; issuing one more revokes the
# oldest (a client that logs in for every request cannot grow the fake).
MAX_TOKENS = 10000

# Keystone's default implied roles: admin -> manager -> member -> reader.
IMPLIED_ROLES = {'admin': ('manager', 'member', 'reader'),
                 'manager': ('member', 'reader'),
                 'member': ('reader',)}

DEFAULT_USERS = (
    # name, password, project, roles
    ('admin', 'admin', 'admin', ('admin',)),
    ('demo', 'demo', 'demo', ('member', 'reader')),
    ('alt_demo', 'alt_demo', 'alt_demo', ('member',)),
)

_NAMESPACE = uuid.UUID('6f70656e-7374-6163-6b20-666e6f766121')


def stable_id(kind, name):
    """The same hex id for the same name in every run (like keystone's)."""
    return uuid.uuid5(_NAMESPACE, '%s:%s' % (kind, name)).hex


def expand_roles(roles):
    out = []
    for role in roles:
        for name in (role,) + IMPLIED_ROLES.get(role, ()):
            if name not in out:
                out.append(name)
    return out


class AuthError(Exception):
    code = 401
    title = 'Unauthorized'
    default = 'The request you have made requires authentication.'

    def __init__(self, message=None):
        super().__init__(message or self.default)
        self.message = message or self.default

    @classmethod
    def with_code(cls, code, title, message):
        exc = cls(message)
        exc.code, exc.title = code, title
        return exc


class BadRequest(AuthError):
    code = 400
    title = 'Bad Request'
    default = 'Expecting to find auth in request body.'


class NotFound(AuthError):
    code = 404
    title = 'Not Found'
    default = 'Could not find token.'


class Forbidden(AuthError):
    code = 403
    title = 'Forbidden'
    default = 'You are not authorized to perform the requested action.'


class TooLarge(AuthError):
    code = 413
    title = 'Request Entity Too Large'
    default = 'Request is too large.'


def _object(**properties):
    return {'type': 'object', 'properties': properties}


_STRING = {'type': 'string'}
_ID_OR_NAME = _object(id=_STRING, name=_STRING)

# What keystone's token_issue schema checks of ``auth`` (keystone/auth/
# schema.py): the types of every field a client may send.
AUTH_SCHEMA = {
    'type': 'object',
    'properties': {
        'identity': {
            'type': 'object',
            'properties': {
                'methods': {'type': 'array', 'items': _STRING},
                'password': _object(user=_object(
                    id=_STRING, name=_STRING, password=_STRING,
                    domain=_ID_OR_NAME)),
                'token': dict(_object(id=_STRING), required=['id']),
            },
            'required': ['methods'],
        },
        'scope': {
            'type': ['object', 'string'],
            'properties': {
                'project': _object(id=_STRING, name=_STRING,
                                   domain=_ID_OR_NAME),
                'domain': _ID_OR_NAME,
                'OS-TRUST:trust': _object(id=_STRING),
                'system': _object(all={'type': 'boolean'}),
            },
        },
    },
    'required': ['identity'],
}
_AUTH_VALIDATOR = jsonschema.Draft4Validator(AUTH_SCHEMA)


def validate_auth(auth):
    """keystone's checks of a token request's ``auth`` (400 if wrong)."""
    error = next(iter(sorted(_AUTH_VALIDATOR.iter_errors(auth),
                             key=lambda e: list(e.path))), None)
    if error is not None:
        if error.path:
            raise BadRequest("Invalid input for field '%s': %s" % (
                '/'.join(str(p) for p in error.path), error.message))
        raise BadRequest(error.message)
    for where, spec in (
            ('identity/password/user',
             auth['identity'].get('password', {}).get('user')),
            ('scope/project', _get(auth.get('scope'), 'project'))):
        if spec is None:
            continue
        if 'id' not in spec and 'name' not in spec:
            raise BadRequest('Invalid input for field %s: id or name must '
                             'be present.' % where)
        domain = spec.get('domain')
        if domain is not None and 'id' not in domain and 'name' not in \
                domain:
            raise BadRequest('Invalid input for field %s/domain: id or '
                             'name must be present.' % where)


def _get(value, key):
    return value.get(key) if isinstance(value, dict) else None


class Project:
    __slots__ = ('id', 'name', 'domain_id')

    def __init__(self, name, id=None, domain_id=DEFAULT_DOMAIN):
        self.id = id or stable_id('project', name)
        self.name = name
        self.domain_id = domain_id


class User:
    __slots__ = ('id', 'name', 'password', 'domain_id', 'roles')

    def __init__(self, name, password, id=None, domain_id=DEFAULT_DOMAIN):
        self.id = id or stable_id('user', name)
        self.name = name
        self.password = password
        self.domain_id = domain_id
        self.roles = {}  # project id -> [role names]


class TokenInfo:
    __slots__ = ('id', 'user', 'project', 'roles', 'expires', 'issued',
                 'methods')

    def __init__(self, user, project, roles, methods):
        self.id = 'gAAAA' + uuid.uuid4().hex + uuid.uuid4().hex
        self.user = user
        self.project = project
        self.roles = roles
        self.issued = _utcnow()
        self.expires = self.issued + TOKEN_LIFETIME
        self.methods = methods


def _utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class Identity:
    """Users, projects, role assignments and issued tokens."""

    def __init__(self, users=DEFAULT_USERS):
        self.lock = threading.Lock()
        self.users = {}
        self.projects = {}
        # token id -> TokenInfo, oldest first (see _store_token).
        self.tokens = collections.OrderedDict()
        self.max_tokens = MAX_TOKENS
        for name, password, project, roles in users:
            self.add_user(name, password, project, roles)

    def add_project(self, name, id=None):
        with self.lock:
            for project in self.projects.values():
                if project.name == name:
                    return project
            project = Project(name, id=id)
            self.projects[project.id] = project
            return project

    def add_user(self, name, password, project=None, roles=(), id=None):
        user = User(name, password, id=id)
        with self.lock:
            self.users[user.id] = user
        if project is not None:
            self.assign(user, self.add_project(project), roles)
        return user

    def assign(self, user, project, roles):
        with self.lock:
            current = user.roles.setdefault(project.id, [])
            for role in roles:
                if role not in current:
                    current.append(role)

    # -- lookups -------------------------------------------------------------

    def find_user(self, spec):
        spec = spec or {}
        with self.lock:
            if spec.get('id'):
                return self.users.get(spec['id'])
            for user in self.users.values():
                if user.name == spec.get('name'):
                    return user
        return None

    def find_project(self, spec):
        spec = spec or {}
        with self.lock:
            if spec.get('id'):
                return self.projects.get(spec['id'])
            for project in self.projects.values():
                if project.name == spec.get('name'):
                    return project
        return None

    def validate(self, token_id):
        """The :class:`TokenInfo` of a live token, or None."""
        if not isinstance(token_id, str):
            return None
        info = self.tokens.get(token_id)
        if info is None:
            return None
        if info.expires < _utcnow():
            self.revoke(token_id)
            return None
        return info

    def revoke(self, token_id):
        with self.lock:
            self.tokens.pop(token_id, None)

    def _store_token(self, info):
        """Keep a new token; drop expired ones and the oldest over the cap.

        Tokens are kept in the order they were issued, and all have the
        same lifetime, so the expired ones are the first ones.
        """
        now = _utcnow()
        with self.lock:
            tokens = self.tokens
            while tokens:
                oldest = next(iter(tokens.values()))
                if oldest.expires >= now and len(tokens) < self.max_tokens:
                    break
                tokens.popitem(last=False)
            tokens[info.id] = info

    # -- authentication ------------------------------------------------------

    def authenticate(self, body):
        if not isinstance(body, dict) or 'auth' not in body:
            raise BadRequest()
        auth = body['auth']
        validate_auth(auth)
        identity = auth['identity']
        methods = identity['methods']
        if not methods:
            raise BadRequest('Expecting to find identity methods.')
        if 'password' in methods:
            user = self._password_user(identity.get('password'))
        elif 'token' in methods:
            user = self._token_user(identity.get('token'))
        else:
            raise AuthError('Unsupported authentication method.')
        project, roles = self._scope(user, auth.get('scope'))
        info = TokenInfo(user, project, roles, list(methods))
        self._store_token(info)
        return info

    def _password_user(self, password):
        try:
            spec = password['user']
            secret = spec['password']
        except (KeyError, TypeError):
            raise BadRequest('Expecting to find user in password.')
        self._check_domain(spec.get('domain'))
        user = self.find_user(spec)
        if user is None or not hmac.compare_digest(
                user.password.encode(), secret.encode()):
            raise AuthError()
        return user

    def _token_user(self, token):
        info = self.validate(_get(token, 'id'))
        if info is None:
            raise NotFound('Could not find token.')
        return info.user

    @staticmethod
    def _check_domain(domain):
        if not domain:
            return
        if domain.get('id') not in (None, DEFAULT_DOMAIN) or domain.get(
                'name') not in (None, DEFAULT_DOMAIN_NAME):
            raise AuthError()

    def _scope(self, user, scope):
        if not scope or scope == 'unscoped':
            return None, []
        if not isinstance(scope, dict) or 'project' not in scope:
            raise AuthError('Only project scope is supported.')
        spec = scope['project']
        self._check_domain(spec.get('domain'))
        project = self.find_project(spec)
        if project is None or not user.roles.get(project.id):
            raise AuthError('User %s has no access to project %s' % (
                user.id, spec.get('id') or spec.get('name')))
        return project, expand_roles(user.roles[project.id])

    # -- token bodies --------------------------------------------------------

    def token_body(self, info, base_url):
        token = ks_fixture.V3Token(
            user_id=info.user.id, user_name=info.user.name,
            user_domain_id=DEFAULT_DOMAIN,
            user_domain_name=DEFAULT_DOMAIN_NAME,
            methods=info.methods, issued=info.issued, expires=info.expires,
            audit_chain_id=uuid.uuid4().hex)
        if info.project is not None:
            token.set_project_scope(
                id=info.project.id, name=info.project.name,
                domain_id=DEFAULT_DOMAIN, domain_name=DEFAULT_DOMAIN_NAME)
            for role in info.roles:
                token.add_role(name=role, id=stable_id('role', role))
            self._catalog(token, base_url)
        return token

    @staticmethod
    def _catalog(token, base_url):
        for kind, name, path in (('compute', 'nova', '/v2.1'),
                                 ('image', 'glance', '/image'),
                                 ('identity', 'keystone', '/identity')):
            url = base_url + path
            token.add_service(kind, name=name).add_standard_endpoints(
                public=url, internal=url, admin=url, region='RegionOne')


class IdentityApp:
    """The WSGI side of :class:`Identity`, mounted at /identity."""

    # GET /identity (/image) answers the version list itself (300, as
    # keystone and glance do) instead of the urlmap's redirect to the
    # trailing slash.
    serves_bare_prefix = True

    def __init__(self, identity):
        self.identity = identity

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        try:
            resp = self.dispatch(req)
        except AuthError as exc:
            resp = self._error(req, exc)
        except Exception:  # noqa: B902 -- answer keystone's 500, not a trace
            LOG.exception('identity error on %s %s', req.method,
                          req.path_info)
            resp = self._error(req, AuthError.with_code(
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
        raise Forbidden('You are not authorized to perform the requested '
                        'action: %s.' % self.TOKEN_RULES[method])

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
        if path == '/v3/auth/tokens':
            return self.tokens(req)
        return _json({'error': {'code': 404, 'title': 'Not Found',
                                'message': 'The resource could not be '
                                           'found.'}}, 404)

    def tokens(self, req):
        base = req.host_url + req.script_name.rsplit('/identity', 1)[0]
        if req.method == 'POST':
            try:
                body = jsonbody.loads(jsonbody.read(req))
            except jsonbody.TooLarge:
                raise TooLarge()
            except jsonbody.Malformed:
                raise BadRequest('Malformed request body.')
            info = self.identity.authenticate(body)
            resp = _json(self.identity.token_body(info, base), 201)
            resp.headers['X-Subject-Token'] = info.id
            return resp
        if req.method in ('GET', 'HEAD', 'DELETE'):
            caller = self.identity.validate(req.headers.get('X-Auth-Token'))
            if caller is None:
                raise AuthError()
            subject = req.headers.get('X-Subject-Token')
            info = self.identity.validate(subject)
            if info is None:
                raise NotFound('Could not find token: %s' % subject)
            self._authorize(req.method, caller, info)
            if req.method == 'DELETE':
                self.identity.revoke(subject)
                return webob.Response(status=204)
            resp = _json(self.identity.token_body(info, base))
            resp.headers['X-Subject-Token'] = info.id
            if req.method == 'HEAD':
                resp.body = b''
            return resp
        resp = _json({'error': {'code': 405, 'title': 'Method Not Allowed',
                                'message': 'Method not allowed.'}}, 405)
        return resp
