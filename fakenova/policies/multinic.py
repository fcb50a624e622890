"""Rules of the fixed IP actions (before 2.44)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-multinic:%s'

# Rule names, for the code that checks them.
ADD = POLICY_ROOT % 'add'
REMOVE = POLICY_ROOT % 'remove'

rules = [
    policy.DocumentedRuleDefault(
        name=ADD,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Give a server one more fixed IP on a network.',
        operations=[
            {'method': 'POST', 'path': base.action('addFixedIp')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=REMOVE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Take a fixed IP away from a server.',
        operations=[
            {'method': 'POST', 'path': base.action('removeFixedIp')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    ADD: base.PROJECT_MEMBER_OR_ADMIN,
    REMOVE: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
