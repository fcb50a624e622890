"""Rules of a flavor's extra specs (/flavors/{id}/os-extra_specs).

Reading is checked with the caller's project as target (anyone's own);
writing (admins only) with an empty target.
"""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-flavor-extra-specs:%s'

# Rule names, for the code that checks them.
INDEX = POLICY_ROOT % 'index'
SHOW = POLICY_ROOT % 'show'
CREATE = POLICY_ROOT % 'create'
UPDATE = POLICY_ROOT % 'update'
DELETE = POLICY_ROOT % 'delete'
ONE = '/flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List a flavor's extra specs; from microversion 2.61 "
                    "they are also shown in the flavor itself.",
        operations=[
            {'method': 'GET', 'path': '/flavors/{flavor_id}/os-extra_specs'},
            {'method': 'GET', 'path': '/flavors/detail'},
            {'method': 'GET', 'path': '/flavors/{flavor_id}'},
            {'method': 'POST', 'path': '/flavors'},
            {'method': 'PUT', 'path': '/flavors/{flavor_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="Show one extra spec of a flavor.",
        operations=[
            {'method': 'GET', 'path': '/flavors/{flavor_id}/os-extra_specs/'
                                      '{flavor_extra_spec_key}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CREATE,
        check_str=base.RULE_ADMIN_API,
        description='Create or update extra specs of a flavor.',
        operations=[
            {'method': 'POST', 'path': '/flavors/{flavor_id}/os-extra_specs'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPDATE,
        check_str=base.RULE_ADMIN_API,
        description='Update one extra spec of a flavor.',
        operations=[{'method': 'PUT', 'path': ONE}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=base.RULE_ADMIN_API,
        description='Delete one extra spec of a flavor.',
        operations=[{'method': 'DELETE', 'path': ONE}],
        scope_types=['project']),
]

RBAC_DEFAULTS = {
    INDEX: base.PROJECT_READER_OR_ADMIN,
    SHOW: base.PROJECT_READER_OR_ADMIN,
    CREATE: base.ADMIN,
    UPDATE: base.ADMIN,
    DELETE: base.ADMIN,
}


def list_rules():
    return rules
