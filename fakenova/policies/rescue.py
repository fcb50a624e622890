"""Rules of the rescue and unrescue actions."""

from oslo_policy import policy

from fakenova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-rescue'
UNRESCUE_POLICY_NAME = 'os_compute_api:os-unrescue'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Reboot a server into a rescue image.',
        operations=[
            {'method': 'POST', 'path': base.action('rescue')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UNRESCUE_POLICY_NAME,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Return a rescued server to its own disk.',
        operations=[
            {'method': 'POST', 'path': base.action('unrescue')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    BASE_POLICY_NAME: base.PROJECT_MEMBER_OR_ADMIN,
    UNRESCUE_POLICY_NAME: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
