"""Body schemas of /servers/{id}/metadata.

Facts from Nova's server_metadata schemas: POST (merge) and PUT (replace)
take ``{"metadata": {...}}`` and PUT of one key ``{"meta": {key: value}}``
with exactly one item; keys match ``^[a-zA-Z0-9-_:. ]{1,255}$`` and values
are strings of at most 255 characters. Query parameters are ignored.
"""

from fakenova.compute.api import validation

METADATA = {
    'type': 'object',
    'properties': {'metadata': validation.metadata},
    'required': ['metadata'],
    'additionalProperties': False,
}

META_ITEM = {
    'type': 'object',
    'properties': {'meta': dict(validation.metadata, minProperties=1,
                                maxProperties=1)},
    'required': ['meta'],
    'additionalProperties': False,
}
