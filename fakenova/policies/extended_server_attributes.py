"""Rule of the OS-EXT-SRV-ATTR keys in server bodies."""

from oslo_policy import policy

from fakenova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-extended-server-attributes'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME,
        check_str=base.RULE_ADMIN_API,
        description=(
            'Show the OS-EXT-SRV-ATTR keys (host, instance) in servers.'),
        operations=base.server_bodies(),
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    BASE_POLICY_NAME: base.ADMIN,
}


def list_rules():
    return rules
