"""Who may do what: every route and server action x a set of personas.

Each cell is one REAL request through the REAL app (``deploy.build`` with
the KeystoneContext filter, so roles come from the ``X-Roles`` header),
against a FRESH store holding one server put in a state where the
action's preconditions hold. Only policy, the lock and project scoping
are left to decide the answer; nothing here re-states a rule.

A persona is ``{name, roles, project: owner|other|admin,
lock: none|admin|self}``: ``lock`` is who locked the server before the
request (``self``: the persona's own user).
"""

import collections
import json

import webob
import yaml

from fakenova import cloud as cloud_mod
from fakenova.compute import aggregates
from fakenova.compute.api import operations as api_operations
from fakenova.compute.api import router as router_mod
from fakenova.compute import console_tokens
from fakenova.compute import keypairs
from fakenova.compute import lifecycle
from fakenova.compute import security_groups
from fakenova.compute import seeding
from fakenova.compute import states as st
from fakenova.compute import store as store_mod
from fakenova import context as context_mod
from fakenova import deploy
from fakenova import policy

PROJECTS = {'owner': 'owner-project', 'other': 'other-project',
            'admin': 'admin-project'}
USERS = {'owner': 'owner-user', 'other': 'other-user', 'admin': 'admin-user'}
LOCKS = ('none', 'admin', 'self')

DEFAULT_PERSONAS = (
    {'name': 'admin', 'roles': ['admin', 'member', 'reader'],
     'project': 'admin', 'lock': 'none'},
    {'name': 'member', 'roles': ['member', 'reader'], 'project': 'owner',
     'lock': 'none'},
    {'name': 'reader', 'roles': ['reader'], 'project': 'owner',
     'lock': 'none'},
    {'name': 'no-role', 'roles': [], 'project': 'owner', 'lock': 'none'},
    {'name': 'other-project', 'roles': ['member', 'reader'],
     'project': 'other', 'lock': 'none'},
    {'name': 'locked-by-admin', 'roles': ['member', 'reader'],
     'project': 'owner', 'lock': 'admin'},
    {'name': 'locker', 'roles': ['member', 'reader'], 'project': 'owner',
     'lock': 'self'},
)

IMAGE = store_mod.DEFAULT_IMAGES[0][0]
NETWORK = store_mod.DEFAULT_NETWORK_ID
SERVER_ID = 'c0ffee00-0000-4000-8000-000000000001'
# Any valid OpenSSH public key will do (no one holds its private half).
PUBLIC_KEY = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINjL/165xk+pENvk6tTNjuRm'
              'wkXi/Vt0NTf9hu0qQ4XW policy-matrix')


class PersonaError(ValueError):
    """A personas file that cannot be used."""


def load_personas(path):
    """Personas from a YAML list (see the module docstring)."""
    try:
        with open(path) as f:
            data = yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as exc:
        raise PersonaError('%s: %s' % (path, exc))
    if not isinstance(data, list) or not data:
        raise PersonaError('%s: expected a non-empty list of personas'
                           % path)
    personas = []
    for number, item in enumerate(data, 1):
        if not isinstance(item, dict) or 'name' not in item:
            raise PersonaError('%s: persona %d needs a name' % (path, number))
        roles = item.get('roles') or []
        if isinstance(roles, str):
            roles = [r.strip() for r in roles.split(',') if r.strip()]
        project = item.get('project', 'owner')
        lock = str(item.get('lock', 'none')).lower()
        if project not in PROJECTS:
            raise PersonaError('%s: persona %s: project must be one of %s'
                               % (path, item['name'], ', '.join(PROJECTS)))
        if lock not in LOCKS:
            raise PersonaError('%s: persona %s: lock must be one of %s'
                               % (path, item['name'], ', '.join(LOCKS)))
        personas.append({'name': str(item['name']), 'roles': list(roles),
                         'project': project, 'lock': lock})
    return personas


class Case(collections.namedtuple(
        'Case', 'label method path version body state setup')):
    """One request of the matrix.

    ``path`` and ``body`` may hold ``{name}`` placeholders filled from the
    ids ``setup(store, server, ids)`` records; ``state`` is the keyword
    arguments of :func:`fakenova.compute.seeding.create_server` (None: no
    server at all).
    """


def case(label, method, path, version='2.1', body=None, state=None,
         setup=None):
    return Case(label, method, path, version, body,
                {} if state is None else state, setup)


# -- set-up helpers ----------------------------------------------------------

def _fip(store, server, ids, attach=False):
    fip = store.add_floating_ip(server.project_id)
    ids['fip_id'], ids['address'] = fip.id, fip.address
    if attach:
        fip.server_id = server.id
        fip.fixed_address = server.fixed_ips[0][1]


