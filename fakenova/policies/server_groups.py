"""Rules of server groups (os-server-groups).

Nova checks every rule with the target ``{'project_id': ...}``: the
caller's project for list and create, the group's project for show and
delete (a non-admin only ever finds the groups of its own project).
``index:all_projects`` is checked only for an admin who asks for
``all_projects``; anyone else silently gets their own project's groups.
"""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-server-groups:%s'
PATH = '/os-server-groups'
ONE = '/os-server-groups/{server_group_id}'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'create',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Create a server group.',
        operations=[{'method': 'POST', 'path': PATH}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'delete',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Delete a server group.',
        operations=[{'method': 'DELETE', 'path': ONE}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List the server groups of the caller's project.",
        operations=[{'method': 'GET', 'path': PATH}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index:all_projects',
        check_str=base.RULE_ADMIN_API,
        description='List the server groups of every project '
                    '(all_projects, admins only).',
        operations=[{'method': 'GET', 'path': PATH}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'show',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Show a server group.',
        operations=[{'method': 'GET', 'path': ONE}],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    POLICY_ROOT % 'create': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'delete': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'index': base.PROJECT_READER_OR_ADMIN,
    POLICY_ROOT % 'index:all_projects': base.ADMIN,
    POLICY_ROOT % 'show': base.PROJECT_READER_OR_ADMIN,
}


def list_rules():
    return rules
