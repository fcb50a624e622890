"""Rules of the actions on soft-deleted servers."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-deferred-delete:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'restore',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Bring a soft-deleted server back.',
        operations=[
            {'method': 'POST', 'path': base.action('restore')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'force',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Delete a soft-deleted server at once.',
        operations=[
            {'method': 'POST', 'path': base.action('forceDelete')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    POLICY_ROOT % 'restore': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'force': base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