def _fixed(store, server, ids):
    ids['fixed_address'] = server.fixed_ips[0][1]


def _group(store, server, ids):
    seeding.add_security_group(store, 'web', server.project_id)


def _web_group(store, server, ids):
    """The owner's group 'web' with a rule (issue 13's routes)."""
    group = seeding.add_security_group(store, 'web', server.project_id)
    with store.lock:
        rule = security_groups.add_rule(store, group, {
            'protocol': 'tcp', 'from_port': 22, 'to_port': 22,
            'cidr': '10.0.0.0/8', 'parent_group_id': group.id})
    ids['security_group_id'], ids['rule_id'] = group.id, rule.id


def _image_meta(store, server, ids):
    _snapshot(store, server, ids)
    store.images[ids['image_id']].metadata['k'] = 'v'


def _consoles(store, server, ids):
    for kind in store.consoles:
        store.consoles[kind] = True


def _host_down(store, server, ids):
    store.service_of(server.host).forced_down = True


def _instance_action(store, server, ids):
    ctx = context_mod.RequestContext(
        user_id=server.user_id, project_id=server.project_id,
        request_id='req-c0ffee00-0000-4000-8000-000000000002')
    action = store.record_action(server, 'create', ctx)
    store.finish_action(action)
    ids['request_id'] = ctx.request_id


def _volume(store, server, ids, attach=False):
    volume = seeding.add_volume(store, server.project_id)
    ids['volume_id'] = volume.id
    if attach:
        from fakenova.compute import lifecycle
        ctx = context_mod.admin_context()
        ctx.is_admin = True
        locked, server.locked_by = server.locked_by, None
        lifecycle.perform(store, ctx, server, 'attach_volume',
                          {'volume_id': volume.id})
        server.locked_by = locked
        store.settle(server)


def _migration(store, server, ids):
    other = [h for h in store.hosts if h != server.host][0]
    migration = store.new_migration(server, 'live-migration', server.host,
                                    other)
    migration.status = 'running'
    ids['migration_id'] = migration.id


def _snapshot(store, server, ids):
    image = store.add_snapshot(server, 'snap', None, None)
    store.finish_snapshot(image)
    ids['image_id'] = image.id


def _service(store, server, ids):
    service = store.service_of(server.host)
    ids['service_id'] = service.id
    ids['hypervisor_id'] = service.node_id


def _keypairs(store, server, ids):
    # Key pairs belong to users: every persona's user has a 'key1'.
    for user_id in USERS.values():
        keypairs.add(store, user_id, 'key1', PUBLIC_KEY)


def _server_group(store, server, ids):
    group = seeding.add_server_group(store, 'group1', 'anti-affinity',
                                     PROJECTS['owner'], USERS['owner'])
    ids['server_group_id'] = group.id


def _extra_spec(store, server, ids):
    store.flavors['1'].extra_specs['hw:cpu_policy'] = 'shared'


# Flavor management: a private flavor the owner's project has access to.
PRIVATE_FLAVOR = 'private-1'


def _private_flavor(store, server, ids):
    flavor = seeding.add_flavor(store, PRIVATE_FLAVOR, is_public=False,
                                projects=[PROJECTS['owner']])
    flavor.extra_specs['hw:cpu_policy'] = 'shared'


def _aggregate(store, server, ids, with_host=False):
    # No zone: the server's host may join it and leave it.
    aggregate = aggregates.create(store, 'agg1')
    if with_host:
        aggregate.hosts.append(server.host)
    ids['aggregate_id'] = aggregate.id
    ids['host_name'] = server.host


def _aggregate_host(store, server, ids):
    _aggregate(store, server, ids, with_host=True)


def _console_token(store, server, ids):
    ids['console_token'] = console_tokens.issue(store, server, 'novnc')


def _all(*funcs):
    def setup(store, server, ids):
        for func in funcs:
            func(store, server, ids)
    return setup


ACTIVE = {'status': 'ACTIVE'}
ACTION = '/servers/{server_id}/action'

