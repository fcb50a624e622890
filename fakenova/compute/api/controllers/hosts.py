"""/os-hosts: the physical hosts (admin; removed in 2.43, a 404 after).

As Nova 34 with its fake virt driver answers: the list names every
enabled service but the API ones (``?zone=`` keeps one zone's); a
compute host shows its resources (total, used now as its compute node
reports, the sum of its servers' flavors, and that sum per project);
enabling, maintenance and the power actions are answered by the driver
and change nothing (fakenova disables hosts through ``/os-services``).
Only compute hosts are mapped to a cell: any other name is Nova's 404.
"""

from fakenova.compute.api import validation
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import hosts
from fakenova.policies import hosts as policies

Response = wsgi.Response
_MODES = ('enable', 'disable', 'Enable', 'Disable', 'ENABLE', 'DISABLE')
_MODE = {'type': 'string', 'enum': list(_MODES)}
update_schema = {
    'type': 'object',
    'properties': {'status': _MODE, 'maintenance_mode': _MODE},
    'anyOf': [{'required': ['status']},
              {'required': ['maintenance_mode']}],
    'additionalProperties': False,
}


def _target(req):
    return {'project_id': req.context.project_id,
            'user_id': req.context.user_id}


def _topic(binary):
    return binary[len('nova-'):] if binary.startswith('nova-') else binary


def index(req):
    req.authorize(policies.LIST, _target(req))
    zone = req.params.get('zone')
    with req.store.lock:
        out = []
        for service in req.store.all_services():
            if service.disabled:
                continue
            service_zone = req.store.service_zone(service)
            if zone and service_zone != zone:
                continue
            out.append({'host_name': service.host,
                        'service': _topic(service.binary),
                        'zone': service_zone})
    return Response(200, {'hosts': out})


def _compute_host(req):
    host = req.urlvars['host_name']
    if req.store.service_of(host) is None:
        raise exception.NotFound(
            "Host '%s' is not mapped to any cell" % host)
    return host


def _resource(host, project, cpu, memory_mb, disk_gb):
    return {'resource': {'host': host, 'project': project, 'cpu': cpu,
                         'memory_mb': memory_mb, 'disk_gb': disk_gb}}


def show(req):
    req.authorize(policies.SHOW, _target(req))
    with req.store.lock:
        host = _compute_host(req)
        node = hosts.usage(req.store, host)
        projects = hosts.project_rows(req.store, host)
    # What the servers with a flavor use (the sum of the projects'):
    # ``used_now`` less the memory the host keeps for itself.
    used = (node['vcpus_used'],
            node['memory_mb_used'] - hosts.RESERVED_HOST_MEMORY_MB,
            node['local_gb_used'])
    resources = [
        _resource(host, '(total)', node['vcpus'], node['memory_mb'],
                  node['local_gb']),
        _resource(host, '(used_now)', node['vcpus_used'],
                  node['memory_mb_used'], node['local_gb_used']),
        _resource(host, '(used_max)', *used),
    ] + [_resource(host, *row) for row in projects]
    return Response(200, {'host': resources})


def update(req):
    body = req.json_body()
    validation.validate(update_schema, body)
    req.authorize(policies.UPDATE, _target(req))
    with req.store.lock:
        host = _compute_host(req)
    out = {'host': host}
    # The fake driver answers what was asked, and nothing changes.
    if 'status' in body:
        out['status'] = ('enabled' if body['status'].lower() == 'enable'
                         else 'disabled')
    if 'maintenance_mode' in body:
        out['maintenance_mode'] = (
            'on_maintenance' if body['maintenance_mode'].lower() == 'enable'
            else 'off_maintenance')
    return Response(200, out)


def _power(rule, action):
    def handler(req):
        req.authorize(rule, _target(req))
        with req.store.lock:
            host = _compute_host(req)
        return Response(200, {'host': host, 'power_action': action})
    handler.__name__ = action
    return handler


startup = _power(policies.START, 'startup')
shutdown = _power(policies.SHUTDOWN, 'shutdown')
reboot = _power(policies.REBOOT, 'reboot')
