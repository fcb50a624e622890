"""Rules of the fixed IP actions (before 2.44)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-multinic:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'add',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Give a server one more fixed IP on a network.',
        operations=[
            {'method': 'POST', 'path': base.action('addFixedIp')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'remove',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Take a fixed IP away from a server.',
        operations=[
            {'method': 'POST', 'path': base.action('removeFixedIp')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    POLICY_ROOT % 'add': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'remove': base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
