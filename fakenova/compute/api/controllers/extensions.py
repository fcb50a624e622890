"""/extensions: the fixed list of Nova's former extensions, and one by
alias (404 for an alias not in it). Any microversion; from 2.102 a query
parameter is a 400, as Nova's strict query schemas answer.
"""

from fakenova.compute.api import validation
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import extensions
from fakenova.policies import extensions as ext_policies

_STRICT_QUERY = {'type': 'object', 'properties': {},
                 'additionalProperties': False}


def _query(req):
    if req.ver((2, 102)):
        validation.validate_query(_STRICT_QUERY,
                                  validation.query_values(req.params))


def index(req):
    _query(req)
    req.authorize(ext_policies.LIST, {})
    return wsgi.Response(200, {'extensions': [
        extensions.as_dict(ext) for ext in extensions.EXTENSIONS]})


def show(req):
    _query(req)
    req.authorize(ext_policies.LIST, {})
    found = extensions.find(req.path_param('alias'))
    if found is None:
        raise exception.NotFound()
    return wsgi.Response(200, {'extension': found})
