"""Query parameters of GET /os-migrations, per microversion.

Facts from Nova's query schemas of the migrations API: every parameter
is a list of strings. Before 2.59 parameters other than the filters are
allowed and dropped (the handler never sees them); from 2.59 they are
refused (400) and ``limit``, ``marker`` and ``changes-since`` may be given
once each; 2.66 adds ``changes-before``, 2.80 the ``user_id`` and
``project_id`` filters.
"""

from fakenova.compute.api import validation

FILTERS = ('hidden', 'host', 'instance_uuid', 'source_compute', 'status',
           'migration_type')

_MULTI = {'type': 'array', 'items': {'type': 'string'}}
_TIME = {'type': 'string', 'format': 'date-time'}


def _once(item):
    return {'type': 'array', 'items': item, 'maxItems': 1}


def _schema(extra=None, additional=False):
    props = dict.fromkeys(FILTERS, _MULTI)
    props.update(extra or {})
    return {'type': 'object', 'properties': props,
            'additionalProperties': additional}


_V2_59 = {
    'limit': _once(validation.non_negative_integer),
    'marker': _once({'type': 'string'}),
    'changes-since': _once(_TIME),
}
_V2_66 = dict(_V2_59, **{'changes-before': _once(_TIME)})
_V2_80 = dict(_V2_66, user_id=_once({'type': 'string'}),
              project_id=_once({'type': 'string'}))

# (first microversion, schema), newest first.
_SCHEMAS = (
    ((2, 80), _schema(_V2_80)),
    ((2, 66), _schema(_V2_66)),
    ((2, 59), _schema(_V2_59)),
    ((2, 1), _schema(additional=True)),
)


def schema(version):
    """The query schema of GET /os-migrations at ``version``."""
    for start, found in _SCHEMAS:
        if version >= start:
            return found
    return _SCHEMAS[-1][1]