# Body and precondition state of every action key in ACTIONS; the version
# is one at which the action exists.
ACTION_CASES = {
    'pause': (None, ACTIVE, None, None),
    'unpause': (None, {'vm_state': st.PAUSED}, None, None),
    'suspend': (None, ACTIVE, None, None),
    'resume': (None, {'vm_state': st.SUSPENDED}, None, None),
    'rescue': ({}, ACTIVE, None, None),
    'unrescue': (None, {'vm_state': st.RESCUED}, None, None),
    'os-start': (None, {'vm_state': st.STOPPED}, None, None),
    'os-stop': (None, ACTIVE, None, None),
    'reboot': ({'type': 'SOFT'}, ACTIVE, None, None),
    'resize': ({'flavorRef': '2'}, ACTIVE, None, None),
    'confirmResize': (None, {'vm_state': st.RESIZED}, None, None),
    'revertResize': (None, {'vm_state': st.RESIZED}, None, None),
    'rebuild': ({'imageRef': IMAGE}, ACTIVE, None, None),
    'createImage': ({'name': 'snap'}, ACTIVE, None, None),
    'createBackup': ({'name': 'backup', 'backup_type': 'daily',
                      'rotation': 1}, ACTIVE, None, None),
    'changePassword': ({'adminPass': 'Secret-123'}, ACTIVE, None, None),
    'lock': (None, ACTIVE, None, None),
    'unlock': (None, ACTIVE, None, None),
    'shelve': (None, ACTIVE, None, None),
    'shelveOffload': (None, {'vm_state': st.SHELVED}, None, None),
    'unshelve': (None, {'vm_state': st.SHELVED_OFFLOADED}, None, None),
    'forceDelete': (None, {'vm_state': st.SOFT_DELETED}, None, None),
    'restore': (None, {'vm_state': st.SOFT_DELETED}, None, None),
    'os-resetState': ({'state': 'active'}, ACTIVE, None, None),
    'injectNetworkInfo': (None, ACTIVE, None, None),
    'resetNetwork': (None, ACTIVE, None, None),
    'migrate': (None, ACTIVE, None, None),
    'os-migrateLive': ({'block_migration': 'auto', 'host': None}, ACTIVE,
                       '2.30', None),
    'evacuate': ({}, ACTIVE, '2.95', _host_down),
    'trigger_crash_dump': (None, ACTIVE, '2.17', None),
    'os-getConsoleOutput': ({}, ACTIVE, None, None),
    'os-getVNCConsole': ({'type': 'novnc'}, ACTIVE, '2.5', _consoles),
    'os-getSPICEConsole': ({'type': 'spice-html5'}, ACTIVE, '2.5',
                           _consoles),
    'os-getSerialConsole': ({'type': 'serial'}, ACTIVE, '2.5', _consoles),
    'os-getRDPConsole': ({'type': 'rdp-html5'}, ACTIVE, '2.5', _consoles),
    'addFloatingIp': ({'address': '{address}'}, ACTIVE, '2.43', _fip),
    'removeFloatingIp': ({'address': '{address}'}, ACTIVE, '2.43',
                         lambda s, v, i: _fip(s, v, i, attach=True)),
    'addFixedIp': ({'networkId': NETWORK}, ACTIVE, '2.43', None),
    'removeFixedIp': ({'address': '{fixed_address}'}, ACTIVE, '2.43',
                      _fixed),
    'addSecurityGroup': ({'name': 'web'}, ACTIVE, None, _group),
    'removeSecurityGroup': ({'name': 'default'}, ACTIVE, None, None),
}

