"""Rules of a server's address listing (/servers/{id}/ips)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:ips:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List a server's addresses by network label.",
        operations=[
            {'method': 'GET', 'path': '/servers/{server_id}/ips'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'show',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="Show a server's addresses on one network.",
        operations=[
            {'method': 'GET',
             'path': '/servers/{server_id}/ips/{network_label}'},
        ],
        scope_types=['project']),
]

RBAC_DEFAULTS = {
    POLICY_ROOT % 'index': base.PROJECT_READER_OR_ADMIN,
    POLICY_ROOT % 'show': base.PROJECT_READER_OR_ADMIN,
}


def list_rules():
    return rules
