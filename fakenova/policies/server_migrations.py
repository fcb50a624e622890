"""Rules of the in-progress migrations of a server."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:servers:migrations:%s'
MIGRATIONS = '/servers/{server_id}/migrations'
MIGRATION = MIGRATIONS + '/{migration_id}'

# Rule names, for the code that checks them.
INDEX = POLICY_ROOT % 'index'
INDEX_HOST = POLICY_ROOT % 'index:host'
SHOW = POLICY_ROOT % 'show'
FORCE_COMPLETE = POLICY_ROOT % 'force_complete'
DELETE = POLICY_ROOT % 'delete'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX,
        check_str=base.RULE_ADMIN_API,
        description='List the live migrations in progress for a server.',
        operations=[
            {'method': 'GET', 'path': MIGRATIONS},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=INDEX_HOST,
        check_str=base.RULE_ADMIN_API,
        description='Fill in the host fields of listed migrations.',
        operations=[
            {'method': 'GET', 'path': MIGRATIONS},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_API,
        description='Read one live migration in progress.',
        operations=[
            {'method': 'GET', 'path': MIGRATION},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=FORCE_COMPLETE,
        check_str=base.RULE_ADMIN_API,
        description='Push a running live migration to finish now.',
        operations=[
            {'method': 'POST', 'path': MIGRATION + '/action (force_complete)'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=base.RULE_ADMIN_API,
        description='Abort a live migration in progress.',
        operations=[
            {'method': 'DELETE', 'path': MIGRATION},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    INDEX: base.PROJECT_MANAGER_OR_ADMIN,
    INDEX_HOST: base.ADMIN,
    SHOW: base.ADMIN,
    FORCE_COMPLETE: base.PROJECT_MANAGER_OR_ADMIN,
    DELETE: base.PROJECT_MANAGER_OR_ADMIN,
}


def list_rules():
    return rules
