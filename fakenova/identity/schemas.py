"""What keystone checks of a token request's body."""

import functools

from fakenova.identity import exception


def _object(**properties):
    return {'type': 'object', 'properties': properties}


_STRING = {'type': 'string'}
_ID_OR_NAME = _object(id=_STRING, name=_STRING)

# What keystone's token_issue schema checks of ``auth`` (keystone/auth/
# schema.py): the types of every field a client may send.
AUTH_SCHEMA = {
    'type': 'object',
    'properties': {
        'identity': {
            'type': 'object',
            'properties': {
                'methods': {'type': 'array', 'items': _STRING},
                'password': _object(user=_object(
                    id=_STRING, name=_STRING, password=_STRING,
                    domain=_ID_OR_NAME)),
                'token': dict(_object(id=_STRING), required=['id']),
            },
            'required': ['methods'],
        },
        'scope': {
            'type': ['object', 'string'],
            'properties': {
                'project': _object(id=_STRING, name=_STRING,
                                   domain=_ID_OR_NAME),
                'domain': _ID_OR_NAME,
                'OS-TRUST:trust': _object(id=_STRING),
                'system': _object(all={'type': 'boolean'}),
            },
        },
    },
    'required': ['identity'],
}


# jsonschema is imported, and the validators built, at first use (issue
# 14: importing the identity model stays cheap).
@functools.lru_cache(maxsize=1)
def _auth_validator():
    import jsonschema
    return jsonschema.Draft4Validator(AUTH_SCHEMA)


def validate_auth(auth):
    """keystone's checks of a token request's ``auth`` (400 if wrong)."""
    error = next(iter(sorted(_auth_validator().iter_errors(auth),
                             key=lambda e: list(e.path))), None)
    if error is not None:
        if error.path:
            raise exception.BadRequest("Invalid input for field '%s': %s" % (
                '/'.join(str(p) for p in error.path), error.message))
        raise exception.BadRequest(error.message)
    for where, spec in (
            ('identity/password/user',
             auth['identity'].get('password', {}).get('user')),
            ('scope/project', get(auth.get('scope'), 'project'))):
        if spec is None:
            continue
        if 'id' not in spec and 'name' not in spec:
            raise exception.BadRequest(
                'Invalid input for field %s: id or name must be present.'
                % where)
        domain = spec.get('domain')
        if domain is not None and 'id' not in domain and 'name' not in \
                domain:
            raise exception.BadRequest(
                'Invalid input for field %s/domain: id or name must be '
                'present.' % where)


def get(value, key):
    """``value[key]`` when ``value`` is a dict; else None."""
    return value.get(key) if isinstance(value, dict) else None


# -- the administration API's bodies (keystone 30's request schemas) ---------

_BOOLEAN = {'type': ['boolean', 'string', 'null'],
            'enum': [True, 'True', 'TRUE', 'true',
                     False, 'False', 'FALSE', 'false', None]}
_NAME = {'type': 'string', 'minLength': 1, 'maxLength': 255,
         'pattern': r'[\S]+'}
_PROJECT_NAME = dict(_NAME, maxLength=64)
_ID_STRING = {'type': 'string', 'minLength': 1, 'maxLength': 64,
              'pattern': r'^[a-zA-Z0-9-]+$'}
_NULLABLE_ID = dict(_ID_STRING, type=['string', 'null'])
_NULLABLE_STRING = {'type': ['string', 'null']}
TAG = {'type': 'string', 'minLength': 1, 'maxLength': 255,
       'pattern': '^[^,/]*$'}
_TAGS = {'type': 'array', 'maxItems': 80, 'uniqueItems': True,
         'items': TAG}
TAGS = _TAGS
_OPTIONS = {'type': 'object'}


def _body(key, properties, required=(), min_properties=None,
          key_required=True):
    inner = {'type': 'object', 'properties': properties}
    if required:
        inner['required'] = list(required)
    if min_properties:
        inner['minProperties'] = min_properties
    body = {'type': 'object', 'properties': {key: inner},
            'additionalProperties': False}
    if key_required:
        body['required'] = [key]
    return body


_PROJECT = {'description': _NULLABLE_STRING, 'domain_id': _NULLABLE_ID,
            'enabled': _BOOLEAN, 'is_domain': _BOOLEAN,
            'parent_id': _NULLABLE_ID, 'name': _PROJECT_NAME,
            'tags': _TAGS, 'options': _OPTIONS}
PROJECT_CREATE = _body('project', _PROJECT, required=['name'])
# keystone requires neither "project" nor a field in it (a PATCH of {}
# changes nothing and answers the project).
PROJECT_UPDATE = _body('project', {
    'description': _NULLABLE_STRING, 'enabled': _BOOLEAN,
    'name': _PROJECT_NAME, 'options': _OPTIONS, 'tags': _TAGS},
    key_required=False)

TAGS_UPDATE = {'type': 'object', 'properties': {'tags': _TAGS},
               'additionalProperties': False}

_USER = {'default_project_id': _NULLABLE_STRING,
         'description': _NULLABLE_STRING,
         'domain_id': dict(_ID_STRING), 'enabled': _BOOLEAN,
         'name': _NAME, 'password': _NULLABLE_STRING, 'options': _OPTIONS}
USER_CREATE = _body('user', _USER, required=['name'])
USER_UPDATE = _body('user', _USER, min_properties=1)
PASSWORD_CHANGE = {
    'type': 'object',
    'properties': {'user': {
        'type': 'object',
        'properties': {'original_password': {'type': 'string'},
                       'password': {'type': 'string'}},
        'required': ['original_password', 'password'],
        'additionalProperties': False}},
    'required': ['user']}

_DOMAIN = {'description': _NULLABLE_STRING, 'enabled': _BOOLEAN,
           'name': _PROJECT_NAME, 'options': _OPTIONS, 'tags': _TAGS}
DOMAIN_CREATE = _body('domain', dict(
    _DOMAIN, explicit_domain_id={'type': 'string', 'format': 'uuid'}),
    required=['name'])
DOMAIN_UPDATE = _body('domain', _DOMAIN, min_properties=1)

ROLE_CREATE = _body('role', {
    'name': {'type': 'string', 'minLength': 1, 'maxLength': 255,
             'pattern': r'[\S]+'},
    'description': _NULLABLE_STRING, 'domain_id': _NULLABLE_ID,
    'options': _OPTIONS}, required=['name'])

_VALIDATORS = {}


def validate_body(schema, body):
    """keystone's request body check: 400 with its wording when wrong.

    ``Invalid input for field/attribute <name>. Value: <value>.
    <jsonschema's message>`` for an error inside the body, else
    jsonschema's message alone.
    """
    import jsonschema
    validator = _VALIDATORS.get(id(schema))
    if validator is None:
        validator = _VALIDATORS[id(schema)] = \
            jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(body))
    if error is None:
        return
    if error.path:
        raise exception.ValidationError(
            'Invalid input for field/attribute %s. Value: %s. %s'
            % (error.path.pop(), error.instance, error.message))
    raise exception.ValidationError(error.message)
