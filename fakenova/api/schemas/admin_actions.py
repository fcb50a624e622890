"""Schemas of the shelve, backup, admin, fixed-IP and console actions."""

from fakenova.api import validation as v

reset_state = v.action('os-resetState', {
    'type': 'object',
    'properties': {'state': {'type': 'string', 'enum': ['active', 'error']}},
    'required': ['state'], 'additionalProperties': False})

# The value must be JSON null.
trigger_crash_dump = v.action('trigger_crash_dump', {'type': 'null'})

create_backup = v.action('createBackup', {
    'type': 'object',
    'properties': {'name': v.name, 'backup_type': {'type': 'string'},
                   'rotation': v.non_negative_integer,
                   'metadata': v.metadata},
    'required': ['name', 'backup_type', 'rotation'],
    'additionalProperties': False})

unshelve_v277 = v.action('unshelve', {
    'type': ['object', 'null'],
    'properties': {'availability_zone': v.name},
    'required': ['availability_zone'], 'additionalProperties': False})

unshelve_v291 = v.action('unshelve', {
    'type': ['object', 'null'],
    'properties': {'availability_zone': {'type': ['string', 'null']},
                   'host': {'type': 'string'}},
    'additionalProperties': False})

add_fixed_ip = v.action('addFixedIp', {
    'type': 'object',
    'properties': {'networkId': {'type': ['string', 'number'],
                                 'minLength': 1, 'maxLength': 36}},
    'required': ['networkId'], 'additionalProperties': False})

remove_fixed_ip = v.action('removeFixedIp', {
    'type': 'object',
    'properties': {'address': v.ip_address},
    'required': ['address'], 'additionalProperties': False})

console_output = v.action('os-getConsoleOutput', {
    'type': 'object',
    'properties': {'length': {'type': ['integer', 'string', 'null'],
                              'pattern': '^-?[0-9]+$', 'minimum': -1}},
    'additionalProperties': False})


def _console(key, types):
    return v.action(key, {
        'type': 'object',
        'properties': {'type': {'type': 'string', 'enum': types}},
        'required': ['type'], 'additionalProperties': False})


vnc_console = _console('os-getVNCConsole', ['novnc', 'xvpvnc'])
spice_console = _console('os-getSPICEConsole', ['spice-html5'])
serial_console = _console('os-getSerialConsole', ['serial'])

_PROTOCOLS = ['vnc', 'spice', 'serial', 'rdp']
_TYPES = ['novnc', 'xvpvnc', 'spice-html5', 'serial', 'rdp-html5']


def _remote_console(protocols, types):
    return {'type': 'object',
            'properties': {'remote_console': {
                'type': 'object',
                'properties': {'protocol': {'type': 'string',
                                            'enum': protocols},
                               'type': {'type': 'string', 'enum': types}},
                'required': ['protocol', 'type'],
                'additionalProperties': False}},
            'required': ['remote_console'], 'additionalProperties': False}


_REMOTE = {
    (2, 6): _remote_console(_PROTOCOLS, _TYPES),
    (2, 8): _remote_console(_PROTOCOLS + ['mks'], _TYPES + ['webmks']),
    (2, 99): _remote_console(_PROTOCOLS + ['mks'],
                             _TYPES + ['webmks', 'spice-direct']),
}


def remote_console(version):
    return _REMOTE[max(s for s in _REMOTE if s <= version)]
