"""APIs Nova removed: every request to them is a 410 (Gone).

Nova keeps their routes so that clients learn the API is gone rather
than mistyped: no policy, no lookup, at every microversion (nova-network,
cells v1, agents, cloudpipe, certificates, fping, XenAPI consoles and
virtual interfaces, floating IP DNS and bulk floating IPs).
"""

from fakenova.compute import exception


def gone(req):
    raise exception.Gone()
