"""Rule of the changePassword action."""

from oslo_policy import policy

from fakenova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-admin-password'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Set a new administrator password inside a server.',
        operations=[
            {'method': 'POST', 'path': base.action('changePassword')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    BASE_POLICY_NAME: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
