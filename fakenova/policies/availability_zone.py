"""Rules of the availability-zone listing (os-availability-zone)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-availability-zone:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'list',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='List the availability zones, without their hosts.',
        operations=[{'method': 'GET', 'path': '/os-availability-zone'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'detail',
        check_str=base.RULE_ADMIN_API,
        description='List the availability zones with their hosts and '
                    'services.',
        operations=[{'method': 'GET',
                     'path': '/os-availability-zone/detail'}],
        scope_types=['project']),
]

RBAC_DEFAULTS = {
    POLICY_ROOT % 'list': base.RULE_ANY,
    POLICY_ROOT % 'detail': base.ADMIN,
}


def list_rules():
    return rules
