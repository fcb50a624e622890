"""Volumes and their attachments to servers (an in-memory Cinder)."""

import string

from fakenova.compute import exception
from fakenova.compute import model

_DEVICE_PREFIX = '/dev/vd'


def get(store, volume_id, ctx=None):
    """The volume as ``ctx`` may see it (its project's, or any for admins).

    Another project's volume is not found, as Cinder answers Nova.
    """
    volume = store.find_volume(volume_id, ctx)
    if volume is None:
        raise exception.NotFound(
            'Volume %s could not be found.' % volume_id)
    return volume


def attachment(server, volume_id):
    for item in server.volumes_attached or ():
        if item.volume_id == volume_id:
            return item
    raise exception.NotFound(
        'Instance %s is not attached to volume %s' % (server.id, volume_id))


def _next_device(server):
    used = {a.device for a in server.volumes_attached or ()}
    # vda is the root disk.
    for letter in string.ascii_lowercase[1:]:
        device = _DEVICE_PREFIX + letter
        if device not in used:
            return device
    raise exception.Forbidden(
        'The maximum allowed number of disk devices (25) to attach to a '
        'single instance has been exceeded.')


def prepare_attach(store, server, ctx, params):
    volume = get(store, params['volume_id'], ctx)
    if volume.multiattach:
        if server.host is None:
            raise exception.BadRequest(
                'Attaching multiattach volumes is not supported for '
                'shelved-offloaded instances.')
        if not params.get('multiattach_ok', True):
            raise exception.BadRequest(
                'Multiattach volumes are only supported starting with '
                'compute API version 2.60.')
    if server.id in volume.server_ids:
        raise exception.BadRequest(
            'Invalid volume: volume %s already attached' % volume.id)
    if volume.server_ids and not volume.multiattach:
        raise exception.BadRequest(
            'Invalid volume: volume %s is already attached to instances: '
            '%s' % (volume.id, ','.join(volume.server_ids)))
    device = params.get('device')
    used = {a.device for a in server.volumes_attached or ()}
    if device and device in used:
        raise exception.Conflict(
            'The supplied device path (%s) is in use.' % device)
    offloaded = server.host is None
    if offloaded and params.get('tag'):
        raise exception.BadRequest('Tagged volume attachment is not '
                                   'supported for shelved-offloaded '
                                   'instances.')
    if device is None and not offloaded:
        device = _next_device(server)
    item = model.VolumeAttachment(
        volume.id, device, tag=params.get('tag'),
        delete_on_termination=bool(params.get('delete_on_termination')),
        attachment_id=store.new_id(), bdm_uuid=store.new_id())
    server.volumes_attached = list(server.volumes_attached or []) + [item]
    volume.server_ids.append(server.id)
    volume.status = 'reserved' if offloaded else 'in-use'
    params['attachment'] = item


def boot_volumes(store, ctx, spec):
    """The volumes a server create's block device mappings name.

    ``spec`` holds the create's ``block_device_mapping_v2`` and
    ``block_device_mapping`` lists.

    Each as ``ctx`` may see it: another project's volume, or one that is
    missing, fails the create as Nova's does (400), before anything is
    made; so does a volume already in use that is not multiattach.
    Returns ``[(volume, mapping)]``; :func:`attach_boot_volumes` attaches
    them to the new server.
    """
    found = []
    for bdm in spec.get('block_device_mapping_v2') or ():
        if (isinstance(bdm, dict) and bdm.get('source_type') == 'volume'
                and bdm.get('uuid')):
            found.append((str(bdm['uuid']), bdm))
    for bdm in spec.get('block_device_mapping') or ():
        if isinstance(bdm, dict) and bdm.get('volume_id'):
            found.append((str(bdm['volume_id']), bdm))
    volumes = []
    for volume_id, bdm in found:
        volume = store.find_volume(volume_id, ctx)
        if volume is None:
            raise exception.BadRequest(
                'Block Device Mapping is Invalid: failed to get volume %s.'
                % volume_id)
        if volume.server_ids and not volume.multiattach:
            raise exception.BadRequest(
                'Invalid volume: volume %s status must be available, but '
                'the current status is %s.' % (volume.id, volume.status))
        volumes.append((volume, bdm))
    return volumes


def attach_boot_volumes(store, server, volumes):
    """Attach what :func:`boot_volumes` found to the new ``server``."""
    for volume, bdm in volumes:
        device = bdm.get('device_name')
        if not device:
            device = (_DEVICE_PREFIX + 'a' if bdm.get('boot_index') in
                      (0, '0') else _next_device(server))
        item = model.VolumeAttachment(
            volume.id, device, tag=bdm.get('tag'),
            delete_on_termination=bool(bdm.get('delete_on_termination')),
            attachment_id=store.new_id(), bdm_uuid=store.new_id())
        server.volumes_attached = (list(server.volumes_attached or [])
                                   + [item])
        volume.server_ids.append(server.id)
        volume.status = 'in-use'


def prepare_detach(store, server, ctx, params):
    volume = get(store, params['volume_id'], ctx)
    params['attachment'] = attachment(server, volume.id)
    volume.status = 'detaching'


def finish_detach(store, server, params):
    item = params['attachment']
    server.volumes_attached = [a for a in server.volumes_attached or ()
                               if a is not item]
    volume = store.volumes.get(item.volume_id)
    if volume is not None:
        if server.id in volume.server_ids:
            volume.server_ids.remove(server.id)
        volume.status = 'in-use' if volume.server_ids else 'available'


def check_swap(store, old_id, new_id, ctx=None):
    """The API's checks of a swap, before the server's state is."""
    old = get(store, old_id, ctx)
    if old.status not in ('retyping', 'migrating'):
        raise exception.Conflict(
            'volume %s is not migrating; this API should only be called '
            'by Cinder' % old.id)
    try:
        new = get(store, new_id, ctx)
    except exception.NotFound as exc:
        raise exception.BadRequest(exc.message)
    if new.server_ids:
        raise exception.BadRequest('Invalid volume: New volume must be '
                                   'detached in order to swap.')
    return old, new


def swap(store, server, old_id, new_id, ctx=None):
    old, new = check_swap(store, old_id, new_id, ctx)
    item = attachment(server, old.id)
    item.volume_id = new.id
    old.server_ids.remove(server.id)
    old.status = 'available'
    new.server_ids.append(server.id)
    new.status = 'in-use'


def complete_reserved(store, server):
    """Finish the attachments made while ``server`` was offloaded.

    They were only reserved (no device); once the server has a host
    again (unshelve), each gets its device and its volume is in-use.
    """
    for item in server.volumes_attached or ():
        if item.device is not None:
            continue
        item.device = _next_device(server)
        volume = store.volumes.get(item.volume_id)
        if volume is not None and volume.status == 'reserved':
            volume.status = 'in-use'


def release_all(store, server):
    """A deleted server lets go of its volumes."""
    for item in server.volumes_attached or ():
        volume = store.volumes.get(item.volume_id)
        if volume is None:
            continue
        if server.id in volume.server_ids:
            volume.server_ids.remove(server.id)
        if item.delete_on_termination and not volume.server_ids:
            store.volumes.pop(volume.id, None)
        else:
            volume.status = 'in-use' if volume.server_ids else 'available'
