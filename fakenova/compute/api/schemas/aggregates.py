"""Request schemas of /os-aggregates (Nova's, 2.1 and later)."""

from fakenova.compute.api import validation

az_name = {'type': 'string', 'format': 'az_name', 'minLength': 1,
           'maxLength': 255}
_zone = {'oneOf': [az_name, {'type': 'null'}]}
name_with_spaces = {'type': 'string',
                    'format': 'name_with_leading_trailing_spaces',
                    'minLength': 1, 'maxLength': 255}
metadata_with_null = {
    'type': 'object',
    'patternProperties': {
        '^[a-zA-Z0-9-_:. ]{1,255}$': {
            'type': ['string', 'null'], 'maxLength': 255}},
    'additionalProperties': False}

create = {
    'type': 'object',
    'properties': {
        'aggregate': {
            'type': 'object',
            'properties': {'name': validation.name,
                           'availability_zone': _zone},
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['aggregate'],
    'additionalProperties': False,
}

update = {
    'type': 'object',
    'properties': {
        'aggregate': {
            'type': 'object',
            'properties': {'name': name_with_spaces,
                           'availability_zone': _zone},
            'additionalProperties': False,
            'anyOf': [{'required': ['name']},
                      {'required': ['availability_zone']}],
        },
    },
    'required': ['aggregate'],
    'additionalProperties': False,
}


def _host_action(key):
    return validation.action(key, {
        'type': 'object',
        'properties': {'host': validation.fqdn},
        'required': ['host'],
        'additionalProperties': False,
    })


add_host = _host_action('add_host')
remove_host = _host_action('remove_host')
set_metadata = validation.action('set_metadata', {
    'type': 'object',
    'properties': {'metadata': metadata_with_null},
    'required': ['metadata'],
    'additionalProperties': False,
})

images = {
    'type': 'object',
    'properties': {
        'cache': {
            'type': ['array'],
            'minItems': 1,
            'items': {
                'type': 'object',
                'properties': {'id': validation.image_id},
                'additionalProperties': False,
                'required': ['id'],
            },
        },
    },
    'required': ['cache'],
    'additionalProperties': False,
}

# GET queries: anything until 2.101, nothing from 2.102.
strict_query = {'type': 'object', 'properties': {},
                'additionalProperties': False}
