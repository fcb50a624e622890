"""Rules of the cold and live migration actions."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-migrate-server:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'migrate',
        check_str=base.RULE_ADMIN_API,
        description='Cold-migrate a server to a host the scheduler picks.',
        operations=[
            {'method': 'POST', 'path': base.action('migrate')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'migrate:host',
        check_str=base.RULE_ADMIN_API,
        description='Cold-migrate a server to a named host.',
        operations=[
            {'method': 'POST', 'path': base.action('migrate')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'migrate_live',
        check_str=base.RULE_ADMIN_API,
        description='Live-migrate a server to a host the scheduler picks.',
        operations=[
            {'method': 'POST', 'path': base.action('os-migrateLive')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'migrate_live:host',
        check_str=base.RULE_ADMIN_API,
        description='Live-migrate a server to a named host.',
        operations=[
            {'method': 'POST', 'path': base.action('os-migrateLive')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    POLICY_ROOT % 'migrate': base.PROJECT_MANAGER_OR_ADMIN,
    POLICY_ROOT % 'migrate:host': base.ADMIN,
    POLICY_ROOT % 'migrate_live': base.PROJECT_MANAGER_OR_ADMIN,
    POLICY_ROOT % 'migrate_live:host': base.ADMIN,
}


def list_rules():
    return rules
