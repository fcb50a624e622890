"""Body and query schemas of the security group proxy (Nova's facts).

Create and update take ``{"security_group": {"name", "description"}}``
(strings of at most 255 characters, both required, other keys
tolerated); a rule ``{"security_group_rule": {...}}`` with a UUID
``parent_group_id`` and an optional UUID (or null) ``group_id``; the
ports, protocol and cidr are checked by the handler, as Nova does.
"""

from fakenova.compute.api import validation

_TEXT = {'type': 'string', 'minLength': 0, 'maxLength': 255}

GROUP = {
    'type': 'object',
    'properties': {
        'security_group': {
            'type': 'object',
            'properties': {'name': _TEXT, 'description': _TEXT},
            'required': ['name', 'description'],
            'additionalProperties': True,
        },
    },
    'required': ['security_group'],
    'additionalProperties': True,
}

RULE = {
    'type': 'object',
    'properties': {
        'security_group_rule': {
            'type': 'object',
            'properties': {
                'group_id': {'type': ['string', 'null'], 'format': 'uuid'},
                'parent_group_id': {'type': 'string', 'format': 'uuid'},
                'to_port': {}, 'from_port': {}, 'ip_protocol': {},
                'cidr': {},
            },
            'required': ['parent_group_id'],
            'additionalProperties': True,
        },
    },
    'required': ['security_group_rule'],
    'additionalProperties': True,
}

INDEX_QUERY = {
    'type': 'object',
    'properties': {
        'limit': validation.multi_params(validation.non_negative_integer),
        'offset': validation.multi_params(validation.non_negative_integer),
        'all_tenants': validation.multi_params({'type': 'string'}),
    },
    'additionalProperties': True,
}

# From 2.102 a server's groups take no query parameter.
SERVER_QUERY_STRICT = {'type': 'object', 'properties': {},
                       'additionalProperties': False}
