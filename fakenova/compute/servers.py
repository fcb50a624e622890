"""How a server comes to be: the one creation of servers.

``POST /servers``, the fixture's ``create_server``, seed files and the
control API all call :func:`create`. The references a create names are
checked as Nova checks them, with Nova's messages (a ``BadRequest`` or
``Forbidden`` before anything is made): the flavor, the image (as the
caller may see it), the security groups, the key pair, the availability
zone, the server group of the ``group`` hint and the volumes of the block
device mappings. Then the server is made, joins its group and gets its
volumes, and either goes through the lifecycle's ``create`` (BUILD, then
ACTIVE as the pacing says: what the API does) or, given a
:class:`Settled` state, is placed in that state at once (what seeds and
the fixture ask for).

Call with ``store.lock`` held.
"""

import re

from fakenova.compute import exception
from fakenova.compute import flavors
from fakenova.compute import images
from fakenova.compute import lifecycle
from fakenova.compute import quotas
from fakenova.compute import security_groups as security_groups_mod
from fakenova.compute import server_groups
from fakenova.compute import states as st
from fakenova.compute import volumes


class Settled:
    """A state to create a server in directly (seeds and the fixture).

    ``vm_state`` (and ``task_state``, ``power_state``) as given;
    ``locked`` is true (by its owner) or ``'admin'``; ``host`` forces the
    host (None: the scheduler's choice, by the group's policy).
    """

    __slots__ = ('vm_state', 'task_state', 'power_state', 'locked',
                 'locked_reason', 'host')

    def __init__(self, vm_state=st.ACTIVE, task_state=None,
                 power_state=None, locked=False, locked_reason=None,
                 host=None):
        self.vm_state = vm_state
        self.task_state = task_state
        self.power_state = power_state
        self.locked = locked
        self.locked_reason = locked_reason
        self.host = host


def check(store, ctx, flavor_id, image_id, security_groups=None,
          key_name=None, zone=None, hints=None, block_devices=None,
          count=1, min_count=None, metadata=None, files=None, quota=False):
    """Nova's checks of a create of ``count`` servers.

    With ``quota`` (what the API asks), the quotas too: the metadata
    items and the personality ``files`` ([(path, contents)]), then the
    instances, cores and ram of ``count`` servers, at least ``min_count``
    (Nova's multiple create makes as many as fit when ``min_count`` do).

    Returns (the group of the ``group`` hint or None, boot volumes, the
    number of servers to make).
    """
    flavor = store.flavors.get(flavor_id)
    # A private flavor the caller's project has no access to is unknown;
    # a disabled one too, named by Nova's internal id.
    if flavor is None or not flavors.visible(flavor, ctx):
        raise exception.BadRequest(
            exception.FlavorNotFound(flavor_id=flavor_id).message)
    if flavor.disabled:
        raise exception.BadRequest(exception.FlavorNotFound(
            flavor_id=store.flavor_number(flavor_id)).message)
    image = None
    if image_id:
        image = store.find_image(image_id, ctx)
        if image is None:
            raise exception.BadRequest('Can not find requested image')
        if image.status != 'ACTIVE':
            raise exception.BadRequest('Image %s is not active.' % image_id)
    elif not block_devices:
        raise exception.BadRequest('Can not find requested image')
    for name in security_groups or ():
        # Every project has a 'default' group (Neutron makes it on first
        # use; here, when the server is accepted).
        if name != 'default' and not store.find_security_groups(
                name, ctx.project_id):
            raise exception.BadRequest(
                'Security group %s not found for project %s.' % (
                    name, ctx.project_id))
    # As Nova: a key pair of the requesting user (key pairs belong to
    # users), looked up after the security groups.
    if key_name is not None and (ctx.user_id, key_name) not in store.keypairs:
        raise exception.BadRequest('Invalid key_name provided.')
    # A zone with no compute host is not available ('zone:host' forced
    # hosts are not modelled: such a zone is unknown too).
    if zone is not None and zone not in store.availability_zones():
        raise exception.BadRequest(
            'The requested availability zone is not available')
    if quota:
        quotas.check_metadata(store, ctx, metadata)
        quotas.check_injected_files(store, ctx, files)
        count = quotas.check_instances(
            store, store.flavors[flavor_id],
            count if min_count is None else min_count, count,
            ctx.project_id, ctx.user_id)
    # The 'group' hint: a group the caller can see (400 otherwise), with
    # room for the caller's new servers (403).
    group = server_groups.from_hint(store, ctx, hints, count)
    boot = volumes.boot_volumes(store, ctx, block_devices or {})
    if image is not None and not boot:
        images.check_fits(store.flavors[flavor_id], image)
    return group, boot, count


def requested_networks(store, networks):
    """Nova's checks of a create's ``networks``.

    Returns [(network label, fixed address or None)], or None for the
    default network, or [] (``none``: no network at all).
    """
    if networks is None or networks == 'auto':
        return None
    if networks == 'none':
        return []
    out = []
    for item in networks:
        if item.get('port'):
            raise exception.BadRequest('Port id %s could not be found.'
                                       % item['port'])
        network_id = item.get('uuid')
        if not network_id:
            raise exception.BadRequest("Bad network format: missing 'uuid'")
        if not _UUID.match(network_id):
            raise exception.BadRequest(
                'Bad networks format: network uuid is not in proper format '
                '(%s)' % network_id)
        label = store.networks.get(network_id)
        if label is None:
            raise exception.BadRequest('Network %s could not be found.'
                                       % network_id)
        out.append((label, item.get('fixed_ip')))
    return out or None


