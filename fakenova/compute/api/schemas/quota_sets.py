"""Query schemas of /os-quota-sets, per microversion.

Facts from Nova's quota sets schemas: show and detail take ``user_id``
(any string, repeatable); until 2.74 anything else is ignored, from 2.75
it is a 400. The defaults take any query at every microversion.
"""

import copy

_ONE = {'type': 'object',
        'properties': {'user_id': {'type': 'array',
                                   'items': {'type': 'string'}}},
        'additionalProperties': True}
_ONE_V275 = copy.deepcopy(_ONE)
_ONE_V275['additionalProperties'] = False


def one_query(version):
    """The query schema of GET /os-quota-sets/{id} and its /detail."""
    return _ONE_V275 if version >= (2, 75) else _ONE
