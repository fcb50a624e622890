"""Every operation of the compute API, declared once.

One line per operation: its id, route (or action key), the microversion
range that serves it, its handler and, for actions, the request schema
(per version) and a body the API accepts. The router, the action
dispatch, fault injection, the call log, the policy matrix and the tests
read this table (see :mod:`fakenova.common.operations`).

Adding a server action is a row of the lifecycle table
(:mod:`fakenova.compute.lifecycle`), a line here (with its handler, or
:func:`~fakenova.compute.api.controllers.server_actions.simple` when the action
is only a policy check and that row), its policy default under
``fakenova/policies`` and its test.
"""

from fakenova.common import operations
from fakenova.compute.api.controllers import admin_actions
from fakenova.compute.api.controllers import aggregates
from fakenova.compute.api.controllers import availability_zones
from fakenova.compute.api.controllers import consoles
from fakenova.compute.api.controllers import diagnostics
from fakenova.compute.api.controllers import extensions
from fakenova.compute.api.controllers import external_events
from fakenova.compute.api.controllers import flavor_manage
from fakenova.compute.api.controllers import flavors
from fakenova.compute.api.controllers import floating_ips
from fakenova.compute.api.controllers import hosts
from fakenova.compute.api.controllers import image_metadata
from fakenova.compute.api.controllers import images
from fakenova.compute.api.controllers import instance_actions
from fakenova.compute.api.controllers import ips
from fakenova.compute.api.controllers import keypairs
from fakenova.compute.api.controllers import limits
from fakenova.compute.api.controllers import migrations
from fakenova.compute.api.controllers import networks
from fakenova.compute.api.controllers import quota_classes
from fakenova.compute.api.controllers import quota_sets
from fakenova.compute.api.controllers import removed
from fakenova.compute.api.controllers import security_groups
from fakenova.compute.api.controllers import server_actions
from fakenova.compute.api.controllers import server_groups
from fakenova.compute.api.controllers import server_metadata
from fakenova.compute.api.controllers import server_migrations
from fakenova.compute.api.controllers import server_password
from fakenova.compute.api.controllers import server_tags
from fakenova.compute.api.controllers import servers
from fakenova.compute.api.controllers import services
from fakenova.compute.api.controllers import usage
from fakenova.compute.api.controllers import versions
from fakenova.compute.api.controllers import volumes
from fakenova.compute.api.schemas import admin_actions as admin_schemas
from fakenova.compute.api.schemas import server_actions as action_schemas
from fakenova.policies import admin_actions as admin_policies
from fakenova.policies import deferred_delete as deferred_delete_policies
from fakenova.policies import pause_server as pause_policies
from fakenova.policies import rescue as rescue_policies
from fakenova.policies import servers as servers_policies
from fakenova.policies import shelve as shelve_policies
from fakenova.policies import suspend_server as suspend_policies

ACTION_PATH = '/servers/{server_id}/action'
NETWORK = 'e1882e38-38c2-4239-ade7-35d644cb963a'
_simple = server_actions.simple


def route(op_id, method, path, handler, minimum=None, maximum=None,
          **kwargs):
    return operations.Operation('compute:' + op_id, method, path, handler,
                                minimum, maximum, **kwargs)


def action(key, handler, schema=None, minimum=None, maximum=None,
           example=None):
    """The server action ``key``; ``example`` is its value in a body."""
    return operations.Operation(
        'compute:action:' + key, 'POST', ACTION_PATH, handler, minimum,
        maximum, action=key, schema=schema, example={key: example})


SERVER = '/servers/{server_id}'
ATTACHMENT = SERVER + '/os-volume_attachments/{volume_id}'
MIGRATION = SERVER + '/migrations/{migration_id}'
# A project's quotas ({project_id} is the legacy prefix of every route).
QUOTA_SET = '/os-quota-sets/{tenant_id}'
FLAVOR = '/flavors/{flavor_id}'
HOST = '/os-hosts/{host_name}'
AGGREGATE = '/os-aggregates/{aggregate_id}'
NETWORK_PATH = '/os-networks/{network_id}'
TENANT_NETWORK = '/os-tenant-networks/{network_id}'
SECURITY_GROUP = '/os-security-groups/{security_group_id}'
IMAGE_METADATA = '/images/{image_id}/metadata'

