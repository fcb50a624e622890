"""Rules of the deprecated floating IP proxy API and its actions."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-floating-ips:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'add',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Associate a floating IP with a server (before 2.44).',
        operations=[
            {'method': 'POST', 'path': base.action('addFloatingIp')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'remove',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Disassociate a floating IP from a server (before 2.44).',
        operations=[
            {'method': 'POST', 'path': base.action('removeFloatingIp')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'list',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List the project's floating IPs (proxy API).",
        operations=[
            {'method': 'GET', 'path': '/os-floating-ips'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'create',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Allocate a floating IP to the project (proxy API).',
        operations=[
            {'method': 'POST', 'path': '/os-floating-ips'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'show',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Read one floating IP (proxy API).',
        operations=[
            {'method': 'GET', 'path': '/os-floating-ips/{floating_ip_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'delete',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Release a floating IP (proxy API).',
        operations=[
            {'method': 'DELETE', 'path': '/os-floating-ips/{floating_ip_id}'},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    POLICY_ROOT % 'add': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'remove': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'list': base.PROJECT_READER_OR_ADMIN,
    POLICY_ROOT % 'create': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'show': base.PROJECT_READER_OR_ADMIN,
    POLICY_ROOT % 'delete': base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
