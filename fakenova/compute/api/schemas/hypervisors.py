"""Query parameters of GET /os-hypervisors and /os-hypervisors/detail.

Any parameter before 2.33; paging (limit, marker) from 2.33; from 2.53
one of each of limit, marker, hypervisor_hostname_pattern and
with_servers, and nothing else.
"""

from fakenova.compute.api import validation as v


def _single(schema):
    return {'type': 'array', 'items': schema, 'maxItems': 1}


_V21 = {'type': 'object', 'properties': {}, 'additionalProperties': True}
_V233 = {'type': 'object', 'additionalProperties': True, 'properties': {
    'limit': {'type': 'array', 'items': v.non_negative_integer},
    'marker': {'type': 'array', 'items': {'type': 'string'}}}}
_V253 = {'type': 'object', 'additionalProperties': False, 'properties': {
    'limit': _single(v.non_negative_integer),
    'marker': _single({'type': 'string'}),
    'hypervisor_hostname_pattern': _single(v.fqdn),
    'with_servers': _single(v.boolean)}}


index_query = v.ByVersion(((2, 53), _V253), ((2, 33), _V233), ((2, 1), _V21))


# GET /os-hypervisors/{id}: with_servers (once) from 2.53, nothing else.
_SHOW_V253 = {'type': 'object', 'additionalProperties': False,
              'properties': {'with_servers': _single(v.boolean)}}


show_query = v.ByVersion(((2, 53), _SHOW_V253), ((2, 1), _V21))
