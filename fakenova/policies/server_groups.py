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

# Rule names, for the code that checks them.
CREATE = POLICY_ROOT % 'create'
DELETE = POLICY_ROOT % 'delete'
INDEX = POLICY_ROOT % 'index'
INDEX_ALL_PROJECTS = POLICY_ROOT % 'index:all_projects'
SHOW = POLICY_ROOT % 'show'

rules = [
    policy.DocumentedRuleDefault(
        name=CREATE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Create a server group.',
        operations=[{'method': 'POST', 'path': PATH}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Delete a server group.',
        operations=[{'method': 'DELETE', 'path': ONE}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=INDEX,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List the server groups of the caller's project.",
        operations=[{'method': 'GET', 'path': PATH}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=INDEX_ALL_PROJECTS,
        check_str=base.RULE_ADMIN_API,
        description='List the server groups of every project '
                    '(all_projects, admins only).',
        operations=[{'method': 'GET', 'path': PATH}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Show a server group.',
        operations=[{'method': 'GET', 'path': ONE}],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    CREATE: base.PROJECT_MEMBER_OR_ADMIN,
    DELETE: base.PROJECT_MEMBER_OR_ADMIN,
    INDEX: base.PROJECT_READER_OR_ADMIN,
    INDEX_ALL_PROJECTS: base.ADMIN,
    SHOW: base.PROJECT_READER_OR_ADMIN,
}


def list_rules():
    return rules
