"""keystone v3's administration API: domains, projects, users, grants.

Enough of it for tempest's dynamic credentials (a project, a user and
its role assignments per test class, deleted afterwards; a system admin
or reader for the identity tests) and for openstacksdk / the openstack
CLI to manage domains, projects, users and role assignments: the
bodies, status codes, error messages and the policy defaults of
keystone 30, for project- and system-scoped tokens.

Who may do what follows keystone's default rules (their names are the
ones a 403 quotes). They come down to:

* ``admin_required`` (``role:admin``, in any scope) for every change;
* that, or a system reader (``role:reader and system_scope:all``), for
  the lists and reads of projects, users, roles, grants, role
  assignments and domains;
* besides these, a user may read itself (``identity:get_user``) and the
  projects it has a role on (``identity:list_user_projects``), a
  project-scoped token its own project (``identity:get_project``) and
  domain (``identity:get_domain``), and a user changes its own password.

The order of the checks is keystone's: the token (401), the body (400),
the objects a grant URL names (404), the policy (403), then the
operation (404, 409). Not served: groups, domain-scoped tokens and
grants on domains, inherited grants and project subtree queries,
implied-role management, credentials, trusts, application credentials,
and the catalog's services, endpoints and regions.
"""

from fakenova.common import jsonbody
from fakenova.common import wsgi as common_wsgi
from fakenova.identity import exception
from fakenova.identity import model
from fakenova.identity import schemas

_json = common_wsgi.json_response


# -- keystone's default rules, as they apply to project-scoped tokens ---------

def _admin(caller, target):
    """``admin_required``: ``role:admin`` (in any scope)."""
    return 'admin' in caller.roles


def _reader(caller, target):
    """``admin_required or (role:reader and system_scope:all)``."""
    return _admin(caller, target) or (caller.system
                                      and 'reader' in caller.roles)


def _project_user(caller, target):
    return _reader(caller, target) or (
        caller.project is not None
        and caller.project.id == target.get('project_id'))


def _owner(caller, target):
    return _reader(caller, target) or caller.user.id == target.get(
        'user_id')


def _domain_user(caller, target):
    return _reader(caller, target) or (
        caller.project is not None
        and caller.project.domain_id == target.get('domain_id'))


RULES = {
    'identity:list_projects': _reader,
    'identity:get_project': _project_user,
    'identity:create_project': _admin,
    'identity:update_project': _admin,
    'identity:delete_project': _admin,
    'identity:list_user_projects': _owner,
    'identity:list_project_tags': _project_user,
    'identity:get_project_tag': _project_user,
    'identity:update_project_tags': _admin,
    'identity:create_project_tag': _admin,
    'identity:delete_project_tags': _admin,
    'identity:delete_project_tag': _admin,
    'identity:list_users': _reader,
    'identity:get_user': _owner,
    'identity:create_user': _admin,
    'identity:update_user': _admin,
    'identity:delete_user': _admin,
    'identity:list_roles': _reader,
    'identity:get_role': _reader,
    'identity:create_role': _admin,
    'identity:delete_role': _admin,
    'identity:check_grant': _reader,
    'identity:list_grants': _reader,
    'identity:create_grant': _admin,
    'identity:revoke_grant': _admin,
    'identity:list_role_assignments': _reader,
    'identity:list_domains': _reader,
    'identity:get_domain': _domain_user,
    'identity:create_domain': _admin,
    'identity:list_system_grants_for_user': _reader,
    'identity:check_system_grant_for_user': _reader,
    'identity:create_system_grant_for_user': _admin,
    'identity:revoke_system_grant_for_user': _admin,
    'identity:update_domain': _admin,
    'identity:delete_domain': _admin,
}


def enforce(action, caller, target=None):
    """Raise keystone's 403 unless ``caller`` passes ``action``'s rule."""
    if not RULES[action](caller, target or {}):
        raise exception.ForbiddenAction(action)


