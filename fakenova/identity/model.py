"""Users, projects and tokens of the identity service (no HTTP)."""

import collections
import copy
import datetime
import hmac
import threading
import uuid

from fakenova.identity import exception
from fakenova.identity import schemas

DEFAULT_DOMAIN = 'default'
DEFAULT_DOMAIN_NAME = 'Default'
# keystone's [DEFAULT] max_project_tree_depth: projects below a domain.
MAX_PROJECT_TREE_DEPTH = 5
# keystone's [token] expiration default (one hour).
TOKEN_LIFETIME = datetime.timedelta(hours=1)
# At most this many live tokens are kept; issuing one more revokes the
# oldest (a client that logs in for every request cannot grow the fake).
MAX_TOKENS = 10000

# Keystone's default implied roles: admin -> manager -> member -> reader.
IMPLIED_ROLES = {'admin': ('manager', 'member', 'reader'),
                 'manager': ('member', 'reader'),
                 'member': ('reader',)}

# The roles keystone-manage bootstrap creates.
DEFAULT_ROLES = ('admin', 'manager', 'member', 'reader', 'service')

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


class Domain:
    __slots__ = ('id', 'name', 'description', 'enabled', 'tags', 'options',
                 'extra')

    def __init__(self, name, id=None, description='', enabled=True,
                 tags=(), options=None, extra=None):
        self.id = id or stable_id('domain', name)
        self.name = name
        self.description = description
        self.enabled = enabled
        self.tags = list(tags)
        self.options = dict(options or {})
        self.extra = dict(extra or {})


class Project:
    __slots__ = ('id', 'name', 'domain_id', 'description', 'enabled',
                 'tags', 'options', 'extra', 'parent_id')

    def __init__(self, name, id=None, domain_id=DEFAULT_DOMAIN,
                 description='', enabled=True, tags=(), options=None,
                 extra=None, parent_id=None):
        self.id = id or stable_id('project', name)
        self.name = name
        self.domain_id = domain_id
        # A top-level project's parent is its domain (keystone's).
        self.parent_id = parent_id or domain_id
        self.description = description
        self.enabled = enabled
        self.tags = list(tags)
        self.options = dict(options or {})
        self.extra = dict(extra or {})


class User:
    __slots__ = ('id', 'name', 'password', 'domain_id', 'roles', 'enabled',
                 'default_project_id', 'options', 'extra', 'system_roles')

    def __init__(self, name, password, id=None, domain_id=DEFAULT_DOMAIN,
                 enabled=True, default_project_id=None, options=None,
                 extra=None):
        self.id = id or stable_id('user', name)
        self.name = name
        self.password = password
        self.domain_id = domain_id
        self.roles = {}  # project id -> [role names]
        self.system_roles = []  # role names on the system
        self.enabled = enabled
        self.default_project_id = default_project_id
        self.options = dict(options or {})
        # Attributes keystone keeps in "extra" (email, description, ...).
        self.extra = dict(extra or {})


class Role:
    __slots__ = ('id', 'name', 'description', 'options', 'extra')

    def __init__(self, name, id=None, description=None, options=None,
                 extra=None):
        self.id = id or stable_id('role', name)
        self.name = name
        self.description = description
        self.options = dict(options or {})
        self.extra = dict(extra or {})


class TokenInfo:
    __slots__ = ('id', 'user', 'project', 'roles', 'expires', 'issued',
                 'methods', 'audit_id', 'audit_chain_id', 'system')

    def __init__(self, user, project, roles, methods, parent=None,
                 system=False):
        # A system-scoped token has no project and system set.
        self.system = system
        self.id = 'gAAAA' + uuid.uuid4().hex + uuid.uuid4().hex
        self.user = user
        self.project = project
        self.roles = roles
        self.issued = _utcnow()
        self.methods = methods
        self.audit_id = uuid.uuid4().hex
        if parent is None:
            self.expires = self.issued + TOKEN_LIFETIME
            self.audit_chain_id = None
        else:
            # keystone: a token made from a token ends when its parent
            # does, and names the first token of the chain.
            self.expires = parent.expires
            self.audit_chain_id = parent.audit_chain_id or parent.audit_id


def as_bool(value):
    """keystone's boolean parameter (true, "true", "True", "TRUE")."""
    if isinstance(value, str):
        return value.lower() == 'true'
    return bool(value)


def _same(secret, offered):
    if not isinstance(secret, str) or not isinstance(offered, str):
        return False
    return hmac.compare_digest(secret.encode(), offered.encode())


