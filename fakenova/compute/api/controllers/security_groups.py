"""/os-security-groups (proxy, removed at 2.36) and a server's groups."""

from fakenova.compute.api import wsgi
from fakenova.policies import security_groups as sg_policies


def _view(group):
    return {'id': group.id, 'name': group.name,
            'description': group.description,
            'tenant_id': group.project_id, 'rules': list(group.rules)}


def index(req):
    ctx = req.context
    req.authorize(sg_policies.GET,
                  {'project_id': ctx.project_id, 'user_id': ctx.user_id})
    with req.store.lock:
        req.store.ensure_default_security_group(ctx.project_id)
        groups = [g for g in req.store.security_groups.values()
                  if g.project_id == ctx.project_id]
        groups.sort(key=lambda g: g.name)
        return wsgi.Response(200, {'security_groups': [_view(g)
                                                       for g in groups]})


def server_index(req):
    with req.store.lock:
        server = req.store.get_server(req.urlvars['server_id'], req.context)
        req.authorize(sg_policies.LIST,
                      {'project_id': server.project_id,
                       'user_id': server.user_id})
        names = set(server.security_groups or ())
        groups = [g for g in req.store.security_groups.values()
                  if g.project_id == server.project_id and g.name in names]
        groups.sort(key=lambda g: (g.project_id, g.name))
        return wsgi.Response(200, {'security_groups': [_view(g)
                                                       for g in groups]})
