"""Rules of the shelve, shelveOffload and unshelve actions."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-shelve:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'shelve',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Shelve a server (snapshot it and stop it).',
        operations=[
            {'method': 'POST', 'path': base.action('shelve')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'shelve_offload',
        check_str=base.RULE_ADMIN_API,
        description='Free the host resources of a shelved server.',
        operations=[
            {'method': 'POST', 'path': base.action('shelveOffload')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'unshelve',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Bring a shelved server back.',
        operations=[
            {'method': 'POST', 'path': base.action('unshelve')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'unshelve_to_host',
        check_str=base.RULE_ADMIN_API,
        description='Unshelve an offloaded server onto a named host (2.91+).',
        operations=[
            {'method': 'POST', 'path': base.action('unshelve')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    POLICY_ROOT % 'shelve': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'shelve_offload': base.ADMIN,
    POLICY_ROOT % 'unshelve': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'unshelve_to_host': base.ADMIN,
}


def list_rules():
    return rules
