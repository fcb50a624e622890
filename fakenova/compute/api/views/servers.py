"""The server representation of GET /servers/{id}, per microversion."""

from fakenova.compute.api import views
from fakenova.compute import states as st
from fakenova.policies import extended_server_attributes as esa_policies
from fakenova.policies import servers as servers_policies

V2_3 = (2, 3)
V2_9 = (2, 9)
V2_16 = (2, 16)
V2_19 = (2, 19)
V2_26 = (2, 26)
V2_47 = (2, 47)
V2_63 = (2, 63)
V2_71 = (2, 71)
V2_73 = (2, 73)
V2_75 = (2, 75)
V2_90 = (2, 90)
V2_96 = (2, 96)
V2_98 = (2, 98)
V2_100 = (2, 100)


def summary(req, server):
    return {'id': server.id, 'name': server.name,
            'links': views.links(req, 'servers', server.id)}


def addresses(req, server, extended=True):
    if server.vm_state == st.BUILDING or not server.fixed_ips:
        return {}
    out = {}
    macs = {}
    for network, addr, mac in server.fixed_ips:
        entry = {'version': 6 if ':' in addr else 4, 'addr': addr}
        if extended:
            entry['OS-EXT-IPS:type'] = 'fixed'
            entry['OS-EXT-IPS-MAC:mac_addr'] = mac
        out.setdefault(network, []).append(entry)
        macs[addr] = (network, mac)
    for fip in req.store.floating_ips_of(server.id):
        network, mac = macs.get(fip.fixed_address,
                                next(iter(macs.values())))
        entry = {'version': 4, 'addr': fip.address}
        if extended:
            entry['OS-EXT-IPS:type'] = 'floating'
            entry['OS-EXT-IPS-MAC:mac_addr'] = mac
        out[network].append(entry)
    return out


def _image(req, server):
    if not server.image_id:
        return ''
    image = {'id': server.image_id,
             'links': [{'rel': 'bookmark', 'href': '%s/images/%s' % (
                 req.bookmark_url, server.image_id)}]}
    if req.version >= V2_98:
        known = req.store.images.get(server.image_id)
        image['properties'] = dict(known.metadata) if known else {}
    return image


def _flavor(req, server):
    flavor = req.store.flavor_of(server)
    if req.version < V2_47:
        return {'id': server.flavor_id,
                'links': [{'rel': 'bookmark', 'href': '%s/flavors/%s' % (
                    req.bookmark_url, server.flavor_id)}]}
    out = {'vcpus': flavor.vcpus if flavor else 0,
           'ram': flavor.ram if flavor else 0,
           'disk': flavor.disk if flavor else 0,
           'ephemeral': flavor.ephemeral if flavor else 0,
           'swap': flavor.swap if flavor else 0,
           'original_name': flavor.name if flavor else server.flavor_id}
    if req.authorize(servers_policies.SHOW_FLAVOR_EXTRA_SPECS,
                     _target(server), fatal=False):
        out['extra_specs'] = dict(flavor.extra_specs) if flavor else {}
    return out


def _target(server):
    return {'project_id': server.project_id, 'user_id': server.user_id}


def basic(req, server, extended_addresses=False):
    """The keys every server body has (rebuild's reduced body < 2.75)."""
    status = st.status_of(server.vm_state, server.task_state)
    body = {
        'id': server.id,
        'name': server.name,
        'status': status,
        'tenant_id': server.project_id,
        'user_id': server.user_id,
        'metadata': dict(server.metadata) if server.metadata else {},
        'hostId': server.host_id,
        'image': _image(req, server),
        'flavor': _flavor(req, server),
        'created': views.isotime(server.created),
        'updated': views.isotime(server.updated),
        'addresses': addresses(req, server, extended_addresses),
        'accessIPv4': server.access_ipv4 or '',
        'accessIPv6': server.access_ipv6 or '',
        'links': views.links(req, 'servers', server.id),
        'OS-DCF:diskConfig': server.disk_config,
    }
    if status in st.PROGRESS_STATUSES:
        body['progress'] = server.progress or 0
    if status in st.FAULT_STATUSES and server.fault:
        fault = dict(server.fault)
        if fault.get('code') == 500 and not req.context.is_admin:
            fault.pop('details', None)
        body['fault'] = fault
    version = req.version
    if version >= V2_9:
        body['locked'] = server.locked_by is not None
    if version >= V2_19:
        body['description'] = server.description
    if version >= V2_26:
        body['tags'] = list(server.tags or [])
    if version >= V2_63:
        body['trusted_image_certificates'] = server.trusted_certs
    if version >= V2_73:
        body['locked_reason'] = server.locked_reason
    if version >= V2_96:
        body['pinned_availability_zone'] = server.pinned_az
    if version >= V2_100:
        body['scheduler_hints'] = dict(server.scheduler_hints or {})
    return body


