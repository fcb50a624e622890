"""Rule of the deprecated /os-floating-ip-pools proxy API."""

from oslo_policy import policy

from fakenova.policies import base

# Rule name, for the code that checks it.
LIST = 'os_compute_api:os-floating-ip-pools'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.RULE_ANY,
        description='List the floating IP pools (proxy API, before 2.36).',
        operations=[
            {'method': 'GET', 'path': '/os-floating-ip-pools'},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rule above (the same: anyone).
RBAC_DEFAULTS = {
    LIST: base.RULE_ANY,
}


def list_rules():
    return rules