def keystone_time(when):
    """A naive UTC datetime as keystone writes it: ...T16:02:43.929852Z."""
    return when.strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def _utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class Identity:
    """Users, projects, roles, role assignments and issued tokens.

    Besides the users and projects made at start (the defaults, a seed,
    the control API), keystone's administration API creates, changes and
    deletes them (:meth:`create_project` ... :meth:`delete_grant`). Every
    such change is journalled, and :meth:`undo_admin_changes` (the
    cloud's reset) takes them all back.
    """

    def __init__(self, users=DEFAULT_USERS):
        # Re-entrant: the admin operations hold it across lookups.
        self.lock = threading.RLock()
        self.domains = {DEFAULT_DOMAIN: Domain(
            DEFAULT_DOMAIN_NAME, id=DEFAULT_DOMAIN,
            description='The default domain')}
        self.users = {}
        self.projects = {}
        self.roles = {}  # role id -> Role
        # token id -> TokenInfo, oldest first (see _store_token).
        self.tokens = collections.OrderedDict()
        self.max_tokens = MAX_TOKENS
        # Undo steps of the administration API's changes, oldest first:
        # (ids of the objects a step touches, step).
        self._journal = []
        # Ids of the objects the API created, and of the older ones whose
        # fields are saved in the journal (once is enough).
        self._created = set()
        self._saved = set()
        for name in DEFAULT_ROLES:
            self.add_role(name)
        for name, password, project, roles in users:
            self.add_user(name, password, project, roles)

    def add_role(self, name):
        """The role called ``name``, registered if new (seeds, defaults)."""
        with self.lock:
            role = self.role_by_name(name)
            if role is None:
                role = Role(name)
                self.roles[role.id] = role
            return role

    def add_project(self, name, id=None):
        """The Default domain's project ``name``, made if new (seeds)."""
        with self.lock:
            for project in self.projects.values():
                if project.name == name and \
                        project.domain_id == DEFAULT_DOMAIN:
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
                self.add_role(role)
                if role not in current:
                    current.append(role)

    # -- lookups -------------------------------------------------------------

    def find_user(self, spec):
        """A user by id, or by name (the Default domain's first)."""
        return self._find_in(self.users, spec or {}, None)

    def find_project(self, spec):
        """A project by id, or by name (the Default domain's first)."""
        return self._find_in(self.projects, spec or {}, None)

    def domain_name(self, domain_id):
        domain = self.domains.get(domain_id)
        return domain.name if domain is not None else None

    def role_by_name(self, name):
        with self.lock:
            for role in self.roles.values():
                if role.name == name:
                    return role
        return None

    def role_id(self, name):
        role = self.role_by_name(name)
        return role.id if role is not None else stable_id('role', name)

    def validate(self, token_id):
        """The :class:`TokenInfo` of a live token, or None.

        As keystone does at every validation, the token's user, project
        and roles are looked at again: a deleted or disabled user or
        project, or a user left without a role on the token's project,
        makes the token invalid; roles granted since show.
        """
        if not isinstance(token_id, str):
            return None
        info = self.tokens.get(token_id)
        if info is None:
            return None
        if info.expires < _utcnow() or not self._still_valid(info):
            self.revoke(token_id)
            return None
        return info

    def _enabled_domain(self, domain_id):
        domain = self.domains.get(domain_id)
        return domain is not None and domain.enabled

    def _still_valid(self, info):
        user = self.users.get(info.user.id)
        if user is not info.user or not user.enabled or \
                not self._enabled_domain(user.domain_id):
            return False
        if info.system:
            roles = expand_roles(user.system_roles)
            if not roles:
                return False
            if roles != info.roles:
                info.roles = roles
            return True
        if info.project is None:
            return True
        project = self.projects.get(info.project.id)
        if project is not info.project or not project.enabled or \
                not self._enabled_domain(project.domain_id):
            return False
        roles = expand_roles(user.roles.get(project.id) or ())
        if not roles:
            return False
        if roles != info.roles:
            info.roles = roles
        return True

    def revoke(self, token_id):
        with self.lock:
            self.tokens.pop(token_id, None)

    def revoke_where(self, predicate):
        """Revoke every token whose :class:`TokenInfo` matches."""
        with self.lock:
            for token_id in [t for t, info in self.tokens.items()
                             if predicate(info)]:
                del self.tokens[token_id]

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

    def summary(self):
        """Projects and users as plain data, without passwords.

        What the control API's state shows of identity.
        """
        with self.lock:
            return {
                'projects': [{'id': p.id, 'name': p.name,
                              'domain_id': p.domain_id,
                              'enabled': p.enabled}
                             for p in self.projects.values()],
                'users': [{'id': u.id, 'name': u.name,
                           'domain_id': u.domain_id, 'enabled': u.enabled,
                           'roles': {p: list(r) for p, r in u.roles.items()
                                     if r}}
                          for u in self.users.values()],
            }

    # -- the administration API (keystone's rules, no HTTP) -------------------

    def _journal_undo(self, step, *ids):
        self._journal.append((frozenset(ids), step))

    def _created_by_api(self, obj, drop):
        self._created.add(obj.id)
        self._journal_undo(lambda: drop(obj), obj.id)

    def _deleted(self, obj, restore):
        """Journal the deletion of ``obj`` (no trace if the API made it).

        An object created and deleted through the API leaves nothing
        behind: the steps about it go, so that a cloud whose clients
        create and delete projects and users for ever keeps a bounded
        journal.
        """
        if obj.id in self._created:
            self._created.discard(obj.id)
            self._saved.discard(obj.id)
            self._journal = [(ids, step) for ids, step in self._journal
                             if obj.id not in ids]
        else:
            self._journal_undo(restore, obj.id)

    def _save_fields(self, obj):
        if obj.id in self._saved:
            return
        self._saved.add(obj.id)
        self._journal_undo(self._snapshot(obj), obj.id)

    def undo_admin_changes(self):
        """Take back every change the administration API made.

        Created projects, users, roles and grants go (with their tokens);
        deleted ones come back (their tokens stay revoked); updated ones
        get their former values.
        """
        with self.lock:
            while self._journal:
                self._journal.pop()[1]()
            self._created.clear()
            self._saved.clear()

    @staticmethod
    def _snapshot(obj):
        """A step that gives ``obj``'s fields back (not a user's roles)."""
        values = {name: copy.deepcopy(getattr(obj, name))
                  for name in obj.__slots__
                  if name not in ('roles', 'system_roles')}

        def restore():
            for name, value in values.items():
                setattr(obj, name, value)
        return restore

    # domains

    def get_domain(self, domain_id):
        domain = self.domains.get(domain_id)
        if domain is None:
            raise exception.NotFound('Could not find domain: %s.'
                                     % domain_id)
        return domain

    def list_domains(self, name=None, enabled=None):
        with self.lock:
            return [d for d in self.domains.values()
                    if (name is None or d.name == name)
                    and (enabled is None or d.enabled == enabled)]

    def _check_domain_name(self, name, exclude=None):
        for other in self.domains.values():
            if other is not exclude and other.name == name:
                raise exception.Conflict.store(
                    'project', 'it is not permitted to have two projects '
                    'acting as domains with the same name: %s' % name)

    def create_domain(self, spec):
        spec = dict(spec)
        domain_id = spec.pop('explicit_domain_id', None) or uuid.uuid4().hex
        spec.pop('id', None)
        name = spec.pop('name').strip()
        with self.lock:
            self._check_domain_name(name)
            if domain_id in self.domains:
                raise exception.Conflict.store(
                    'project', 'Duplicate entry found with ID %s'
                    % domain_id)
            domain = Domain(
                name, id=domain_id,
                description=spec.pop('description', '') or '',
                enabled=as_bool(spec.pop('enabled', True)),
                tags=spec.pop('tags', ()), options=spec.pop('options', None),
                extra=spec)
            self.domains[domain.id] = domain
            self._created_by_api(domain, self._drop_domain)
            return domain

    def update_domain(self, domain_id, changes):
        changes = dict(changes)
        with self.lock:
            domain = self.get_domain(domain_id)
            if 'name' in changes:
                changes['name'] = changes['name'].strip()
                self._check_domain_name(changes['name'], exclude=domain)
            self._save_fields(domain)
            for key in ('name', 'tags', 'options'):
                if key in changes:
                    setattr(domain, key, changes.pop(key))
            if 'description' in changes:
                domain.description = changes.pop('description') or ''
            if 'enabled' in changes:
                domain.enabled = as_bool(changes.pop('enabled'))
            domain.extra.update(changes)
            return domain

    def delete_domain(self, domain_id):
        """Delete a disabled domain with its projects and users."""
        with self.lock:
            domain = self.get_domain(domain_id)
            if domain.enabled:
                raise exception.Forbidden(
                    'Cannot delete a domain that is enabled, please disable '
                    'it first.')
            for user in [u for u in self.users.values()
                         if u.domain_id == domain.id]:
                self.delete_user(user.id)
            # Leaves first (a project with children may not go).
            for project in sorted(
                    (p for p in self.projects.values()
                     if p.domain_id == domain.id),
                    key=lambda p: -len(self._parents(p))):
                self.delete_project(project.id)
            del self.domains[domain.id]

            def restore():
                self.domains[domain.id] = domain
            self._deleted(domain, restore)

    def _drop_domain(self, domain):
        if self.domains.get(domain.id) is not domain:
            return
        del self.domains[domain.id]
        for user in [u for u in self.users.values()
                     if u.domain_id == domain.id]:
            self._drop_user(user)
        for project in [p for p in self.projects.values()
                        if p.domain_id == domain.id]:
            self._drop_project(project)

    # projects

    def get_project(self, project_id):
        project = self.projects.get(project_id)
        if project is None:
            raise exception.NotFound('Could not find project: %s.'
                                     % project_id)
        return project

    def list_projects(self, name=None, domain_id=None, enabled=None,
                      parent_id=None):
        with self.lock:
            return [p for p in self.projects.values()
                    if (name is None or p.name == name)
                    and (domain_id is None or p.domain_id == domain_id)
                    and (enabled is None or p.enabled == enabled)
                    and (parent_id is None or p.parent_id == parent_id)]

    def _check_project_name(self, name, domain_id, project_id,
                            exclude=None):
        for other in self.projects.values():
            if other is not exclude and other.name == name and \
                    other.domain_id == domain_id:
                raise exception.Conflict.store(
                    'project', 'it is not permitted to have two projects '
                    'with either the same name or same id in the same '
                    'domain: name is %s, project id %s' % (name, project_id))

    def _parents(self, project):
        """``project``'s parent projects, nearest first (no domain)."""
        out = []
        parent = self.projects.get(project.parent_id)
        while parent is not None and parent not in out:
            out.append(parent)
            parent = self.projects.get(parent.parent_id)
        return out

    def _children(self, project):
        return [p for p in self.projects.values()
                if p.parent_id == project.id]

    def _subtree(self, project):
        out, todo = [], self._children(project)
        while todo:
            child = todo.pop()
            out.append(child)
            todo.extend(self._children(child))
        return out

    def _check_parent(self, parent_id, domain_id):
        """keystone's checks of a new project's place in the hierarchy."""
        if parent_id == domain_id:
            return
        if parent_id in self.domains:
            raise exception.ValidationError(
                "Cannot create project, the parent (%s) is acting as a "
                "domain, but this project's domain id (%s) does not match "
                "the parent's id." % (parent_id, domain_id))
        parent = self.projects.get(parent_id)
        if parent is None:
            raise exception.ValidationError(
                'Could not find project: %s.' % parent_id)
        if parent.domain_id != domain_id:
            raise exception.ValidationError(
                'Cannot create project, since it specifies its domain_id '
                '%s, but specifies a parent in a different domain (%s).'
                % (domain_id, parent.domain_id))
        branch = [parent] + self._parents(parent)
        for ref in reversed(branch):
            if not ref.enabled:
                raise exception.ValidationError(
                    'cannot create a project in a branch containing a '
                    'disabled project: %s' % ref.id)
        if len(branch) + 1 > MAX_PROJECT_TREE_DEPTH:
            raise exception.Forbidden(
                'Max hierarchy depth reached for %s branch.' % parent_id)

    def create_project(self, spec):
        """A new project from a validated ``project`` body."""
        spec = dict(spec)
        parent_id = spec.pop('parent_id', None)
        domain_id = spec.pop('domain_id', None)
        if not domain_id:
            parent = self.projects.get(parent_id or '')
            domain_id = parent.domain_id if parent else DEFAULT_DOMAIN
        if spec.pop('is_domain', False) in (True, 'true', 'True', 'TRUE'):
            raise exception.ValidationError(
                'Creating projects acting as domains is not supported by '
                'this cloud.')
        if domain_id not in self.domains:
            raise exception.ValidationError(
                'Could not find domain: %s.' % domain_id)
        spec.pop('id', None)
        project_id = uuid.uuid4().hex
        name = spec.pop('name').strip()
        with self.lock:
            self._check_parent(parent_id or domain_id, domain_id)
            self._check_project_name(name, domain_id, project_id)
            project = Project(
                name, id=project_id, domain_id=domain_id,
                parent_id=parent_id,
                description=spec.pop('description', '') or '',
                enabled=as_bool(spec.pop('enabled', True)),
                tags=spec.pop('tags', ()), options=spec.pop('options', None),
                extra=spec)
            self.projects[project.id] = project
            self._created_by_api(project, self._drop_project)
            return project

    def update_project(self, project_id, changes):
        changes = dict(changes)
        with self.lock:
            project = self.get_project(project_id)
            if changes.get('id') is not None and changes['id'] != project_id:
                raise exception.ValidationError('Cannot change ID')
            changes.pop('id', None)
            if 'domain_id' in changes and \
                    changes['domain_id'] != project.domain_id:
                raise exception.ValidationError(
                    'Cannot update domain_id of a project.')
            if 'parent_id' in changes and \
                    changes['parent_id'] != project.parent_id:
                raise exception.Forbidden(
                    'Update of `parent_id` is not allowed.')
            if 'is_domain' in changes and as_bool(changes['is_domain']):
                raise exception.ValidationError(
                    'Update of `is_domain` is not allowed.')
            for key in ('domain_id', 'parent_id', 'is_domain'):
                changes.pop(key, None)
            if 'name' in changes:
                changes['name'] = changes['name'].strip()
                self._check_project_name(changes['name'], project.domain_id,
                                         project.id, exclude=project)
            self._save_fields(project)
            for key in ('name', 'tags', 'options'):
                if key in changes:
                    setattr(project, key, changes.pop(key))
            if 'description' in changes:
                project.description = changes.pop('description') or ''
            if 'enabled' in changes:
                enabled = as_bool(changes.pop('enabled'))
                if enabled and not project.enabled and any(
                        not p.enabled for p in self._parents(project)):
                    raise exception.Forbidden(
                        'Cannot enable project %s since it has disabled '
                        'parents' % project.id)
                if not enabled and project.enabled and any(
                        p.enabled for p in self._subtree(project)):
                    raise exception.Forbidden(
                        'Cannot disable project %s since its subtree '
                        'contains enabled projects.' % project.id)
                project.enabled = enabled
            project.extra.update(changes)
            return project

    def delete_project(self, project_id):
        with self.lock:
            project = self.get_project(project_id)
            if self._children(project):
                raise exception.Forbidden(
                    'Cannot delete the project %s since it is not a leaf in '
                    'the hierarchy. Use the cascade option if you want to '
                    'delete a whole subtree.' % project.id)
            grants = {u.id: list(u.roles[project.id])
                      for u in self.users.values() if project.id in u.roles}
            self._drop_project(project)

            def restore():
                self.projects[project.id] = project
                for user_id, roles in grants.items():
                    user = self.users.get(user_id)
                    if user is not None:
                        user.roles[project.id] = roles
            self._deleted(project, restore)

    def _drop_project(self, project):
        """Forget ``project``, its role assignments and its tokens."""
        if self.projects.get(project.id) is not project:
            return
        del self.projects[project.id]
        for user in self.users.values():
            user.roles.pop(project.id, None)
        self.revoke_where(lambda info: info.project is project)

    # users

    def get_user(self, user_id):
        user = self.users.get(user_id)
        if user is None:
            raise exception.NotFound('Could not find user: %s.' % user_id)
        return user

    def list_users(self, name=None, domain_id=None, enabled=None):
        with self.lock:
            return [u for u in self.users.values()
                    if (name is None or u.name == name)
                    and (domain_id is None or u.domain_id == domain_id)
                    and (enabled is None or u.enabled == enabled)]

    def _check_user_name(self, name, domain_id, exclude=None, update=False):
        for other in self.users.values():
            if other is not exclude and other.name == name and \
                    other.domain_id == domain_id:
                details = 'Duplicate entry found with name %s' % name
                if not update:
                    details += ' at domain ID %s' % domain_id
                raise exception.Conflict.store('user', details)

    def create_user(self, spec):
        spec = dict(spec)
        domain_id = spec.pop('domain_id', None) or DEFAULT_DOMAIN
        if domain_id not in self.domains:
            raise exception.NotFound('Could not find domain: %s.'
                                     % domain_id)
        spec.pop('id', None)
        name = spec.pop('name').strip()
        with self.lock:
            self._check_user_name(name, domain_id)
            user = User(name, spec.pop('password', None),
                        id=uuid.uuid4().hex, domain_id=domain_id,
                        enabled=as_bool(spec.pop('enabled', True)),
                        default_project_id=spec.pop('default_project_id',
                                                    None),
                        options=spec.pop('options', None), extra=spec)
            self.users[user.id] = user
            self._created_by_api(user, self._drop_user)
            return user

    def update_user(self, user_id, changes):
        changes = dict(changes)
        with self.lock:
            user = self.get_user(user_id)
            if changes.get('id') is not None and changes['id'] != user_id:
                raise exception.ValidationError('Cannot change ID')
            changes.pop('id', None)
            if 'domain_id' in changes and \
                    changes['domain_id'] != user.domain_id:
                raise exception.ValidationError('Cannot change Domain ID')
            changes.pop('domain_id', None)
            if 'name' in changes:
                changes['name'] = changes['name'].strip()
                self._check_user_name(changes['name'], user.domain_id,
                                      exclude=user, update=True)
            self._save_fields(user)
            revoke = changes.get('password') is not None or (
                'enabled' in changes and not as_bool(changes['enabled']))
            for key in ('name', 'password', 'default_project_id',
                        'options'):
                if key in changes:
                    setattr(user, key, changes.pop(key))
            if 'enabled' in changes:
                user.enabled = as_bool(changes.pop('enabled'))
            user.extra.update(changes)
            if revoke:
                # keystone revokes a user's tokens when the password
                # changes or the user is disabled.
                self.revoke_where(lambda info: info.user is user)
            return user

    def change_password(self, user_id, original, new):
        """The user's own password change (401 if the original is wrong)."""
        with self.lock:
            user = self.users.get(user_id)
            if user is None or not user.enabled or not _same(
                    user.password, original):
                raise exception.AuthError(
                    'Error when changing user password: Invalid user / '
                    'password')
            self._save_fields(user)
            user.password = new
            self.revoke_where(lambda info: info.user is user)

    def delete_user(self, user_id):
        with self.lock:
            user = self.get_user(user_id)
            self._drop_user(user)

            def restore():
                self.users[user.id] = user
            self._deleted(user, restore)

    def _drop_user(self, user):
        if self.users.get(user.id) is not user:
            return
        del self.users[user.id]
        self.revoke_where(lambda info: info.user is user)

    def list_user_projects(self, user_id):
        """The projects ``user_id`` has a role on, disabled ones included.

        keystone reads them from the role assignments: an unknown user
        has none.
        """
        with self.lock:
            user = self.users.get(user_id)
            if user is None:
                return []
            return [self.projects[p] for p, roles in user.roles.items()
                    if roles and p in self.projects]

    # roles

    def get_role(self, role_id):
        role = self.roles.get(role_id)
        if role is None:
            raise exception.NotFound('Could not find role: %s.' % role_id)
        return role

    def list_roles(self, name=None):
        with self.lock:
            return [r for r in self.roles.values()
                    if name is None or r.name == name]

    def create_role(self, spec):
        spec = dict(spec)
        if spec.pop('domain_id', None) is not None:
            raise exception.ValidationError(
                'Domain-specific roles are not supported by this cloud.')
        spec.pop('id', None)
        name = spec.pop('name').strip()
        with self.lock:
            if self.role_by_name(name) is not None:
                raise exception.Conflict.store(
                    'role', 'Duplicate entry found with name %s' % name)
            role = Role(name, id=uuid.uuid4().hex,
                        description=spec.pop('description', None),
                        options=spec.pop('options', None), extra=spec)
            self.roles[role.id] = role
            self._created_by_api(role, self._drop_role)
            return role

    def delete_role(self, role_id):
        with self.lock:
            role = self.get_role(role_id)
            grants = {u.id: ({p: list(r) for p, r in u.roles.items()},
                             list(u.system_roles))
                      for u in self.users.values()}
            self._drop_role(role)

            def restore():
                self.roles[role.id] = role
                for user_id, (roles, system) in grants.items():
                    user = self.users.get(user_id)
                    if user is not None:
                        for project_id, names in roles.items():
                            if project_id in user.roles:
                                user.roles[project_id] = names
                        user.system_roles[:] = system
            self._deleted(role, restore)

    def _drop_role(self, role):
        if self.roles.get(role.id) is not role:
            return
        del self.roles[role.id]
        for user in self.users.values():
            for names in list(user.roles.values()) + [user.system_roles]:
                if role.name in names:
                    names.remove(role.name)

    # role assignments on projects

    def grant_target(self, project_id, user_id, role_id=None):
        """(project, user, role) of a grant URL, keystone's 404s in order.

        keystone looks the role up first, then the user, then the
        project.
        """
        role = self.get_role(role_id) if role_id is not None else None
        user = self.get_user(user_id)
        project = self.get_project(project_id)
        return project, user, role

    def create_grant(self, project_id, user_id, role_id):
        with self.lock:
            project, user, role = self.grant_target(project_id, user_id,
                                                    role_id)
            names = user.roles.setdefault(project.id, [])
            if role.name in names:
                return
            names.append(role.name)

            def undo():
                current = user.roles.get(project.id)
                if current and role.name in current:
                    current.remove(role.name)
            self._journal_undo(undo, user.id, project.id, role.id)

    def check_grant(self, project_id, user_id, role_id):
        with self.lock:
            project, user, role = self.grant_target(project_id, user_id,
                                                    role_id)
            if role.name not in user.roles.get(project.id, ()):
                raise exception.NotFound(
                    'Could not find role assignment with role: %s, user or '
                    'group: %s, project, domain, or system: %s.'
                    % (role_id, user_id, project_id))

    def delete_grant(self, project_id, user_id, role_id):
        with self.lock:
            role = self.get_role(role_id)
            user = self.users.get(user_id)
            self.get_project(project_id)
            if user is None or role.name not in user.roles.get(project_id,
                                                               ()):
                # keystone: no such assignment (an unknown user too).
                raise exception.NotFound(
                    'Could not find role assignment with role: %s, user or '
                    'group: %s, project, domain, or system: %s.'
                    % (role_id, user_id, project_id))
            user.roles[project_id].remove(role.name)

            def undo():
                if self.users.get(user.id) is user and \
                        project_id in self.projects:
                    names = user.roles.setdefault(project_id, [])
                    if role.name not in names:
                        names.append(role.name)
            self._journal_undo(undo, user.id, project_id, role.id)
        # keystone invalidates the user's tokens on the project (they are
        # checked again at validation: see _still_valid).

    def list_grants(self, project_id, user_id):
        with self.lock:
            project, user, _role = self.grant_target(project_id, user_id)
            return [r for r in (self.role_by_name(n)
                                for n in user.roles.get(project.id, ()))
                    if r is not None]

    # role assignments on the system

    def _no_system_grant(self, user_id, role_id):
        return exception.NotFound(
            'Could not find role assignment with role: %s, user or group: '
            '%s, project, domain, or system: system.' % (role_id, user_id))

    def create_system_grant(self, user_id, role_id):
        with self.lock:
            role = self.get_role(role_id)
            user = self.get_user(user_id)
            if role.name in user.system_roles:
                return
            user.system_roles.append(role.name)

            def undo():
                if role.name in user.system_roles:
                    user.system_roles.remove(role.name)
            self._journal_undo(undo, user.id, role.id)

    def check_system_grant(self, user_id, role_id):
        with self.lock:
            role = self.get_role(role_id)
            user = self.get_user(user_id)
            if role.name not in user.system_roles:
                raise self._no_system_grant(user_id, role_id)

    def delete_system_grant(self, user_id, role_id):
        with self.lock:
            role = self.get_role(role_id)
            user = self.users.get(user_id)
            if user is None or role.name not in user.system_roles:
                raise self._no_system_grant(user_id, role_id)
            user.system_roles.remove(role.name)

            def undo():
                if self.users.get(user.id) is user and \
                        role.name not in user.system_roles:
                    user.system_roles.append(role.name)
            self._journal_undo(undo, user.id, role.id)

    def list_system_grants(self, user_id):
        with self.lock:
            user = self.get_user(user_id)
            return [r for r in map(self.role_by_name, user.system_roles)
                    if r is not None]

    def list_role_assignments(self, user_id=None, project_id=None,
                              role_id=None, effective=False, system=None):
        """Assignments as dicts (user, project or None, role, prior role).

        On projects and (``project`` None) on the system; ``system``
        True keeps only the system's, False only the projects'; a
        ``project_id`` keeps only that project's. ``effective`` adds the
        roles the assigned ones imply, as keystone does, with the
        assigned (prior) role noted.
        """
        out = []
        with self.lock:
            for user in self.users.values():
                if user_id is not None and user.id != user_id:
                    continue
                targets = []
                if system is not True:
                    targets.extend(
                        (self.projects[pid], names)
                        for pid, names in user.roles.items()
                        if pid in self.projects
                        and project_id in (None, pid))
                if system is not False and project_id is None:
                    targets.append((None, user.system_roles))
                for project, names in targets:
                    out.extend(self._assignment_rows(
                        user, project, names, role_id, effective))
        return out

    def _assignment_rows(self, user, project, names, role_id, effective):
        rows = [(n, None) for n in names]
        if effective:
            for name in names:
                rows.extend((implied, name)
                            for implied in IMPLIED_ROLES.get(name, ()))
        seen = set()
        for name, prior in rows:
            role = self.role_by_name(name)
            if role is None or role_id not in (None, role.id):
                continue
            if effective and name in seen:
                continue
            seen.add(name)
            yield {'user': user, 'project': project, 'role': role,
                   'prior': self.role_by_name(prior) if prior else None}

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
        parent = None
        if 'password' in methods:
            user = self._password_user(identity.get('password'))
        elif 'token' in methods:
            parent = self._parent_token(identity.get('token'))
            user = parent.user
        else:
            raise exception.AuthError('Unsupported authentication method.')
        scope = auth.get('scope')
        if scope is None:
            scope = self._default_scope(user)
        system = isinstance(scope, dict) and 'system' in scope
        if system:
            project, roles = None, self._system_scope(user, scope['system'])
        else:
            project, roles = self._scope(user, scope)
        if parent is not None:
            # keystone: the methods of the whole chain.
            methods = list(methods) + [m for m in parent.methods
                                       if m not in methods]
        info = TokenInfo(user, project, roles, list(methods), parent=parent,
                         system=system)
        self._store_token(info)
        return info

    def _password_user(self, password):
        try:
            spec = password['user']
            secret = spec['password']
        except (KeyError, TypeError):
            raise exception.BadRequest('Expecting to find user in password.')
        domain = self._auth_domain(spec.get('domain'))
        user = self._find_in(self.users, spec, domain)
        if user is None or not _same(user.password, secret):
            raise exception.AuthError()
        if not user.enabled or not self._enabled_domain(user.domain_id):
            raise exception.AuthError(
                'The account is disabled for user: %s.' % user.id)
        return user

    def _parent_token(self, token):
        info = self.validate(schemas.get(token, 'id'))
        if info is None:
            raise exception.NotFound('Could not find token.')
        return info

    def _auth_domain(self, spec):
        """The domain a credential names: None if none, 401 if unknown."""
        if not spec:
            return None
        with self.lock:
            for domain in self.domains.values():
                if spec.get('id') not in (None, domain.id):
                    continue
                if spec.get('name') not in (None, domain.name):
                    continue
                return domain
        raise exception.AuthError()

    def _find_in(self, objects, spec, domain):
        """A user or project by id, or by name in ``domain``.

        Without a domain, a name is looked up in the Default domain
        first (fakenova is lenient there: keystone requires the domain).
        """
        with self.lock:
            if spec.get('id'):
                found = objects.get(spec['id'])
                if found is not None and domain is not None and \
                        found.domain_id != domain.id:
                    return None
                return found
            domains = ([domain.id] if domain is not None
                       else [DEFAULT_DOMAIN] + sorted(self.domains))
            for domain_id in domains:
                for obj in objects.values():
                    if obj.name == spec.get('name') and \
                            obj.domain_id == domain_id:
                        return obj
        return None

    def _default_scope(self, user):
        """The scope of a token that names none: the default project.

        keystone scopes it to the user's default project when the user
        has a role there (and it and its domain are enabled); else the
        token is unscoped.
        """
        project = self.projects.get(user.default_project_id or '')
        if project is None or not project.enabled or not \
                self._enabled_domain(project.domain_id) or \
                not user.roles.get(project.id):
            return None
        return {'project': {'id': project.id}}

    @staticmethod
    def _system_scope(user, system):
        if not isinstance(system, dict) or system.get('all') is not True:
            raise exception.AuthError('Only system scope "all" is '
                                      'supported.')
        roles = expand_roles(user.system_roles)
        if not roles:
            raise exception.AuthError(
                'User %s has no access to the system' % user.id)
        return roles

    def _scope(self, user, scope):
        if not scope or scope == 'unscoped':
            return None, []
        if not isinstance(scope, dict) or 'project' not in scope:
            raise exception.AuthError('Only project scope is supported.')
        spec = scope['project']
        domain = self._auth_domain(spec.get('domain'))
        project = self._find_in(self.projects, spec, domain)
        if project is None or not user.roles.get(project.id):
            raise exception.AuthError('User %s has no access to project %s' % (
                user.id, spec.get('id') or spec.get('name')))
        if not project.enabled or not self._enabled_domain(
                project.domain_id):
            raise exception.AuthError('Project %s is disabled' % project.id)
        return project, expand_roles(user.roles[project.id])

    # -- token bodies --------------------------------------------------------

    def token_body(self, info, base_url):
        from keystoneauth1 import fixture as ks_fixture
        token = ks_fixture.V3Token(
            user_id=info.user.id, user_name=info.user.name,
            user_domain_id=info.user.domain_id,
            user_domain_name=self.domain_name(info.user.domain_id),
            methods=info.methods, issued=info.issued, expires=info.expires,
            audit_id=info.audit_id, audit_chain_id=info.audit_chain_id)
        # keystone writes UTC with microseconds and a 'Z' (tempest and
        # Go's RFC 3339 parser refuse a time without its zone).
        body = token['token']
        body['issued_at'] = keystone_time(info.issued)
        body['expires_at'] = keystone_time(info.expires)
        if info.system:
            token.set_system_scope()
            for role in info.roles:
                token.add_role(name=role, id=self.role_id(role))
            self._catalog(token, base_url)
        if info.project is not None:
            token.set_project_scope(
                id=info.project.id, name=info.project.name,
                domain_id=info.project.domain_id,
                domain_name=self.domain_name(info.project.domain_id))
            for role in info.roles:
                token.add_role(name=role, id=self.role_id(role))
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
        # keystone's services and endpoints keep their ids: the same
        # catalog at every issue and validation.
        for service in token['token']['catalog']:
            service['id'] = stable_id('service', service['type'])
            for endpoint in service['endpoints']:
                endpoint['id'] = stable_id('endpoint', '%s:%s' % (
                    service['type'], endpoint['interface']))
