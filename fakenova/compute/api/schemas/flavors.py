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
_QUERY_V275 = v.strict(_QUERY)
# 2.102: a name filter; rxtx_factor is no sort key any more.
_QUERY_V2102 = dict(_QUERY_V275, properties=dict(
    _PROPERTIES, name=_values({'type': 'string'}),
    sort_key=_values({'type': 'string', 'enum': [
        k for k in SORT_KEYS if k != 'rxtx_factor']})))
# The other reads (one flavor, its extra specs, its access list) take any
# query until 2.101 and none from 2.102.
STRICT_QUERY = {'type': 'object', 'properties': {},
                'additionalProperties': False}


index_query = v.ByVersion(((2, 102), _QUERY_V2102), ((2, 75), _QUERY_V275),
                          ((2, 1), _QUERY))


def check_query(req):
    """400 for any query parameter from 2.102 (Nova's show_query)."""
    if req.version >= (2, 102):
        v.validate_query(STRICT_QUERY, v.query_values(req.params))


# -- flavor management (Nova's flavor_manage / flavor_access /
#    flavors_extraspecs schemas) ------------------------------------------

MAX_INT = 0x7FFFFFFF
SQL_SP_FLOAT_MAX = 3.40282e+38

_positive = {'type': ['integer', 'string'], 'pattern': '^[0-9]+$',
             'minimum': 1, 'maximum': MAX_INT}
_non_negative = dict(_positive, minimum=0)

_CREATE_PROPERTIES = {
    'name': v.name,
    # No leading or trailing blanks.
    'id': {'type': ['string', 'number', 'null'],
           'minLength': 1, 'maxLength': 255,
           'pattern': '^(?! )[a-zA-Z0-9. _-]+(?<! )$'},
    'ram': _positive,
    'vcpus': _positive,
    'disk': _non_negative,
    'OS-FLV-EXT-DATA:ephemeral': _non_negative,
    'swap': _non_negative,
    # A positive float (strings of digits too).
    'rxtx_factor': {'type': ['number', 'string'],
                    'pattern': r'^[0-9]+(\.[0-9]+)?$',
                    'exclusiveMinimum': 0, 'maximum': SQL_SP_FLOAT_MAX},
    'os-flavor-access:is_public': v.boolean,
}

_DESCRIPTION = {'type': ['string', 'null'], 'minLength': 0,
                'maxLength': 65535, 'format': 'printable'}


def _create(properties):
    return {'type': 'object',
            'properties': {'flavor': {
                'type': 'object', 'properties': properties,
                'required': ['name', 'ram', 'vcpus', 'disk'],
                'additionalProperties': False}},
            'required': ['flavor'], 'additionalProperties': False}


CREATE = _create(_CREATE_PROPERTIES)
CREATE_V255 = _create(dict(_CREATE_PROPERTIES, description=_DESCRIPTION))
CREATE_V2102 = _create({k: val for k, val in CREATE_V255['properties'][
    'flavor']['properties'].items() if k != 'rxtx_factor'})

UPDATE = {'type': 'object',
          'properties': {'flavor': {
              'type': 'object', 'properties': {'description': _DESCRIPTION},
              'required': ['description'], 'additionalProperties': False}},
          'required': ['flavor'], 'additionalProperties': False}


def create(version):
    if version >= (2, 102):
        return CREATE_V2102
    return CREATE_V255 if version >= (2, 55) else CREATE


def _tenant_access(key):
    return {'type': 'object',
            'properties': {key: {
                'type': 'object',
                'properties': {'tenant': {'type': 'string', 'minLength': 1,
                                          'maxLength': 255}},
                'required': ['tenant'], 'additionalProperties': False}},
            'required': [key], 'additionalProperties': False}


ADD_TENANT_ACCESS = _tenant_access('addTenantAccess')
REMOVE_TENANT_ACCESS = _tenant_access('removeTenantAccess')

_SPEC_KEY = '^[a-zA-Z0-9-_:. ]{1,255}$'
_SPECS = {'type': 'object',
          'patternProperties': {_SPEC_KEY: {'type': ['string', 'number'],
                                            'maxLength': 255}},
          'additionalProperties': False}
EXTRA_SPECS_CREATE = {'type': 'object', 'properties': {'extra_specs': _SPECS},
                      'required': ['extra_specs'],
                      'additionalProperties': False}
EXTRA_SPECS_UPDATE = dict(_SPECS, minProperties=1, maxProperties=1)
