"""Rules of the servers resource and of the server actions it handles."""

from oslo_policy import policy

from fakenova.policies import base

SERVERS = 'os_compute_api:servers:%s'

# Rule names, for the code that checks them.
INDEX = SERVERS % 'index'
DETAIL = SERVERS % 'detail'
INDEX_GET_ALL_TENANTS = SERVERS % 'index:get_all_tenants'
DETAIL_GET_ALL_TENANTS = SERVERS % 'detail:get_all_tenants'
ALLOW_ALL_FILTERS = SERVERS % 'allow_all_filters'
SHOW = SERVERS % 'show'
SHOW_HOST_STATUS = SERVERS % 'show:host_status'
SHOW_HOST_STATUS_UNKNOWN_ONLY = SERVERS % 'show:host_status:unknown-only'
SHOW_FLAVOR_EXTRA_SPECS = SERVERS % 'show:flavor-extra-specs'
CREATE = SERVERS % 'create'
UPDATE = SERVERS % 'update'
DELETE = SERVERS % 'delete'
CONFIRM_RESIZE = SERVERS % 'confirm_resize'
REVERT_RESIZE = SERVERS % 'revert_resize'
REBOOT = SERVERS % 'reboot'
RESIZE = SERVERS % 'resize'
CROSS_CELL_RESIZE = 'compute:servers:resize:cross_cell'
REBUILD = SERVERS % 'rebuild'
REBUILD_TRUSTED_CERTS = SERVERS % 'rebuild:trusted_certs'
CREATE_IMAGE = SERVERS % 'create_image'
CREATE_IMAGE_ALLOW_VOLUME_BACKED = (
    SERVERS % 'create_image:allow_volume_backed')
START = SERVERS % 'start'
STOP = SERVERS % 'stop'
TRIGGER_CRASH_DUMP = SERVERS % 'trigger_crash_dump'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List the caller's servers (id, name and links only).",
        operations=[
            {'method': 'GET', 'path': '/servers'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DETAIL,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description=(
            "List the caller's servers with their full representation."),
        operations=[
            {'method': 'GET', 'path': '/servers/detail'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=INDEX_GET_ALL_TENANTS,
        check_str=base.RULE_ADMIN_API,
        description='Let all_tenants list the servers of every project.',
        operations=[
            {'method': 'GET', 'path': '/servers'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DETAIL_GET_ALL_TENANTS,
        check_str=base.RULE_ADMIN_API,
        description=(
            'Let all_tenants list the servers of every project in detail.'),
        operations=[
            {'method': 'GET', 'path': '/servers/detail'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=ALLOW_ALL_FILTERS,
        check_str=base.RULE_ADMIN_API,
        description='Keep the list filters that non-admins otherwise lose.',
        operations=[
            {'method': 'GET', 'path': '/servers'},
            {'method': 'GET', 'path': '/servers/detail'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Read one server.',
        operations=[
            {'method': 'GET', 'path': '/servers/{server_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW_HOST_STATUS,
        check_str=base.RULE_ADMIN_API,
        description=(
            'Show host_status, whatever its value, in servers (2.16+).'),
        operations=base.server_bodies(),
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW_HOST_STATUS_UNKNOWN_ONLY,
        check_str=base.RULE_ADMIN_API,
        description=(
            'Show host_status only when UNKNOWN (if show:host_status fails).'),
        operations=base.server_bodies(),
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW_FLAVOR_EXTRA_SPECS,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="Show the flavor's extra_specs in server bodies (2.47+).",
        operations=base.server_bodies(),
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CREATE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="Boot a new server in the caller's project.",
        operations=[
            {'method': 'POST', 'path': '/servers'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPDATE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Edit the name, description and other fields of a server.',
        operations=[
            {'method': 'PUT', 'path': '/servers/{server_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Delete a server.',
        operations=[
            {'method': 'DELETE', 'path': '/servers/{server_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CONFIRM_RESIZE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Accept a finished resize or cold migration.',
        operations=[
            {'method': 'POST', 'path': base.action('confirmResize')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=REVERT_RESIZE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Roll a finished resize back to the old flavor.',
        operations=[
            {'method': 'POST', 'path': base.action('revertResize')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=REBOOT,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Soft- or hard-reboot a server.',
        operations=[
            {'method': 'POST', 'path': base.action('reboot')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=RESIZE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Move a server to another flavor.',
        operations=[
            {'method': 'POST', 'path': base.action('resize')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CROSS_CELL_RESIZE,
        check_str=base.RULE_NOBODY,
        description=(
            'Let a resize cross into another cell (nobody by default).'),
        operations=[
            {'method': 'POST', 'path': base.action('resize')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=REBUILD,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Reinstall a server from an image.',
        operations=[
            {'method': 'POST', 'path': base.action('rebuild')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=REBUILD_TRUSTED_CERTS,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Pass trusted image certificate ids to a rebuild (2.63+).',
        operations=[
            {'method': 'POST', 'path': base.action('rebuild')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CREATE_IMAGE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Snapshot a server into a new image.',
        operations=[
            {'method': 'POST', 'path': base.action('createImage')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CREATE_IMAGE_ALLOW_VOLUME_BACKED,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Snapshot a server that boots from a volume.',
        operations=[
            {'method': 'POST', 'path': base.action('createImage')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=START,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Power on a stopped server.',
        operations=[
            {'method': 'POST', 'path': base.action('os-start')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=STOP,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Power off a running server.',
        operations=[
            {'method': 'POST', 'path': base.action('os-stop')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=TRIGGER_CRASH_DUMP,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Send a crash-dump interrupt to a server (2.17+).',
        operations=[
            {'method': 'POST', 'path': base.action('trigger_crash_dump')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    INDEX: base.PROJECT_READER_OR_ADMIN,
    DETAIL: base.PROJECT_READER_OR_ADMIN,
    INDEX_GET_ALL_TENANTS: base.ADMIN,
    DETAIL_GET_ALL_TENANTS: base.ADMIN,
    ALLOW_ALL_FILTERS: base.ADMIN,
    SHOW: base.PROJECT_READER_OR_ADMIN,
    SHOW_HOST_STATUS: base.ADMIN,
    SHOW_HOST_STATUS_UNKNOWN_ONLY: base.ADMIN,
    SHOW_FLAVOR_EXTRA_SPECS: base.PROJECT_READER_OR_ADMIN,
    CREATE: base.PROJECT_MEMBER_OR_ADMIN,
    UPDATE: base.PROJECT_MEMBER_OR_ADMIN,
    DELETE: base.PROJECT_MEMBER_OR_ADMIN,
    CONFIRM_RESIZE: base.PROJECT_MEMBER_OR_ADMIN,
    REVERT_RESIZE: base.PROJECT_MEMBER_OR_ADMIN,
    REBOOT: base.PROJECT_MEMBER_OR_ADMIN,
    RESIZE: base.PROJECT_MEMBER_OR_ADMIN,
    CROSS_CELL_RESIZE: base.RULE_NOBODY,
    REBUILD: base.PROJECT_MEMBER_OR_ADMIN,
    REBUILD_TRUSTED_CERTS: base.PROJECT_MEMBER_OR_ADMIN,
    CREATE_IMAGE: base.PROJECT_MEMBER_OR_ADMIN,
    CREATE_IMAGE_ALLOW_VOLUME_BACKED: base.PROJECT_MEMBER_OR_ADMIN,
    START: base.PROJECT_MEMBER_OR_ADMIN,
    STOP: base.PROJECT_MEMBER_OR_ADMIN,
    TRIGGER_CRASH_DUMP: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
