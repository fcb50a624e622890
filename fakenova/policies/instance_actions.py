"""Rules of the instance-action records of a server."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-instance-actions:%s'

# Rule names, for the code that checks them.
LIST = POLICY_ROOT % 'list'
SHOW = POLICY_ROOT % 'show'
EVENTS = POLICY_ROOT % 'events'
EVENTS_DETAILS = POLICY_ROOT % 'events:details'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='List the actions recorded for a server.',
        operations=[
            {'method': 'GET',
             'path': '/servers/{server_id}/os-instance-actions'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Read one recorded action of a server.',
        operations=[
            {'method': 'GET',
             'path': '/servers/{server_id}/os-instance-actions/{request_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=EVENTS,
        check_str=base.RULE_ADMIN_API,
        description=(
            'Show event tracebacks (and host, 2.62+) in an action record.'),
        operations=[
            {'method': 'GET',
             'path': '/servers/{server_id}/os-instance-actions/{request_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=EVENTS_DETAILS,
        check_str=base.RULE_ADMIN_API,
        description='Show the details of failed events in an action (2.84+).',
        operations=[
            {'method': 'GET',
             'path': '/servers/{server_id}/os-instance-actions/{request_id}'},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    LIST: base.PROJECT_READER_OR_ADMIN,
    SHOW: base.PROJECT_READER_OR_ADMIN,
    EVENTS: base.ADMIN,
    EVENTS_DETAILS: base.ADMIN,
}


def list_rules():
    return rules
