"""POST /os-server-external-events (admins, or the service role under
the secure-RBAC defaults).

The body is validated first (the event names of the microversion), then
the rule is checked with an empty target; the events are answered one by
one (see :mod:`fakenova.compute.external_events`): 200 when all were
accepted, 207 otherwise.
"""

from fakenova.compute.api.schemas import external_events as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import wsgi
from fakenova.compute import external_events
from fakenova.policies import server_external_events as policies


def create(req):
    body = req.json_body()
    validation.validate(schemas.create(req.version), body)
    req.authorize(policies.CREATE, {})
    with req.store.lock:
        status, events = external_events.deliver(
            req.store, req.context, body['events'])
    return wsgi.Response(status, {'events': events})
