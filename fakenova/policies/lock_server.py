"""Rules of the lock and unlock actions."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-lock-server:%s'

# Rule names, for the code that checks them.
LOCK = POLICY_ROOT % 'lock'
UNLOCK = POLICY_ROOT % 'unlock'
UNLOCK_OVERRIDE = POLICY_ROOT % 'unlock:unlock_override'

rules = [
    policy.DocumentedRuleDefault(
        name=LOCK,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Lock a server against changes by non-admins.',
        operations=[
            {'method': 'POST', 'path': base.action('lock')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UNLOCK,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Unlock a server.',
        operations=[
            {'method': 'POST', 'path': base.action('unlock')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UNLOCK_OVERRIDE,
        check_str=base.RULE_ADMIN_API,
        description='Unlock a server locked by someone else (e.g. an admin).',
        operations=[
            {'method': 'POST', 'path': base.action('unlock')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    LOCK: base.PROJECT_MEMBER_OR_ADMIN,
    UNLOCK: base.PROJECT_MEMBER_OR_ADMIN,
    UNLOCK_OVERRIDE: base.ADMIN,
}


def list_rules():
    return rules
