"""Actions that change no vm_state: locks, floating IPs, security groups.

Like :mod:`lifecycle`, these run with ``store.lock`` held and raise the
domain errors Nova's API answers with.
"""

from fakenova.compute import exception
from fakenova.compute import states as st


def _locker(ctx, server):
    return 'owner' if ctx.project_id == server.project_id else 'admin'


def lock(store, ctx, server, reason=None):
    locker = _locker(ctx, server)
    if server.locked_by is not None and locker == 'owner':
        return  # the owner re-locking is a no-op (nothing recorded)
    server.locked_by = locker
    server.locked_reason = reason
    server.touch()
    action = store.record_action(server, 'lock', ctx)
    store.finish_action(action)


def unlock_needs_override(ctx, server):
    return (server.locked_by is not None
            and server.locked_by != _locker(ctx, server))


def unlock(store, ctx, server):
    server.locked_by = None
    server.locked_reason = None
    server.touch()
    action = store.record_action(server, 'unlock', ctx)
    store.finish_action(action)


def add_floating_ip(store, server, address, fixed_address=None, ctx=None):
    if server.vm_state == st.BUILDING or server.fixed_ips is None:
        raise exception.BadRequest('Instance network is not ready yet')
    fixed = [addr for _net, addr, _mac in server.fixed_ips or ()]
    if not fixed:
        raise exception.BadRequest('No fixed IPs associated to instance')
    if fixed_address is not None and fixed_address not in fixed:
        raise exception.BadRequest(
            'Specified fixed address not assigned to instance')
    if fixed_address is None:
        v4 = [addr for addr in fixed if ':' not in addr]
        if not v4:
            raise exception.BadRequest(
                'Unable to associate floating IP %s to any fixed IPs for '
                'instance %s. Instance has no fixed IPv4 addresses to '
                'associate.' % (address, server.id))
        fixed_address = v4[0]
    matches = store.floating_ips_by_address(address, ctx)
    if not matches:
        raise exception.NotFound('floating IP not found')
    fip = matches[0]
    if fip.server_id is not None:
        raise exception.BadRequest('floating IP is already associated')
    fip.server_id = server.id
    fip.fixed_address = fixed_address
    server.touch()


def find_floating_ip(store, address, ctx=None):
    """(floating IP, server holding it or None) for removeFloatingIp.

    Only the floating IPs ``ctx`` may see (Neutron answers Nova as the
    caller).
    """
    matches = store.floating_ips_by_address(address, ctx)
    if not matches:
        raise exception.NotFound(
            'Floating IP not found for address %s.' % address)
    if len(matches) > 1:
        raise exception.Conflict(
            'Multiple floating IPs are found for address %s.' % address)
    fip = matches[0]
    holder = store.servers.get(fip.server_id) if fip.server_id else None
    return fip, holder


def remove_floating_ip(store, fip, server_id, address):
    if fip.server_id is None or fip.server_id != server_id:
        raise exception.Conflict(
            'Floating IP %s is not associated with instance %s.' % (
                address, server_id))
    fip.server_id = None
    fip.fixed_address = None
    server = store.servers.get(server_id)
    if server is not None:
        server.touch()


def _find_group(store, ctx, name):
    if not name.strip():
        raise exception.BadRequest('Security group name cannot be empty')
    groups = store.find_security_groups(name, ctx.project_id)
    if not groups:
        raise exception.NotFound(
            'Security group %s is not found for project %s' % (
                name, ctx.project_id))
    if len(groups) > 1:
        raise exception.Conflict(
            'Multiple security_group matches found for name \'%s\', use '
            'an ID to be more specific.' % name)
    return groups[0]


def _check_ports(server):
    # Neutron applies groups to ports: a server without any has none.
    if not server.fixed_ips:
        raise exception.NotFound(
            'instance_id %s could not be found as device id on any ports'
            % server.id)


def add_security_group(store, ctx, server, name):
    group = _find_group(store, ctx, name)
    _check_ports(server)
    current = list(server.security_groups or [])
    if group.name not in current:
        current.append(group.name)
    server.security_groups = current
    server.touch()


def remove_security_group(store, ctx, server, name):
    group = _find_group(store, ctx, name)
    _check_ports(server)
    current = list(server.security_groups or [])
    if group.name not in current:
        raise exception.NotFound(
            'Security group %s not associated with the instance %s' % (
                name, server.id))
    current.remove(group.name)
    server.security_groups = current
    server.touch()


def check_lock(server, ctx):
    if server.locked_by is not None and not ctx.is_admin:
        raise exception.Locked(server_id=server.id)


def add_fixed_ip(store, server, network_id):
    """A new fixed IP on the network.

    An asynchronous cast in Nova: an unknown network fails later, leaving
    the server as it was.
    """
    network = store.networks.get(network_id)
    if network is None:
        return
    _net, addr, mac = store.allocate_fixed_ip()
    server.fixed_ips = list(server.fixed_ips or []) + [(network, addr, mac)]
    server.touch()


def remove_fixed_ip(store, server, address):
    current = list(server.fixed_ips or [])
    kept = [entry for entry in current if entry[1] != address]
    if len(kept) == len(current):
        raise exception.BadRequest(
            "Instance %s does not have fixed IP '%s'." % (server.id, address))
    server.fixed_ips = kept
    for fip in store.floating_ips.values():
        if fip.server_id == server.id and fip.fixed_address == address:
            fip.server_id = fip.fixed_address = None
    server.touch()
