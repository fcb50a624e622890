"""Rules of the compute services API (os-services)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-services:%s'

# Rule names, for the code that checks them.
LIST = POLICY_ROOT % 'list'
UPDATE = POLICY_ROOT % 'update'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.RULE_ADMIN_API,
        description='List compute services.',
        operations=[
            {'method': 'GET', 'path': '/os-services'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPDATE,
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
    LIST: base.ADMIN,
    UPDATE: base.ADMIN,
}


def list_rules():
    return rules
