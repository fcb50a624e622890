"""/os-quota-sets/{tenant_id}: a project's quotas, read.

``GET /os-quota-sets/{id}`` shows the project's limits, ``/defaults``
the defaults and ``/detail`` each limit with its usage (``in_use``,
``limit`` and a ``reserved`` that is always 0), as Nova answers them:

- until 2.35 the nova-network limits are listed too (``fixed_ips``,
  ``floating_ips``, ``security_groups``, ``security_group_rules``: -1);
  2.57 drops the injected file limits;
- show and detail take the legacy ``user_id`` query parameter: detail
  then counts the usage of that user in the project (the parameter's
  last value, as Nova reads it); the limits are the project's either
  way (no user has limits of its own);
- the query is validated first (strict from 2.75, not for the
  defaults), then the rule is checked with the URL's project as target
  (a member reading another project's quotas gets 403), then the
  project is looked up in the identity service (see :func:`_verify`).

Changing or deleting quotas is not served yet.
"""

from fakenova import auth
from fakenova.compute.api.schemas import quota_sets as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import quotas
from fakenova.policies import quota_sets as qs_policies

# The limits each microversion no longer shows.
_NETWORK = ('fixed_ips', 'floating_ips', 'security_groups',
            'security_group_rules')
_PERSONALITY = ('injected_files', 'injected_file_content_bytes',
                'injected_file_path_bytes')


def _hidden(version):
    if version >= (2, 57):
        return _NETWORK + _PERSONALITY
    if version >= (2, 36):
        return _NETWORK
    return ()


def _query(req, schema=None):
    """{name: [values]} of the query, validated by ``schema`` if any."""
    try:
        values = req.webob.GET.dict_of_lists()
    except UnicodeDecodeError:
        raise exception.BadRequest('Query string is not UTF-8 encoded')
    if schema is not None:
        validation.validate_query(schema, values)
    return values


def _verify(req, project_id):
    """Nova's check that the project exists, asked of the identity service.

    Nova asks keystone for the project with the caller's token: only a
    "not found" refuses (400); keystone's 403 (a non-admin asking for a
    project not its own, existing or not) lets the request through. The
    standalone cloud's identity service answers as keystone does; behind
    noauth2 or keystonemiddleware's headers there is no identity service
    fakenova may ask, and Nova, when it cannot reach keystone, lets the
    request through too.
    """
    identity = req.environ.get(auth.ENV_IDENTITY)
    if identity is None or 'admin' not in req.context.roles:
        return
    if identity.find_project({'id': project_id}) is None:
        raise exception.BadRequest(
            'Project ID %s is not a valid project.' % project_id)


def _project(req, rule, schema):
    """The URL's project, once the query, the rule and it are checked."""
    values = _query(req, schema)
    project_id = req.path_param('tenant_id')
    req.authorize(rule, {'project_id': project_id})
    _verify(req, project_id)
    return project_id, values


def _quota_set(req, project_id, values):
    """The body: the id, then the resources by name, as Nova lists them."""
    hidden = _hidden(req.version)
    quota_set = {'id': project_id}
    quota_set.update((name, values[name]) for name in sorted(values)
                     if name not in hidden)
    return wsgi.Response(200, {'quota_set': quota_set})


def show(req):
    project_id, _values = _project(req, qs_policies.SHOW,
                                   schemas.one_query(req.version))
    return _quota_set(req, project_id, quotas.defaults())


def defaults(req):
    project_id, _values = _project(req, qs_policies.DEFAULTS, None)
    return _quota_set(req, project_id, quotas.defaults())


def detail(req):
    project_id, query = _project(req, qs_policies.DETAIL,
                                 schemas.one_query(req.version))
    user_id = (query.get('user_id') or [None])[-1] or None
    with req.store.lock:
        used = quotas.usage(req.store, project_id, user_id)
    return _quota_set(req, project_id, {
        name: {'in_use': used[name], 'limit': limit, 'reserved': 0}
        for name, limit in quotas.defaults().items()})