def show(req, server, detail_list=False):
    """The full GET /servers/{id} body (also /servers/detail entries)."""
    body = basic(req, server, extended_addresses=True)
    version = req.version
    body.update({
        'OS-EXT-AZ:availability_zone': server.availability_zone or '',
        'config_drive': server.config_drive,
        'key_name': server.key_name,
        'OS-SRV-USG:launched_at': views.usage_time(server.launched_at),
        'OS-SRV-USG:terminated_at': views.usage_time(server.terminated_at),
        'OS-EXT-STS:task_state': server.task_state,
        'OS-EXT-STS:vm_state': server.vm_state,
        'OS-EXT-STS:power_state': server.power_state,
        'os-extended-volumes:volumes_attached': [
            ({'id': a.volume_id} if version < V2_3 else
             {'id': a.volume_id,
              'delete_on_termination': a.delete_on_termination})
            for a in (server.volumes_attached or ())],
    })
    # Neutron's security groups are those of the server's ports: a server
    # created with networks 'none' has none to show.
    if server.security_groups and server.fixed_ips:
        body['security_groups'] = [{'name': n}
                                   for n in server.security_groups]
    target = _target(server)
    if req.authorize(esa_policies.BASE_POLICY_NAME, target, fatal=False):
        body['OS-EXT-SRV-ATTR:host'] = server.host
        body['OS-EXT-SRV-ATTR:hypervisor_hostname'] = (
            server.node and server.node + '.example.com')
        body['OS-EXT-SRV-ATTR:instance_name'] = server.instance_name
        if version >= V2_3:
            body.update({
                'OS-EXT-SRV-ATTR:hostname': server.hostname or server.name,
                'OS-EXT-SRV-ATTR:kernel_id': '',
                'OS-EXT-SRV-ATTR:launch_index': server.launch_index,
                'OS-EXT-SRV-ATTR:ramdisk_id': '',
                'OS-EXT-SRV-ATTR:reservation_id': server.reservation_id,
                'OS-EXT-SRV-ATTR:root_device_name': '/dev/vda',
                'OS-EXT-SRV-ATTR:user_data': server.user_data,
            })
    if version >= V2_90:
        body['OS-EXT-SRV-ATTR:hostname'] = server.hostname or server.name
    if version >= V2_16:
        if req.authorize(servers_policies.SHOW_HOST_STATUS, target,
                         fatal=False):
            body['host_status'] = req.store.host_status(server.host)
        elif (req.authorize(servers_policies.SHOW_HOST_STATUS_UNKNOWN_ONLY,
                            target, fatal=False)
              and req.store.host_status(server.host) == 'UNKNOWN'):
            body['host_status'] = 'UNKNOWN'
    if version >= V2_71 and not detail_list:
        body['server_groups'] = _server_groups(server)
    return body


def _server_groups(server):
    """The id of the server's group in a list (2.71), or []."""
    return [server.group_id] if server.group_id else []


def changed(req, server, user_data=True):
    """What PUT /servers/{id} and rebuild answer.

    The full body from 2.75; before, the basic one (with ``server_groups``
    from 2.71). Rebuild passes ``user_data=False``: its full body leaves
    out ``OS-EXT-SRV-ATTR:user_data`` (it shows ``user_data`` from 2.57
    instead).
    """
    if req.version >= V2_75:
        body = show(req, server)
        if not user_data:
            body.pop('OS-EXT-SRV-ATTR:user_data', None)
        return body
    body = basic(req, server)
    if req.version >= V2_71:
        body['server_groups'] = _server_groups(server)
    return body
