"""Rule of a server's diagnostics (GET /servers/{id}/diagnostics)."""

from oslo_policy import policy

from fakenova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-server-diagnostics'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME,
        check_str=base.RULE_ADMIN_API,
        description='Show the usage data for a server',
        operations=[{'method': 'GET',
                     'path': '/servers/{server_id}/diagnostics'}],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    BASE_POLICY_NAME: base.ADMIN,
}


def list_rules():
    return rules
