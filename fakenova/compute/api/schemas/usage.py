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


def _schema(names, paging, strict):
    props = dict.fromkeys(names, _MULTI)
    if paging:
        props.update(_PAGING)
    return {'type': 'object', 'properties': props,
            'additionalProperties': not strict}


# (first microversion, schema), newest first; built once (the validator
# is compiled per schema object).
_INDEX = (((2, 75), _schema(('start', 'end', 'detailed'), True, True)),
          ((2, 40), _schema(('start', 'end', 'detailed'), True, False)),
          ((2, 1), _schema(('start', 'end', 'detailed'), False, False)))
_SHOW = (((2, 75), _schema(('start', 'end'), True, True)),
         ((2, 40), _schema(('start', 'end'), True, False)),
         ((2, 1), _schema(('start', 'end'), False, False)))
_AUDIT = (((2, 102), _schema((), False, True)),
          ((2, 1), _schema((), False, False)))


def _pick(schemas, version):
    return next(schema for first, schema in schemas if version >= first)


def index_query(version):
    """GET /os-simple-tenant-usage"""
    return _pick(_INDEX, version)


def show_query(version):
    """GET /os-simple-tenant-usage/{tenant_id}"""
    return _pick(_SHOW, version)


def audit_query(version):
    """GET /os-instance_usage_audit_log[/{before_timestamp}]"""
    return _pick(_AUDIT, version)
