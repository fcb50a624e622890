"""Rules of the compute services API (os-services)."""

from oslo_policy import policy

from fakenova.policies import base

rules = [
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-services:list',
        check_str=base.RULE_ADMIN_API,
        description='List compute services.',
        operations=[
            {'method': 'GET', 'path': '/os-services'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-services:update',
        check_str=base.RULE_ADMIN_API,
        description='Enable, disable or force down a compute service.',
        operations=[
            {'method': 'PUT', 'path': '/os-services/{service_id}'},
            {'method': 'PUT', 'path': '/os-services/force-down'},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    'os_compute_api:os-services:list': base.ADMIN,
    'os_compute_api:os-services:update': base.ADMIN,
}


def list_rules():
    return rules
