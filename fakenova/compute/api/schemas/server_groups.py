"""Body and query schemas of /os-server-groups, per microversion.

Facts from Nova's server_groups schemas: a group has a ``name`` (Nova's
name format) and, until 2.63, ``policies``: a list holding exactly one
policy (``anti-affinity`` or ``affinity``; 2.15 adds ``soft-anti-affinity``
and ``soft-affinity``). From 2.64 it is ``policy``, one string of the four,
with optional ``rules`` whose only key is ``max_server_per_host`` (a
positive integer, also as a string). Nova validates keywords in schema
order, so the key order below decides which error a bad list reports
(a repeated policy is "non-unique" before it is "too long").

The list takes ``all_projects``, ``limit`` and ``offset``; until 2.74
anything else is ignored, from 2.75 it is a 400.
"""

from fakenova.compute.api import validation

_HARD = ['anti-affinity', 'affinity']
_ALL = _HARD + ['soft-anti-affinity', 'soft-affinity']


def _policies(allowed):
    return {'type': 'array',
            'prefixItems': [{'type': 'string', 'enum': list(allowed)}],
            'uniqueItems': True, 'minItems': 1, 'maxItems': 1}


def _create(properties, required):
    return {
        'type': 'object',
        'properties': {'server_group': {
            'type': 'object', 'properties': properties,
            'required': list(required), 'additionalProperties': False}},
        'required': ['server_group'], 'additionalProperties': False}


_POSITIVE = {'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
             'minimum': 1, 'minLength': 1}

CREATE = _create({'name': validation.name, 'policies': _policies(_HARD)},
                 ('name', 'policies'))
CREATE_V215 = _create({'name': validation.name,
                       'policies': _policies(_ALL)}, ('name', 'policies'))
CREATE_V264 = _create({
    'name': validation.name,
    'policy': {'type': 'string', 'enum': list(_ALL)},
    'rules': {'type': 'object',
              'properties': {'max_server_per_host': _POSITIVE},
              'additionalProperties': False},
}, ('name', 'policy'))


def create(version):
    if version >= (2, 64):
        return CREATE_V264
    if version >= (2, 15):
        return CREATE_V215
    return CREATE


_STRINGS = {'type': 'array', 'items': {'type': 'string'}}
_NUMBERS = {'type': 'array', 'items': validation.non_negative_integer}
INDEX_QUERY = {'type': 'object',
               'properties': {'all_projects': _STRINGS, 'limit': _NUMBERS,
                              'offset': _NUMBERS},
               'additionalProperties': True}
index_query = validation.strict_from((2, 75), INDEX_QUERY)
