"""Rules of the pause and unpause actions."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-pause-server:%s'

# Rule names, for the code that checks them.
PAUSE = POLICY_ROOT % 'pause'
UNPAUSE = POLICY_ROOT % 'unpause'

rules = [
    policy.DocumentedRuleDefault(
        name=PAUSE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Freeze a running server in memory.',
        operations=[
            {'method': 'POST', 'path': base.action('pause')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UNPAUSE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Let a paused server run again.',
        operations=[
            {'method': 'POST', 'path': base.action('unpause')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    PAUSE: base.PROJECT_MEMBER_OR_ADMIN,
    UNPAUSE: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
