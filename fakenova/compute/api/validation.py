"""Request body validation with jsonschema, with Nova's error texts.

Schemas live in :mod:`fakenova.compute.api.schemas`; each is compiled once.
"""

import base64
import functools
import ipaddress
import re
import uuid

from oslo_utils import strutils
from oslo_utils import timeutils

from fakenova.common import times
from fakenova.compute import exception

# jsonschema is imported, and its format checker and validator class
# made, at the first validation (issue 14: importing the API stays cheap);
# the formats below are registered then (_FORMATS).
_FORMATS = []


def _checks(name, raises=()):
    """Register a format check (jsonschema's ``FormatChecker.checks``)."""
    def register(func):
        _FORMATS.append((name, raises, func))
        return func
    return register


_NAME_REASON = 'printable characters. Can not start or end with whitespace.'


class InvalidName(Exception):
    pass


@_checks('uuid')
def _is_uuid(value):
    if not isinstance(value, str):
        return True
    try:
        uuid.UUID(value)
    except (ValueError, AttributeError):
        return False
    return True


@_checks('name', raises=InvalidName)
def _is_name(value):
    if not isinstance(value, str):
        return True
    if (not value or not value.isprintable() or value.strip() != value):
        raise InvalidName(_NAME_REASON)
    return True


_SPACES_REASON = 'printable characters with at least one non space character'


@_checks('name_with_leading_trailing_spaces', raises=InvalidName)
def _is_name_with_spaces(value):
    """Nova's name that may start or end with spaces (stripped after)."""
    if not isinstance(value, str):
        return True
    if not value.strip() or not all(c.isprintable() or c.isspace()
                                    for c in value):
        raise InvalidName(_SPACES_REASON)
    return True


@_checks('az_name')
def _is_az_name(value):
    """Nova's zone name: a name without ':'."""
    if not isinstance(value, str):
        return True
    return bool(value) and value.isprintable() and ':' not in value and (
        value.strip() == value)


@_checks('ipv4')
def _is_ipv4(value):
    if not isinstance(value, str):
        return True
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return True


@_checks('ipv6')
def _is_ipv6(value):
    if not isinstance(value, str):
        return True
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


@_checks('base64')
def _is_base64(value):
    if not isinstance(value, str):
        return True
    # As Nova: base64.decodebytes, which skips non-alphabet characters
    # (nova's own samples carry spaces in personality contents).
    try:
        base64.decodebytes(value.encode('utf-8'))
    except (ValueError, TypeError):
        return False
    return True


@_checks('date-time')
def _is_date_time(value):
    # As Nova: whatever oslo.utils' ISO 8601 parser accepts.
    if not isinstance(value, str):
        return True
    try:
        timeutils.parse_isotime(value)
    except ValueError:
        return False
    return True


@_checks('printable')
def _is_printable(value):
    return not isinstance(value, str) or value.isprintable()


def _number(instance):
    """A numeric string as its number (Nova's validator reads them)."""
    if not isinstance(instance, str):
        return instance
    for kind in (int, float):
        try:
            return kind(instance)
        except ValueError:
            pass
    return None


def _bound(jsonschema, name):
    """jsonschema's ``name`` check, also applied to numeric strings."""
    check = jsonschema.Draft202012Validator.VALIDATORS[name]

    def bound(validator, limit, instance, schema):
        value = _number(instance)
        if value is None or isinstance(value, bool):
            return
        yield from check(validator, limit, value, schema) or ()
    return bound


@functools.lru_cache(maxsize=1)
def _jsonschema():
    """(jsonschema, the validator class, the format checker), made once."""
    import jsonschema
    format_checker = jsonschema.FormatChecker()
    for name, raises, func in _FORMATS:
        format_checker.checks(name, raises=raises)(func)
    # As Nova's validator: minimum and maximum apply to '5' as to 5.
    validator = jsonschema.validators.extend(
        jsonschema.Draft202012Validator,
        {'minimum': _bound(jsonschema, 'minimum'),
         'maximum': _bound(jsonschema, 'maximum')})
    return jsonschema, validator, format_checker