# -- views -----------------------------------------------------------------

def _base(req):
    return req.host_url + req.script_name + '/v3'


def _self_url(req):
    url = req.host_url + req.script_name + req.path_info
    return url + ('?' + req.query_string if req.query_string else '')


def project_view(req, project):
    body = dict(project.extra)
    body.update({
        'id': project.id, 'name': project.name,
        'domain_id': project.domain_id,
        'description': project.description, 'enabled': project.enabled,
        'parent_id': project.parent_id, 'is_domain': False,
        'tags': list(project.tags), 'options': dict(project.options),
        'links': {'self': '%s/projects/%s' % (_base(req), project.id)}})
    return body


def user_view(req, user):
    body = dict(user.extra)
    body.update({
        'id': user.id, 'name': user.name, 'domain_id': user.domain_id,
        'enabled': user.enabled, 'password_expires_at': None,
        'options': dict(user.options),
        'links': {'self': '%s/users/%s' % (_base(req), user.id)}})
    if user.default_project_id is not None:
        body['default_project_id'] = user.default_project_id
    return body


def role_view(req, role):
    body = dict(role.extra)
    body.update({
        'id': role.id, 'name': role.name, 'domain_id': None,
        'description': role.description, 'options': dict(role.options),
        'links': {'self': '%s/roles/%s' % (_base(req), role.id)}})
    return body


def domain_view(req, domain):
    return {'id': domain.id, 'name': domain.name,
            'description': domain.description, 'enabled': domain.enabled,
            'tags': list(domain.tags), 'options': dict(domain.options),
            'links': {'self': '%s/domains/%s' % (_base(req), domain.id)}}


def assignment_view(req, row, include_names, domain_name):
    user, project, role, prior = (row['user'], row['project'], row['role'],
                                  row['prior'])
    link_role = prior if prior is not None else role
    target = ('/projects/%s' % project.id if project is not None
              else '/system')
    links = {'assignment': '%s%s/users/%s/roles/%s' % (
        _base(req), target, user.id, link_role.id)}
    if prior is not None:
        # keystone's link, with its order of the two ids.
        links['prior_role'] = '%s/prior_role/%s/implies/%s' % (
            _base(req), role.id, prior.id)
    body = {'links': links, 'role': {'id': role.id},
            'user': {'id': user.id},
            'scope': ({'project': {'id': project.id}} if project is not None
                      else {'system': {'all': True}})}
    if include_names:
        body['role']['name'] = role.name
        body['user'].update(name=user.name, domain={
            'id': user.domain_id, 'name': domain_name(user.domain_id)})
        if project is not None:
            body['scope']['project'].update(name=project.name, domain={
                'id': project.domain_id,
                'name': domain_name(project.domain_id)})
    return body


def _collection(req, key, items):
    return _json({key: items, 'links': {'self': _self_url(req),
                                        'previous': None, 'next': None}})


def _no_content():
    resp = _json({}, 204)
    resp.body = b''
    del resp.content_type
    return resp


def _true(req, name):
    """keystone's query_filter_is_true: present and not "0"/"false"."""
    if name not in req.GET:
        return False
    return req.GET[name].lower() not in ('0', 'false')


def _bool_filter(req, name):
    if name not in req.GET:
        return None
    return model.as_bool(req.GET[name])


_MALFORMED = ('Expecting to find valid JSON in request body. The server '
              'could not comply with the request since it is either '
              'malformed or otherwise incorrect. The client is assumed to '
              'be in error.')