ROUTES = (
    route('versions:show', 'GET', '/', versions.show, public=True),
    route('servers:index', 'GET', '/servers', servers.index),
    route('servers:create', 'POST', '/servers', servers.create),
    route('servers:detail', 'GET', '/servers/detail', servers.detail),
    route('servers:show', 'GET', SERVER, servers.show),
    route('servers:update', 'PUT', SERVER, servers.update),
    route('servers:delete', 'DELETE', SERVER, servers.delete),
    route('servers:action', 'POST', ACTION_PATH, server_actions.action,
          dispatch=True),
    route('instance-actions:index', 'GET', SERVER + '/os-instance-actions',
          instance_actions.index),
    route('instance-actions:show', 'GET',
          SERVER + '/os-instance-actions/{request_id}',
          instance_actions.show),
    route('remote-consoles:create', 'POST', SERVER + '/remote-consoles',
          consoles.create, minimum='2.6'),
    route('server-security-groups:index', 'GET',
          SERVER + '/os-security-groups', security_groups.server_index),
    route('volume-attachments:index', 'GET',
          SERVER + '/os-volume_attachments', volumes.index),
    route('volume-attachments:create', 'POST',
          SERVER + '/os-volume_attachments', volumes.create),
    route('volume-attachments:show', 'GET', ATTACHMENT, volumes.show),
    route('volume-attachments:update', 'PUT', ATTACHMENT, volumes.update),
    route('volume-attachments:delete', 'DELETE', ATTACHMENT,
          volumes.delete),
    route('server-migrations:index', 'GET', SERVER + '/migrations',
          server_migrations.index, minimum='2.23'),
    route('server-migrations:show', 'GET', MIGRATION,
          server_migrations.show, minimum='2.23'),
    route('server-migrations:delete', 'DELETE', MIGRATION,
          server_migrations.delete, minimum='2.24'),
    route('server-migrations:action', 'POST', MIGRATION + '/action',
          server_migrations.action, minimum='2.22'),
    route('ips:index', 'GET', SERVER + '/ips', ips.index),
    route('ips:show', 'GET', SERVER + '/ips/{network_label}', ips.show),
    route('server-password:show', 'GET', SERVER + '/os-server-password',
          server_password.show),
    route('server-password:clear', 'DELETE',
          SERVER + '/os-server-password', server_password.clear),
    route('server-metadata:index', 'GET', SERVER + '/metadata',
          server_metadata.index),
    route('server-metadata:create', 'POST', SERVER + '/metadata',
          server_metadata.create),
    route('server-metadata:update_all', 'PUT', SERVER + '/metadata',
          server_metadata.update_all),
    route('server-metadata:show', 'GET', SERVER + '/metadata/{key}',
          server_metadata.show),
    route('server-metadata:update', 'PUT', SERVER + '/metadata/{key}',
          server_metadata.update),
    route('server-metadata:delete', 'DELETE', SERVER + '/metadata/{key}',
          server_metadata.delete),
    route('server-tags:index', 'GET', SERVER + '/tags', server_tags.index,
          minimum='2.26'),
    route('server-tags:update_all', 'PUT', SERVER + '/tags',
          server_tags.update_all, minimum='2.26'),
    route('server-tags:delete_all', 'DELETE', SERVER + '/tags',
          server_tags.delete_all, minimum='2.26'),
    route('server-tags:show', 'GET', SERVER + '/tags/{tag}',
          server_tags.show, minimum='2.26'),
    route('server-tags:update', 'PUT', SERVER + '/tags/{tag}',
          server_tags.update, minimum='2.26'),
    route('server-tags:delete', 'DELETE', SERVER + '/tags/{tag}',
          server_tags.delete, minimum='2.26'),
    route('migrations:index', 'GET', '/os-migrations', migrations.index),
    route('availability-zones:index', 'GET', '/os-availability-zone',
          availability_zones.index),
    route('availability-zones:detail', 'GET', '/os-availability-zone/detail',
          availability_zones.detail),
    route('services:index', 'GET', '/os-services', services.index),
    route('services:update', 'PUT', '/os-services/{service_id}',
          services.update),
    route('hypervisors:index', 'GET', '/os-hypervisors',
          services.hypervisors_index),
    route('hypervisors:detail', 'GET', '/os-hypervisors/detail',
          services.hypervisors_detail),
    # Before {hypervisor_id}, which would take 'statistics' for an id.
    route('hypervisors:statistics', 'GET', '/os-hypervisors/statistics',
          services.hypervisors_statistics, maximum='2.87'),
    route('hypervisors:show', 'GET', '/os-hypervisors/{hypervisor_id}',
          services.hypervisor_show),
    route('volumes:index', 'GET', '/os-volumes', volumes.proxy_index,
          maximum='2.35'),
    route('volumes:create', 'POST', '/os-volumes', volumes.proxy_create,
          maximum='2.35'),
    route('volumes:detail', 'GET', '/os-volumes/detail',
          volumes.proxy_detail, maximum='2.35'),
    route('volumes:show', 'GET', '/os-volumes/{volume_id}',
          volumes.proxy_show, maximum='2.35'),
    route('volumes:delete', 'DELETE', '/os-volumes/{volume_id}',
          volumes.proxy_delete, maximum='2.35'),
    route('keypairs:index', 'GET', '/os-keypairs', keypairs.index),
    route('keypairs:create', 'POST', '/os-keypairs', keypairs.create),
    route('keypairs:show', 'GET', '/os-keypairs/{keypair_name}',
          keypairs.show),
    route('keypairs:delete', 'DELETE', '/os-keypairs/{keypair_name}',
          keypairs.delete),
    route('server-groups:index', 'GET', '/os-server-groups',
          server_groups.index),
    route('server-groups:create', 'POST', '/os-server-groups',
          server_groups.create),
    route('server-groups:show', 'GET', '/os-server-groups/{server_group_id}',
          server_groups.show),
    route('server-groups:delete', 'DELETE',
          '/os-server-groups/{server_group_id}', server_groups.delete),
    route('quota-sets:show', 'GET', QUOTA_SET, quota_sets.show),
    route('quota-sets:defaults', 'GET', QUOTA_SET + '/defaults',
          quota_sets.defaults),
    route('quota-sets:detail', 'GET', QUOTA_SET + '/detail',
          quota_sets.detail),
    route('flavors:index', 'GET', '/flavors', flavors.index),
    route('flavors:detail', 'GET', '/flavors/detail', flavors.detail),
    route('flavors:show', 'GET', '/flavors/{flavor_id}', flavors.show),
    route('flavor-extra-specs:index', 'GET',
          '/flavors/{flavor_id}/os-extra_specs', flavors.extra_specs_index),
    route('flavor-extra-specs:show', 'GET',
          '/flavors/{flavor_id}/os-extra_specs/{key}',
          flavors.extra_specs_show),
    route('images:index', 'GET', '/images', images.index, maximum='2.35'),
    route('images:detail', 'GET', '/images/detail', images.detail,
          maximum='2.35'),
    route('images:show', 'GET', '/images/{image_id}', images.show,
          maximum='2.35'),
    route('images:delete', 'DELETE', '/images/{image_id}', images.delete,
          maximum='2.35'),
    route('security-groups:index', 'GET', '/os-security-groups',
          security_groups.index, maximum='2.35'),
    route('floating-ips:index', 'GET', '/os-floating-ips',
          floating_ips.index, maximum='2.35'),
    route('floating-ips:create', 'POST', '/os-floating-ips',
          floating_ips.create, maximum='2.35'),
    route('floating-ips:show', 'GET', '/os-floating-ips/{floating_ip_id}',
          floating_ips.show, maximum='2.35'),
    route('floating-ips:delete', 'DELETE',
          '/os-floating-ips/{floating_ip_id}', floating_ips.delete,
          maximum='2.35'),
    # Flavor management: os-flavor-manage, os-flavor-access and writing
    # extra specs.
    route('flavors:create', 'POST', '/flavors', flavor_manage.create),
    route('flavors:update', 'PUT', FLAVOR, flavor_manage.update,
          minimum='2.55'),
    route('flavors:delete', 'DELETE', FLAVOR, flavor_manage.delete),
    route('flavors:action', 'POST', FLAVOR + '/action',
          flavor_manage.action),
    route('flavor-access:index', 'GET', FLAVOR + '/os-flavor-access',
          flavor_manage.access_index),
    route('flavor-extra-specs:create', 'POST', FLAVOR + '/os-extra_specs',
          flavor_manage.extra_specs_create),
    route('flavor-extra-specs:update', 'PUT',
          FLAVOR + '/os-extra_specs/{key}', flavor_manage.extra_specs_update),
    route('flavor-extra-specs:delete', 'DELETE',
          FLAVOR + '/os-extra_specs/{key}', flavor_manage.extra_specs_delete),
    # Hosts, hypervisors and aggregates (issue 13).
    route('hypervisors:uptime', 'GET',
          '/os-hypervisors/{hypervisor_id}/uptime',
          services.hypervisor_uptime, maximum='2.87'),
    route('hypervisors:search', 'GET',
          '/os-hypervisors/{hypervisor_hostname_pattern}/search',
          services.hypervisors_search, maximum='2.52'),
    route('hypervisors:servers', 'GET',
          '/os-hypervisors/{hypervisor_hostname_pattern}/servers',
          services.hypervisors_servers, maximum='2.52'),
    route('hosts:index', 'GET', '/os-hosts', hosts.index, maximum='2.42'),
    route('hosts:show', 'GET', HOST, hosts.show, maximum='2.42'),
    route('hosts:update', 'PUT', HOST, hosts.update, maximum='2.42'),
    route('hosts:startup', 'GET', HOST + '/startup', hosts.startup,
          maximum='2.42'),
    route('hosts:shutdown', 'GET', HOST + '/shutdown', hosts.shutdown,
          maximum='2.42'),
    route('hosts:reboot', 'GET', HOST + '/reboot', hosts.reboot,
          maximum='2.42'),
    route('aggregates:index', 'GET', '/os-aggregates', aggregates.index),
    route('aggregates:create', 'POST', '/os-aggregates', aggregates.create),
    route('aggregates:show', 'GET', AGGREGATE, aggregates.show),
    route('aggregates:update', 'PUT', AGGREGATE, aggregates.update),
    route('aggregates:delete', 'DELETE', AGGREGATE, aggregates.delete),
    route('aggregates:action', 'POST', AGGREGATE + '/action',
          aggregates.action),
    route('aggregates:images', 'POST', AGGREGATE + '/images',
          aggregates.images, minimum='2.81'),
    # Quotas: changing a project's, the quota classes, /limits.
    route('quota-sets:update', 'PUT', QUOTA_SET, quota_sets.update),
    route('quota-sets:delete', 'DELETE', QUOTA_SET, quota_sets.delete),
    route('quota-class-sets:show', 'GET', '/os-quota-class-sets/{id}',
          quota_classes.show),
    route('quota-class-sets:update', 'PUT', '/os-quota-class-sets/{id}',
          quota_classes.update),
    route('limits:index', 'GET', '/limits', limits.index),
    # Usage reports, diagnostics, external events and console tokens.
    route('simple-tenant-usage:index', 'GET', '/os-simple-tenant-usage',
          usage.index),
    route('simple-tenant-usage:show', 'GET',
          '/os-simple-tenant-usage/{tenant_id}', usage.show),
    route('instance-usage-audit-log:index', 'GET',
          '/os-instance_usage_audit_log', usage.audit_index),
    route('instance-usage-audit-log:show', 'GET',
          '/os-instance_usage_audit_log/{before_timestamp}',
          usage.audit_show),
    route('server-diagnostics:index', 'GET', SERVER + '/diagnostics',
          diagnostics.index),
    route('server-external-events:create', 'POST',
          '/os-server-external-events', external_events.create),
    route('console-auth-tokens:show', 'GET',
          '/os-console-auth-tokens/{console_token}',
          consoles.auth_token_show),
    # -- proxies and small APIs (issue 13) --------------------------------
    # Network proxies: read until 2.35; what nova-network did is gone
    # (410 at every microversion).
    route('networks:index', 'GET', '/os-networks', networks.index,
          maximum='2.35'),
    route('networks:show', 'GET', NETWORK_PATH, networks.show,
          maximum='2.35'),
    route('networks:create', 'POST', '/os-networks', removed.gone),
    route('networks:add', 'POST', '/os-networks/add', removed.gone),
    route('networks:delete', 'DELETE', NETWORK_PATH, removed.gone),
    route('networks:action', 'POST', NETWORK_PATH + '/action',
          removed.network_action),
    route('tenant-networks:index', 'GET', '/os-tenant-networks',
          networks.tenant_index, maximum='2.35'),
    route('tenant-networks:show', 'GET', TENANT_NETWORK,
          networks.tenant_show, maximum='2.35'),
    route('tenant-networks:create', 'POST', '/os-tenant-networks',
          removed.gone),
    route('tenant-networks:delete', 'DELETE', TENANT_NETWORK,
          removed.gone),
    route('floating-ip-pools:index', 'GET', '/os-floating-ip-pools',
          networks.pools_index, maximum='2.35'),
    # Security groups (the proxy, until 2.35) and their rules.
    route('security-groups:create', 'POST', '/os-security-groups',
          security_groups.create, maximum='2.35'),
    route('security-groups:show', 'GET', SECURITY_GROUP,
          security_groups.show, maximum='2.35'),
    route('security-groups:update', 'PUT', SECURITY_GROUP,
          security_groups.update, maximum='2.35'),
    route('security-groups:delete', 'DELETE', SECURITY_GROUP,
          security_groups.delete, maximum='2.35'),
    route('security-group-rules:create', 'POST', '/os-security-group-rules',
          security_groups.create_rule, maximum='2.35'),
    route('security-group-rules:delete', 'DELETE',
          '/os-security-group-rules/{security_group_rule_id}',
          security_groups.delete_rule, maximum='2.35'),
    # An image's metadata (the image proxy's, until 2.38).
    route('image-metadata:index', 'GET', IMAGE_METADATA,
          image_metadata.index, maximum='2.38'),
    route('image-metadata:create', 'POST', IMAGE_METADATA,
          image_metadata.create, maximum='2.38'),
    route('image-metadata:update_all', 'PUT', IMAGE_METADATA,
          image_metadata.update_all, maximum='2.38'),
    route('image-metadata:show', 'GET', IMAGE_METADATA + '/{key}',
          image_metadata.show, maximum='2.38'),
    route('image-metadata:update', 'PUT', IMAGE_METADATA + '/{key}',
          image_metadata.update, maximum='2.38'),
    route('image-metadata:delete', 'DELETE', IMAGE_METADATA + '/{key}',
          image_metadata.delete, maximum='2.38'),
    # The fixed list of former extensions.
    route('extensions:index', 'GET', '/extensions', extensions.index),
    route('extensions:show', 'GET', '/extensions/{alias}', extensions.show),
)


