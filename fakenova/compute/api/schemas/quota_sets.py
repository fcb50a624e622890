"""Schemas of /os-quota-sets, /os-quota-class-sets and /limits.

Facts from Nova's schemas: show, detail, update and delete take
``user_id`` (any string, repeatable); until 2.74 anything else is
ignored, from 2.75 it is a 400. The defaults take any query at every
microversion. An update names limits (``force`` too for a project's),
each an integer or its digits from -1 to 2**31-1: the nova-network ones
until 2.35 (quota classes: 2.49), the injected file ones until 2.56.
"""

from fakenova.compute.api import validation

_ONE = {'type': 'object',
        'properties': {'user_id': {'type': 'array',
                                   'items': {'type': 'string'}}},
        'additionalProperties': True}
# GET /os-quota-sets/{id} and its /detail.
one_query = validation.strict_from((2, 75), _ONE)


# -- PUT /os-quota-sets/{id} and /os-quota-class-sets/{id} --------------------

# A limit: an integer or its digits, -1 (unlimited) to the largest
# integer Nova's database keeps.
_LIMIT = {'type': ['integer', 'string'], 'pattern': '^-?[0-9]+$',
          'minimum': -1, 'maximum': 0x7FFFFFFF}

RESOURCES = ('instances', 'cores', 'ram', 'floating_ips', 'fixed_ips',
             'metadata_items', 'key_pairs', 'security_groups',
             'security_group_rules', 'injected_files',
             'injected_file_content_bytes', 'injected_file_path_bytes',
             'server_groups', 'server_group_members')
NETWORK = ('fixed_ips', 'floating_ips', 'security_groups',
           'security_group_rules')
PERSONALITY = ('injected_files', 'injected_file_content_bytes',
               'injected_file_path_bytes')


def _body(key, names, extra=None):
    properties = {name: _LIMIT for name in names}
    properties.update(extra or {})
    return {'type': 'object',
            'properties': {key: {'type': 'object',
                                 'properties': properties,
                                 'additionalProperties': False}},
            'required': [key], 'additionalProperties': False}


def _settable(version, network_until):
    """The resources a body may name at ``version``."""
    hidden = ()
    if version >= (2, 57):
        hidden = NETWORK + PERSONALITY
    elif version >= network_until:
        hidden = NETWORK
    return [name for name in RESOURCES if name not in hidden]


_UPDATE = {}


def update(version):
    """The body of PUT /os-quota-sets/{id}: limits and ``force``."""
    names = tuple(_settable(version, (2, 36)))
    if names not in _UPDATE:
        _UPDATE[names] = _body('quota_set', names, {
            'force': validation.boolean})
    return _UPDATE[names]


_CLASS_UPDATE = {}


def class_update(version):
    """The body of PUT /os-quota-class-sets/{id} (no ``force``)."""
    names = tuple(_settable(version, (2, 50)))
    if names not in _CLASS_UPDATE:
        _CLASS_UPDATE[names] = _body('quota_class_set', names)
    return _CLASS_UPDATE[names]


# GET /os-quota-class-sets/{id}: any query until 2.101, none from 2.102.
class_query = validation.strict_from((2, 102), {
    'type': 'object', 'properties': {}, 'additionalProperties': True})


# GET /limits: tenant_id (admins: another project's); anything else is
# ignored until 2.74 and a 400 from 2.75.
_LIMITS = {'type': 'object',
           'properties': {'tenant_id': {'type': 'array',
                                        'items': {'type': 'string'}}},
           'additionalProperties': True}
limits_query = validation.strict_from((2, 75), _LIMITS)
