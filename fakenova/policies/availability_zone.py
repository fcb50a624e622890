"""Rules of the availability-zone listing (os-availability-zone)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-availability-zone:%s'

# Rule names, for the code that checks them.
LIST = POLICY_ROOT % 'list'
DETAIL = POLICY_ROOT % 'detail'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='List the availability zones, without their hosts.',
        operations=[{'method': 'GET', 'path': '/os-availability-zone'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DETAIL,
        check_str=base.RULE_ADMIN_API,
        description='List the availability zones with their hosts and '
                    'services.',
        operations=[{'method': 'GET',
                     'path': '/os-availability-zone/detail'}],
        scope_types=['project']),
]

RBAC_DEFAULTS = {
    LIST: base.RULE_ANY,
    DETAIL: base.ADMIN,
}


def list_rules():
    return rules
