"""/os-availability-zone: the zones of the compute hosts.

A zone is available while one of its nova-compute services is enabled;
a zone whose services are all disabled is listed as not available.
``/detail`` (admins) adds each available zone's hosts and services.
"""

from fakenova.compute.api import views
from fakenova.compute.api import wsgi
from fakenova.policies import availability_zone as az_policies


def _own(req):
    return {'project_id': req.context.project_id,
            'user_id': req.context.user_id}


def _zones(store, internal=False):
    """({zone: [enabled services]}, sorted zones with none enabled).

    With ``internal``, the control services' zone too (only /detail
    shows it).
    """
    enabled, seen = {}, set()
    services = list(store.services.values())
    if internal:
        services += list(store.internal_services.values())
    zoned = sorted(((store.service_zone(s), s) for s in services),
                   key=lambda pair: (pair[0], pair[1].host))
    for zone, service in zoned:
        seen.add(zone)
        if not service.disabled:
            enabled.setdefault(zone, []).append(service)
    return enabled, sorted(seen - set(enabled))


def _zone(name, available, hosts=None):
    return {'zoneName': name, 'zoneState': {'available': available},
            'hosts': hosts}


def index(req):
    req.authorize(az_policies.LIST, _own(req))
    with req.store.lock:
        enabled, unavailable = _zones(req.store)
    return wsgi.Response(200, {'availabilityZoneInfo': [
        _zone(name, True) for name in sorted(enabled)] + [
        _zone(name, False) for name in unavailable]})


def detail(req):
    req.authorize(az_policies.DETAIL, _own(req))
    with req.store.lock:
        enabled, unavailable = _zones(req.store, internal=True)
        info = []
        for name in sorted(enabled):
            hosts = {}
            for service in enabled[name]:
                hosts.setdefault(service.host, {})[service.binary] = {
                    'available': service.up, 'active': True,
                    'updated_at': views.usage_time(service.updated)}
            info.append(_zone(name, True, hosts))
    return wsgi.Response(200, {'availabilityZoneInfo': info + [
        _zone(name, False) for name in unavailable]})
