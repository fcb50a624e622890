"""Rules of managing flavors: create, update (description), delete.

Nova checks each with an empty target: only admins pass.
"""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-flavor-manage:%s'

# Rule names, for the code that checks them.
CREATE = POLICY_ROOT % 'create'
UPDATE = POLICY_ROOT % 'update'
DELETE = POLICY_ROOT % 'delete'

rules = [
    policy.DocumentedRuleDefault(
        name=CREATE,
        check_str=base.RULE_ADMIN_API,
        description='Create a flavor.',
        operations=[{'method': 'POST', 'path': '/flavors'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPDATE,
        check_str=base.RULE_ADMIN_API,
        description="Update a flavor's description (from microversion "
                    "2.55).",
        operations=[{'method': 'PUT', 'path': '/flavors/{flavor_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=base.RULE_ADMIN_API,
        description='Delete a flavor.',
        operations=[{'method': 'DELETE', 'path': '/flavors/{flavor_id}'}],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    CREATE: base.ADMIN,
    UPDATE: base.ADMIN,
    DELETE: base.ADMIN,
}


def list_rules():
    return rules
