"""Query parameters of GET /flavors and /flavors/detail.

As Nova's flavors index query schema: sort keys and directions are enums
and limit a number; ``marker``, ``is_public``, ``minRam`` and ``minDisk``
are checked by the API itself. Unknown parameters are ignored before
2.75 and refused from 2.75.
"""

from fakenova.compute.api import validation as v

SORT_KEYS = ('created_at', 'description', 'disabled', 'ephemeral_gb',
             'flavorid', 'id', 'is_public', 'memory_mb', 'name', 'root_gb',
             'rxtx_factor', 'swap', 'updated_at', 'vcpu_weight', 'vcpus')


def _values(schema):
    return {'type': 'array', 'minItems': 1, 'items': schema}


_PROPERTIES = {
    'sort_key': _values({'type': 'string', 'enum': list(SORT_KEYS)}),
    'sort_dir': _values({'type': 'string', 'enum': ['asc', 'desc']}),
    'limit': _values(v.non_negative_integer),
    'marker': _values({}),
    'is_public': _values({}),
    'minRam': _values({}),
    'minDisk': _values({}),
}

_QUERY = {'type': 'object', 'properties': _PROPERTIES,
          'additionalProperties': True}
_QUERY_V275 = dict(_QUERY, additionalProperties=False)


def index_query(version):
    return _QUERY_V275 if version >= (2, 75) else _QUERY
