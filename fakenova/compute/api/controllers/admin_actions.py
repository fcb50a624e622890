"""Shelve, deferred delete, backups, admin and fixed-IP server actions.

They register in the one action table of
:mod:`fakenova.compute.api.controllers.server_actions`; state rules are rows of
the lifecycle table.
"""

from fakenova.compute.api.controllers import server_actions as base
from fakenova.compute.api import validation
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import lifecycle
from fakenova.compute import operations
from fakenova.compute import quotas
from fakenova.policies import admin_actions as admin_policies
from fakenova.policies import create_backup as backup_policies
from fakenova.policies import evacuate as evacuate_policies
from fakenova.policies import migrate_server as migrate_policies
from fakenova.policies import multinic as multinic_policies
from fakenova.policies import shelve as shelve_policies

Response = wsgi.Response


def unshelve(req, value):
    server = base.load_server(req)
    target = base.target_of(server)
    req.authorize(shelve_policies.UNSHELVE, target)
    params = {}
    if req.version >= (2, 77) and isinstance(value, dict):
        if 'availability_zone' in value:
            params['availability_zone'] = value['availability_zone']
        if value.get('host') is not None:
            req.authorize(shelve_policies.UNSHELVE_TO_HOST, target)
            params['host'] = value['host']
    lifecycle.perform(req.store, req.context, server, 'unshelve', params)
    return Response(202)


def reset_state(req, value):
    server = base.load_server(req)
    req.authorize(admin_policies.RESET_STATE, base.target_of(server))
    lifecycle.perform(req.store, req.context, server, 'os-resetState',
                      {'state': value['state']})
    if server.pending is not None:
        # Recorded and finished at once, whatever the pacing.
        lifecycle.settle(req.store, server, server.pending)
    return Response(202)


def reset_network(req, value):
    """Removed from Nova (Wallaby): 410 at every microversion.

    No lookup and no policy check happen first.
    """
    raise exception.Gone()


def create_backup(req, value):
    server = base.load_server(req)
    req.authorize(backup_policies.BASE_POLICY_NAME, base.target_of(server))
    rotation = int(value['rotation'])
    # Until 2.39 the image's metadata counts against metadata_items.
    if req.version < (2, 39):
        quotas.check_image_metadata(req.store, req.context,
                                    value.get('metadata'))
    params = lifecycle.perform(
        req.store, req.context, server, 'createBackup',
        {'name': value['name'].strip(), 'backup_type': value['backup_type'],
         'rotation': rotation, 'metadata': value.get('metadata')})
    image = params['image']
    if req.version >= (2, 45):
        return Response(202, {'image_id': image.id})
    headers = None
    if rotation > 0:
        # quirk: the compute endpoint (without project id), not glance.
        url = req.host_url + req.environ.get('SCRIPT_NAME', '')
        headers = [('Location', '%s/images/%s' % (url, image.id))]
    return Response(202, headers=headers)


def add_fixed_ip(req, value):
    server = base.load_server(req)
    req.authorize(multinic_policies.ADD, base.target_of(server))
    # Nova answers 500 for a locked server here (the handler does not map
    # the error); fakenova answers the 409 every other action gives.
    operations.check_lock(server, req.context)
    operations.add_fixed_ip(req.store, server, str(value['networkId']))
    return Response(202)


def remove_fixed_ip(req, value):
    server = base.load_server(req)
    req.authorize(multinic_policies.REMOVE, base.target_of(server))
    operations.check_lock(server, req.context)
    operations.remove_fixed_ip(req.store, server, value['address'])
    return Response(202)


def _load_for_move(req, rule, host_rule, host):
    """The server, once ``rule`` allows the move.

    When the caller names a destination host, Nova checks ``host_rule``
    (``rule:host``, admin-only by default) instead.
    """
    server = base.load_server(req)
    req.authorize(rule if host is None else host_rule,
                  base.target_of(server))
    return server


def migrate(req, value):
    host = None
    if req.version >= (2, 56) and isinstance(value, dict):
        host = value.get('host')
    server = _load_for_move(req, migrate_policies.MIGRATE,
                            migrate_policies.MIGRATE_HOST, host)
    lifecycle.perform(req.store, req.context, server, 'migrate',
                      {'host': host})
    return Response(202)


def live_migrate(req, value):
    host = value.get('host')
    server = _load_for_move(req, migrate_policies.MIGRATE_LIVE,
                            migrate_policies.MIGRATE_LIVE_HOST, host)
    force = validation.to_bool(value.get('force', False))
    if force and host is None:
        raise exception.BadRequest("Can't force to a non-provided "
                                   "destination")
    # From 2.34 the conductor runs the pre-checks after the 202. A host
    # named before 2.30, or forced, skips the scheduler (and so the
    # server group's policy).
    lifecycle.perform(req.store, req.context, server, 'os-migrateLive',
                      {'host': host,
                       'async_checks': req.version >= (2, 34),
                       'forced': host is not None and (
                           force or req.version < (2, 30))})
    return Response(202)


def evacuate(req, value):
    server = base.load_server(req)
    req.authorize(evacuate_policies.BASE_POLICY_NAME, base.target_of(server))
    host = value.get('host')
    admin_pass = value.get('adminPass')
    if req.version < (2, 14):
        shared = validation.to_bool(value['onSharedStorage'])
        if shared and admin_pass:
            raise exception.BadRequest(
                "admin password can't be changed on existing disk")
        if not shared and not admin_pass:
            admin_pass = lifecycle.generate_password()
    force = validation.to_bool(value.get('force', False))
    if force and host is None:
        raise exception.BadRequest("Can't force to a non-provided "
                                   "destination")
    # As for live migration, from 2.29.
    lifecycle.perform(req.store, req.context, server, 'evacuate',
                      {'host': host, 'stop': req.version >= (2, 95),
                       'forced': host is not None and (
                           force or req.version < (2, 29))})
    if req.version < (2, 14):
        return Response(200, {'adminPass': admin_pass})
    return Response(200)
