"""Rules of the servers resource and of the server actions it handles."""

from oslo_policy import policy

from fakenova.policies import base

SERVERS = 'os_compute_api:servers:%s'
CROSS_CELL_RESIZE = 'compute:servers:resize:cross_cell'

rules = [
    policy.DocumentedRuleDefault(
        name=SERVERS % 'index',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List the caller's servers (id, name and links only).",
        operations=[
            {'method': 'GET', 'path': '/servers'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'detail',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description=(
            "List the caller's servers with their full representation."),
        operations=[
            {'method': 'GET', 'path': '/servers/detail'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'index:get_all_tenants',
        check_str=base.RULE_ADMIN_API,
        description='Let all_tenants list the servers of every project.',
        operations=[
            {'method': 'GET', 'path': '/servers'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'detail:get_all_tenants',
        check_str=base.RULE_ADMIN_API,
        description=(
            'Let all_tenants list the servers of every project in detail.'),
        operations=[
            {'method': 'GET', 'path': '/servers/detail'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'allow_all_filters',
        check_str=base.RULE_ADMIN_API,
        description='Keep the list filters that non-admins otherwise lose.',
        operations=[
            {'method': 'GET', 'path': '/servers'},
            {'method': 'GET', 'path': '/servers/detail'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'show',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Read one server.',
        operations=[
            {'method': 'GET', 'path': '/servers/{server_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'show:host_status',
        check_str=base.RULE_ADMIN_API,
        description=(
            'Show host_status, whatever its value, in servers (2.16+).'),
        operations=base.server_bodies(),
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'show:host_status:unknown-only',
        check_str=base.RULE_ADMIN_API,
        description=(
            'Show host_status only when UNKNOWN (if show:host_status fails).'),
        operations=base.server_bodies(),
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'show:flavor-extra-specs',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="Show the flavor's extra_specs in server bodies (2.47+).",
        operations=base.server_bodies(),
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'create',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="Boot a new server in the caller's project.",
        operations=[
            {'method': 'POST', 'path': '/servers'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'update',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Edit the name, description and other fields of a server.',
        operations=[
            {'method': 'PUT', 'path': '/servers/{server_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'delete',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Delete a server.',
        operations=[
            {'method': 'DELETE', 'path': '/servers/{server_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'confirm_resize',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Accept a finished resize or cold migration.',
        operations=[
            {'method': 'POST', 'path': base.action('confirmResize')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'revert_resize',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Roll a finished resize back to the old flavor.',
        operations=[
            {'method': 'POST', 'path': base.action('revertResize')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'reboot',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Soft- or hard-reboot a server.',
        operations=[
            {'method': 'POST', 'path': base.action('reboot')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'resize',
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
        name=SERVERS % 'rebuild',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Reinstall a server from an image.',
        operations=[
            {'method': 'POST', 'path': base.action('rebuild')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'rebuild:trusted_certs',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Pass trusted image certificate ids to a rebuild (2.63+).',
        operations=[
            {'method': 'POST', 'path': base.action('rebuild')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'create_image',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Snapshot a server into a new image.',
        operations=[
            {'method': 'POST', 'path': base.action('createImage')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'create_image:allow_volume_backed',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Snapshot a server that boots from a volume.',
        operations=[
            {'method': 'POST', 'path': base.action('createImage')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'start',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Power on a stopped server.',
        operations=[
            {'method': 'POST', 'path': base.action('os-start')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'stop',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Power off a running server.',
        operations=[
            {'method': 'POST', 'path': base.action('os-stop')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'trigger_crash_dump',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Send a crash-dump interrupt to a server (2.17+).',
        operations=[
            {'method': 'POST', 'path': base.action('trigger_crash_dump')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    SERVERS % 'index': base.PROJECT_READER_OR_ADMIN,
    SERVERS % 'detail': base.PROJECT_READER_OR_ADMIN,
    SERVERS % 'index:get_all_tenants': base.ADMIN,
    SERVERS % 'detail:get_all_tenants': base.ADMIN,
    SERVERS % 'allow_all_filters': base.ADMIN,
    SERVERS % 'show': base.PROJECT_READER_OR_ADMIN,
    SERVERS % 'show:host_status': base.ADMIN,
    SERVERS % 'show:host_status:unknown-only': base.ADMIN,
    SERVERS % 'show:flavor-extra-specs': base.PROJECT_READER_OR_ADMIN,
    SERVERS % 'create': base.PROJECT_MEMBER_OR_ADMIN,
    SERVERS % 'update': base.PROJECT_MEMBER_OR_ADMIN,
    SERVERS % 'delete': base.PROJECT_MEMBER_OR_ADMIN,
    SERVERS % 'confirm_resize': base.PROJECT_MEMBER_OR_ADMIN,
    SERVERS % 'revert_resize': base.PROJECT_MEMBER_OR_ADMIN,
    SERVERS % 'reboot': base.PROJECT_MEMBER_OR_ADMIN,
    SERVERS % 'resize': base.PROJECT_MEMBER_OR_ADMIN,
    CROSS_CELL_RESIZE: base.RULE_NOBODY,
    SERVERS % 'rebuild': base.PROJECT_MEMBER_OR_ADMIN,
    SERVERS % 'rebuild:trusted_certs': base.PROJECT_MEMBER_OR_ADMIN,
    SERVERS % 'create_image': base.PROJECT_MEMBER_OR_ADMIN,
    SERVERS % 'create_image:allow_volume_backed': base.PROJECT_MEMBER_OR_ADMIN,
    SERVERS % 'start': base.PROJECT_MEMBER_OR_ADMIN,
    SERVERS % 'stop': base.PROJECT_MEMBER_OR_ADMIN,
    SERVERS % 'trigger_crash_dump': base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
