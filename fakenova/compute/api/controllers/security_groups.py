"""/os-security-groups and /os-security-group-rules (proxy, removed at
2.36: 404 from then on), and a server's groups (any microversion).

As Nova with Neutron behind it: the body is validated first, then the
rule checked (target: the caller's project), then the ids (400 'Security
group id should be uuid') and the group looked up as the caller's
project may see it (another project's is Neutron's 404); the model
(:mod:`fakenova.compute.security_groups`) then answers as Neutron and
Nova's proxy do. Rules show the ingress ones, a rule naming a group
shows that group's name and project, and lists are sorted by project
and name after ``offset`` and ``limit`` cut them.
"""

from fakenova.compute.api.schemas import security_groups as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import security_groups as sg_model
from fakenova.policies import security_groups as sg_policies


def _rule_view(store, rule, nova=None):
    """A rule in Nova's shape (None when its remote group is gone)."""
    nova = nova or sg_model.nova_rule(rule)
    out = {'id': nova['id'], 'parent_group_id': nova['parent_group_id'],
           'ip_protocol': nova['protocol'], 'from_port': nova['from_port'],
           'to_port': nova['to_port'], 'group': {}, 'ip_range': {}}
    if nova['group_id']:
        source = store.security_groups.get(nova['group_id'])
        if source is None:
            return None
        out['group'] = {'name': source.name, 'tenant_id': source.project_id}
    else:
        out['ip_range'] = {'cidr': nova['cidr']}
    return out


def _view(store, group):
    rules = [_rule_view(store, rule) for rule in sg_model.ingress(group)]
    return {'id': group.id, 'name': group.name,
            'description': group.description,
            'tenant_id': group.project_id,
            'rules': [rule for rule in rules if rule is not None]}


def _sorted(store, groups):
    return sorted((_view(store, g) for g in groups),
                  key=lambda g: (g['tenant_id'], g['name']))


def _target(req):
    return {'project_id': req.context.project_id}


def _group(req):
    """The URL's group: its id checked, then looked up (hold the lock)."""
    group_id = sg_model.validate_id(req.path_param('security_group_id'))
    return sg_model.get(req.store, req.context, group_id)


def _offset_limit(req):
    params = req.params
    offset = int(params.get('offset') or 0)
    limit = int(params.get('limit') or 0) or views.MAX_LIMIT
    return offset, min(limit, views.MAX_LIMIT)


def index(req):
    ctx = req.context
    validation.validate_query(schemas.INDEX_QUERY,
                              validation.query_values(req.params))
    req.authorize(sg_policies.GET, _target(req))
    offset, limit = _offset_limit(req)
    with req.store.lock:
        sg_model.ensure_default(req.store, ctx.project_id)
        groups = sg_model.listed(req.store, ctx,
                                 all_projects='all_tenants' in req.params)
        groups = groups[offset:offset + limit]
        return wsgi.Response(200, {'security_groups': _sorted(req.store,
                                                              groups)})


def show(req):
    req.authorize(sg_policies.SHOW, _target(req))
    with req.store.lock:
        return wsgi.Response(200, {'security_group': _view(req.store,
                                                           _group(req))})


def create(req):
    body = req.json_body()
    validation.validate(schemas.GROUP, body)
    req.authorize(sg_policies.CREATE, _target(req))
    spec = body['security_group']
    with req.store.lock:
        group = sg_model.create(req.store, req.context, spec['name'],
                                spec['description'])
        return wsgi.Response(200, {'security_group': _view(req.store,
                                                           group)})


def update(req):
    body = req.json_body()
    validation.validate(schemas.GROUP, body)
    req.authorize(sg_policies.UPDATE, _target(req))
    spec = body['security_group']
    with req.store.lock:
        group = sg_model.update(req.store, _group(req), spec['name'],
                                spec['description'])
        return wsgi.Response(200, {'security_group': _view(req.store,
                                                           group)})


def delete(req):
    req.authorize(sg_policies.DELETE, _target(req))
    with req.store.lock:
        sg_model.delete(req.store, req.context, _group(req))
    return wsgi.Response(202)


def create_rule(req):
    body = req.json_body()
    validation.validate(schemas.RULE, body)
    req.authorize(sg_policies.RULE_CREATE, _target(req))
    spec = body['security_group_rule']
    group_id = spec.get('group_id')
    store = req.store
    with store.lock:
        parent = sg_model.get(store, req.context, spec['parent_group_id'])
        if group_id is not None:
            sg_model.get(store, req.context, group_id)
            values = sg_model.new_rule(
                spec.get('ip_protocol'), spec.get('from_port'),
                spec.get('to_port'), group_id=group_id)
        else:
            values = sg_model.new_rule(
                spec.get('ip_protocol'), spec.get('from_port'),
                spec.get('to_port'),
                cidr=sg_model.parse_cidr(spec.get('cidr')))
        if values is None:
            raise exception.BadRequest(
                'Not enough parameters to build a valid rule.')
        values['parent_group_id'] = parent.id
        if 'cidr' in values:
            sg_model.check_prefix(values['cidr'])
        rule = sg_model.add_rule(store, parent, values)
        return wsgi.Response(200, {'security_group_rule': _rule_view(
            store, rule)})


def delete_rule(req):
    req.authorize(sg_policies.RULE_DELETE, _target(req))
    rule_id = sg_model.validate_id(req.path_param('security_group_rule_id'))
    with req.store.lock:
        group, rule = sg_model.find_rule(req.store, req.context, rule_id)
        sg_model.remove_rule(group, rule)
    return wsgi.Response(202)


def server_index(req):
    if req.ver((2, 102)):
        validation.validate_query(schemas.SERVER_QUERY_STRICT,
                                  validation.query_values(req.params))
    with req.store.lock:
        server = req.store.get_server(req.urlvars['server_id'], req.context)
        req.authorize(sg_policies.LIST,
                      {'project_id': server.project_id,
                       'user_id': server.user_id})
        names = set(server.security_groups or ())
        groups = [g for g in req.store.security_groups.in_project(
            server.project_id) if g.name in names]
        return wsgi.Response(200, {'security_groups': _sorted(req.store,
                                                              groups)})
