"""Rules of the security group proxy API and of the groups of a server."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-security-groups:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'get',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List the project's security groups (proxy API).",
        operations=[
            {'method': 'GET', 'path': '/os-security-groups'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'show',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Read one security group (proxy API).',
        operations=[
            {'method': 'GET',
             'path': '/os-security-groups/{security_group_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'create',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Create a security group (proxy API).',
        operations=[
            {'method': 'POST', 'path': '/os-security-groups'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'update',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Rename or redescribe a security group (proxy API).',
        operations=[
            {'method': 'PUT',
             'path': '/os-security-groups/{security_group_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'delete',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Delete a security group (proxy API).',
        operations=[
            {'method': 'DELETE',
             'path': '/os-security-groups/{security_group_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'rule:create',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Add a rule to a security group (proxy API).',
        operations=[
            {'method': 'POST', 'path': '/os-security-group-rules'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'rule:delete',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Remove a rule from a security group (proxy API).',
        operations=[
            {'method': 'DELETE',
             'path': '/os-security-group-rules/{security_group_rule_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'list',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='List the security groups a server is in.',
        operations=[
            {'method': 'GET',
             'path': '/servers/{server_id}/os-security-groups'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'add',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Put a server into a security group.',
        operations=[
            {'method': 'POST', 'path': base.action('addSecurityGroup')},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'remove',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Take a server out of a security group.',
        operations=[
            {'method': 'POST', 'path': base.action('removeSecurityGroup')},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    POLICY_ROOT % 'get': base.PROJECT_READER_OR_ADMIN,
    POLICY_ROOT % 'show': base.PROJECT_READER_OR_ADMIN,
    POLICY_ROOT % 'create': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'update': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'delete': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'rule:create': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'rule:delete': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'list': base.PROJECT_READER_OR_ADMIN,
    POLICY_ROOT % 'add': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'remove': base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