_UUID = re.compile(r'^[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}$')


def hostname_for(name):
    """Nova's hostname for a display name (sanitized, at most 63)."""
    hostname = re.sub(r'[^\w.-]+', '-', name.lower()).strip('-.')
    return hostname[:63] or 'server'


def _hostname(name):
    """:func:`hostname_for`, the name's own string when equal."""
    hostname = hostname_for(name)
    return name if hostname == name else hostname


def create(store, ctx, name, flavor_id, image_id, **kwargs):
    """Check, then make one server of ``ctx``'s project and user.

    See :func:`create_many`; returns the server.
    """
    return create_many(store, ctx, name, flavor_id, image_id, **kwargs)[0]


def create_many(store, ctx, name, flavor_id, image_id, count=1,
                security_groups=None, key_name=None, availability_zone=None,
                scheduler_hints=None, block_devices=None, settled=None,
                hostname=None, networks=None, min_count=None,
                personality=None, **fields):
    """Check once, then make ``count`` servers (Nova's multiple create).

    What the API creates (no ``settled`` state) passes the quotas: as
    many servers as fit, at least ``min_count`` (``count`` by default);
    ``personality`` is the request's list of files (``path`` and
    ``contents``), checked against the injected file limits and not
    kept. Seeds and the fixture (``settled``) pass no quota but the
    server group members'.

    With several, they are named ``name-1``, ``name-2``... (Nova's
    ``multi_instance_display_name_template``), each with the hostname of
    its name unless ``hostname`` is given. ``networks`` is the request's
    (``'auto'``, ``'none'`` or a list). ``block_devices`` holds the
    create's ``block_device_mapping(_v2)`` lists; ``fields`` are the
    servers' other attributes (metadata, user_data, id, fixed_ips...).
    """
    flavor_id = str(flavor_id)
    files = [(item['path'], item['contents'])
             for item in personality or ()]
    group, boot, count = check(
        store, ctx, flavor_id, image_id, security_groups, key_name,
        availability_zone, scheduler_hints, block_devices, count,
        min_count=min_count, metadata=fields.get('metadata'), files=files,
        quota=settled is None)
    ports = requested_networks(store, networks)
    if security_groups:
        # A group given by id shows by its name, as Nova shows it.
        security_groups = security_groups_mod.names_of(
            store, ctx.project_id, security_groups)
    if scheduler_hints:
        # Nova keeps every hint as a list (its RequestSpec does).
        scheduler_hints = {key: value if isinstance(value, list)
                           else [value]
                           for key, value in scheduler_hints.items()}
    # The flavor's and the image's own id strings (not the request's
    # copies): one string for all the servers of a flavor or an image.
    flavor_id = store.flavors[flavor_id].id
    image = store.images.get(image_id) if image_id else None
    if image is not None:
        image_id = image.id
    names = [name] if count == 1 else [
        '%s-%d' % (name, number) for number in range(1, count + 1)]
    made = []
    for display_name in names:
        if ports is not None:
            fields['fixed_ips'] = [store.allocate_fixed_ip(label, address)
                                   for label, address in ports]
        server = store.new_server(
            display_name, ctx.project_id, ctx.user_id, flavor_id,
            image_id or '', security_groups=security_groups,
            key_name=key_name, scheduler_hints=scheduler_hints,
            hostname=hostname or _hostname(display_name),
            # Until scheduled, only a requested zone shows.
            availability_zone=availability_zone,
            pinned_az=availability_zone, **fields)
        if group is not None:
            server_groups.add_member(store, group, server)
        volumes.attach_boot_volumes(store, server, boot)
        if settled is None:
            lifecycle.perform(store, ctx, server, 'create')
        else:
            _settle_at_once(store, ctx, server, settled, group)
        made.append(server)
    return made


def _settle_at_once(store, ctx, server, settled, group):
    vm_state = settled.vm_state
    server.vm_state = vm_state
    server.task_state = settled.task_state
    server.power_state = (settled.power_state
                          if settled.power_state is not None
                          else st.POWER_FOR_VM_STATE.get(vm_state,
                                                         st.NOSTATE))
    if vm_state != st.BUILDING:
        server.launched_at = server.created
    if vm_state != st.SHELVED_OFFLOADED:
        host = settled.host
        if host is None:
            host, refused = server_groups.pick_host(
                store, server, zone=server.availability_zone)
            if refused:
                store.destroy_server(server)
                raise exception.BadRequest(
                    'No valid host was found: no host fits the %s policy '
                    'of server group %s' % (group.policy, group.id))
        store.place(server, host)
    if settled.locked:
        server.locked_by = 'admin' if settled.locked == 'admin' else 'owner'
        server.locked_reason = settled.locked_reason
    if vm_state == st.RESIZED:
        server.old_flavor_id = server.flavor_id
    # Made at once: its action starts and ends when it is made.
    action = store.record_action(server, 'create', ctx,
                                 event='compute__do_build_and_run_instance',
                                 now=server.created)
    if vm_state == st.ERROR:
        store.finish_action(action, result='Error', now=server.created)
    elif vm_state != st.BUILDING:
        store.finish_action(action, now=server.created)
    store.count(server)  # its quota usage in that state
