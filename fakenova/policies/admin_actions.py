"""Rules of the admin-only server actions."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-admin-actions:%s'

# Rule names, for the code that checks them.
RESET_STATE = POLICY_ROOT % 'reset_state'
INJECT_NETWORK_INFO = POLICY_ROOT % 'inject_network_info'

rules = [
    policy.DocumentedRuleDefault(
        name=RESET_STATE,
        check_str=base.RULE_ADMIN_API,
        description='Force the vm_state of a server to active or error.',
        operations=[
            {'method': 'POST', 'path': base.action('os-resetState')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=INJECT_NETWORK_INFO,
        check_str=base.RULE_ADMIN_API,
        description='Push the network configuration into a server again.',
        operations=[
            {'method': 'POST', 'path': base.action('injectNetworkInfo')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    RESET_STATE: base.ADMIN,
    INJECT_NETWORK_INFO: base.ADMIN,
}


def list_rules():
    return rules