class AdminAPI:
    """The handlers of the administration API (see the module's doc)."""

    def __init__(self, identity):
        self.identity = identity

    def routes(self):
        return [
            ('/v3/auth/projects', {'GET': self.auth_projects}),
            ('/v3/auth/domains', {'GET': self.auth_domains}),
            ('/v3/auth/system', {'GET': self.auth_system}),
            ('/v3/auth/catalog', {'GET': self.auth_catalog}),
            ('/v3/projects', {'GET': self.list_projects,
                              'POST': self.create_project}),
            ('/v3/projects/{project_id}', {
                'GET': self.get_project, 'PATCH': self.update_project,
                'DELETE': self.delete_project}),
            ('/v3/projects/{project_id}/tags', {
                'GET': self.list_project_tags,
                'PUT': self.update_project_tags,
                'DELETE': self.delete_project_tags}),
            ('/v3/projects/{project_id}/tags/{tag}', {
                'GET': self.get_project_tag, 'PUT': self.create_project_tag,
                'DELETE': self.delete_project_tag}),
            ('/v3/projects/{project_id}/users/{user_id}/roles', {
                'GET': self.list_grants}),
            ('/v3/projects/{project_id}/users/{user_id}/roles/{role_id}', {
                'GET': self.check_grant, 'PUT': self.create_grant,
                'DELETE': self.revoke_grant}),
            ('/v3/users', {'GET': self.list_users, 'POST': self.create_user}),
            ('/v3/users/{user_id}', {
                'GET': self.get_user, 'PATCH': self.update_user,
                'DELETE': self.delete_user}),
            ('/v3/users/{user_id}/password', {
                'POST': self.change_password}),
            ('/v3/users/{user_id}/projects', {
                'GET': self.list_user_projects}),
            ('/v3/roles', {'GET': self.list_roles, 'POST': self.create_role}),
            ('/v3/roles/{role_id}', {'GET': self.get_role,
                                     'DELETE': self.delete_role}),
            ('/v3/system/users/{user_id}/roles', {
                'GET': self.list_system_grants}),
            ('/v3/system/users/{user_id}/roles/{role_id}', {
                'GET': self.check_system_grant,
                'PUT': self.create_system_grant,
                'DELETE': self.revoke_system_grant}),
            ('/v3/role_assignments', {'GET': self.list_role_assignments}),
            ('/v3/domains', {'GET': self.list_domains,
                             'POST': self.create_domain}),
            ('/v3/domains/{domain_id}', {
                'GET': self.get_domain, 'PATCH': self.update_domain,
                'DELETE': self.delete_domain}),
        ]

    # -- common steps ---------------------------------------------------------

    def caller(self, req):
        info = self.identity.validate(req.headers.get('X-Auth-Token'))
        if info is None:
            raise exception.AuthError()
        return info

    @staticmethod
    def body(req, schema):
        try:
            raw = jsonbody.read(req)
        except jsonbody.TooLarge:
            raise exception.TooLarge()
        if raw:
            try:
                body = jsonbody.loads(raw)
            except jsonbody.Malformed:
                raise exception.ValidationError(_MALFORMED)
            if not isinstance(body, dict):
                raise exception.ValidationError(_MALFORMED)
        else:
            body = {}
        schemas.validate_body(schema, body)
        return body

    # -- projects -------------------------------------------------------------

    def list_projects(self, req):
        caller = self.caller(req)
        enforce('identity:list_projects', caller)
        projects = self.identity.list_projects(
            name=req.GET.get('name'), domain_id=req.GET.get('domain_id'),
            enabled=_bool_filter(req, 'enabled'),
            parent_id=req.GET.get('parent_id'))
        return _collection(req, 'projects',
                           [project_view(req, p) for p in projects])

    def get_project(self, req, project_id):
        caller = self.caller(req)
        enforce('identity:get_project', caller, {'project_id': project_id})
        project = self.identity.get_project(project_id)
        return _json({'project': project_view(req, project)})

    def create_project(self, req):
        caller = self.caller(req)
        body = self.body(req, schemas.PROJECT_CREATE)
        enforce('identity:create_project', caller)
        project = self.identity.create_project(body['project'])
        return _json({'project': project_view(req, project)}, 201)

    def update_project(self, req, project_id):
        caller = self.caller(req)
        body = self.body(req, schemas.PROJECT_UPDATE)
        enforce('identity:update_project', caller)
        project = self.identity.update_project(project_id,
                                               body.get('project', {}))
        return _json({'project': project_view(req, project)})

    def delete_project(self, req, project_id):
        caller = self.caller(req)
        enforce('identity:delete_project', caller)
        self.identity.delete_project(project_id)
        return _no_content()

    # project tags

    @staticmethod
    def _tags(req, tags):
        return _json({'tags': list(tags), 'links': {'self': _self_url(req)}})

    def list_project_tags(self, req, project_id):
        caller = self.caller(req)
        enforce('identity:list_project_tags', caller,
                {'project_id': project_id})
        return self._tags(req, self.identity.get_project(project_id).tags)

    def update_project_tags(self, req, project_id):
        caller = self.caller(req)
        body = self.body(req, schemas.TAGS_UPDATE)
        enforce('identity:update_project_tags', caller)
        project = self.identity.update_project(
            project_id, {'tags': body.get('tags', [])})
        return self._tags(req, project.tags)

    def delete_project_tags(self, req, project_id):
        caller = self.caller(req)
        enforce('identity:delete_project_tags', caller)
        self.identity.update_project(project_id, {'tags': []})
        return _no_content()

    def get_project_tag(self, req, project_id, tag):
        caller = self.caller(req)
        enforce('identity:get_project_tag', caller,
                {'project_id': project_id})
        if tag not in self.identity.get_project(project_id).tags:
            raise exception.NotFound('Could not find project tag: %s.'
                                     % tag)
        return _no_content()

    def create_project_tag(self, req, project_id, tag):
        caller = self.caller(req)
        enforce('identity:create_project_tag', caller)
        schemas.validate_body(schemas.TAG, tag)
        with self.identity.lock:
            tags = self.identity.get_project(project_id).tags + [tag.strip()]
            schemas.validate_body(schemas.TAGS, tags)
            self.identity.update_project(project_id, {'tags': tags})
        resp = _no_content()
        resp.status = 201
        resp.headers['Location'] = '%s/projects/%s/tags/%s' % (
            _base(req), project_id, tag)
        return resp

    def delete_project_tag(self, req, project_id, tag):
        caller = self.caller(req)
        enforce('identity:delete_project_tag', caller)
        with self.identity.lock:
            tags = self.identity.get_project(project_id).tags
            if tag not in tags:
                raise exception.NotFound('Could not find project tag: %s.'
                                         % tag)
            self.identity.update_project(
                project_id, {'tags': [t for t in tags if t != tag]})
        return _no_content()

    def auth_projects(self, req):
        caller = self.caller(req)
        projects = self.identity.list_user_projects(caller.user.id)
        return _collection(req, 'projects',
                           [project_view(req, p) for p in projects])

    def auth_domains(self, req):
        # Only project assignments exist: no domain scope to offer.
        self.caller(req)
        return _collection(req, 'domains', [])

    def auth_system(self, req):
        self.caller(req)
        return _json({'system': [], 'links': {'self': _base(req)
                                              + '/auth/system'}})

    def auth_catalog(self, req):
        caller = self.caller(req)
        if caller.project is None:
            raise exception.Forbidden(
                'A project-scoped token is required to produce a service '
                'catalog.')
        cloud = req.host_url + req.script_name.rsplit('/identity', 1)[0]
        token = self.identity.token_body(caller, cloud)['token']
        return _json({'catalog': token['catalog'],
                      'links': {'self': _base(req) + '/auth/catalog'}})

    # -- users ----------------------------------------------------------------

    def list_users(self, req):
        caller = self.caller(req)
        enforce('identity:list_users', caller)
        users = self.identity.list_users(
            name=req.GET.get('name'), domain_id=req.GET.get('domain_id'),
            enabled=_bool_filter(req, 'enabled'))
        return _collection(req, 'users', [user_view(req, u) for u in users])

    def get_user(self, req, user_id):
        caller = self.caller(req)
        enforce('identity:get_user', caller, {'user_id': user_id})
        return _json({'user': user_view(req,
                                        self.identity.get_user(user_id))})

    def create_user(self, req):
        caller = self.caller(req)
        body = self.body(req, schemas.USER_CREATE)
        enforce('identity:create_user', caller)
        user = self.identity.create_user(body['user'])
        return _json({'user': user_view(req, user)}, 201)

    def update_user(self, req, user_id):
        caller = self.caller(req)
        body = self.body(req, schemas.USER_UPDATE)
        enforce('identity:update_user', caller)
        user = self.identity.update_user(user_id, body['user'])
        return _json({'user': user_view(req, user)})

    def delete_user(self, req, user_id):
        caller = self.caller(req)
        enforce('identity:delete_user', caller)
        self.identity.delete_user(user_id)
        return _no_content()

    def change_password(self, req, user_id):
        # Not enforced by policy in keystone: the original password is
        # the proof; no token is needed.
        body = self.body(req, schemas.PASSWORD_CHANGE)
        self.identity.change_password(
            user_id, body['user']['original_password'],
            body['user']['password'])
        return _no_content()

    def list_user_projects(self, req, user_id):
        caller = self.caller(req)
        enforce('identity:list_user_projects', caller, {'user_id': user_id})
        projects = self.identity.list_user_projects(user_id)
        return _collection(req, 'projects',
                           [project_view(req, p) for p in projects])

    # -- roles ----------------------------------------------------------------

    def list_roles(self, req):
        caller = self.caller(req)
        enforce('identity:list_roles', caller)
        roles = self.identity.list_roles(name=req.GET.get('name'))
        return _collection(req, 'roles', [role_view(req, r) for r in roles])

    def get_role(self, req, role_id):
        caller = self.caller(req)
        enforce('identity:get_role', caller)
        return _json({'role': role_view(req,
                                        self.identity.get_role(role_id))})

    def create_role(self, req):
        caller = self.caller(req)
        body = self.body(req, schemas.ROLE_CREATE)
        enforce('identity:create_role', caller)
        role = self.identity.create_role(body['role'])
        return _json({'role': role_view(req, role)}, 201)

    def delete_role(self, req, role_id):
        caller = self.caller(req)
        enforce('identity:delete_role', caller)
        self.identity.delete_role(role_id)
        return _no_content()

    # -- role assignments -----------------------------------------------------

    def check_grant(self, req, project_id, user_id, role_id):
        caller = self.caller(req)
        self.identity.grant_target(project_id, user_id, role_id)
        enforce('identity:check_grant', caller)
        self.identity.check_grant(project_id, user_id, role_id)
        return _no_content()

    def create_grant(self, req, project_id, user_id, role_id):
        caller = self.caller(req)
        self.identity.grant_target(project_id, user_id, role_id)
        enforce('identity:create_grant', caller)
        self.identity.create_grant(project_id, user_id, role_id)
        return _no_content()

    def revoke_grant(self, req, project_id, user_id, role_id):
        caller = self.caller(req)
        self.identity.get_role(role_id)
        self.identity.get_project(project_id)
        enforce('identity:revoke_grant', caller)
        self.identity.delete_grant(project_id, user_id, role_id)
        return _no_content()

    def list_grants(self, req, project_id, user_id):
        caller = self.caller(req)
        self.identity.grant_target(project_id, user_id)
        enforce('identity:list_grants', caller)
        roles = self.identity.list_grants(project_id, user_id)
        return _collection(req, 'roles', [role_view(req, r) for r in roles])

    def _system_target(self, user_id, role_id=None, user_may_be_gone=False):
        """keystone's lookups before the policy: the role, the user."""
        if role_id is not None:
            self.identity.get_role(role_id)
        if not user_may_be_gone:
            self.identity.get_user(user_id)

    def list_system_grants(self, req, user_id):
        caller = self.caller(req)
        self._system_target(user_id)
        enforce('identity:list_system_grants_for_user', caller)
        roles = self.identity.list_system_grants(user_id)
        return _collection(req, 'roles', [role_view(req, r) for r in roles])

    def check_system_grant(self, req, user_id, role_id):
        caller = self.caller(req)
        self._system_target(user_id, role_id)
        enforce('identity:check_system_grant_for_user', caller)
        self.identity.check_system_grant(user_id, role_id)
        return _no_content()

    def create_system_grant(self, req, user_id, role_id):
        caller = self.caller(req)
        self._system_target(user_id, role_id)
        enforce('identity:create_system_grant_for_user', caller)
        self.identity.create_system_grant(user_id, role_id)
        return _no_content()

    def revoke_system_grant(self, req, user_id, role_id):
        caller = self.caller(req)
        self._system_target(user_id, role_id, user_may_be_gone=True)
        enforce('identity:revoke_system_grant_for_user', caller)
        self.identity.delete_system_grant(user_id, role_id)
        return _no_content()

    def list_role_assignments(self, req):
        caller = self.caller(req)
        enforce('identity:list_role_assignments', caller)
        args = req.GET
        for one, other, message in (
                ('scope.domain.id', 'scope.project.id',
                 'Specify a domain or project, not both'),
                ('scope.domain.id', 'scope.system',
                 'Specify system or domain, not both'),
                ('scope.project.id', 'scope.system',
                 'Specify system or project, not both'),
                ('user.id', 'group.id', 'Specify a user or group, not both')):
            if args.get(one) and args.get(other):
                raise exception.ValidationError(message)
        effective = _true(req, 'effective')
        if effective and args.get('group.id'):
            raise exception.ValidationError(
                'Combining effective and group filter will always result '
                'in an empty list.')
        rows = []
        # Only user assignments on projects and on the system exist.
        if not (args.get('group.id')
                or args.get('scope.domain.id') not in (None, '')
                or 'scope.OS-INHERIT:inherited_to' in args):
            system = None
            if args.get('scope.system'):
                system = True
            elif args.get('scope.project.id'):
                system = False
            rows = self.identity.list_role_assignments(
                user_id=args.get('user.id') or None,
                project_id=args.get('scope.project.id') or None,
                role_id=args.get('role.id') or None, effective=effective,
                system=system)
        include_names = _true(req, 'include_names')
        return _collection(req, 'role_assignments', [
            assignment_view(req, row, include_names,
                            self.identity.domain_name) for row in rows])

    # -- domains --------------------------------------------------------------

    def list_domains(self, req):
        caller = self.caller(req)
        enforce('identity:list_domains', caller)
        domains = self.identity.list_domains(
            name=req.GET.get('name'), enabled=_bool_filter(req, 'enabled'))
        return _collection(req, 'domains',
                           [domain_view(req, d) for d in domains])

    def get_domain(self, req, domain_id):
        caller = self.caller(req)
        enforce('identity:get_domain', caller, {'domain_id': domain_id})
        domain = self.identity.get_domain(domain_id)
        return _json({'domain': domain_view(req, domain)})

    def create_domain(self, req):
        caller = self.caller(req)
        body = self.body(req, schemas.DOMAIN_CREATE)
        enforce('identity:create_domain', caller)
        domain = self.identity.create_domain(body['domain'])
        return _json({'domain': domain_view(req, domain)}, 201)

    def update_domain(self, req, domain_id):
        caller = self.caller(req)
        body = self.body(req, schemas.DOMAIN_UPDATE)
        enforce('identity:update_domain', caller)
        domain = self.identity.update_domain(domain_id, body['domain'])
        return _json({'domain': domain_view(req, domain)})

    def delete_domain(self, req, domain_id):
        caller = self.caller(req)
        enforce('identity:delete_domain', caller)
        self.identity.delete_domain(domain_id)
        return _no_content()
