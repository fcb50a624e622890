"""Side effects of the lifecycle rows added for the rest of the actions.

``prepare_*`` hooks run after the preconditions and may still refuse the
request (nothing has been written yet); ``finish_*`` hooks run when the
action settles. See :mod:`fakenova.compute.lifecycle` for the table.
"""

import time

from fakenova.compute import exception
from fakenova.compute import server_groups
from fakenova.compute import states as st
from fakenova.compute import volumes


# -- shelve ---------------------------------------------------------------

def prepare_shelve(store, server, ctx, params):
    params['image'] = None
    if server.image_id:
        params['image'] = store.add_snapshot(
            server, '%s-shelved' % server.name, ctx=ctx, kind='shelved')


def finish_shelve(store, server, params):
    if params.get('image') is not None:
        store.finish_snapshot(params['image'])
    server.power_state = st.SHUTDOWN
    server.shelved_at = time.time()
    if store.shelved_offload_time == 0:
        offload(store, server)
    else:
        server.vm_state = st.SHELVED


def offload(store, server):
    """SHELVED -> SHELVED_OFFLOADED: the guest leaves its host."""
    server.vm_state = st.SHELVED_OFFLOADED
    store.place(server, None)


def finish_shelve_offload(store, server, params):
    offload(store, server)


def prepare_unshelve(store, server, ctx, params):
    az_given = 'availability_zone' in params
    host = params.get('host')
    if (az_given or host) and server.vm_state != st.SHELVED_OFFLOADED:
        raise exception.Conflict(
            'Specifying an availability zone or a host when unshelving '
            'server "%s" with status "%s" is not supported. The server '
            'status must be SHELVED_OFFLOADED.' % (server.id,
                                                   server.vm_state))
    zone = params.get('availability_zone')
    if zone is not None and zone not in store.availability_zones():
        raise exception.BadRequest(
            'The requested availability zone is not available')
    if host is not None:
        if host not in store.hosts:
            raise exception.BadRequest(
                'Compute host %s could not be found.' % host)
        host_zone = store.host_zone(host)
        if zone is not None and zone != host_zone:
            raise exception.Conflict(
                'Host "%s" is not in the availability zone "%s".' % (
                    host, zone))


def _delete_shelved_image(store, server):
    """Unshelve deletes the snapshot shelve made, as Nova does."""
    for image in list(store.images.values()):
        if image.server_id == server.id and image.image_type == 'shelved':
            del store.images[image.id]


def finish_unshelve(store, server, params):
    if 'availability_zone' in params:
        zone = params['availability_zone']   # 2.77; 2.91's null: any
    else:
        zone = server.pinned_az
    if server.host is None:
        host, refused = params.get('host'), False
        if host is None:
            host, refused = server_groups.pick_host(store, server, zone=zone)
        else:
            refused = not server_groups.host_fits(store, server, host)
        if refused:
            # As Nova's conductor when the group's policy leaves no host:
            # the server stays offloaded (the action errs).
            server.vm_state = st.SHELVED_OFFLOADED
            server.power_state = st.POWER_FOR_VM_STATE[server.vm_state]
            return 'Error'
        store.place(server, host)
    if 'availability_zone' in params:
        # 2.77 pins the server to the zone asked for; 2.91's null unpins.
        server.pinned_az = params['availability_zone']
    server.shelved_at = None
    volumes.complete_reserved(store, server)
    _delete_shelved_image(store, server)


# -- deferred delete --------------------------------------------------------

def finish_soft_delete(store, server, params):
    server.vm_state = st.SOFT_DELETED
    server.power_state = st.SHUTDOWN
    server.deleted_at = time.time()


def finish_restore(store, server, params):
    server.deleted_at = None


# -- backups ------------------------------------------------------------------

def prepare_backup(store, server, ctx, params):
    if not server.image_id:
        raise exception.BadRequest(
            'Backup is not supported for volume-backed instances.')
    params['image'] = store.add_snapshot(
        server, params['name'], params.get('metadata'), ctx,
        image_type='backup', backup_type=params['backup_type'])


def finish_backup(store, server, params):
    """Finish the upload, then keep only the newest ``rotation`` backups."""
    image = params['image']
    store.finish_snapshot(image)
    backups = [i for i in store.images.values()
               if i.server_id == server.id and i.image_type == 'backup'
               and i.metadata.get('backup_type') == params['backup_type']
               and not i.pending]
    backups.sort(key=lambda i: i.created, reverse=True)
    for old in backups[int(params['rotation']):]:
        store.images.pop(old.id, None)


# -- admin actions ------------------------------------------------------------

def prepare_reset_state(store, server, ctx, params):
    # os-resetState writes the state at once and clears the task: an
    # action still in progress is abandoned, not completed.
    server.pending = None
    server.vm_state = params['state']


def finish_reset_state(store, server, params):
    server.vm_state = params['state']
