"""Rule of the createBackup action."""

from oslo_policy import policy

from fakenova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-create-backup'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Take a rotated backup image of a server.',
        operations=[
            {'method': 'POST', 'path': base.action('createBackup')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    BASE_POLICY_NAME: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
