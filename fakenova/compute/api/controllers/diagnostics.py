"""GET /servers/{server_id}/diagnostics (admins).

The server is looked up first (404), then the rule is checked with its
project as target; a server without a host or not running is a 409 (see
:mod:`fakenova.compute.diagnostics`). Until 2.47 the body is the free
form a hypervisor driver reports; from 2.48 Nova's standard format.
"""

from fakenova.compute.api.controllers import server_actions as base
from fakenova.compute.api import validation
from fakenova.compute.api import wsgi
from fakenova.compute import diagnostics
from fakenova.compute import exception
from fakenova.policies import server_diagnostics as policies

# Nova's query schemas: anything until 2.101, nothing from 2.102.
_QUERY = {'type': 'object', 'properties': {}, 'additionalProperties': True}
_QUERY_V2102 = dict(_QUERY, additionalProperties=False)


def index(req):
    try:
        values = req.webob.GET.dict_of_lists()
    except UnicodeDecodeError:
        raise exception.BadRequest('Query string is not UTF-8 encoded')
    validation.validate_query(
        _QUERY_V2102 if req.version >= (2, 102) else _QUERY, values)
    with req.store.lock:
        server = base.load_server(req)
        req.authorize(policies.BASE_POLICY_NAME,
                      {'project_id': server.project_id})
        diagnostics.check(server)
        if req.version >= (2, 48):
            body = diagnostics.standard(req.store, server)
        else:
            body = diagnostics.legacy(req.store, server)
    return wsgi.Response(200, body)
