"""Nova's network proxies (removed at 2.36): /os-networks,
/os-tenant-networks and /os-floating-ip-pools.

What Nova 34 still answers with Neutron behind it: the cloud's networks
in nova-network's shape (every field but ``id`` and ``label`` null, more
null fields for admins; the tenant view's ``cidr`` is the string
``'None'``), and the external networks' names as pools. Until 2.35 only
(404 from 2.36, the version gate's). Creating, deleting or
(dis)associating networks is gone (410 at every microversion: see
:mod:`~fakenova.compute.api.controllers.removed`).
"""

from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import networks
from fakenova.policies import floating_ip_pools as pool_policies
from fakenova.policies import networks as net_policies
from fakenova.policies import tenant_networks as tn_policies

_FIELDS = ('id', 'cidr', 'netmask', 'gateway', 'broadcast', 'dns1', 'dns2',
           'cidr_v6', 'gateway_v6', 'label', 'netmask_v6')
# What nova-network showed admins only (null now, as the others).
_ADMIN_FIELDS = (
    'created_at', 'updated_at', 'deleted_at', 'deleted', 'injected',
    'bridge', 'vlan', 'vpn_public_address', 'vpn_public_port',
    'vpn_private_address', 'dhcp_start', 'project_id', 'host',
    'bridge_interface', 'multi_host', 'priority', 'rxtx_base', 'mtu',
    'dhcp_server', 'enable_dhcp', 'share_address')


def _network(ctx, pair):
    fields = _FIELDS + _ADMIN_FIELDS if ctx.is_admin else _FIELDS
    body = dict.fromkeys(fields)
    body['id'], body['label'] = pair
    return body


def _tenant_network(pair):
    return {'id': pair[0], 'cidr': 'None', 'label': pair[1]}


def _target(req):
    return {'project_id': req.context.project_id}


def _find(req):
    pair = networks.find(req.store, req.path_param('network_id'))
    if pair is None:
        raise exception.NotFound('Network not found')
    return pair


def index(req):
    req.authorize(net_policies.LIST, _target(req))
    with req.store.lock:
        found = networks.all_networks(req.store)
    return wsgi.Response(200, {'networks': [_network(req.context, pair)
                                            for pair in found]})


def show(req):
    req.authorize(net_policies.SHOW, _target(req))
    with req.store.lock:
        pair = _find(req)
    return wsgi.Response(200, {'network': _network(req.context, pair)})


def tenant_index(req):
    req.authorize(tn_policies.LIST, _target(req))
    with req.store.lock:
        found = networks.all_networks(req.store)
    return wsgi.Response(200, {'networks': [_tenant_network(pair)
                                            for pair in found]})


def tenant_show(req):
    req.authorize(tn_policies.SHOW, _target(req))
    with req.store.lock:
        pair = _find(req)
    return wsgi.Response(200, {'network': _tenant_network(pair)})


def pools_index(req):
    req.authorize(pool_policies.LIST, {})
    with req.store.lock:
        names = networks.pools(req.store)
    return wsgi.Response(200, {'floating_ip_pools': [{'name': name}
                                                     for name in names]})
