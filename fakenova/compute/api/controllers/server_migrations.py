"""/servers/{id}/migrations: in-progress live migrations (2.22+)."""

from fakenova.compute.api.controllers import server_actions as base
from fakenova.compute.api import validation
from fakenova.compute.api.views import migrations as views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import lifecycle
from fakenova.compute import operations
from fakenova.compute import states as st
from fakenova.policies import server_migrations as server_migration_policies

Response = wsgi.Response
IN_PROGRESS = views.IN_PROGRESS
force_complete_schema = validation.action('force_complete', {'type': 'null'})


def _live(req, server):
    return [m for m in req.store.migrations_of(server.id)
            if views.in_progress_live(m)]


def _find(req, server, statuses=IN_PROGRESS):
    wanted = req.urlvars['migration_id']
    for migration in req.store.migrations_of(server.id):
        if str(migration.id) != wanted:
            continue
        if migration.kind != 'live-migration':
            raise exception.NotFound(
                'Migration %s for server %s is not live-migration.' % (
                    wanted, server.id))
        if migration.status not in statuses:
            raise exception.NotFound(
                'Live migration %s for server %s is not in progress.' % (
                    wanted, server.id))
        return migration
    raise exception.NotFound(
        'In-progress live migration %s is not found for server %s.' % (
            wanted, server.id))


def index(req):
    with req.store.lock:
        server = base.load_server(req)
        target = base.target_of(server)
        req.authorize(server_migration_policies.INDEX, target)
        hosts = req.authorize(server_migration_policies.INDEX_HOST, target,
                              fatal=False)
        return Response(200, {'migrations': [
            views.server_migration(req, m, hosts)
            for m in _live(req, server)]})


def show(req):
    with req.store.lock:
        server = base.load_server(req)
        req.authorize(server_migration_policies.SHOW, base.target_of(server))
        return Response(200, {'migration': views.server_migration(
            req, _find(req, server), True)})


def action(req):
    body = req.json_body()
    validation.validate(force_complete_schema, body)
    with req.store.lock:
        server = base.load_server(req)
        req.authorize(server_migration_policies.FORCE_COMPLETE,
                      base.target_of(server))
        operations.check_lock(server, req.context)
        if server.vm_state != st.ACTIVE:
            raise exception.InvalidState(
                action='force_complete', server_id=server.id,
                attr='vm_state', state=server.vm_state)
        if server.task_state != 'migrating':
            raise exception.InvalidState(
                action='force_complete', server_id=server.id,
                attr='task_state', state=server.task_state)
        migration = _find(req, server, statuses=tuple(IN_PROGRESS))
        if migration.status != 'running':
            raise exception.BadRequest(
                'Migration %s state of instance %s is %s. Cannot force '
                'complete while the migration is in this state.' % (
                    migration.id, server.id, migration.status))
        if server.pending is not None:
            lifecycle.settle(req.store, server, server.pending)
    return Response(202)


def delete(req):
    with req.store.lock:
        server = base.load_server(req)
        req.authorize(server_migration_policies.DELETE, base.target_of(server))
        operations.check_lock(server, req.context)
        if server.task_state != 'migrating':
            raise exception.InvalidState(
                action='abort live migration', server_id=server.id,
                attr='task_state', state=server.task_state)
        migration = _find(req, server)
        allowed = (('running', 'queued', 'preparing')
                   if req.version >= (2, 65) else ('running',))
        if migration.status not in allowed:
            raise exception.BadRequest(
                'Migration %s state of instance %s is %s. Cannot abort live '
                'migration while the migration is in this state.' % (
                    migration.id, server.id, migration.status))
        migration.set_status('cancelled')
        # The server stays where it was.
        if server.pending is not None:
            lifecycle.settle(req.store, server, server.pending)
    return Response(202)
