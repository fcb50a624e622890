"""Query parameters of GET /servers and /servers/detail, per microversion.

Facts from server-representation.yaml (server_list): every parameter is a
list of strings; unknown ones are dropped before 2.75 and refused (400)
from 2.75; sort keys are an enum from 2.75.
"""

FILTERS = (
    'user_id', 'project_id', 'tenant_id', 'launch_index', 'image_ref',
    'image', 'kernel_id', 'ramdisk_id', 'hostname', 'key_name',
    'power_state', 'vm_state', 'task_state', 'host', 'node', 'flavor',
    'reservation_id', 'launched_at', 'terminated_at', 'availability_zone',
    'name', 'display_name', 'description', 'display_description',
    'locked_by', 'uuid', 'root_device_name', 'config_drive', 'access_ip_v4',
    'access_ip_v6', 'auto_disk_config', 'progress', 'sort_key', 'sort_dir',
    'all_tenants', 'soft_deleted', 'deleted', 'status', 'changes-since',
    'ip', 'ip6', 'created_at', 'limit', 'marker')

VERSION_FILTERS = (
    ((2, 26), ('tags', 'tags-any', 'not-tags', 'not-tags-any')),
    ((2, 66), ('changes-before',)),
    ((2, 73), ('locked',)),
)

SORT_KEYS = (
    'access_ip_v4', 'access_ip_v6', 'auto_disk_config', 'availability_zone',
    'config_drive', 'created_at', 'display_description', 'display_name',
    'host', 'hostname', 'image_ref', 'instance_type_id', 'kernel_id',
    'key_name', 'launch_index', 'launched_at', 'locked_by', 'node',
    'power_state', 'progress', 'project_id', 'ramdisk_id',
    'root_device_name', 'task_state', 'terminated_at', 'updated_at',
    'user_id', 'uuid', 'vm_state')

# Accepted (and ignored) before 2.75, refused from 2.75.
IGNORED_SORT_KEYS = (
    'architecture', 'cell_name', 'cleaned', 'default_ephemeral_device',
    'default_swap_device', 'deleted', 'deleted_at', 'disable_terminate',
    'ephemeral_gb', 'ephemeral_key_uuid', 'id', 'key_data', 'launched_on',
    'locked', 'memory_mb', 'os_type', 'reservation_id', 'root_gb',
    'shutdown_terminate', 'user_data', 'vcpus', 'vm_mode')

ADMIN_SORT_KEYS = ('host', 'node')

_MULTI = {'type': 'array', 'items': {'type': 'string'}}
# ISO 8601 times (what oslo.utils parses), checked at every version.
_TIMES = {'type': 'array', 'items': {'type': 'string',
                                     'format': 'date-time'}}
TIME_FILTERS = ('changes-since', 'changes-before')


def _schema(version):
    names = list(FILTERS)
    for start, extra in VERSION_FILTERS:
        if version >= start:
            names.extend(extra)
    sort_keys = list(SORT_KEYS)
    if version >= (2, 73):
        sort_keys.append('locked')
    props = {name: _TIMES if name in TIME_FILTERS else _MULTI
             for name in names}
    props['sort_key'] = {'type': 'array',
                         'items': {'type': 'string', 'enum': sort_keys}}
    props['sort_dir'] = {'type': 'array',
                         'items': {'type': 'string',
                                   'enum': ['asc', 'desc']}}
    return {'type': 'object', 'properties': props,
            'additionalProperties': False}


_STARTS = ((2, 1), (2, 26), (2, 66), (2, 73))
_SCHEMAS = {start: _schema(start) for start in _STARTS}
# Before 2.75 unknown parameters are dropped, not refused; the times are
# checked all the same.
_LENIENT = {
    (2, 1): {'type': 'object', 'properties': {
        'changes-since': _TIMES}},
    (2, 66): {'type': 'object', 'properties': {
        'changes-since': _TIMES, 'changes-before': _TIMES}},
}


def schema(version):
    """The query schema at ``version``: strict from 2.75."""
    if version < (2, 75):
        return _LENIENT[(2, 66) if version >= (2, 66) else (2, 1)]
    return _SCHEMAS[max(s for s in _STARTS if s <= version)]