SERVER = '/servers/{server_id}'
QUOTA_SET = '/os-quota-sets/' + PROJECTS['owner']
PRIVATE = '/flavors/' + PRIVATE_FLAVOR
SECURITY_GROUP = '/os-security-groups/{security_group_id}'
IMAGE_METADATA = '/images/{image_id}/metadata'
WITH_META = dict(ACTIVE, metadata={'k': 'v'})
WITH_TAG = dict(ACTIVE, tags=['t'])
ROUTE_CASES = (
    case('GET /servers', 'GET', '/servers', state=ACTIVE),
    case('GET /servers/detail', 'GET', '/servers/detail', state=ACTIVE),
    case('POST /servers', 'POST', '/servers', state=ACTIVE,
         body={'server': {'name': 'new', 'imageRef': IMAGE,
                          'flavorRef': '1'}}),
    case('GET /servers/{id}', 'GET', SERVER, state=ACTIVE),
    case('PUT /servers/{id}', 'PUT', SERVER, state=ACTIVE,
         body={'server': {'name': 'renamed'}}),
    case('DELETE /servers/{id}', 'DELETE', SERVER, state=ACTIVE),
    case('GET /servers/{id}/os-instance-actions', 'GET',
         SERVER + '/os-instance-actions', state=ACTIVE),
    case('GET /servers/{id}/os-instance-actions/{req}', 'GET',
         SERVER + '/os-instance-actions/{request_id}', state=ACTIVE,
         setup=_instance_action),
    case('GET /servers/{id}/ips', 'GET', SERVER + '/ips', state=ACTIVE),
    case('GET /servers/{id}/ips/{label}', 'GET', SERVER + '/ips/private',
         state=ACTIVE),
    case('GET /servers/{id}/os-server-password', 'GET',
         SERVER + '/os-server-password', state=ACTIVE),
    case('DELETE /servers/{id}/os-server-password', 'DELETE',
         SERVER + '/os-server-password', state=ACTIVE),
    case('GET /servers/{id}/os-security-groups', 'GET',
         SERVER + '/os-security-groups', state=ACTIVE),
    case('POST /servers/{id}/remote-consoles', 'POST',
         SERVER + '/remote-consoles', '2.6', state=ACTIVE,
         body={'remote_console': {'protocol': 'vnc', 'type': 'novnc'}}),
    case('GET /servers/{id}/os-volume_attachments', 'GET',
         SERVER + '/os-volume_attachments', state=ACTIVE),
    case('POST /servers/{id}/os-volume_attachments', 'POST',
         SERVER + '/os-volume_attachments', state=ACTIVE,
         body={'volumeAttachment': {'volumeId': '{volume_id}'}},
         setup=_volume),
    case('GET /servers/{id}/os-volume_attachments/{vol}', 'GET',
         SERVER + '/os-volume_attachments/{volume_id}', state=ACTIVE,
         setup=lambda s, v, i: _volume(s, v, i, attach=True)),
    case('PUT /servers/{id}/os-volume_attachments/{vol}', 'PUT',
         SERVER + '/os-volume_attachments/{volume_id}', '2.85',
         state=ACTIVE,
         body={'volumeAttachment': {'volumeId': '{volume_id}',
                                    'delete_on_termination': True}},
         setup=lambda s, v, i: _volume(s, v, i, attach=True)),
    case('DELETE /servers/{id}/os-volume_attachments/{vol}', 'DELETE',
         SERVER + '/os-volume_attachments/{volume_id}', state=ACTIVE,
         setup=lambda s, v, i: _volume(s, v, i, attach=True)),
    case('GET /servers/{id}/migrations', 'GET', SERVER + '/migrations',
         '2.23', state={'vm_state': st.ACTIVE, 'task_state': 'migrating'},
         setup=_migration),
    case('GET /servers/{id}/migrations/{mig}', 'GET',
         SERVER + '/migrations/{migration_id}', '2.23',
         state={'vm_state': st.ACTIVE, 'task_state': 'migrating'},
         setup=_migration),
    case('POST /servers/{id}/migrations/{mig}/action', 'POST',
         SERVER + '/migrations/{migration_id}/action', '2.22',
         body={'force_complete': None},
         state={'vm_state': st.ACTIVE, 'task_state': 'migrating'},
         setup=_migration),
    case('DELETE /servers/{id}/migrations/{mig}', 'DELETE',
         SERVER + '/migrations/{migration_id}', '2.24',
         state={'vm_state': st.ACTIVE, 'task_state': 'migrating'},
         setup=_migration),
    case('GET /servers/{id}/metadata', 'GET', SERVER + '/metadata',
         state=WITH_META),
    case('POST /servers/{id}/metadata', 'POST', SERVER + '/metadata',
         state=WITH_META, body={'metadata': {'k2': 'v2'}}),
    case('PUT /servers/{id}/metadata', 'PUT', SERVER + '/metadata',
         state=WITH_META, body={'metadata': {'k2': 'v2'}}),
    case('GET /servers/{id}/metadata/{key}', 'GET',
         SERVER + '/metadata/k', state=WITH_META),
    case('PUT /servers/{id}/metadata/{key}', 'PUT',
         SERVER + '/metadata/k', state=WITH_META,
         body={'meta': {'k': 'v2'}}),
    case('DELETE /servers/{id}/metadata/{key}', 'DELETE',
         SERVER + '/metadata/k', state=WITH_META),
    case('GET /servers/{id}/tags', 'GET', SERVER + '/tags', '2.26',
         state=WITH_TAG),
    case('PUT /servers/{id}/tags', 'PUT', SERVER + '/tags', '2.26',
         state=WITH_TAG, body={'tags': ['t', 't2']}),
    case('DELETE /servers/{id}/tags', 'DELETE', SERVER + '/tags', '2.26',
         state=WITH_TAG),
    case('GET /servers/{id}/tags/{tag}', 'GET', SERVER + '/tags/t', '2.26',
         state=WITH_TAG),
    case('PUT /servers/{id}/tags/{tag}', 'PUT', SERVER + '/tags/t2',
         '2.26', state=WITH_TAG),
    case('DELETE /servers/{id}/tags/{tag}', 'DELETE', SERVER + '/tags/t',
         '2.26', state=WITH_TAG),
    case('GET /os-migrations', 'GET', '/os-migrations', state=ACTIVE,
         setup=_migration),
    case('GET /os-migrations?project_id={owner}', 'GET',
         '/os-migrations?project_id=' + PROJECTS['owner'], '2.80',
         state=ACTIVE, setup=_migration),
    case('GET /flavors', 'GET', '/flavors'),
    case('GET /flavors/detail', 'GET', '/flavors/detail'),
    case('GET /flavors/{id}', 'GET', '/flavors/1'),
    case('GET /flavors/{id}/os-extra_specs', 'GET',
         '/flavors/1/os-extra_specs'),
    case('GET /flavors/{id}/os-extra_specs/{key}', 'GET',
         '/flavors/1/os-extra_specs/hw:cpu_policy', state=ACTIVE,
         setup=_extra_spec),
    case('GET /images', 'GET', '/images'),
    case('GET /images/detail', 'GET', '/images/detail'),
    case('GET /images/{id}', 'GET', '/images/{image_id}', state=ACTIVE,
         setup=_snapshot),
    case('DELETE /images/{id}', 'DELETE', '/images/{image_id}',
         state=ACTIVE, setup=_snapshot),
    case('GET /os-security-groups', 'GET', '/os-security-groups',
         state=ACTIVE),
    case('GET /os-floating-ips', 'GET', '/os-floating-ips', state=ACTIVE,
         setup=_fip),
    case('POST /os-floating-ips', 'POST', '/os-floating-ips',
         body={'pool': 'public'}),
    case('GET /os-floating-ips/{id}', 'GET', '/os-floating-ips/{fip_id}',
         state=ACTIVE, setup=_fip),
    case('DELETE /os-floating-ips/{id}', 'DELETE',
         '/os-floating-ips/{fip_id}', state=ACTIVE, setup=_fip),
    case('GET /os-availability-zone', 'GET', '/os-availability-zone'),
    case('GET /os-availability-zone/detail', 'GET',
         '/os-availability-zone/detail'),
    case('GET /os-volumes', 'GET', '/os-volumes', state=ACTIVE,
         setup=_volume),
    case('GET /os-volumes/detail', 'GET', '/os-volumes/detail',
         state=ACTIVE, setup=_volume),
    case('GET /os-volumes/{id}', 'GET', '/os-volumes/{volume_id}',
         state=ACTIVE, setup=_volume),
    case('POST /os-volumes', 'POST', '/os-volumes', state=ACTIVE,
         body={'volume': {'size': 1}}),
    case('DELETE /os-volumes/{id}', 'DELETE', '/os-volumes/{volume_id}',
         state=ACTIVE, setup=_volume),
    case('GET /os-keypairs', 'GET', '/os-keypairs', setup=_keypairs),
    case('GET /os-keypairs?user_id={owner}', 'GET',
         '/os-keypairs?user_id=' + USERS['owner'], '2.10', setup=_keypairs),
    case('POST /os-keypairs', 'POST', '/os-keypairs', '2.92',
         body={'keypair': {'name': 'key2', 'public_key': PUBLIC_KEY}}),
    case('GET /os-keypairs/{name}', 'GET', '/os-keypairs/key1',
         setup=_keypairs),
    case('GET /os-keypairs/{name}?user_id={owner}', 'GET',
         '/os-keypairs/key1?user_id=' + USERS['owner'], '2.10',
         setup=_keypairs),
    case('DELETE /os-keypairs/{name}', 'DELETE', '/os-keypairs/key1',
         setup=_keypairs),
    case('GET /os-server-groups', 'GET', '/os-server-groups',
         setup=_server_group),
    case('GET /os-server-groups?all_projects', 'GET',
         '/os-server-groups?all_projects=True', setup=_server_group),
    case('POST /os-server-groups', 'POST', '/os-server-groups', '2.64',
         body={'server_group': {'name': 'group2', 'policy': 'affinity'}}),
    case('GET /os-server-groups/{id}', 'GET',
         '/os-server-groups/{server_group_id}', setup=_server_group),
    case('DELETE /os-server-groups/{id}', 'DELETE',
         '/os-server-groups/{server_group_id}', setup=_server_group),
    case('GET /os-services', 'GET', '/os-services'),
    case('PUT /os-services/{id}', 'PUT', '/os-services/{service_id}',
         '2.53', body={'status': 'disabled'}, state=ACTIVE,
         setup=_service),
    case('GET /os-hypervisors', 'GET', '/os-hypervisors'),
    case('GET /os-hypervisors/detail', 'GET', '/os-hypervisors/detail'),
    case('GET /os-hypervisors/{id}', 'GET',
         '/os-hypervisors/{hypervisor_id}', state=ACTIVE, setup=_service),
    # The owner's quotas: other-project asks for a project not its own.
    case('GET /os-quota-sets/{id}', 'GET', QUOTA_SET, state=ACTIVE),
    case('GET /os-quota-sets/{id}/defaults', 'GET', QUOTA_SET + '/defaults'),
    case('GET /os-quota-sets/{id}/detail', 'GET', QUOTA_SET + '/detail',
         state=ACTIVE),
    # Flavor management (the private flavor: other-project gets 404).
    case('POST /flavors', 'POST', '/flavors', body={'flavor': {
        'name': 'new', 'ram': 64, 'vcpus': 1, 'disk': 1}}),
    case('PUT /flavors/{id}', 'PUT', PRIVATE, '2.55',
         {'flavor': {'description': 'd'}}, setup=_private_flavor),
    case('DELETE /flavors/{id}', 'DELETE', PRIVATE, setup=_private_flavor),
    case('GET /flavors/{id}/os-flavor-access', 'GET',
         PRIVATE + '/os-flavor-access', setup=_private_flavor),
    case('POST /flavors/{id}/action addTenantAccess', 'POST',
         PRIVATE + '/action', body={'addTenantAccess': {'tenant': 'p2'}},
         setup=_private_flavor),
    case('POST /flavors/{id}/action removeTenantAccess', 'POST',
         PRIVATE + '/action', body={'removeTenantAccess': {
             'tenant': PROJECTS['owner']}}, setup=_private_flavor),
    case('POST /flavors/{id}/os-extra_specs', 'POST',
         PRIVATE + '/os-extra_specs', body={'extra_specs': {'a': 'b'}},
         setup=_private_flavor),
    case('PUT /flavors/{id}/os-extra_specs/{key}', 'PUT',
         PRIVATE + '/os-extra_specs/hw:cpu_policy',
         body={'hw:cpu_policy': 'dedicated'}, setup=_private_flavor),
    case('DELETE /flavors/{id}/os-extra_specs/{key}', 'DELETE',
         PRIVATE + '/os-extra_specs/hw:cpu_policy', setup=_private_flavor),
    case('GET /flavors/{id} (private)', 'GET', PRIVATE,
         setup=_private_flavor),
    # Hosts, hypervisors and aggregates (issue 13): admin only.
    case('GET /os-hypervisors/statistics', 'GET',
         '/os-hypervisors/statistics', state=ACTIVE),
    case('GET /os-hypervisors/{id}/uptime', 'GET',
         '/os-hypervisors/{hypervisor_id}/uptime', state=ACTIVE,
         setup=_service),
    case('GET /os-hypervisors/{pattern}/search', 'GET',
         '/os-hypervisors/compute/search', state=ACTIVE),
    case('GET /os-hypervisors/{pattern}/servers', 'GET',
         '/os-hypervisors/compute/servers', state=ACTIVE),
    case('GET /os-hosts', 'GET', '/os-hosts'),
    case('GET /os-hosts/{host}', 'GET', '/os-hosts/{host_name}',
         state=ACTIVE, setup=_aggregate),
    case('PUT /os-hosts/{host}', 'PUT', '/os-hosts/{host_name}',
         body={'status': 'enable'}, state=ACTIVE, setup=_aggregate),
    case('GET /os-hosts/{host}/startup', 'GET',
         '/os-hosts/{host_name}/startup', state=ACTIVE, setup=_aggregate),
    case('GET /os-hosts/{host}/shutdown', 'GET',
         '/os-hosts/{host_name}/shutdown', state=ACTIVE, setup=_aggregate),
    case('GET /os-hosts/{host}/reboot', 'GET',
         '/os-hosts/{host_name}/reboot', state=ACTIVE, setup=_aggregate),
    case('GET /os-aggregates', 'GET', '/os-aggregates', setup=_aggregate),
    case('POST /os-aggregates', 'POST', '/os-aggregates',
         body={'aggregate': {'name': 'agg2', 'availability_zone': 'az2'}}),
    case('GET /os-aggregates/{id}', 'GET', '/os-aggregates/{aggregate_id}',
         setup=_aggregate),
    case('PUT /os-aggregates/{id}', 'PUT', '/os-aggregates/{aggregate_id}',
         body={'aggregate': {'name': 'agg3'}}, setup=_aggregate),
    case('DELETE /os-aggregates/{id}', 'DELETE',
         '/os-aggregates/{aggregate_id}', setup=_aggregate),
    case('POST /os-aggregates/{id}/action add_host', 'POST',
         '/os-aggregates/{aggregate_id}/action',
         body={'add_host': {'host': '{host_name}'}}, state=ACTIVE,
         setup=_aggregate),
    case('POST /os-aggregates/{id}/action remove_host', 'POST',
         '/os-aggregates/{aggregate_id}/action',
         body={'remove_host': {'host': '{host_name}'}}, state=ACTIVE,
         setup=_aggregate_host),
    case('POST /os-aggregates/{id}/action set_metadata', 'POST',
         '/os-aggregates/{aggregate_id}/action',
         body={'set_metadata': {'metadata': {'ssd': 'true'}}},
         setup=_aggregate),
    case('POST /os-aggregates/{id}/images', 'POST',
         '/os-aggregates/{aggregate_id}/images', '2.81',
         body={'cache': [{'id': IMAGE}]}, setup=_aggregate),
    # Changing quotas, the quota classes and /limits.
    case('PUT /os-quota-sets/{id}', 'PUT', QUOTA_SET, state=ACTIVE,
         body={'quota_set': {'instances': 5}}),
    case('DELETE /os-quota-sets/{id}', 'DELETE', QUOTA_SET),
    case('GET /os-quota-class-sets/{id}', 'GET',
         '/os-quota-class-sets/default'),
    case('PUT /os-quota-class-sets/{id}', 'PUT',
         '/os-quota-class-sets/default',
         body={'quota_class_set': {'instances': 5}}),
    case('GET /limits', 'GET', '/limits', state=ACTIVE),
    case('GET /limits?tenant_id', 'GET',
         '/limits?tenant_id=' + PROJECTS['owner'], state=ACTIVE),
    # Usage reports, diagnostics, external events and console tokens.
    case('GET /os-simple-tenant-usage', 'GET', '/os-simple-tenant-usage',
         state=ACTIVE),
    case('GET /os-simple-tenant-usage/{id}', 'GET',
         '/os-simple-tenant-usage/' + PROJECTS['owner'], state=ACTIVE),
    case('GET /os-instance_usage_audit_log', 'GET',
         '/os-instance_usage_audit_log'),
    case('GET /os-instance_usage_audit_log/{before}', 'GET',
         '/os-instance_usage_audit_log/2020-03-15 10:00:00'),
    case('GET /servers/{id}/diagnostics', 'GET', SERVER + '/diagnostics',
         state=ACTIVE),
    case('POST /os-server-external-events', 'POST',
         '/os-server-external-events', state=ACTIVE,
         body={'events': [{'name': 'network-changed',
                           'server_uuid': '{server_id}'}]}),
    case('GET /os-console-auth-tokens/{token}', 'GET',
         '/os-console-auth-tokens/{console_token}', '2.31', state=ACTIVE,
         setup=_console_token),
    # -- proxies and small APIs (issue 13) ---------------------------------
    case('GET /os-networks', 'GET', '/os-networks'),
    case('GET /os-networks/{id}', 'GET', '/os-networks/' + NETWORK),
    case('GET /os-tenant-networks', 'GET', '/os-tenant-networks'),
    case('GET /os-tenant-networks/{id}', 'GET',
         '/os-tenant-networks/' + NETWORK),
    case('GET /os-floating-ip-pools', 'GET', '/os-floating-ip-pools'),
    case('POST /os-security-groups', 'POST', '/os-security-groups',
         body={'security_group': {'name': 'db', 'description': 'd'}}),
    case('GET /os-security-groups/{id}', 'GET', SECURITY_GROUP,
         state=ACTIVE, setup=_web_group),
    case('PUT /os-security-groups/{id}', 'PUT', SECURITY_GROUP,
         body={'security_group': {'name': 'www', 'description': 'd'}},
         state=ACTIVE, setup=_web_group),
    case('DELETE /os-security-groups/{id}', 'DELETE', SECURITY_GROUP,
         state=ACTIVE, setup=_web_group),
    case('POST /os-security-group-rules', 'POST', '/os-security-group-rules',
         body={'security_group_rule': {
             'parent_group_id': '{security_group_id}', 'ip_protocol': 'tcp',
             'from_port': 80, 'to_port': 80, 'cidr': '0.0.0.0/0'}},
         state=ACTIVE, setup=_web_group),
    case('DELETE /os-security-group-rules/{id}', 'DELETE',
         '/os-security-group-rules/{rule_id}', state=ACTIVE,
         setup=_web_group),
    case('GET /images/{id}/metadata', 'GET', IMAGE_METADATA, state=ACTIVE,
         setup=_image_meta),
    case('POST /images/{id}/metadata', 'POST', IMAGE_METADATA,
         body={'metadata': {'a': 'b'}}, state=ACTIVE, setup=_image_meta),
    case('PUT /images/{id}/metadata', 'PUT', IMAGE_METADATA,
         body={'metadata': {'a': 'b'}}, state=ACTIVE, setup=_image_meta),
    case('GET /images/{id}/metadata/{key}', 'GET', IMAGE_METADATA + '/k',
         state=ACTIVE, setup=_image_meta),
    case('PUT /images/{id}/metadata/{key}', 'PUT', IMAGE_METADATA + '/k',
         body={'meta': {'k': 'w'}}, state=ACTIVE, setup=_image_meta),
    case('DELETE /images/{id}/metadata/{key}', 'DELETE',
         IMAGE_METADATA + '/k', state=ACTIVE, setup=_image_meta),
    case('GET /extensions', 'GET', '/extensions'),
    case('GET /extensions/{alias}', 'GET', '/extensions/os-volumes'),
)


