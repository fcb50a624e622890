"""Rules of the hypervisors API (os-hypervisors)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-hypervisors:%s'

# Rule names, for the code that checks them.
LIST = POLICY_ROOT % 'list'
LIST_DETAIL = POLICY_ROOT % 'list-detail'
SHOW = POLICY_ROOT % 'show'
STATISTICS = POLICY_ROOT % 'statistics'
UPTIME = POLICY_ROOT % 'uptime'
SEARCH = POLICY_ROOT % 'search'
SERVERS = POLICY_ROOT % 'servers'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.RULE_ADMIN_API,
        description='List hypervisors.',
        operations=[
            {'method': 'GET', 'path': '/os-hypervisors'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=LIST_DETAIL,
        check_str=base.RULE_ADMIN_API,
        description='List hypervisors with details.',
        operations=[
            {'method': 'GET', 'path': '/os-hypervisors/detail'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_API,
        description='Show one hypervisor.',
        operations=[
            {'method': 'GET', 'path': '/os-hypervisors/{hypervisor_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=STATISTICS,
        check_str=base.RULE_ADMIN_API,
        description='Show summary statistics for all hypervisors over all '
                    'compute nodes (until 2.87).',
        operations=[
            {'method': 'GET', 'path': '/os-hypervisors/statistics'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPTIME,
        check_str=base.RULE_ADMIN_API,
        description='Show the uptime of a hypervisor (until 2.87).',
        operations=[
            {'method': 'GET',
             'path': '/os-hypervisors/{hypervisor_id}/uptime'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SEARCH,
        check_str=base.RULE_ADMIN_API,
        description='Search hypervisor by hypervisor_hostname pattern '
                    '(until 2.52).',
        operations=[
            {'method': 'GET',
             'path': '/os-hypervisors/{hypervisor_hostname_pattern}/search'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS,
        check_str=base.RULE_ADMIN_API,
        description='List all servers on hypervisors that can match the '
                    'provided hypervisor_hostname_pattern (until 2.52).',
        operations=[
            {'method': 'GET',
             'path':
                 '/os-hypervisors/{hypervisor_hostname_pattern}/servers'},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    LIST: base.ADMIN,
    LIST_DETAIL: base.ADMIN,
    SHOW: base.ADMIN,
    STATISTICS: base.ADMIN,
    UPTIME: base.ADMIN,
    SEARCH: base.ADMIN,
    SERVERS: base.ADMIN,
}


def list_rules():
    return rules
