"""Schemas of POST /servers and PUT /servers/{id}."""

import copy

from fakenova.compute.api import validation as v

_CREATE_BASE = {
    'name': v.name,
    'imageRef': {'anyOf': [v.image_id, {'type': 'string', 'maxLength': 0},
                           {'type': 'string', 'format': 'uri'}]},
    'flavorRef': v.flavor_ref,
    'adminPass': v.admin_password,
    'metadata': v.metadata,
    # Before 2.37 a list of networks (the API checks the uuids itself).
    'networks': {'type': 'array', 'items': {
        'type': 'object',
        'properties': {'uuid': {'type': 'string'},
                       'port': {'type': ['string', 'null'],
                                'format': 'uuid'},
                       'fixed_ip': v.ip_address,
                       'tag': v.tag},
        'additionalProperties': False}},
    'OS-DCF:diskConfig': v.disk_config,
    'accessIPv4': v.access_ipv4,
    'accessIPv6': v.access_ipv6,
    'personality': v.personality,
    'security_groups': {'type': 'array', 'items': {
        'type': 'object',
        'properties': {'name': {'type': 'string', 'minLength': 1}},
        'additionalProperties': False}},
    'user_data': {'type': 'string', 'format': 'base64',
                  'maxLength': 65535},
    'availability_zone': {'type': 'string', 'minLength': 1,
                          'maxLength': 255},
    'key_name': {'type': 'string', 'minLength': 1, 'maxLength': 255},
    'config_drive': v.boolean,
    'min_count': v.positive_integer,
    'max_count': v.positive_integer,
    'return_reservation_id': v.boolean,
    'block_device_mapping': {'type': 'array'},
    'block_device_mapping_v2': {'type': 'array'},
}


# Nova checks the hints it knows; 'group' is a server group's id,
# same_host / different_host one server's id or a list of them.
_SERVER_ID = {'type': 'string', 'format': 'uuid'}
_HINTS = {'type': 'object',
          'properties': {
              'group': _SERVER_ID,
              'different_host': {'oneOf': [
                  _SERVER_ID, {'type': 'array', 'items': _SERVER_ID}]},
              'same_host': {'type': ['string', 'array'],
                            'items': _SERVER_ID}},
          'additionalProperties': True}


def _create(version):
    props = copy.deepcopy(_CREATE_BASE)
    required = ['name', 'flavorRef']
    if version >= (2, 37):
        # 'auto' or 'none', or networks whose uuids are uuids; required.
        networks = props['networks']
        networks['items']['properties']['uuid'] = {'type': 'string',
                                                   'format': 'uuid'}
        props['networks'] = {'anyOf': [
            networks, {'type': 'string', 'enum': ['auto', 'none']}]}
        required.append('networks')
    if version >= (2, 19):
        props['description'] = v.description
    if version >= (2, 52):
        props['tags'] = {'type': 'array', 'items': v.tag, 'maxItems': 50}
    if version >= (2, 57):
        del props['personality']
    if version >= (2, 63):
        props['trusted_image_certificates'] = v.trusted_certs
    if version >= (2, 74):
        props['host'] = v.fqdn
        props['hypervisor_hostname'] = v.fqdn
    if version >= (2, 90):
        props['hostname'] = v.hostname if version < (2, 94) else v.fqdn
    return {
        'type': 'object',
        'properties': {
            'server': {'type': 'object', 'properties': props,
                       'required': required,
                       'additionalProperties': False},
            'os:scheduler_hints': _HINTS,
            'OS-SCH-HNT:scheduler_hints': _HINTS,
        },
        'required': ['server'], 'additionalProperties': False}


def _update(version):
    props = {'name': v.name, 'OS-DCF:diskConfig': v.disk_config,
             'accessIPv4': v.access_ipv4, 'accessIPv6': v.access_ipv6}
    if version >= (2, 19):
        props['description'] = v.description
    if version >= (2, 90):
        props['hostname'] = v.hostname if version < (2, 94) else v.fqdn
    if version >= (2, 104):
        props['pinned_availability_zone'] = {
            'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255}
    return {'type': 'object',
            'properties': {'server': {
                'type': 'object', 'properties': props,
                'additionalProperties': False}},
            'required': ['server'], 'additionalProperties': False}


_STARTS = ((2, 1), (2, 19), (2, 37), (2, 52), (2, 57), (2, 63), (2, 74),
           (2, 90), (2, 94), (2, 104))
_CREATE = {s: _create(s) for s in _STARTS}
_UPDATE = {s: _update(s) for s in _STARTS}


def create(version):
    return _CREATE[max(s for s in _STARTS if s <= version)]


def update(version):
    return _UPDATE[max(s for s in _STARTS if s <= version)]
