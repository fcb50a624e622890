"""Rules of a server's address listing (/servers/{id}/ips)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:ips:%s'

# Rule names, for the code that checks them.
INDEX = POLICY_ROOT % 'index'
SHOW = POLICY_ROOT % 'show'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List a server's addresses by network label.",
        operations=[
            {'method': 'GET', 'path': '/servers/{server_id}/ips'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="Show a server's addresses on one network.",
        operations=[
            {'method': 'GET',
             'path': '/servers/{server_id}/ips/{network_label}'},
        ],
        scope_types=['project']),
]

RBAC_DEFAULTS = {
    INDEX: base.PROJECT_READER_OR_ADMIN,
    SHOW: base.PROJECT_READER_OR_ADMIN,
}


def list_rules():
    return rules
