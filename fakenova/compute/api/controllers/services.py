"""/os-services and /os-hypervisors: the fake compute hosts (admin)."""

import json
import re
import uuid

from fakenova.compute.api.schemas import hypervisors as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import hosts
from fakenova.policies import hypervisors as hypervisor_policies
from fakenova.policies import services as service_policies

Response = wsgi.Response
V2_11 = (2, 11)
V2_28 = (2, 28)
V2_53 = (2, 53)
V2_88 = (2, 88)
_HYPERVISOR_NS = uuid.UUID('6f70656e-7374-6163-6b20-6879706572ff')

update_schema = {
    'type': 'object',
    'properties': {
        'status': {'type': 'string', 'enum': ['enabled', 'disabled']},
        'disabled_reason': {'type': 'string', 'minLength': 1,
                            'maxLength': 255},
        'forced_down': validation.boolean,
    },
    'additionalProperties': False,
}
legacy_schema = {
    'type': 'object',
    'properties': {
        'host': {'type': 'string', 'minLength': 1, 'maxLength': 255},
        'binary': {'type': 'string', 'minLength': 1, 'maxLength': 255},
        'disabled_reason': {'type': 'string', 'minLength': 1,
                            'maxLength': 255},
        'forced_down': validation.boolean,
    },
    'required': ['host', 'binary'],
    'additionalProperties': False,
}


def _admin_target(req):
    return {'project_id': req.context.project_id,
            'user_id': req.context.user_id}


def _service_view(req, service):
    out = {'id': service.id if req.version >= V2_53 else service.numeric_id,
           'binary': service.binary, 'host': service.host,
           'zone': req.store.service_zone(service),
           'status': 'disabled' if service.disabled else 'enabled',
           'state': 'up' if service.up else 'down',
           'updated_at': views.usage_time(service.updated),
           'disabled_reason': service.disabled_reason}
    if req.version >= V2_11:
        out['forced_down'] = service.forced_down
    return out


def index(req):
    req.authorize(service_policies.LIST, _admin_target(req))
    with req.store.lock:
        services = req.store.all_services()
        # Nova filters on the ?host= and ?binary= query parameters.
        for field in ('host', 'binary'):
            wanted = req.params.get(field)
            if wanted:
                services = [s for s in services
                            if getattr(s, field) == wanted]
        return Response(200, {'services': [_service_view(req, s)
                                           for s in services]})


def update(req):
    """PUT /os-services/{service_id} (2.53+) or the legacy verbs."""
    req.authorize(service_policies.UPDATE, _admin_target(req))
    body = req.json_body()
    service_id = req.urlvars['service_id']
    with req.store.lock:
        if req.version < V2_53:
            return _legacy_update(req, service_id, body)
        validation.validate(update_schema, body)
        if not validation.is_uuid_like(service_id):
            raise exception.BadRequest('Invalid uuid %s' % service_id)
        service = req.store.find_service(service_id)
        if service is None:
            raise exception.NotFound(
                'Service %s could not be found.' % service_id)
        _only_computes(service.binary)
        if 'disabled_reason' in body and body.get('status') != 'disabled':
            raise exception.BadRequest(
                "Specifying 'disabled_reason' with status 'enabled' is "
                "invalid.")
        if 'status' in body:
            service.disabled = body['status'] == 'disabled'
            service.disabled_reason = (body.get('disabled_reason')
                                       if service.disabled else None)
        if 'forced_down' in body:
            service.forced_down = validation.to_bool(body['forced_down'])
        service.updated = req.store.now()
        return Response(200, {'service': _service_view(req, service)})


def _only_computes(binary):
    # Nova enables, disables and forces down nova-compute services only.
    if binary != 'nova-compute':
        raise exception.BadRequest(
            'Updating a %s service is not supported. Only nova-compute '
            'services can be updated.' % binary)


