"""APIs Nova removed: every request to them is a 410 (Gone).

Nova keeps their routes so that clients learn the API is gone rather
than mistyped: no policy, no lookup, at every microversion (nova-network,
cells v1, agents, cloudpipe, certificates, fping, XenAPI consoles and
virtual interfaces, floating IP DNS and bulk floating IPs). As any
request of Nova's, a body that is not JSON is a 400 first.
"""

from fakenova.compute.api import validation
from fakenova.compute import exception

# The actions /os-networks/{id}/action knew (all gone).
NETWORK_ACTIONS = frozenset(['disassociate', 'disassociate_host',
                             'disassociate_project', 'associate_host'])


def gone(req):
    if req.raw_body():
        req.json_body()
    raise exception.Gone()


def network_action(req):
    """nova-network's actions: 410 once Nova's action dispatch finds one
    of them (400 for another key, as for a server action).
    """
    validation.action_key(req.json_body(), NETWORK_ACTIONS)
    raise exception.Gone()


HANDLERS = (gone, network_action)


def is_removed(handler):
    """Is ``handler`` one of a removed API's (no policy, no lookup)?"""
    return handler in HANDLERS
