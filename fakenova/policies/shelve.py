"""Rules of the shelve, shelveOffload and unshelve actions."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-shelve:%s'

# Rule names, for the code that checks them.
SHELVE = POLICY_ROOT % 'shelve'
SHELVE_OFFLOAD = POLICY_ROOT % 'shelve_offload'
UNSHELVE = POLICY_ROOT % 'unshelve'
UNSHELVE_TO_HOST = POLICY_ROOT % 'unshelve_to_host'

rules = [
    policy.DocumentedRuleDefault(
        name=SHELVE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Shelve a server (snapshot it and stop it).',
        operations=[
            {'method': 'POST', 'path': base.action('shelve')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHELVE_OFFLOAD,
        check_str=base.RULE_ADMIN_API,
        description='Free the host resources of a shelved server.',
        operations=[
            {'method': 'POST', 'path': base.action('shelveOffload')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UNSHELVE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Bring a shelved server back.',
        operations=[
            {'method': 'POST', 'path': base.action('unshelve')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UNSHELVE_TO_HOST,
        check_str=base.RULE_ADMIN_API,
        description='Unshelve an offloaded server onto a named host (2.91+).',
        operations=[
            {'method': 'POST', 'path': base.action('unshelve')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    SHELVE: base.PROJECT_MEMBER_OR_ADMIN,
    SHELVE_OFFLOAD: base.ADMIN,
    UNSHELVE: base.PROJECT_MEMBER_OR_ADMIN,
    UNSHELVE_TO_HOST: base.ADMIN,
}


def list_rules():
    return rules
