"""Rule of /extensions, the fixed list of Nova's former extensions."""

from oslo_policy import policy

from fakenova.policies import base

# Rule name, for the code that checks it.
LIST = 'os_compute_api:extensions'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.RULE_ANY,
        description='List the extensions, or read one by its alias.',
        operations=[
            {'method': 'GET', 'path': '/extensions'},
            {'method': 'GET', 'path': '/extensions/{alias}'},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rule above (the same: anyone).
RBAC_DEFAULTS = {
    LIST: base.RULE_ANY,
}


def list_rules():
    return rules
