"""Rules of the physical hosts API (os-hosts, removed in 2.43), admin only."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_NAME = 'os_compute_api:os-hosts:%s'
_NOTE = (' This API is deprecated in favor of os-hypervisors and '
         'os-services.')
ONE = '/os-hosts/{host_name}'

# Rule names, for the code that checks them.
LIST = POLICY_NAME % 'list'
SHOW = POLICY_NAME % 'show'
UPDATE = POLICY_NAME % 'update'
REBOOT = POLICY_NAME % 'reboot'
SHUTDOWN = POLICY_NAME % 'shutdown'
START = POLICY_NAME % 'start'


def _rule(name, description, method, path):
    return policy.DocumentedRuleDefault(
        name=name, check_str=base.RULE_ADMIN_API,
        description=description + _NOTE,
        operations=[{'method': method, 'path': path}],
        scope_types=['project'])


rules = [
    _rule(LIST, 'List physical hosts.', 'GET', '/os-hosts'),
    _rule(SHOW, 'Show physical host.', 'GET', ONE),
    _rule(UPDATE, 'Update physical host.', 'PUT', ONE),
    _rule(REBOOT, 'Reboot physical host.', 'GET', ONE + '/reboot'),
    _rule(SHUTDOWN, 'Shutdown physical host.', 'GET', ONE + '/shutdown'),
    _rule(START, 'Start physical host.', 'GET', ONE + '/startup'),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {rule.name: base.ADMIN for rule in rules}


def list_rules():
    return rules