def _legacy_update(req, verb, body):
    validation.validate(legacy_schema, body)
    if verb not in ('enable', 'disable', 'disable-log-reason',
                    'force-down') or (verb == 'force-down'
                                      and req.version < V2_11):
        raise exception.NotFound('Unknown action')
    _only_computes(body['binary'])
    service = req.store.service_of(body['host'])
    if service is None or body['binary'] != service.binary:
        raise exception.NotFound('Could not find binary %s on host %s.' % (
            body['binary'], body['host']))
    out = {'host': service.host, 'binary': service.binary}
    if verb == 'force-down':
        if 'forced_down' not in body:
            raise exception.BadRequest('Missing forced_down field')
        service.forced_down = validation.to_bool(body['forced_down'])
        out['forced_down'] = service.forced_down
    else:
        service.disabled = verb != 'enable'
        service.disabled_reason = body.get('disabled_reason')
        out['status'] = 'disabled' if service.disabled else 'enabled'
        if verb == 'disable-log-reason':
            out['disabled_reason'] = service.disabled_reason
    service.updated = req.store.now()
    return Response(200, {'service': out})


# -- hypervisors -----------------------------------------------------------

def _hypervisor_id(req, service):
    if req.version >= V2_53:
        return str(uuid.uuid5(_HYPERVISOR_NS, service.host))
    return service.node_id


def _hypervisor(req, service, detail, with_servers=False):
    """A compute node as Nova shows it at the request's microversion."""
    out = {'id': _hypervisor_id(req, service),
           'hypervisor_hostname': service.host + '.example.com',
           'state': 'up' if service.up else 'down',
           'status': 'disabled' if service.disabled else 'enabled'}
    if detail:
        out.update({
            'host_ip': '192.168.1.%d' % (10 + service.node_id),
            'hypervisor_type': 'QEMU', 'hypervisor_version': 8002000,
            'service': {'id': service.id if req.version >= V2_53
                        else service.numeric_id,
                        'host': service.host,
                        'disabled_reason': service.disabled_reason},
        })
        if req.version < V2_88:  # 2.88 removed the resource figures
            out.update(hosts.usage(req.store, service.host))
            out['cpu_info'] = (dict(hosts.CPU_INFO) if req.version >= V2_28
                               else json.dumps(hosts.CPU_INFO))
        else:  # and added the uptime
            out['uptime'] = _UPTIME
    if with_servers:
        servers = hosts.servers_on(req.store, service.host)
        if servers or req.version >= (2, 75):
            out['servers'] = [{'name': s.instance_name, 'uuid': s.id}
                              for s in servers]
    return out


_UPTIME = (' 08:32:11 up 93 days, 18:25, 12 users,  load average: 0.20, '
           '0.12, 0.14')


def _hypervisor_query(req, detail):
    """(services, with_servers, limit) of a list, as Nova reads its query.

    Paging from 2.33; from 2.53 a hostname pattern (a 404 when nothing
    matches; not with paging) and ``with_servers``, and unknown
    parameters are refused.
    """
    params = req.params
    validation.validate_query(schemas.index_query(req.version),
                              validation.query_values(params))
    services = sorted(req.store.services.values(),
                      key=lambda s: s.node_id)
    pattern = with_servers = None
    if req.version >= V2_53:
        pattern = params.get('hypervisor_hostname_pattern')
        with_servers = validation.to_bool(params.get('with_servers',
                                                     'false'))
    if pattern is not None:
        if 'limit' in params or 'marker' in params:
            # Paging with a pattern is refused; Nova's message for it is
            # lost (given as the error's detail), so the default shows.
            raise exception.BadRequest()
        return _matching(services, pattern), with_servers, None
    if req.version < (2, 33):
        return services, with_servers, None
    services = views.after_marker(req, services,
                                  lambda s: str(_hypervisor_id(req, s)))
    limit = views.limit_of(req)
    return services[:limit], with_servers, limit


def _hypervisors(req, detail):
    rule = (hypervisor_policies.LIST_DETAIL if detail
            else hypervisor_policies.LIST)
    req.authorize(rule, _admin_target(req))
    with req.store.lock:
        services, with_servers, limit = _hypervisor_query(req, detail)
        items = [_hypervisor(req, s, detail, with_servers)
                 for s in services]
    body = {'hypervisors': items}
    if limit is not None:
        links = views.next_links(
            req, 'os-hypervisors/detail' if detail else 'os-hypervisors',
            items, items[-1]['id'] if items else None)
        if links:
            body['hypervisors_links'] = links
    return Response(200, body)