def _precondition(key):
    """A server state in which action ``key`` is allowed (lifecycle)."""
    transition = lifecycle.TRANSITIONS.get(key)
    if transition is None or transition.vm_states is lifecycle.ANY:
        return ACTIVE
    states = sorted(transition.vm_states)
    return ACTIVE if st.ACTIVE in states else {'vm_state': states[0]}


def action_cases():
    """A case for every declared server action.

    ACTION_CASES gives the body, state, version and set-up where the
    defaults do not do: the declared example body, a state the lifecycle
    row allows, and the first version that serves the action.
    """
    cases = []
    actions = api_operations.TABLE.actions
    for key in sorted(actions, key=str.lower):
        op = actions[key]
        body, state, version, setup = ACTION_CASES.get(
            key, (op.example[key], _precondition(key), None, None))
        if version is None and op.min_version is not None:
            version = '%d.%d' % op.min_version
        cases.append(case('POST action %s' % key, 'POST', ACTION,
                          version or '2.1', {key: body}, state, setup))
    return cases


def operation_of(the_case):
    """The id of the declared operation ``the_case`` requests."""
    if the_case.path == ACTION:
        (key,) = the_case.body
        return api_operations.TABLE.actions[key].id
    path = the_case.path.split('?', 1)[0].format_map(
        collections.defaultdict(lambda: 'x'))
    mapper, routes = router_mod.make_mapper()
    found = mapper.routematch(path)
    if found is None:
        raise LookupError('no route for %s' % the_case.path)
    return routes[found[1].name][the_case.method].id


