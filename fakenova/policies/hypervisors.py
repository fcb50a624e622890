"""Rules of the hypervisors API (os-hypervisors)."""

from oslo_policy import policy

from fakenova.policies import base

rules = [
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-hypervisors:list',
        check_str=base.RULE_ADMIN_API,
        description='List hypervisors.',
        operations=[
            {'method': 'GET', 'path': '/os-hypervisors'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-hypervisors:list-detail',
        check_str=base.RULE_ADMIN_API,
        description='List hypervisors with details.',
        operations=[
            {'method': 'GET', 'path': '/os-hypervisors/detail'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-hypervisors:show',
        check_str=base.RULE_ADMIN_API,
        description='Show one hypervisor.',
        operations=[
            {'method': 'GET', 'path': '/os-hypervisors/{hypervisor_id}'},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    'os_compute_api:os-hypervisors:list': base.ADMIN,
    'os_compute_api:os-hypervisors:list-detail': base.ADMIN,
    'os_compute_api:os-hypervisors:show': base.ADMIN,
}


def list_rules():
    return rules
