"""What keystone checks of a token request's body."""

import jsonschema

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
_AUTH_VALIDATOR = jsonschema.Draft4Validator(AUTH_SCHEMA)


def validate_auth(auth):
    """keystone's checks of a token request's ``auth`` (400 if wrong)."""
    error = next(iter(sorted(_AUTH_VALIDATOR.iter_errors(auth),
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
