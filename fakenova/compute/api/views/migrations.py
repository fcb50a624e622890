"""Migration records -> Nova JSON, per microversion.

Two APIs show the same records: ``/servers/{id}/migrations`` (in-progress
live migrations of one server, with their progress counters) and
``/os-migrations`` (every move of the cloud, with its type and flavors).
:func:`common` holds what they share.
"""

from fakenova.compute.api import views

# Live migration statuses that count as "in progress" (Nova's list).
IN_PROGRESS = ('queued', 'preparing', 'running', 'post-migrating')

HOST_FIELDS = ('source_compute', 'source_node', 'dest_compute', 'dest_node',
               'dest_host')
# The IP address of every destination host, as a migration records it.
DEST_HOST_IP = '192.168.1.20'


def _node(host):
    return host + '.example.com' if host else None


def in_progress_live(migration):
    """Is ``migration`` a live migration that has not ended?"""
    return (migration.kind == 'live-migration'
            and migration.status in IN_PROGRESS)


def common(req, migration, with_hosts):
    """The fields of both APIs; host fields are null without ``with_hosts``.

    2.59 adds ``uuid``; 2.80 ``user_id`` and ``project_id`` (of whoever
    started the move, not necessarily the server's owner).
    """
    out = {
        'id': migration.id,
        'status': migration.status,
        'created_at': views.usage_time(migration.created),
        'updated_at': views.usage_time(migration.updated),
    }
    if with_hosts:
        out.update(
            source_compute=migration.source_compute,
            source_node=_node(migration.source_compute),
            dest_compute=migration.dest_compute,
            dest_node=_node(migration.dest_compute),
            dest_host=DEST_HOST_IP)
    else:
        out.update(dict.fromkeys(HOST_FIELDS))
    if req.version >= (2, 59):
        out['uuid'] = migration.uuid
    if req.version >= (2, 80):
        out['user_id'] = migration.user_id
        out['project_id'] = migration.project_id
    return out


def server_migration(req, migration, with_hosts):
    """One entry of /servers/{id}/migrations (2.23+)."""
    out = common(req, migration, with_hosts)
    out.update({
        'server_uuid': migration.server_id,
        'memory_total_bytes': 1073741824, 'memory_processed_bytes': 0,
        'memory_remaining_bytes': 1073741824, 'disk_total_bytes': 0,
        'disk_processed_bytes': 0, 'disk_remaining_bytes': 0,
    })
    return out


def listed(req, migration, with_hosts):
    """One entry of /os-migrations.

    The flavor fields hold flavors' internal integer ids (null when the
    move did not record them, as for an evacuation). 2.23 adds
    ``migration_type`` and, for an in-progress live migration only,
    ``links`` to it under /servers/{id}/migrations.
    """
    store = req.store
    out = common(req, migration, with_hosts)
    out.update({
        'instance_uuid': migration.server_id,
        'old_instance_type_id': store.flavor_number(migration.old_flavor_id),
        'new_instance_type_id': store.flavor_number(migration.new_flavor_id),
    })
    if req.version >= (2, 23):
        out['migration_type'] = migration.kind
        if in_progress_live(migration):
            out['links'] = views.links(
                req, 'servers/%s/migrations' % migration.server_id,
                migration.id)
    return out
