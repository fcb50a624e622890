"""Query parameters of GET /servers/{id}/os-instance-actions.

Paging and time filters exist from 2.58 (changes-before from 2.66), and
unknown parameters are refused there; before 2.58 every parameter is
ignored.
"""

from fakenova.compute.api import validation as v


def _values(schema):
    return {'type': 'array', 'minItems': 1, 'items': schema}


_TIME = _values({'type': 'string', 'format': 'date-time'})
_V258 = {'type': 'object', 'additionalProperties': False, 'properties': {
    'limit': _values(v.non_negative_integer), 'marker': _values({}),
    'changes-since': _TIME}}
_V266 = dict(_V258, properties=dict(_V258['properties'],
                                    **{'changes-before': _TIME}))


# None before 2.58: nothing is read.
index_query = v.ByVersion(((2, 66), _V266), ((2, 58), _V258), ((2, 1), None))