@functools.lru_cache(maxsize=None)
def _compile(schema_id):
    schema = _SCHEMAS[schema_id]
    _, validator, format_checker = _jsonschema()
    return validator(schema, format_checker=format_checker)


_SCHEMAS = {}


def _validator(schema):
    key = id(schema)
    _SCHEMAS[key] = schema
    return _compile(key)


def _value_text(value):
    return str(value)


def strict(schema):
    """``schema`` refusing what it does not name (a shallow copy)."""
    return dict(schema, additionalProperties=False)


class ByVersion:
    """A schema per microversion, called with the request's version.

    ``rows`` are ``(first version, schema)``, newest first; a version
    older than every row gets the last row's schema (None: nothing is
    read). The schemas are built once: the validators are compiled per
    schema object.
    """

    __slots__ = ('rows',)

    def __init__(self, *rows):
        self.rows = rows

    def __call__(self, version):
        for first, schema in self.rows:
            if version >= first:
                return schema
        return self.rows[-1][1]


def strict_from(first, schema):
    """Nova's query schemas that ignore unknown parameters until
    ``first`` (2.75 for most, 2.102 for some) and refuse them from it.
    """
    return ByVersion((first, strict(schema)), ((2, 1), schema))


def validate(schema, body):
    """Raise a Nova-style 400 when ``body`` does not match ``schema``."""
    validator = _validator(schema)
    error = next(iter(validator.iter_errors(body)), None)
    if error is None:
        return
    best = error
    raise exception.BadRequest(_message(best))


def first_error(schema, instance):
    """jsonschema's message for ``instance`` against ``schema`` (or None).

    For values Nova checks by hand rather than as a body (a tag in a URL).
    """
    errors = list(_validator(schema).iter_errors(instance))
    if not errors:
        return None
    return _jsonschema()[0].exceptions.best_match(errors).message


def _message(error):
    if isinstance(error.cause, InvalidName):
        return "An invalid 'name' value was provided. The name must be: %s" % (
            error.cause)
    if error.path:
        return ('Invalid input for field/attribute %s. Value: %s. %s' % (
            error.path[-1], _value_text(error.instance), error.message))
    return error.message


def validate_query(schema, params):
    """Nova's 400 when ``params`` ({name: [values]}) fail ``schema``."""
    validator = _validator(schema)
    error = next(iter(validator.iter_errors(params)), None)
    if error is None:
        return
    if error.path:
        # The path is (name, index of the value): name the parameter.
        raise exception.BadRequest(
            'Invalid input for query parameters %s. Value: %s. %s' % (
                error.path[0], _value_text(error.instance), error.message))
    raise exception.BadRequest(error.message)


def int_query_param(params, name):
    """A non-negative integer query parameter, as Nova's pagination
    helper reads ``limit``, ``offset`` and ``page_size`` (400 if not).
    """
    try:
        return strutils.validate_integer(params[name], name, min_value=0)
    except ValueError as exc:
        raise exception.BadRequest('Invalid input received: %s' % exc)


def query_values(params):
    """{name: [values]} of a WebOb query MultiDict, for validate_query."""
    return {key: params.getall(key) for key in params.keys()}


# -- common parameter types (reference: common.common_parameter_types) ------

name = {'type': 'string', 'minLength': 1, 'maxLength': 255,
        'format': 'name'}
description = {'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255,
               'format': 'printable'}
boolean = {'type': ['boolean', 'string'],
           'enum': [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on',
                    'YES', 'Yes', 'yes', False, 'False', 'FALSE', 'false',
                    '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no']}
