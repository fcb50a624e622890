"""/os-floating-ips: Nova's network proxy (removed at 2.36)."""

from fakenova.compute.api import validation
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import networks
from fakenova.policies import floating_ips as floating_ip_policies


create_schema = {
    'type': ['object', 'null'],
    'properties': {'pool': {'type': ['string', 'null']}},
}


def _view(fip):
    return {'id': fip.id, 'ip': fip.address, 'pool': fip.pool,
            'fixed_ip': fip.fixed_address, 'instance_id': fip.server_id}


def _target(req):
    return {'project_id': req.context.project_id,
            'user_id': req.context.user_id}


def _get(req):
    fip_id = req.urlvars['floating_ip_id']
    fip = req.store.floating_ips.get(fip_id)
    if fip is None or fip.project_id != req.context.project_id:
        raise exception.NotFound('Floating IP not found for ID %s' % fip_id)
    return fip


def index(req):
    req.authorize(floating_ip_policies.LIST, _target(req))
    with req.store.lock:
        fips = [_view(f) for f in req.store.floating_ips.values()
                if f.project_id == req.context.project_id]
    return wsgi.Response(200, {'floating_ips': fips})


def show(req):
    req.authorize(floating_ip_policies.SHOW, _target(req))
    with req.store.lock:
        return wsgi.Response(200, {'floating_ip': _view(_get(req))})


def create(req):
    req.authorize(floating_ip_policies.CREATE, _target(req))
    raw = req.raw_body()
    body = req.json_body() if raw else None
    validation.validate(create_schema, body)
    with req.store.lock:
        # Nova's [neutron] default_floating_pool is 'public'; a pool is an
        # external network, by name or id.
        pool = networks.find_pool(req.store,
                                  (body or {}).get('pool') or 'public')
        if pool is None:
            raise exception.NotFound('Floating IP pool not found.')
        fip = req.store.add_floating_ip(req.context.project_id, pool=pool)
        return wsgi.Response(200, {'floating_ip': _view(fip)})


def delete(req):
    req.authorize(floating_ip_policies.DELETE, _target(req))
    with req.store.lock:
        fip = _get(req)
        req.store.delete_floating_ip(fip)
    return wsgi.Response(202)
