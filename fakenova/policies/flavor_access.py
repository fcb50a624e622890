"""Rules of a private flavor's access list (os-flavor-access).

Listing is checked with the caller's own project as target (Nova passes
none): the legacy default lets any project's user list, the RBAC one
only admins. Adding and removing a project are admin-only, checked with
an empty target.
"""

from oslo_policy import policy

from fakenova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-flavor-access'
POLICY_ROOT = 'os_compute_api:os-flavor-access:%s'
ACTION = '/flavors/{flavor_id}/action'

# Rule names, for the code that checks them.
INDEX = BASE_POLICY_NAME
ADD = POLICY_ROOT % 'add_tenant_access'
REMOVE = POLICY_ROOT % 'remove_tenant_access'

rules = [
    policy.DocumentedRuleDefault(
        name=ADD,
        check_str=base.RULE_ADMIN_API,
        description='Give a project access to a private flavor.',
        operations=[{'method': 'POST', 'path': ACTION + ' (addTenantAccess)'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=REMOVE,
        check_str=base.RULE_ADMIN_API,
        description="Take a project's access to a private flavor away.",
        operations=[{'method': 'POST',
                     'path': ACTION + ' (removeTenantAccess)'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=INDEX,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='List the projects that have access to a private '
                    'flavor.',
        operations=[{'method': 'GET',
                     'path': '/flavors/{flavor_id}/os-flavor-access'}],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    ADD: base.ADMIN,
    REMOVE: base.ADMIN,
    INDEX: base.ADMIN,
}


def list_rules():
    return rules
