"""Rule of the remote console actions and resource."""

from oslo_policy import policy

from fakenova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-remote-consoles'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Get a URL for a remote console of a server.',
        operations=[
            {'method': 'POST', 'path': base.action('os-getSerialConsole')},
            {'method': 'POST', 'path': base.action('os-getSPICEConsole')},
            {'method': 'POST', 'path': base.action('os-getVNCConsole')},
            {'method': 'POST', 'path': '/servers/{server_id}/remote-consoles'},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    BASE_POLICY_NAME: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
