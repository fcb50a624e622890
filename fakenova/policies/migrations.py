"""Rules of GET /os-migrations, the migrations of the whole cloud."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-migrations:%s'
MIGRATIONS = '/os-migrations'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index',
        check_str=base.RULE_ADMIN_API,
        description='List migration records (host fields left empty).',
        operations=[
            {'method': 'GET', 'path': MIGRATIONS},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index:all_projects',
        check_str=base.RULE_ADMIN_API,
        description='List the migration records of every project, or of a '
                    'project other than the caller\'s.',
        operations=[
            {'method': 'GET', 'path': MIGRATIONS},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index:host',
        check_str=base.RULE_ADMIN_API,
        description='Fill in the host fields of listed migration records.',
        operations=[
            {'method': 'GET', 'path': MIGRATIONS},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    POLICY_ROOT % 'index': base.PROJECT_MANAGER_OR_ADMIN,
    POLICY_ROOT % 'index:all_projects': base.ADMIN,
    POLICY_ROOT % 'index:host': base.ADMIN,
}


def list_rules():
    return rules
