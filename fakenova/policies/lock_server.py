"""Rules of the lock and unlock actions."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-lock-server:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'lock',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Lock a server against changes by non-admins.',
        operations=[
            {'method': 'POST', 'path': base.action('lock')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'unlock',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Unlock a server.',
        operations=[
            {'method': 'POST', 'path': base.action('unlock')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'unlock:unlock_override',
        check_str=base.RULE_ADMIN_API,
        description='Unlock a server locked by someone else (e.g. an admin).',
        operations=[
            {'method': 'POST', 'path': base.action('unlock')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    POLICY_ROOT % 'lock': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'unlock': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'unlock:unlock_override': base.ADMIN,
}


def list_rules():
    return rules
