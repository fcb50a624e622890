"""Rules of the in-progress migrations of a server."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:servers:migrations:%s'
MIGRATIONS = '/servers/{server_id}/migrations'
MIGRATION = MIGRATIONS + '/{migration_id}'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index',
        check_str=base.RULE_ADMIN_API,
        description='List the live migrations in progress for a server.',
        operations=[
            {'method': 'GET', 'path': MIGRATIONS},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index:host',
        check_str=base.RULE_ADMIN_API,
        description='Fill in the host fields of listed migrations.',
        operations=[
            {'method': 'GET', 'path': MIGRATIONS},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'show',
        check_str=base.RULE_ADMIN_API,
        description='Read one live migration in progress.',
        operations=[
            {'method': 'GET', 'path': MIGRATION},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'force_complete',
        check_str=base.RULE_ADMIN_API,
        description='Push a running live migration to finish now.',
        operations=[
            {'method': 'POST', 'path': MIGRATION + '/action (force_complete)'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'delete',
        check_str=base.RULE_ADMIN_API,
        description='Abort a live migration in progress.',
        operations=[
            {'method': 'DELETE', 'path': MIGRATION},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    POLICY_ROOT % 'index': base.PROJECT_MANAGER_OR_ADMIN,
    POLICY_ROOT % 'index:host': base.ADMIN,
    POLICY_ROOT % 'show': base.ADMIN,
    POLICY_ROOT % 'force_complete': base.PROJECT_MANAGER_OR_ADMIN,
    POLICY_ROOT % 'delete': base.PROJECT_MANAGER_OR_ADMIN,
}


def list_rules():
    return rules