def _gone(resource, *routes):
    """The routes of an API Nova removed (410 each), named as REST does.

    Each route is (kind, path, methods): kind ``list`` names GET index and
    POST create, ``item`` GET show, PUT update and DELETE delete; any
    other kind is the operation's name.
    """
    verbs = {'list': {'GET': 'index', 'POST': 'create'},
             'item': {'GET': 'show', 'PUT': 'update', 'DELETE': 'delete'}}
    return tuple(
        route('%s:%s' % (resource, verbs[kind][method] if kind in verbs
                         else kind), method, path, removed.gone)
        for kind, path, methods in routes for method in methods)


REMOVED = (
    _gone('agents', ('list', '/os-agents', ('GET', 'POST')),
          ('item', '/os-agents/{id}', ('PUT', 'DELETE'))),
    _gone('cells', ('list', '/os-cells', ('GET', 'POST')),
          ('capacities', '/os-cells/capacities', ('GET',)),
          ('detail', '/os-cells/detail', ('GET',)),
          ('info', '/os-cells/info', ('GET',)),
          ('sync_instances', '/os-cells/sync_instances', ('POST',)),
          ('item', '/os-cells/{id}', ('GET', 'PUT', 'DELETE')),
          ('cell_capacities', '/os-cells/{id}/capacities', ('GET',))),
    _gone('certificates', ('list', '/os-certificates', ('POST',)),
          ('item', '/os-certificates/{id}', ('GET',))),
    _gone('cloudpipe', ('list', '/os-cloudpipe', ('GET', 'POST')),
          ('item', '/os-cloudpipe/{id}', ('PUT',))),
    _gone('fixed-ips', ('item', '/os-fixed-ips/{id}', ('GET',)),
          ('action', '/os-fixed-ips/{id}/action', ('POST',))),
    _gone('floating-ip-dns', ('list', '/os-floating-ip-dns', ('GET',)),
          ('item', '/os-floating-ip-dns/{id}', ('PUT', 'DELETE'))),
    _gone('floating-ip-dns-entries', (
        'item', '/os-floating-ip-dns/{domain_id}/entries/{id}',
        ('GET', 'PUT', 'DELETE'))),
    _gone('floating-ips-bulk', ('list', '/os-floating-ips-bulk',
                                ('GET', 'POST')),
          ('item', '/os-floating-ips-bulk/{id}', ('GET', 'PUT'))),
    _gone('fping', ('list', '/os-fping', ('GET',)),
          ('item', '/os-fping/{id}', ('GET',))),
    _gone('security-group-default-rules',
          ('list', '/os-security-group-default-rules', ('GET', 'POST')),
          ('item', '/os-security-group-default-rules/{id}',
           ('GET', 'DELETE'))),
    _gone('consoles', ('list', SERVER + '/consoles', ('GET', 'POST')),
          ('item', SERVER + '/consoles/{id}', ('GET', 'DELETE'))),
    _gone('virtual-interfaces', ('list', SERVER + '/os-virtual-interfaces',
                                 ('GET',))),
)
REMOVED = tuple(op for group in REMOVED for op in group)