def all_cases():
    return list(ROUTE_CASES) + action_cases()


# -- running -----------------------------------------------------------------

def outcome(code):
    if 200 <= code < 300:
        return 'allowed'
    return {403: 'forbidden', 404: 'not-found',
            409: 'conflict'}.get(code, str(code))


def _fill(value, ids):
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return value


def _seed(store, the_case, persona):
    ids = {'server_id': SERVER_ID}
    if the_case.state is None:
        return ids
    lock = persona['lock']
    if lock == 'none' and the_case.body and 'unlock' in the_case.body:
        lock = 'self'  # unlock's precondition: the server is locked
    locked = False
    if lock == 'admin' or (lock == 'self' and persona['project'] == 'admin'):
        locked = 'admin'
    elif lock == 'self':
        locked = True
    server = seeding.create_server(
        store, 'server', PROJECTS['owner'], USERS['owner'], id=SERVER_ID,
        locked=locked, **the_case.state)
    if the_case.setup is not None:
        with store.lock:
            the_case.setup(store, server, ids)
    return ids


def run_cell(authorizer, the_case, persona):
    """The outcome of ``the_case`` for ``persona``, on a fresh store."""
    cloud = cloud_mod.Cloud(authorizer=authorizer)
    ids = _seed(cloud.store, the_case, persona)
    app = deploy.build(cloud, 'keystonecontext')
    headers = {
        'X-User-Id': USERS[persona['project']],
        'X-Project-Id': PROJECTS[persona['project']],
        'X-Roles': ','.join(persona['roles']),
        'OpenStack-API-Version': 'compute %s' % the_case.version,
        'Accept': 'application/json',
    }
    request = webob.Request.blank('/v2.1' + _fill(the_case.path, ids),
                                  method=the_case.method, headers=headers)
    if the_case.body is not None:
        request.content_type = 'application/json'
        request.body = json.dumps(_fill(the_case.body, ids)).encode()
    response = request.get_response(app)
    return outcome(response.status_int)


def make_authorizer(policy_file):
    """One Authorizer per policy file; ``None``/'default': in-code rules."""
    if policy_file in (None, 'default'):
        return policy.Authorizer()
    return policy.Authorizer(policy_file=policy_file, check_interval=3600)


def matrix(policy_file=None, personas=DEFAULT_PERSONAS, cases=None):
    """{case label: {persona name: outcome}}, in case order."""
    authorizer = make_authorizer(policy_file)
    result = collections.OrderedDict()
    for the_case in cases if cases is not None else all_cases():
        result[the_case.label] = collections.OrderedDict(
            (persona['name'], run_cell(authorizer, the_case, persona))
            for persona in personas)
    return result


def diff(first, second):
    """[(case label, persona, outcome in first, outcome in second)]."""
    changes = []
    for label, row in first.items():
        for persona, before in row.items():
            after = second.get(label, {}).get(persona)
            if after != before:
                changes.append((label, persona, before, after))
    return changes
