"""Rules of GET /os-migrations, the migrations of the whole cloud."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-migrations:%s'
MIGRATIONS = '/os-migrations'

# Rule names, for the code that checks them.
INDEX = POLICY_ROOT % 'index'
INDEX_ALL_PROJECTS = POLICY_ROOT % 'index:all_projects'
INDEX_HOST = POLICY_ROOT % 'index:host'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX,
        check_str=base.RULE_ADMIN_API,
        description='List migration records (host fields left empty).',
        operations=[
            {'method': 'GET', 'path': MIGRATIONS},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=INDEX_ALL_PROJECTS,
        check_str=base.RULE_ADMIN_API,
        description='List the migration records of every project, or of a '
                    'project other than the caller\'s.',
        operations=[
            {'method': 'GET', 'path': MIGRATIONS},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=INDEX_HOST,
        check_str=base.RULE_ADMIN_API,
        description='Fill in the host fields of listed migration records.',
        operations=[
            {'method': 'GET', 'path': MIGRATIONS},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    INDEX: base.PROJECT_MANAGER_OR_ADMIN,
    INDEX_ALL_PROJECTS: base.ADMIN,
    INDEX_HOST: base.ADMIN,
}


def list_rules():
    return rules
