"""Users, projects and tokens of the identity service (no HTTP)."""

import collections
import datetime
import hmac
import threading
import uuid

from keystoneauth1 import fixture as ks_fixture

from fakenova.identity import exception
from fakenova.identity import schemas

DEFAULT_DOMAIN = 'default'
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


def keystone_time(when):
    """A naive UTC datetime as keystone writes it: ...T16:02:43.929852Z."""
    return when.strftime('%Y-%m-%dT%H:%M:%S.%fZ')


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
            raise exception.BadRequest()
        auth = body['auth']
        schemas.validate_auth(auth)
        identity = auth['identity']
        methods = identity['methods']
        if not methods:
            raise exception.BadRequest('Expecting to find identity methods.')
        if 'password' in methods:
            user = self._password_user(identity.get('password'))
        elif 'token' in methods:
            user = self._token_user(identity.get('token'))
        else:
            raise exception.AuthError('Unsupported authentication method.')
        project, roles = self._scope(user, auth.get('scope'))
        info = TokenInfo(user, project, roles, list(methods))
        self._store_token(info)
        return info

    def _password_user(self, password):
        try:
            spec = password['user']
            secret = spec['password']
        except (KeyError, TypeError):
            raise exception.BadRequest('Expecting to find user in password.')
        self._check_domain(spec.get('domain'))
        user = self.find_user(spec)
        if user is None or not hmac.compare_digest(
                user.password.encode(), secret.encode()):
            raise exception.AuthError()
        return user

    def _token_user(self, token):
        info = self.validate(schemas.get(token, 'id'))
        if info is None:
            raise exception.NotFound('Could not find token.')
        return info.user

    @staticmethod
    def _check_domain(domain):
        if not domain:
            return
        if domain.get('id') not in (None, DEFAULT_DOMAIN) or domain.get(
                'name') not in (None, DEFAULT_DOMAIN_NAME):
            raise exception.AuthError()

    def _scope(self, user, scope):
        if not scope or scope == 'unscoped':
            return None, []
        if not isinstance(scope, dict) or 'project' not in scope:
            raise exception.AuthError('Only project scope is supported.')
        spec = scope['project']
        self._check_domain(spec.get('domain'))
        project = self.find_project(spec)
        if project is None or not user.roles.get(project.id):
            raise exception.AuthError('User %s has no access to project %s' % (
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
        # keystone writes UTC with microseconds and a 'Z' (tempest and
        # Go's RFC 3339 parser refuse a time without its zone).
        body = token['token']
        body['issued_at'] = keystone_time(info.issued)
        body['expires_at'] = keystone_time(info.expires)
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
