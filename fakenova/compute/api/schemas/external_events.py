"""Body schemas of POST /os-server-external-events, per microversion.

Facts from Nova's schema: a non-empty list of events, each a ``name``
(the names known at the request's microversion), a ``server_uuid``, an
optional ``status`` and ``tag`` (a string of at most 255 characters),
nothing else. 2.51 adds volume-extended, 2.76 power-update, 2.82
accelerator-request-bound, 2.93 volume-reimaged.
"""

import copy

NAMES = ('network-changed', 'network-vif-plugged', 'network-vif-unplugged',
         'network-vif-deleted')
# (first microversion, name it adds)
ADDED = (((2, 51), 'volume-extended'), ((2, 76), 'power-update'),
         ((2, 82), 'accelerator-request-bound'),
         ((2, 93), 'volume-reimaged'))
STATUSES = ['failed', 'completed', 'in-progress']

_BASE = {
    'type': 'object',
    'properties': {
        'events': {
            'type': 'array',
            'minItems': 1,
            'items': {
                'type': 'object',
                'properties': {
                    'name': {'type': 'string', 'enum': list(NAMES)},
                    'server_uuid': {'type': 'string', 'format': 'uuid'},
                    'status': {'type': 'string', 'enum': STATUSES},
                    'tag': {'type': 'string', 'maxLength': 255},
                },
                'required': ['name', 'server_uuid'],
                'additionalProperties': False,
            },
        },
    },
    'required': ['events'],
    'additionalProperties': False,
}


def _build():
    out = [((2, 1), _BASE)]
    for first, name in ADDED:
        schema = copy.deepcopy(out[-1][1])
        schema['properties']['events']['items']['properties']['name'][
            'enum'].append(name)
        out.append((first, schema))
    return tuple(reversed(out))


# (first microversion, schema), newest first; built once.
_SCHEMAS = _build()


def create(version):
    """The body schema of POST /os-server-external-events at ``version``."""
    return next(schema for first, schema in _SCHEMAS if version >= first)
