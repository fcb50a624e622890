"""Rules of the hypervisors API (os-hypervisors)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-hypervisors:%s'

# Rule names, for the code that checks them.
LIST = POLICY_ROOT % 'list'
LIST_DETAIL = POLICY_ROOT % 'list-detail'
SHOW = POLICY_ROOT % 'show'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.RULE_ADMIN_API,
        description='List hypervisors.',
        operations=[
            {'method': 'GET', 'path': '/os-hypervisors'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=LIST_DETAIL,
        check_str=base.RULE_ADMIN_API,
        description='List hypervisors with details.',
        operations=[
            {'method': 'GET', 'path': '/os-hypervisors/detail'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_API,
        description='Show one hypervisor.',
        operations=[
            {'method': 'GET', 'path': '/os-hypervisors/{hypervisor_id}'},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    LIST: base.ADMIN,
    LIST_DETAIL: base.ADMIN,
    SHOW: base.ADMIN,
}


def list_rules():
    return rules
