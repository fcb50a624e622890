"""Body schemas of /servers/{id}/tags (2.26).

Facts from Nova's server_tags schemas: PUT of the collection takes
``{"tags": [...]}``, at most 50 tags, each a string of 1 to 60 characters
without ``/`` or ``,``; PUT of one tag takes no body (JSON ``null``).
"""

from fakenova.compute.api import validation
from fakenova.compute import metadata

TAGS = {
    'title': 'Server tags',
    'type': 'object',
    'properties': {'tags': {'type': 'array', 'items': validation.tag,
                            'maxItems': metadata.MAX_TAGS}},
    'required': ['tags'],
    'additionalProperties': False,
}

TAG = {'title': 'Server tag', 'type': 'null'}
