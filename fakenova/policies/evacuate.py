"""Rule of the evacuate action."""

from oslo_policy import policy

from fakenova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-evacuate'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME,
        check_str=base.RULE_ADMIN_API,
        description='Rebuild a server of a failed host on another host.',
        operations=[
            {'method': 'POST', 'path': base.action('evacuate')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    BASE_POLICY_NAME: base.ADMIN,
}


def list_rules():
    return rules
