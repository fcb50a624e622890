"""Query schemas of the usage reports, per microversion.

Facts from Nova's schemas: the simple tenant usage takes ``start``,
``end`` (and, listing, ``detailed``) as strings, any number of times;
2.40 adds ``limit`` (digits) and ``marker``; until 2.74 other parameters
are ignored, from 2.75 they are a 400. The audit log takes any query
until 2.101 and none from 2.102.
"""

from fakenova.compute.api import validation

_MULTI = {'type': 'array', 'items': {'type': 'string'}}
_PAGING = {'limit': {'type': 'array',
                     'items': validation.non_negative_integer},
           'marker': _MULTI}


def _schema(names, paging):
    props = dict.fromkeys(names, _MULTI)
    if paging:
        props.update(_PAGING)
    return {'type': 'object', 'properties': props,
            'additionalProperties': True}


def _reports(names):
    paged = _schema(names, True)
    return validation.ByVersion(((2, 75), validation.strict(paged)),
                                ((2, 40), paged),
                                ((2, 1), _schema(names, False)))


# GET /os-simple-tenant-usage
index_query = _reports(('start', 'end', 'detailed'))
# GET /os-simple-tenant-usage/{tenant_id}
show_query = _reports(('start', 'end'))
# GET /os-instance_usage_audit_log[/{before_timestamp}]
audit_query = validation.strict_from((2, 102), _schema((), False))
