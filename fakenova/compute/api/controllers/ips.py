"""/servers/{id}/ips: a server's addresses, by network label."""

from fakenova.compute.api.controllers import server_actions as base
from fakenova.compute.api.views import servers as server_views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.policies import ips as ips_policies


def _addresses(req, rule):
    """The caller's server's addresses ({label: [{version, addr}]})."""
    with req.store.lock:
        server = base.load_server(req)
        req.authorize(rule, base.target_of(server))
        return server_views.addresses(req, server, extended=False)


def index(req):
    addresses = _addresses(req, ips_policies.INDEX)
    return wsgi.Response(200, {'addresses': addresses})


def show(req):
    label = req.urlvars['network_label']
    addresses = _addresses(req, ips_policies.SHOW)
    if label not in addresses:
        raise exception.NotFound(
            'Instance is not a member of specified network')
    return wsgi.Response(200, {label: addresses[label]})
