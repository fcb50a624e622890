"""/os-quota-sets/{tenant_id}: a project's (or a user's) quotas.

``GET /os-quota-sets/{id}`` shows the project's limits, ``/defaults``
the defaults and ``/detail`` each limit with its usage (``in_use``,
``limit`` and a ``reserved`` that is always 0); ``PUT`` changes limits
and ``DELETE`` reverts them to the defaults, as Nova answers them:

- until 2.35 the nova-network limits are listed too (``fixed_ips``,
  ``floating_ips``, ``security_groups``, ``security_group_rules``: -1);
  2.57 drops the injected file limits; a body naming a limit its
  microversion does not list is a 400;
- show, detail, update and delete take the legacy ``user_id`` query
  parameter: the limits (and detail's usage) of that user in the
  project. Show, update and delete read its first non-empty value,
  detail its last one, as Nova reads them;
- an update without ``force`` refuses (400) a limit below what is used
  (for a project: or below what its users' own limits add up to) or,
  for a user, above what the project has left; its answer has no ``id``;
- the query is validated first (strict from 2.75, not for the
  defaults; an update's body before it), then the rule is checked with
  the URL's project as target (a member reading another project's
  quotas gets 403), then the project is looked up in the identity
  service (see :func:`_verify`; delete does not look it up, as Nova).
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


def _first_user(values):
    """``user_id`` as Nova's parse_qs reads it: the first non-empty."""
    return next((v for v in values.get('user_id') or () if v), None)


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


def _project(req, rule, schema, body_schema=None, verify=True):
    """The URL's project, once the query, the rule and it are checked.

    Returns (project id, query, body or None).
    """
    body = None
    if body_schema is not None:
        # As Nova's decorators: the body, then the query.
        body = req.json_body()
        validation.validate(body_schema, body)
    values = _query(req, schema)
    project_id = req.path_param('tenant_id')
    req.authorize(rule, {'project_id': project_id})
    if verify:
        _verify(req, project_id)
    return project_id, values, body


def _quota_set(req, project_id, values):
    """The body: the id, then the resources by name, as Nova lists them."""
    hidden = _hidden(req.version)
    quota_set = {'id': project_id} if project_id is not None else {}
    quota_set.update((name, values[name]) for name in sorted(values)
                     if name not in hidden)
    return wsgi.Response(200, {'quota_set': quota_set})


def show(req):
    project_id, query, _body = _project(req, qs_policies.SHOW,
                                        schemas.one_query(req.version))
    with req.store.lock:
        limits = quotas.limits(req.store, project_id, _first_user(query))
    return _quota_set(req, project_id, limits)


def defaults(req):
    project_id, _query_values, _body = _project(req, qs_policies.DEFAULTS,
                                                None)
    with req.store.lock:
        return _quota_set(req, project_id, quotas.defaults(req.store))


def detail(req):
    project_id, query, _body = _project(req, qs_policies.DETAIL,
                                        schemas.one_query(req.version))
    user_id = (query.get('user_id') or [None])[-1] or None
    with req.store.lock:
        used = quotas.usage(req.store, project_id, user_id)
        limits = quotas.limits(req.store, project_id, user_id)
    return _quota_set(req, project_id, {
        name: {'in_use': used[name], 'limit': limit, 'reserved': 0}
        for name, limit in limits.items()})


def update(req):
    project_id, query, body = _project(
        req, qs_policies.UPDATE, schemas.one_query(req.version),
        schemas.update(req.version))
    user_id = _first_user(query)
    spec = body['quota_set']
    force = validation.to_bool(spec.get('force', False))
    # As Nova: 'force' is no limit, and an empty value changes nothing.
    values = {name: int(value) for name, value in spec.items()
              if name != 'force' and (value or value == 0)}
    with req.store.lock:
        quotas.update(req.store, project_id, values, user_id, force)
        limits = quotas.limits(req.store, project_id, user_id)
    # Nova's answer has no id (as in its v2 API).
    return _quota_set(req, None, limits)


def delete(req):
    project_id, query, _body = _project(
        req, qs_policies.DELETE, schemas.one_query(req.version),
        verify=False)
    with req.store.lock:
        quotas.delete(req.store, project_id, _first_user(query))
    return wsgi.Response(202)
