"""Schemas of the shelve, backup, admin, fixed-IP and console actions."""

from fakenova.compute.api import validation as v

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


migrate_v256 = v.action('migrate', {
    'type': ['object', 'null'],
    'properties': {'host': {'type': ['string', 'null'], 'minLength': 1,
                            'maxLength': 255,
                            'pattern': '^[a-zA-Z0-9-._]*$'}},
    'additionalProperties': False})

_FQDN_OR_NULL = {'type': ['string', 'null'], 'minLength': 1,
                 'maxLength': 255, 'pattern': '^[a-zA-Z0-9-._]*$'}


def _live(block_migration, extra=None, disk_over_commit=False):
    props = {'block_migration': block_migration, 'host': _FQDN_OR_NULL}
    required = ['block_migration', 'host']
    if disk_over_commit:
        props['disk_over_commit'] = v.boolean
        required.append('disk_over_commit')
    props.update(extra or {})
    return v.action('os-migrateLive', {
        'type': 'object', 'properties': props, 'required': required,
        'additionalProperties': False})


_BLOCK_AUTO = {'oneOf': [v.boolean, {'type': 'string', 'enum': ['auto']}]}
live_migrate_v21 = _live(v.boolean, disk_over_commit=True)
live_migrate_v225 = _live(_BLOCK_AUTO)
live_migrate_v230 = _live(_BLOCK_AUTO, {'force': v.boolean})


def live_migrate(version):
    if version >= (2, 68) or (2, 25) <= version < (2, 30):
        return live_migrate_v225
    if version >= (2, 30):
        return live_migrate_v230
    return live_migrate_v21


def _evacuate(props, required=()):
    return v.action('evacuate', {
        'type': 'object', 'properties': props, 'required': list(required),
        'additionalProperties': False})


_EVACUATE_HOST = {'type': 'string', 'minLength': 1, 'maxLength': 255,
                  'pattern': '^[a-zA-Z0-9-._]*$'}
evacuate_v21 = _evacuate({'host': _EVACUATE_HOST,
                          'onSharedStorage': v.boolean,
                          'adminPass': v.admin_password},
                         required=['onSharedStorage'])
evacuate_v214 = _evacuate({'host': _EVACUATE_HOST,
                           'adminPass': v.admin_password})
evacuate_v229 = _evacuate({'host': _EVACUATE_HOST,
                           'adminPass': v.admin_password,
                           'force': v.boolean})


def evacuate(version):
    if version < (2, 14):
        return evacuate_v21
    if (2, 29) <= version < (2, 68):
        return evacuate_v229
    return evacuate_v214


def unshelve(version):
    """The unshelve body's schema (Nova reads no body before 2.77)."""
    if version >= (2, 91):
        return unshelve_v291
    if version >= (2, 77):
        return unshelve_v277
    return None


def migrate(version):
    """The migrate body's schema (Nova reads no body before 2.56)."""
    return migrate_v256 if version >= (2, 56) else None
