"""Rules of the actions on soft-deleted servers."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-deferred-delete:%s'

# Rule names, for the code that checks them.
RESTORE = POLICY_ROOT % 'restore'
FORCE = POLICY_ROOT % 'force'

rules = [
    policy.DocumentedRuleDefault(
        name=RESTORE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Bring a soft-deleted server back.',
        operations=[
            {'method': 'POST', 'path': base.action('restore')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=FORCE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Delete a soft-deleted server at once.',
        operations=[
            {'method': 'POST', 'path': base.action('forceDelete')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    RESTORE: base.PROJECT_MEMBER_OR_ADMIN,
    FORCE: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
