"""Rules of a project's quotas (os-quota-sets).

Nova checks each with the target ``{'project_id': <the project of the
URL>}``: a project's own users (and admins) may read its limits and
usage; anyone may read the defaults, for any project; only admins may
change or revert a project's limits.
"""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-quota-sets:%s'
ONE = '/os-quota-sets/{tenant_id}'

# Rule names, for the code that checks them.
SHOW = POLICY_ROOT % 'show'
DEFAULTS = POLICY_ROOT % 'defaults'
DETAIL = POLICY_ROOT % 'detail'
UPDATE = POLICY_ROOT % 'update'
DELETE = POLICY_ROOT % 'delete'

rules = [
    policy.DocumentedRuleDefault(
        name=DEFAULTS,
        check_str=base.RULE_ANY,
        description="Show the default quotas (any project's).",
        operations=[{'method': 'GET', 'path': ONE + '/defaults'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="Show a project's quotas.",
        operations=[{'method': 'GET', 'path': ONE}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DETAIL,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="Show a project's quotas with their usage.",
        operations=[{'method': 'GET', 'path': ONE + '/detail'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPDATE,
        check_str=base.RULE_ADMIN_API,
        description="Update a project's (or a user's) quotas.",
        operations=[{'method': 'PUT', 'path': ONE}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=base.RULE_ADMIN_API,
        description="Revert a project's (or a user's) quotas to the "
                    "defaults.",
        operations=[{'method': 'DELETE', 'path': ONE}],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    DEFAULTS: base.RULE_ANY,
    SHOW: base.PROJECT_READER_OR_ADMIN,
    DETAIL: base.PROJECT_READER_OR_ADMIN,
    UPDATE: base.ADMIN,
    DELETE: base.ADMIN,
}


def list_rules():
    return rules