ACTIONS = (
    # Only a policy check and a row of the lifecycle table.
    action('pause', _simple('pause', pause_policies.PAUSE)),
    action('unpause', _simple('unpause', pause_policies.UNPAUSE)),
    action('suspend', _simple('suspend', suspend_policies.SUSPEND)),
    action('resume', _simple('resume', suspend_policies.RESUME)),
    action('unrescue', _simple('unrescue',
                               rescue_policies.UNRESCUE_POLICY_NAME)),
    action('os-start', _simple('os-start', servers_policies.START,
                               mapped=True)),
    action('os-stop', _simple('os-stop', servers_policies.STOP,
                              mapped=True)),
    action('confirmResize', _simple(
        'confirmResize', servers_policies.CONFIRM_RESIZE, status=204)),
    action('revertResize', _simple('revertResize',
                                   servers_policies.REVERT_RESIZE)),
    action('shelve', _simple('shelve', shelve_policies.SHELVE)),
    action('shelveOffload', _simple(
        'shelveOffload', shelve_policies.SHELVE_OFFLOAD)),
    action('forceDelete', _simple(
        'forceDelete', deferred_delete_policies.FORCE)),
    action('restore', _simple('restore',
                              deferred_delete_policies.RESTORE)),
    action('injectNetworkInfo', _simple(
        'injectNetworkInfo', admin_policies.INJECT_NETWORK_INFO)),
    action('trigger_crash_dump', _simple(
        'trigger_crash_dump', servers_policies.TRIGGER_CRASH_DUMP,
        mapped=True), admin_schemas.trigger_crash_dump, minimum='2.17'),
    # With handlers of their own.
    action('reboot', server_actions.reboot, action_schemas.reboot,
           example={'type': 'HARD'}),
    action('resize', server_actions.resize, action_schemas.resize,
           example={'flavorRef': '2'}),
    action('rebuild', server_actions.rebuild, action_schemas.rebuild,
           example={'imageRef': '70a599e0-31e7-49b7-b260-868f441e862b'}),
    action('createImage', server_actions.create_image,
           action_schemas.create_image, example={'name': 'snapshot'}),
    action('changePassword', server_actions.change_password,
           action_schemas.change_password, example={'adminPass': 'pw'}),
    action('rescue', server_actions.rescue, action_schemas.rescue),
    action('lock', server_actions.lock, action_schemas.lock),
    action('unlock', server_actions.unlock),
    action('addFloatingIp', server_actions.add_floating_ip,
           action_schemas.add_floating_ip, maximum='2.43',
           example={'address': '172.24.4.10'}),
    action('removeFloatingIp', server_actions.remove_floating_ip,
           action_schemas.remove_floating_ip, maximum='2.43',
           example={'address': '172.24.4.10'}),
    action('addSecurityGroup', server_actions.add_security_group,
           action_schemas.add_security_group, example={'name': 'default'}),
    action('removeSecurityGroup', server_actions.remove_security_group,
           action_schemas.remove_security_group,
           example={'name': 'default'}),
    action('unshelve', admin_actions.unshelve, admin_schemas.unshelve),
    action('os-resetState', admin_actions.reset_state,
           admin_schemas.reset_state, example={'state': 'error'}),
    action('resetNetwork', admin_actions.reset_network),
    action('createBackup', admin_actions.create_backup,
           admin_schemas.create_backup,
           example={'name': 'backup', 'backup_type': 'daily',
                    'rotation': 1}),
    action('addFixedIp', admin_actions.add_fixed_ip,
           admin_schemas.add_fixed_ip, maximum='2.43',
           example={'networkId': NETWORK}),
    action('removeFixedIp', admin_actions.remove_fixed_ip,
           admin_schemas.remove_fixed_ip, maximum='2.43',
           example={'address': '10.0.0.3'}),
    action('migrate', admin_actions.migrate, admin_schemas.migrate),
    action('os-migrateLive', admin_actions.live_migrate,
           admin_schemas.live_migrate,
           example={'host': None, 'block_migration': 'auto'}),
    action('evacuate', admin_actions.evacuate, admin_schemas.evacuate,
           example={}),
    action('os-getConsoleOutput', consoles.console_output,
           admin_schemas.console_output, example={'length': 5}),
    action('os-getVNCConsole', consoles.vnc_console,
           admin_schemas.vnc_console, maximum='2.5',
           example={'type': 'novnc'}),
    action('os-getSPICEConsole', consoles.spice_console,
           admin_schemas.spice_console, maximum='2.5',
           example={'type': 'spice-html5'}),
    action('os-getSerialConsole', consoles.serial_console,
           admin_schemas.serial_console, maximum='2.5',
           example={'type': 'serial'}),
    action('os-getRDPConsole', consoles.rdp_console, maximum='2.5',
           example={'type': 'rdp-html5'}),
)

TABLE = operations.Table(ROUTES + REMOVED + ACTIONS)

# Names fault rules took before operations had ids: an action key, or
# the handler name of a /servers operation.
_LEGACY_SERVER_OPS = ('index', 'detail', 'show', 'create', 'update',
                      'delete')


def canonical(name):
    """The operation id ``name`` means (an id, or a legacy short name).

    ``'pause'`` is ``compute:action:pause``; ``'delete'`` (and ``create``,
    ``show``, ``index``, ``detail``, ``update``) the /servers operation;
    None stays None (every operation). ValueError for an unknown name.
    """
    if name is None or name in TABLE:
        return name
    if name in TABLE.actions:
        return TABLE.actions[name].id
    if name in _LEGACY_SERVER_OPS:
        return 'compute:servers:' + name
    raise ValueError('unknown operation %r (an id such as '
                     'compute:servers:delete, or an action key)' % (name,))
