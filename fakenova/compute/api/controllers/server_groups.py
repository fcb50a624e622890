"""/os-server-groups: list, create, show, delete.

Per microversion, as Nova answers (create 200, delete 204 throughout):

- 2.1: a group is ``id``, ``name``, ``policies`` (a one-item list),
  ``members`` (ids of its servers that are not deleted) and ``metadata``
  (always ``{}``);
- 2.13: ``project_id`` and ``user_id``;
- 2.15: the ``soft-affinity`` and ``soft-anti-affinity`` policies;
- 2.64: ``policy`` (a string) and ``rules`` replace ``policies`` and
  ``metadata``; only ``anti-affinity`` takes rules
  (``max_server_per_host``);
- 2.75: unknown query parameters of the list are a 400.

The list has no next links: ``limit`` (at most Nova's max_limit) and
``offset`` slice the groups in creation order. ``all_projects`` (any
value) lists every project's groups for an admin, once
``index:all_projects`` allows it; for anyone else it is ignored. Bodies
and queries are validated before the policy check; show and delete find
the group (404 for another project's, to a non-admin) before checking it.
"""

from fakenova.compute.api.schemas import server_groups as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import views
from fakenova.compute.api import wsgi
from fakenova.compute import server_groups
from fakenova.policies import server_groups as group_policies

Response = wsgi.Response


def _own(req):
    return {'project_id': req.context.project_id}


def _view(req, group):
    out = {'id': group.id, 'name': group.name}
    if req.version >= (2, 64):
        out['policy'] = group.policy
        out['rules'] = dict(group.rules)
    else:
        out['policies'] = [group.policy]
        out['metadata'] = {}
    out['members'] = server_groups.members(req.store, group)
    if req.version >= (2, 13):
        out['project_id'] = group.project_id
        out['user_id'] = group.user_id
    return out


def index(req):
    params = req.params
    validation.validate_query(schemas.index_query(req.version),
                              validation.query_values(params))
    values = {name: validation.int_query_param(req.params, name)
              for name in ('limit', 'page_size', 'offset') if name in params}
    limit = min(views.MAX_LIMIT, values.get('limit', views.MAX_LIMIT))
    offset = values.get('offset', 0)
    req.authorize(group_policies.INDEX, _own(req))
    project_id = req.context.project_id
    if 'all_projects' in params and req.context.is_admin:
        req.authorize(group_policies.INDEX_ALL_PROJECTS, _own(req))
        project_id = None
    with req.store.lock:
        groups = server_groups.list_for(req.store, project_id)
        page = groups[offset:offset + limit]
        return Response(200, {'server_groups': [_view(req, g)
                                                for g in page]})


def create(req):
    body = req.json_body()
    validation.validate(schemas.create(req.version), body)
    req.authorize(group_policies.CREATE, _own(req))
    spec = body['server_group']
    if req.version >= (2, 64):
        policy, rules = spec['policy'], spec.get('rules')
    else:
        policy, rules = spec['policies'][0], None
    ctx = req.context
    with req.store.lock:
        server_groups.check_quota(req.store, ctx)
        group = server_groups.add(req.store, spec['name'], ctx.project_id,
                                  ctx.user_id, policy, rules)
        return Response(200, {'server_group': _view(req, group)})


def show(req):
    with req.store.lock:
        group = server_groups.get(
            req.store, req.path_param('server_group_id'), req.context)
        req.authorize(group_policies.SHOW, {'project_id': group.project_id})
        return Response(200, {'server_group': _view(req, group)})


def delete(req):
    with req.store.lock:
        group = server_groups.get(
            req.store, req.path_param('server_group_id'), req.context)
        req.authorize(group_policies.DELETE, {'project_id': group.project_id})
        server_groups.delete(req.store, group)
    return Response(204)