image_id = {'type': 'string', 'format': 'uuid'}
flavor_ref = {'type': ['string', 'integer'], 'minLength': 1}
admin_password = {'type': 'string'}
metadata = {'type': 'object',
            'patternProperties': {
                '^[a-zA-Z0-9-_:. ]{1,255}$': {
                    'type': 'string', 'maxLength': 255}},
            'additionalProperties': False}
disk_config = {'type': 'string', 'enum': ['AUTO', 'MANUAL']}
access_ipv4 = {'type': 'string', 'format': 'ipv4'}
access_ipv6 = {'type': 'string', 'format': 'ipv6'}
ip_address = {'type': 'string',
              'oneOf': [{'format': 'ipv4'}, {'format': 'ipv6'}]}
hostname = {'type': 'string', 'minLength': 2, 'maxLength': 63,
            'pattern': '^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$'}
fqdn = {'type': 'string', 'minLength': 1, 'maxLength': 255,
        'pattern': '^[a-zA-Z0-9-._]*$'}
tag = {'type': 'string', 'minLength': 1, 'maxLength': 60,
       'pattern': '^[^,/]*$'}
trusted_certs = {'type': ['array', 'null'], 'minItems': 1, 'maxItems': 50,
                 'uniqueItems': True,
                 'items': {'type': 'string', 'minLength': 1}}
personality = {'type': 'array', 'items': {
    'type': 'object',
    'properties': {'path': {'type': 'string'},
                   'contents': {'type': 'string', 'format': 'base64'}},
    'additionalProperties': False}}
non_negative_integer = {'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
                        'minimum': 0, 'minLength': 1}
positive_integer = dict(non_negative_integer, minimum=1)
_DIGITS = re.compile('[0-9]+')


def is_digits(text):
    """True for ASCII digits only.

    ``str.isdigit`` also accepts '²', which int() refuses.
    """
    return _DIGITS.fullmatch(text) is not None


def multi_params(schema):
    """A query parameter given one or more times (Nova's multi_params)."""
    return {'type': 'array', 'items': schema}


_TRUE = frozenset(['true', '1', 'on', 'yes', 't', 'y'])


def to_bool(value):
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in _TRUE


def action(key, value_schema, extra_top_level=False):
    """Schema of an action body ``{key: value}``."""
    return {'type': 'object', 'properties': {key: value_schema},
            'required': [key],
            'additionalProperties': bool(extra_top_level)}


def is_uuid_like(value):
    try:
        return str(uuid.UUID(value)) == value.lower() or bool(
            re.match(r'^[0-9a-fA-F-]{32,36}$', value))
    except (TypeError, ValueError, AttributeError):
        return False


def time_window(req):
    """(changes-since, changes-before) in microseconds (or None).

    Compare them with :func:`fakenova.common.times.micros` of a record.
    """
    window = []
    for name, start in (('changes-since', (2, 1)),
                        ('changes-before', (2, 66))):
        value = req.params.get(name) if req.version >= start else None
        window.append(None if value is None else times.micros_of(
            timeutils.normalize_time(timeutils.parse_isotime(value))))
    since, before = window
    if since is not None and before is not None and since > before:
        raise exception.BadRequest('The value of changes-since must be '
                                   'less than or equal to changes-before.')
    return since, before


def action_key(body, known):
    """The action an action body names, as Nova's action dispatch reads it.

    ``known`` holds the keys the resource serves (a mapping or a set).
    quirk: Nova counts the body's items before it looks at its type: a
    list or string of other than one item is "malformed" (400); a number,
    a boolean, null or a one-item list or string is not found (404). Then
    a key it does not serve is a 400.
    """
    if not isinstance(body, (dict, list, str)):
        raise exception.NotFound()
    if len(body) != 1:
        raise exception.BadRequest('Malformed request body')
    if not isinstance(body, dict):
        raise exception.NotFound()
    key = next(iter(body))
    if key not in known:
        raise exception.BadRequest('There is no such action: %s' % key)
    return key