def hypervisors_index(req):
    return _hypervisors(req, detail=False)


def hypervisors_detail(req):
    return _hypervisors(req, detail=True)


def hypervisor_show(req):
    """GET /os-hypervisors/{id}: the detail view (2.53: ?with_servers)."""
    validation.validate_query(schemas.show_query(req.version),
                              validation.query_values(req.params))
    with_servers = req.version >= V2_53 and validation.to_bool(
        req.params.get('with_servers', 'false'))
    req.authorize(hypervisor_policies.SHOW, _admin_target(req))
    with req.store.lock:
        service = _node(req)
        return Response(200, {'hypervisor': _hypervisor(
            req, service, True, with_servers)})


def _node(req):
    """The compute node of the URL's id, as Nova validates and finds it.

    Before 2.53 the id is an integer (anything else is not found); from
    2.53 a uuid (anything else is a 400).
    """
    wanted = req.urlvars['hypervisor_id']
    missing = exception.NotFound(
        "Hypervisor with ID '%s' could not be found." % wanted)
    if req.version >= V2_53:
        if not validation.is_uuid_like(wanted):
            raise exception.BadRequest('Invalid uuid %s' % wanted)
    elif not validation.is_digits(wanted.lstrip('-')):
        raise missing
    for service in req.store.services.values():
        if str(_hypervisor_id(req, service)) == wanted:
            return service
    raise missing


# -- hypervisors: the routes Nova removed (statistics, uptime until 2.87;
# search and servers until 2.52) ------------------------------------------

def _like(pattern):
    """SQL's ``LIKE '%pattern%'`` (Nova's hostname search) as a regex.

    Case-insensitive, ``%`` any run and ``_`` any one character.
    """
    out = []
    for char in pattern:
        out.append('.*' if char == '%' else '.' if char == '_'
                   else re.escape(char))
    return re.compile('.*%s.*' % ''.join(out), re.IGNORECASE | re.DOTALL)


def _matching(services, pattern):
    """The compute nodes whose hostname matches (404 when none does)."""
    regex = _like(pattern)
    found = [s for s in services
             if regex.fullmatch(_hostname(s)) is not None]
    if not found:
        raise exception.NotFound(
            "No hypervisor matching '%s' could be found." % pattern)
    return found


def _hostname(service):
    return service.host + '.example.com'


def _nodes(store):
    return sorted(store.services.values(), key=lambda s: s.node_id)


def hypervisors_statistics(req):
    """GET /os-hypervisors/statistics: sums over the enabled computes."""
    req.authorize(hypervisor_policies.STATISTICS, _admin_target(req))
    keys = ('current_workload', 'disk_available_least', 'free_disk_gb',
            'free_ram_mb', 'local_gb', 'local_gb_used', 'memory_mb',
            'memory_mb_used', 'running_vms', 'vcpus', 'vcpus_used')
    stats = dict.fromkeys(('count',) + keys, 0)
    with req.store.lock:
        for service in _nodes(req.store):
            if service.disabled:
                continue
            stats['count'] += 1
            usage = hosts.usage(req.store, service.host)
            for key in keys:
                stats[key] += usage[key]
    return Response(200, {'hypervisor_statistics': stats})


def hypervisor_uptime(req):
    req.authorize(hypervisor_policies.UPTIME, _admin_target(req))
    with req.store.lock:
        service = _node(req)
        if not service.up:
            raise exception.BadRequest(
                'Compute service of %s is unavailable at this time.'
                % service.host)
        out = _hypervisor(req, service, False)
    out['uptime'] = _UPTIME
    return Response(200, {'hypervisor': out})


def _pattern_route(rule, with_servers):
    def handler(req):
        req.authorize(rule, _admin_target(req))
        with req.store.lock:
            found = _matching(_nodes(req.store),
                              req.urlvars['hypervisor_hostname_pattern'])
            return Response(200, {'hypervisors': [
                _hypervisor(req, s, False, with_servers) for s in found]})
    return handler


hypervisors_search = _pattern_route(hypervisor_policies.SEARCH, False)
hypervisors_servers = _pattern_route(hypervisor_policies.SERVERS, True)
