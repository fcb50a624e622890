"""Rules of reading a flavor's extra specs (/flavors/{id}/os-extra_specs)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-flavor-extra-specs:%s'

# Rule names, for the code that checks them.
INDEX = POLICY_ROOT % 'index'
SHOW = POLICY_ROOT % 'show'

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
]

RBAC_DEFAULTS = {
    INDEX: base.PROJECT_READER_OR_ADMIN,
    SHOW: base.PROJECT_READER_OR_ADMIN,
}


def list_rules():
    return rules
