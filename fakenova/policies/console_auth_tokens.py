"""Rule of a console token's connection details
(GET /os-console-auth-tokens/{console_token}): admins (the console
proxies) only, checked with the caller's own project as target."""

from oslo_policy import policy

from fakenova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-console-auth-tokens'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME,
        check_str=base.RULE_ADMIN_API,
        description='Show console connection information for a given '
                    'console authentication token',
        operations=[{'method': 'GET',
                     'path': '/os-console-auth-tokens/{console_token}'}],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    BASE_POLICY_NAME: base.ADMIN,
}


def list_rules():
    return rules
