"""Rules of the deprecated floating IP proxy API and its actions."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-floating-ips:%s'

# Rule names, for the code that checks them.
ADD = POLICY_ROOT % 'add'
REMOVE = POLICY_ROOT % 'remove'
LIST = POLICY_ROOT % 'list'
CREATE = POLICY_ROOT % 'create'
SHOW = POLICY_ROOT % 'show'
DELETE = POLICY_ROOT % 'delete'

rules = [
    policy.DocumentedRuleDefault(
        name=ADD,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Associate a floating IP with a server (before 2.44).',
        operations=[
            {'method': 'POST', 'path': base.action('addFloatingIp')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=REMOVE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Disassociate a floating IP from a server (before 2.44).',
        operations=[
            {'method': 'POST', 'path': base.action('removeFloatingIp')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List the project's floating IPs (proxy API).",
        operations=[
            {'method': 'GET', 'path': '/os-floating-ips'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CREATE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Allocate a floating IP to the project (proxy API).',
        operations=[
            {'method': 'POST', 'path': '/os-floating-ips'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Read one floating IP (proxy API).',
        operations=[
            {'method': 'GET', 'path': '/os-floating-ips/{floating_ip_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Release a floating IP (proxy API).',
        operations=[
            {'method': 'DELETE', 'path': '/os-floating-ips/{floating_ip_id}'},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    ADD: base.PROJECT_MEMBER_OR_ADMIN,
    REMOVE: base.PROJECT_MEMBER_OR_ADMIN,
    LIST: base.PROJECT_READER_OR_ADMIN,
    CREATE: base.PROJECT_MEMBER_OR_ADMIN,
    SHOW: base.PROJECT_READER_OR_ADMIN,
    DELETE: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
