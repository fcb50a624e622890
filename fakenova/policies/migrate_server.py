"""Rules of the cold and live migration actions."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-migrate-server:%s'

# Rule names, for the code that checks them.
MIGRATE = POLICY_ROOT % 'migrate'
MIGRATE_HOST = POLICY_ROOT % 'migrate:host'
MIGRATE_LIVE = POLICY_ROOT % 'migrate_live'
MIGRATE_LIVE_HOST = POLICY_ROOT % 'migrate_live:host'

rules = [
    policy.DocumentedRuleDefault(
        name=MIGRATE,
        check_str=base.RULE_ADMIN_API,
        description='Cold-migrate a server to a host the scheduler picks.',
        operations=[
            {'method': 'POST', 'path': base.action('migrate')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=MIGRATE_HOST,
        check_str=base.RULE_ADMIN_API,
        description='Cold-migrate a server to a named host.',
        operations=[
            {'method': 'POST', 'path': base.action('migrate')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=MIGRATE_LIVE,
        check_str=base.RULE_ADMIN_API,
        description='Live-migrate a server to a host the scheduler picks.',
        operations=[
            {'method': 'POST', 'path': base.action('os-migrateLive')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=MIGRATE_LIVE_HOST,
        check_str=base.RULE_ADMIN_API,
        description='Live-migrate a server to a named host.',
        operations=[
            {'method': 'POST', 'path': base.action('os-migrateLive')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    MIGRATE: base.PROJECT_MANAGER_OR_ADMIN,
    MIGRATE_HOST: base.ADMIN,
    MIGRATE_LIVE: base.PROJECT_MANAGER_OR_ADMIN,
    MIGRATE_LIVE_HOST: base.ADMIN,
}


def list_rules():
    return rules
