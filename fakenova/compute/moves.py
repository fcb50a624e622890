"""Moving servers: resize, cold and live migration, evacuation.

Side-effect hooks of the lifecycle rows that change a server's flavor or
host (see :mod:`fakenova.compute.lifecycle`). Every move leaves a
migration record (``store.migrations``) with Nova's types and statuses:
``resize`` and ``migration`` end ``finished`` then ``confirmed`` or
``reverted``; ``live-migration`` runs then ``completed`` (or
``cancelled``); ``evacuation`` ends ``done``.

The scheduler's picks honour the policy of the server's group (see
:mod:`fakenova.compute.server_groups`); when it accepts no host, a cold
migration or resize (and a live migration before 2.34) is Nova's 400
NoValidHost, a later live migration ends in ``error`` and an evacuation
leaves the server in ERROR. A forced host skips the scheduler.
"""

from fakenova.compute import console_tokens
from fakenova.compute import exception
from fakenova.compute import flavors
from fakenova.compute import images
from fakenova.compute import quotas
from fakenova.compute import server_groups
from fakenova.compute import states as st

SERVICE_UNAVAILABLE = 'Service is unavailable at this time.'


def check_service_up(store, host):
    if not store.host_up(host):
        raise exception.Conflict(SERVICE_UNAVAILABLE)


def _destination(store, server, requested=None, not_found=None,
                 same_host=None, forced=False):
    """A host to move to: the requested one (checked) or any other up.

    None when the policy of the server's group accepts no host (Nova's
    scheduler: NoValidHost); a ``forced`` host skips the scheduler, and
    so the policy.
    """
    if requested is not None:
        if requested not in store.hosts:
            raise not_found(requested)
        if requested == server.host and same_host is not None:
            raise same_host()
        if forced or server_groups.host_fits(store, server, requested):
            return requested
        return None
    # Nova never picks the current host ([DEFAULT]
    # allow_resize_to_same_host is false); a one-host cloud keeps it.
    # Moves stay in the zone the server is pinned to, if any.
    host, refused = server_groups.pick_host(
        store, server, exclude=server.host, zone=server.pinned_az)
    if refused:
        return None
    return host or server.host


def _no_valid_host(reason=server_groups.NOT_ENOUGH_HOSTS):
    return exception.NoValidHost(reason=reason)


# -- resize and cold migration -------------------------------------------

def prepare_resize(store, server, ctx, params):
    check_service_up(store, server.host)
    flavor_id = str(params['flavor_id'])
    flavor = store.flavors.get(flavor_id)
    # A private flavor the caller's project has no access to is unknown.
    if (flavor is None or flavor.disabled
            or not flavors.visible(flavor, ctx)):
        raise exception.BadRequest(
            'Flavor %s could not be found.' % flavor_id)
    if flavor.id == server.flavor_id:
        raise exception.BadRequest(
            'When resizing, instances must change flavor!')
    current = store.flavor_of(server)
    if current is not None:
        # The growth in cores and ram must fit the quotas (403).
        quotas.check_upsize(store, server, current, flavor)
    if (flavor.disk == 0 and server.image_id and current is not None
            and current.disk != 0):
        raise exception.BadRequest(
            'Server disk was unable to be resized because: Resize to zero '
            'disk flavor is not allowed.')
    image = store.images.get(server.image_id) if server.image_id else None
    if image is not None:
        images.check_fits(flavor, image)
    dest = _destination(store, server)
    if dest is None:
        raise _no_valid_host('No valid host found for resize')
    _start_cold_move(store, server, ctx, params, 'resize', dest)
    if params.get('disk_config'):
        server.disk_config = params['disk_config']


def prepare_migrate(store, server, ctx, params):
    check_service_up(store, server.host)

    def not_found(host):
        return exception.BadRequest(
            'Compute host %s could not be found.' % host)

    def same_host():
        return exception.BadRequest(
            'Cannot migrate to the host where the server exists.')
    dest = _destination(store, server, params.get('host'), not_found,
                        same_host)
    if dest is None:
        raise _no_valid_host('No valid host found for cold migrate')
    params['flavor_id'] = server.flavor_id
    _start_cold_move(store, server, ctx, params, 'migration', dest)


def _start_cold_move(store, server, ctx, params, kind, dest):
    if params['flavor_id'] != server.flavor_id:
        # A resize copies the new flavor as it is now: forget a copy of
        # a deleted flavor of that id kept from before.
        store.embedded_flavors.pop((server.id, params['flavor_id']), None)
    params['old_flavor_id'] = server.flavor_id
    params['old_vm_state'] = server.vm_state
    params['migration'] = store.new_migration(
        server, kind, server.host, dest, old_flavor_id=server.flavor_id,
        new_flavor_id=params['flavor_id'], user_id=ctx.user_id,
        project_id=ctx.project_id)
    params['migration'].set_status('pre-migrating')
    server.progress = 0


def finish_cold_move(store, server, params):
    migration = params['migration']
    migration.set_status('finished')
    server.old_flavor_id = params['old_flavor_id']
    server.pre_resize_state = params['old_vm_state']
    server.flavor_id = params['flavor_id']
    store.place(server, migration.dest_compute)
    server.vm_state = st.RESIZED
    server.progress = 100


