"""Rules of the quota classes (os-quota-class-sets).

Nova checks both with an empty target: only admins, by default.
"""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-quota-class-sets:%s'
ONE = '/os-quota-class-sets/{quota_class}'

# Rule names, for the code that checks them.
SHOW = POLICY_ROOT % 'show'
UPDATE = POLICY_ROOT % 'update'

rules = [
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_API,
        description='List quotas for specific quota classes.',
        operations=[{'method': 'GET', 'path': ONE}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPDATE,
        check_str=base.RULE_ADMIN_API,
        description='Update quotas for specific quota class.',
        operations=[{'method': 'PUT', 'path': ONE}],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    SHOW: base.ADMIN,
    UPDATE: base.ADMIN,
}


def list_rules():
    return rules
