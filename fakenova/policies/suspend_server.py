"""Rules of the suspend and resume actions."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-suspend-server:%s'

# Rule names, for the code that checks them.
SUSPEND = POLICY_ROOT % 'suspend'
RESUME = POLICY_ROOT % 'resume'

rules = [
    policy.DocumentedRuleDefault(
        name=SUSPEND,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Save a server to disk and stop it.',
        operations=[
            {'method': 'POST', 'path': base.action('suspend')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=RESUME,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Bring a suspended server back.',
        operations=[
            {'method': 'POST', 'path': base.action('resume')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    SUSPEND: base.PROJECT_MEMBER_OR_ADMIN,
    RESUME: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
