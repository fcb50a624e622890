"""Rules of the security group proxy API and of the groups of a server."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-security-groups:%s'

# Rule names, for the code that checks them.
GET = POLICY_ROOT % 'get'
SHOW = POLICY_ROOT % 'show'
CREATE = POLICY_ROOT % 'create'
UPDATE = POLICY_ROOT % 'update'
DELETE = POLICY_ROOT % 'delete'
RULE_CREATE = POLICY_ROOT % 'rule:create'
RULE_DELETE = POLICY_ROOT % 'rule:delete'
LIST = POLICY_ROOT % 'list'
ADD = POLICY_ROOT % 'add'
REMOVE = POLICY_ROOT % 'remove'

rules = [
    policy.DocumentedRuleDefault(
        name=GET,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List the project's security groups (proxy API).",
        operations=[
            {'method': 'GET', 'path': '/os-security-groups'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Read one security group (proxy API).',
        operations=[
            {'method': 'GET',
             'path': '/os-security-groups/{security_group_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CREATE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Create a security group (proxy API).',
        operations=[
            {'method': 'POST', 'path': '/os-security-groups'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPDATE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Rename or redescribe a security group (proxy API).',
        operations=[
            {'method': 'PUT',
             'path': '/os-security-groups/{security_group_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Delete a security group (proxy API).',
        operations=[
            {'method': 'DELETE',
             'path': '/os-security-groups/{security_group_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=RULE_CREATE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Add a rule to a security group (proxy API).',
        operations=[
            {'method': 'POST', 'path': '/os-security-group-rules'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=RULE_DELETE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Remove a rule from a security group (proxy API).',
        operations=[
            {'method': 'DELETE',
             'path': '/os-security-group-rules/{security_group_rule_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='List the security groups a server is in.',
        operations=[
            {'method': 'GET',
             'path': '/servers/{server_id}/os-security-groups'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=ADD,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Put a server into a security group.',
        operations=[
            {'method': 'POST', 'path': base.action('addSecurityGroup')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=REMOVE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Take a server out of a security group.',
        operations=[
            {'method': 'POST', 'path': base.action('removeSecurityGroup')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    GET: base.PROJECT_READER_OR_ADMIN,
    SHOW: base.PROJECT_READER_OR_ADMIN,
    CREATE: base.PROJECT_MEMBER_OR_ADMIN,
    UPDATE: base.PROJECT_MEMBER_OR_ADMIN,
    DELETE: base.PROJECT_MEMBER_OR_ADMIN,
    RULE_CREATE: base.PROJECT_MEMBER_OR_ADMIN,
    RULE_DELETE: base.PROJECT_MEMBER_OR_ADMIN,
    LIST: base.PROJECT_READER_OR_ADMIN,
    ADD: base.PROJECT_MEMBER_OR_ADMIN,
    REMOVE: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
