"""Body and query schemas of /os-keypairs, per microversion.

Facts from Nova's keypairs schemas: a name is a ``name`` (printable, no
leading or trailing whitespace, 1 to 255 characters) made of letters,
digits, ``_``, ``-`` and spaces; 2.92 also allows ``@`` and ``.``. 2.2
adds ``type`` (``ssh`` or ``x509``), 2.10 ``user_id`` (for an admin),
and 2.92 makes ``public_key`` required (no more generated keys).

Query parameters: ``user_id`` from 2.10 (every route), ``limit`` and
``marker`` on the list from 2.35; until 2.74 anything else is ignored,
from 2.75 it is a 400.
"""

import copy

from fakenova.compute.api import validation


def _name(pattern):
    # Nova checks both schemas (allOf), the name format's one first.
    return {'allOf': [validation.name,
                      {'type': 'string', 'pattern': pattern,
                       'minLength': 1, 'maxLength': 255}]}


NAME = _name(r'^[_\- a-zA-Z0-9]+$')
NAME_V292 = _name(r'^[_\-\@\. a-zA-Z0-9]+$')


def _create(properties, required=('name',)):
    return {
        'type': 'object',
        'properties': {'keypair': {
            'type': 'object', 'properties': properties,
            'required': list(required), 'additionalProperties': False}},
        'required': ['keypair'], 'additionalProperties': False}


_BASE = {'name': NAME, 'public_key': {'type': 'string'}}
_V22 = dict(_BASE, type={'type': 'string', 'enum': ['ssh', 'x509']})
_V210 = dict(_V22, user_id={'type': 'string'})
_V292 = dict(_V210, name=NAME_V292)


_STRINGS = {'type': 'array', 'items': {'type': 'string'}}
_ANY = {'type': 'object', 'properties': {}, 'additionalProperties': True}
_USER = {'type': 'object', 'properties': {'user_id': _STRINGS},
         'additionalProperties': True}
_PAGED = copy.deepcopy(_USER)
_PAGED['properties'].update(
    limit={'type': 'array', 'items': validation.non_negative_integer},
    marker=_STRINGS)


index_query = validation.ByVersion(
    ((2, 75), validation.strict(_PAGED)), ((2, 35), _PAGED),
    ((2, 10), _USER), ((2, 1), _ANY))
# GET and DELETE /os-keypairs/{name}.
one_query = validation.ByVersion(
    ((2, 75), validation.strict(_USER)), ((2, 10), _USER), ((2, 1), _ANY))

create = validation.ByVersion(
    ((2, 92), _create(_V292, required=('name', 'public_key'))),
    ((2, 10), _create(_V210)),
    ((2, 2), _create(_V22)),
    ((2, 1), _create(_BASE)),
)
