"""/servers/{id}/ips: a server's addresses, by network label."""

from fakenova.api.controllers import server_actions as base
from fakenova.api.views import servers as server_views
from fakenova.api import wsgi
from fakenova.compute import exception

RULE = 'os_compute_api:ips:%s'


def _addresses(req, rule):
    """The caller's server's addresses ({label: [{version, addr}]})."""
    with req.store.lock:
        server = base.load_server(req)
        req.authorize(RULE % rule, base.target_of(server))
        return server_views.addresses(req, server, extended=False)


def index(req):
    return wsgi.Response(200, {'addresses': _addresses(req, 'index')})


def show(req):
    label = req.urlvars['network_label']
    addresses = _addresses(req, 'show')
    if label not in addresses:
        raise exception.NotFound(
            'Instance is not a member of specified network')
    return wsgi.Response(200, {label: addresses[label]})
