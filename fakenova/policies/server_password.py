"""Rules of a server's encrypted admin password (os-server-password)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-server-password:%s'
PATH = '/servers/{server_id}/os-server-password'

# Rule names, for the code that checks them.
SHOW = POLICY_ROOT % 'show'
CLEAR = POLICY_ROOT % 'clear'

rules = [
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="Read a server's encrypted admin password.",
        operations=[{'method': 'GET', 'path': PATH}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CLEAR,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="Clear a server's encrypted admin password.",
        operations=[{'method': 'DELETE', 'path': PATH}],
        scope_types=['project']),
]

RBAC_DEFAULTS = {
    SHOW: base.PROJECT_READER_OR_ADMIN,
    CLEAR: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
