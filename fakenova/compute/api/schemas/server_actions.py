"""Schemas of the POST /servers/{id}/action bodies."""

import copy

from fakenova.compute.api import validation as v

ANY = {}

reboot = v.action('reboot', {
    'type': 'object',
    'properties': {'type': {
        'type': 'string',
        'enum': ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']}},
    'required': ['type'], 'additionalProperties': False})

resize = v.action('resize', {
    'type': 'object',
    'properties': {'flavorRef': v.flavor_ref,
                   'OS-DCF:diskConfig': v.disk_config},
    'required': ['flavorRef'], 'additionalProperties': False})

create_image = v.action('createImage', {
    'type': 'object',
    'properties': {'name': v.name, 'metadata': v.metadata},
    'required': ['name'], 'additionalProperties': False})

change_password = v.action('changePassword', {
    'type': 'object',
    'properties': {'adminPass': v.admin_password},
    'required': ['adminPass'], 'additionalProperties': False})

lock_v273 = v.action('lock', {
    'type': ['object', 'null'],
    'properties': {'locked_reason': {
        'type': 'string', 'minLength': 1, 'maxLength': 255}},
    'additionalProperties': False})

rescue = v.action('rescue', {
    'type': ['object', 'null'],
    'properties': {'adminPass': v.admin_password,
                   'rescue_image_ref': v.image_id},
    'additionalProperties': False})

add_floating_ip = v.action('addFloatingIp', {
    'type': 'object',
    'properties': {'address': v.ip_address, 'fixed_address': v.ip_address},
    'required': ['address'], 'additionalProperties': False})

remove_floating_ip = v.action('removeFloatingIp', {
    'type': 'object',
    'properties': {'address': v.ip_address},
    'required': ['address'], 'additionalProperties': False})


def _security_group(key):
    # quirk: Nova's schema tolerates extra top-level keys here (the action
    # dispatcher still demands exactly one key).
    return v.action(key, {
        'type': 'object',
        'properties': {'name': {'type': 'string', 'minLength': 1}},
        'required': ['name'], 'additionalProperties': False},
        extra_top_level=True)


add_security_group = _security_group('addSecurityGroup')
remove_security_group = _security_group('removeSecurityGroup')

_REBUILD_BASE = {
    'imageRef': v.image_id,
    'name': v.name,
    'adminPass': v.admin_password,
    'metadata': v.metadata,
    'preserve_ephemeral': {'type': 'boolean'},
    'OS-DCF:diskConfig': v.disk_config,
    'accessIPv4': v.access_ipv4,
    'accessIPv6': v.access_ipv6,
    'personality': v.personality,
}


def _rebuild(version):
    props = copy.deepcopy(_REBUILD_BASE)
    if version >= (2, 19):
        props['description'] = v.description
    if version >= (2, 54):
        props['key_name'] = {'type': ['string', 'null'], 'minLength': 1,
                             'maxLength': 255}
    if version >= (2, 57):
        del props['personality']
        props['user_data'] = {'type': ['string', 'null'],
                              'format': 'base64', 'maxLength': 65535}
    if version >= (2, 63):
        props['trusted_image_certificates'] = v.trusted_certs
    if version >= (2, 94):
        props['hostname'] = v.fqdn
    elif version >= (2, 90):
        props['hostname'] = v.hostname
    return v.action('rebuild', {
        'type': 'object', 'properties': props, 'required': ['imageRef'],
        'additionalProperties': False})


_REBUILD_RANGES = ((2, 1), (2, 19), (2, 54), (2, 57), (2, 63), (2, 90),
                   (2, 94))
_REBUILD_SCHEMAS = {start: _rebuild(start) for start in _REBUILD_RANGES}


def rebuild(version):
    start = max(s for s in _REBUILD_RANGES if s <= version)
    return _REBUILD_SCHEMAS[start]


def lock(version):
    """The lock body's schema (a locked_reason from 2.73)."""
    return lock_v273 if version >= (2, 73) else None