def _finished_migration(store, server):
    for migration in reversed(store.migrations_of(server.id)):
        if migration.status == 'finished':
            return migration
    return None


def prepare_resized(store, server, ctx, params):
    """confirmResize / revertResize: there must be a finished move."""
    if server.old_flavor_id is None:
        raise exception.BadRequest('Instance has not been resized.')
    migration = _finished_migration(store, server)
    if migration is None:
        # A server seeded straight into VERIFY_RESIZE has no record yet.
        migration = store.new_migration(
            server, 'resize', server.host, server.host,
            old_flavor_id=server.old_flavor_id,
            new_flavor_id=server.flavor_id)
        migration.set_status('finished')
    check_service_up(store, migration.source_compute)
    params['old_flavor_id'] = server.old_flavor_id
    params['back_to'] = server.pre_resize_state or st.ACTIVE
    params['migration'] = migration
    # The record moves on: a second confirm or revert finds no finished
    # migration.
    server.old_flavor_id = None


def prepare_confirm(store, server, ctx, params):
    prepare_resized(store, server, ctx, params)
    params['migration'].set_status('confirming')


def prepare_revert(store, server, ctx, params):
    old = (store.flavor_of(server, server.old_flavor_id)
           if server.old_flavor_id else None)
    current = store.flavor_of(server)
    if old is not None and current is not None:
        # A revert to a larger flavor must fit the quotas too. Nova's
        # revertResize does not expect the error and answers a 500
        # (TooManyInstances); fakenova answers the 403 a resize gets.
        quotas.check_upsize(store, server, current, old)
    prepare_resized(store, server, ctx, params)
    params['migration'].set_status('reverting')


def finish_confirm(store, server, params):
    params['migration'].set_status('confirmed')
    server.vm_state = (st.STOPPED if server.power_state == st.SHUTDOWN
                       else st.ACTIVE)
    server.pre_resize_state = None


def finish_revert(store, server, params):
    migration = params['migration']
    migration.set_status('reverted')
    server.flavor_id = params['old_flavor_id']
    store.place(server, migration.source_compute)
    server.vm_state = params['back_to']
    server.power_state = st.POWER_FOR_VM_STATE[server.vm_state]
    server.pre_resize_state = None


# -- live migration ---------------------------------------------------------

def prepare_live_migrate(store, server, ctx, params):
    def not_found(host):
        return exception.BadRequest(
            'Compute host %s could not be found.' % host)

    def same_host():
        return exception.BadRequest(
            'Unable to migrate instance (%s) to current host (%s).' % (
                server.id, server.host))
    failed_check = None
    if params.get('async_checks') and params.get('host') == server.host:
        # The pre-check fails after the 202: the migration ends in error
        # and the server stays where it is (its status never changes).
        failed_check = same_host()
        dest = server.host
    else:
        dest = _destination(store, server, params.get('host'), not_found,
                            same_host, forced=params.get('forced'))
        if dest is None:
            # Until 2.34 the API waits for the scheduler: a 400. Then the
            # migration ends in error and the server stays where it is.
            if not params.get('async_checks'):
                raise _no_valid_host()
            failed_check = _no_valid_host()
            dest = params.get('host')
    migration = store.new_migration(
        server, 'live-migration', server.host, dest,
        old_flavor_id=server.flavor_id, new_flavor_id=server.flavor_id,
        user_id=ctx.user_id, project_id=ctx.project_id)
    migration.set_status('error' if failed_check else 'running')
    params['migration'] = migration


def finish_live_migrate(store, server, params):
    migration = params['migration']
    if migration.status == 'error':
        return 'Error'
    if migration.status == 'cancelled':
        return None
    migration.set_status('completed')
    store.place(server, migration.dest_compute)
    # As Nova after a live migration: the server's console tokens go.
    console_tokens.forget_server(store, server.id)


# -- evacuation ------------------------------------------------------------

def prepare_evacuate(store, server, ctx, params):
    if store.host_up(server.host):
        raise exception.BadRequest(
            'Compute service of %s is still in use.' % server.host)

    def not_found(host):
        return exception.NotFound('Compute host %s not found.' % host)

    def same_host():
        return exception.BadRequest("The target host can't be the same one.")
    dest = _destination(store, server, params.get('host'), not_found,
                        same_host, forced=params.get('forced'))
    # No host for the group's policy: the evacuation fails after the 200.
    params['no_valid_host'] = dest is None
    params['was'] = server.vm_state
    params['migration'] = store.new_migration(
        server, 'evacuation', server.host, dest, user_id=ctx.user_id,
        project_id=ctx.project_id)
    server.progress = 0


def finish_evacuate(store, server, params):
    if params.get('no_valid_host'):
        # As Nova's conductor: the migration errs, the server stays on its
        # (down) host in ERROR.
        params['migration'].set_status('error')
        server_groups.no_valid_host(server, 'rebuild_instance')
        return 'Error'
    params['migration'].set_status('done')
    store.place(server, params['migration'].dest_compute)
    was = params['was']
    if was == st.ERROR:
        server.vm_state = st.ACTIVE
    elif was == st.STOPPED or params.get('stop'):
        # From 2.95 an evacuated server arrives stopped.
        server.vm_state = st.STOPPED
    else:
        server.vm_state = st.ACTIVE
    server.power_state = st.POWER_FOR_VM_STATE[server.vm_state]
