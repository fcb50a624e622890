"""Rules of the admin-only server actions."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-admin-actions:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'reset_state',
        check_str=base.RULE_ADMIN_API,
        description='Force the vm_state of a server to active or error.',
        operations=[
            {'method': 'POST', 'path': base.action('os-resetState')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'inject_network_info',
        check_str=base.RULE_ADMIN_API,
        description='Push the network configuration into a server again.',
        operations=[
            {'method': 'POST', 'path': base.action('injectNetworkInfo')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    POLICY_ROOT % 'reset_state': base.ADMIN,
    POLICY_ROOT % 'inject_network_info': base.ADMIN,
}


def list_rules():
    return rules
