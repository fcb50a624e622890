"""A fake keystone v3 for the standalone cloud: users, projects, tokens.

Just enough identity for OpenStack clients to log in and find the
compute and image services: version discovery, ``POST /v3/auth/tokens``
(password and token methods, project scope by id or by name in the
``Default`` domain), token validation (``GET``/``HEAD``) and revocation,
and a catalog pointing at this process. Token bodies are built with
keystoneauth1's fixture classes.
"""

import datetime
import json
import threading
import uuid

from keystoneauth1 import fixture as ks_fixture
import webob

from fakenova.api import wsgi

DEFAULT_DOMAIN = 'default'
_json = wsgi.json_response
DEFAULT_DOMAIN_NAME = 'Default'
TOKEN_LIFETIME = datetime.timedelta(hours=24)

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


class BadRequest(AuthError):
    code = 400
    title = 'Bad Request'
    default = 'Expecting to find auth in request body.'


class NotFound(AuthError):
    code = 404
    title = 'Not Found'
    default = 'Could not find token.'


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
        self.issued = datetime.datetime.now(datetime.timezone.utc).replace(
            tzinfo=None)
        self.expires = self.issued + TOKEN_LIFETIME
        self.methods = methods


class Identity:
    """Users, projects, role assignments and issued tokens."""

    def __init__(self, users=DEFAULT_USERS):
        self.lock = threading.Lock()
        self.users = {}
        self.projects = {}
        self.tokens = {}
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
        info = self.tokens.get(token_id)
        if info is None:
            return None
        now = datetime.datetime.now(datetime.timezone.utc).replace(
            tzinfo=None)
        if info.expires < now:
            self.tokens.pop(token_id, None)
            return None
        return info

    # -- authentication ------------------------------------------------------

    def authenticate(self, body):
        try:
            auth = body['auth']
            identity = auth['identity']
            methods = identity['methods']
        except (KeyError, TypeError):
            raise BadRequest()
        if not isinstance(methods, list) or not methods:
            raise BadRequest('Expecting to find identity methods.')
        if 'password' in methods:
            user = self._password_user(identity.get('password'))
        elif 'token' in methods:
            user = self._token_user(identity.get('token'))
        else:
            raise AuthError('Unsupported authentication method.')
        project, roles = self._scope(user, auth.get('scope'))
        info = TokenInfo(user, project, roles, list(methods))
        self.tokens[info.id] = info
        return info

    def _password_user(self, password):
        try:
            spec = password['user']
            secret = spec['password']
        except (KeyError, TypeError):
            raise BadRequest('Expecting to find user in password.')
        self._check_domain(spec.get('domain'))
        user = self.find_user(spec)
        if user is None or user.password != secret:
            raise AuthError()
        return user

    def _token_user(self, token):
        info = self.validate((token or {}).get('id'))
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
        if not scope:
            return None, []
        if not isinstance(scope, dict) or 'project' not in scope:
            raise AuthError('Only project scope is supported.')
        spec = scope['project'] or {}
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
            resp = _json({'error': {'code': exc.code, 'title': exc.title,
                                    'message': exc.message}}, exc.code)
            if exc.code == 401:
                resp.headers['WWW-Authenticate'] = (
                    'Keystone uri="%s"' % self._base(req))
        return resp(environ, start_response)

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
                body = json.loads(req.body or b'null')
            except ValueError:
                raise BadRequest('Malformed request body.')
            info = self.identity.authenticate(body)
            resp = _json(self.identity.token_body(info, base), 201)
            resp.headers['X-Subject-Token'] = info.id
            return resp
        if req.method in ('GET', 'HEAD', 'DELETE'):
            if self.identity.validate(req.headers.get('X-Auth-Token')) is None:
                raise AuthError()
            subject = req.headers.get('X-Subject-Token')
            info = self.identity.validate(subject)
            if info is None:
                raise NotFound('Could not find token: %s' % subject)
            if req.method == 'DELETE':
                self.identity.tokens.pop(subject, None)
                return webob.Response(status=204)
            resp = _json(self.identity.token_body(info, base))
            resp.headers['X-Subject-Token'] = info.id
            if req.method == 'HEAD':
                resp.body = b''
            return resp
        resp = _json({'error': {'code': 405, 'title': 'Method Not Allowed',
                                'message': 'Method not allowed.'}}, 405)
        return resp
