"""Rules of the deprecated /os-networks proxy API."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-networks:%s'

# Rule names, for the code that checks them.
LIST = POLICY_ROOT % 'list'
SHOW = POLICY_ROOT % 'show'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='List the networks (proxy API, before 2.36).',
        operations=[
            {'method': 'GET', 'path': '/os-networks'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Read one network (proxy API, before 2.36).',
        operations=[
            {'method': 'GET', 'path': '/os-networks/{network_id}'},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    LIST: base.PROJECT_READER_OR_ADMIN,
    SHOW: base.PROJECT_READER_OR_ADMIN,
}


def list_rules():
    return rules
