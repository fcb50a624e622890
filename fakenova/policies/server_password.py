"""Rules of a server's encrypted admin password (os-server-password)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-server-password:%s'
PATH = '/servers/{server_id}/os-server-password'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'show',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="Read a server's encrypted admin password.",
        operations=[{'method': 'GET', 'path': PATH}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'clear',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="Clear a server's encrypted admin password.",
        operations=[{'method': 'DELETE', 'path': PATH}],
        scope_types=['project']),
]

RBAC_DEFAULTS = {
    POLICY_ROOT % 'show': base.PROJECT_READER_OR_ADMIN,
    POLICY_ROOT % 'clear': base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
