"""Nova's state vocabularies and the (vm_state, task_state) -> status map.

The API ``status`` of a server is never stored; it is always derived from
the vm_state and task_state with :func:`status_of`.
"""

# vm_state values (OS-EXT-STS:vm_state)
ACTIVE = 'active'
BUILDING = 'building'
PAUSED = 'paused'
SUSPENDED = 'suspended'
STOPPED = 'stopped'
RESCUED = 'rescued'
RESIZED = 'resized'
SOFT_DELETED = 'soft-delete'
DELETED = 'deleted'
ERROR = 'error'
SHELVED = 'shelved'
SHELVED_OFFLOADED = 'shelved_offloaded'

VM_STATES = frozenset([
    ACTIVE, BUILDING, PAUSED, SUSPENDED, STOPPED, RESCUED, RESIZED,
    SOFT_DELETED, DELETED, ERROR, SHELVED, SHELVED_OFFLOADED])

# power_state integers (OS-EXT-STS:power_state)
NOSTATE = 0
RUNNING = 1
POWER_PAUSED = 3
SHUTDOWN = 4
CRASHED = 6
POWER_SUSPENDED = 7

# The power state a settled server usually has for a vm_state.
POWER_FOR_VM_STATE = {
    ACTIVE: RUNNING, RESCUED: RUNNING, PAUSED: POWER_PAUSED,
    SUSPENDED: POWER_SUSPENDED, STOPPED: SHUTDOWN, SHELVED: SHUTDOWN,
    SHELVED_OFFLOADED: SHUTDOWN, BUILDING: NOSTATE, RESIZED: RUNNING,
    ERROR: NOSTATE, SOFT_DELETED: SHUTDOWN, DELETED: NOSTATE,
}

TASK_STATES = frozenset([
    'scheduling', 'block_device_mapping', 'networking', 'spawning',
    'image_snapshot', 'image_snapshot_pending', 'image_pending_upload',
    'image_uploading', 'image_backup', 'updating_password', 'resize_prep',
    'resize_migrating', 'resize_migrated', 'resize_finish',
    'resize_reverting', 'resize_confirming', 'rebooting', 'reboot_pending',
    'reboot_started', 'rebooting_hard', 'reboot_pending_hard',
    'reboot_started_hard', 'pausing', 'unpausing', 'suspending', 'resuming',
    'powering-off', 'powering-on', 'rescuing', 'unrescuing', 'rebuilding',
    'rebuild_block_device_mapping', 'rebuild_spawning', 'migrating',
    'deleting', 'soft-deleting', 'restoring', 'shelving',
    'shelving_image_pending_upload', 'shelving_image_uploading',
    'shelving_offloading', 'unshelving'])

_SOFT_REBOOT = ('rebooting', 'reboot_pending', 'reboot_started')
_HARD_REBOOT = ('rebooting_hard', 'reboot_pending_hard',
                'reboot_started_hard')
_RESIZING = ('resize_prep', 'resize_migrating', 'resize_migrated',
             'resize_finish')
_REBUILDING = ('rebuilding', 'rebuild_block_device_mapping',
               'rebuild_spawning')


def _cells(status, task_states):
    return {t: status for t in task_states}


# vm_state -> {task_state or 'default': status}
STATUS_MAP = {
    ACTIVE: dict(
        default='ACTIVE',
        updating_password='PASSWORD', migrating='MIGRATING',
        **_cells('REBOOT', _SOFT_REBOOT),
        **_cells('HARD_REBOOT', _HARD_REBOOT),
        **_cells('REBUILD', _REBUILDING),
        **_cells('RESIZE', _RESIZING)),
    BUILDING: {'default': 'BUILD'},
    STOPPED: dict(default='SHUTOFF', **_cells('RESIZE', _RESIZING),
                  **_cells('REBUILD', _REBUILDING)),
    RESIZED: {'default': 'VERIFY_RESIZE', 'resize_reverting': 'REVERT_RESIZE'},
    PAUSED: {'default': 'PAUSED', 'migrating': 'MIGRATING'},
    SUSPENDED: {'default': 'SUSPENDED'},
    RESCUED: {'default': 'RESCUE'},
    ERROR: dict(default='ERROR', **_cells('REBUILD', _REBUILDING)),
    DELETED: {'default': 'DELETED'},
    SOFT_DELETED: {'default': 'SOFT_DELETED'},
    SHELVED: {'default': 'SHELVED'},
    SHELVED_OFFLOADED: {'default': 'SHELVED_OFFLOADED'},
}

ALL_STATUSES = frozenset(
    s for cells in STATUS_MAP.values() for s in cells.values()) | {'UNKNOWN'}


def status_of(vm_state, task_state):
    """The API status for a (vm_state, task_state) pair."""
    cells = STATUS_MAP.get(vm_state)
    if cells is None:
        return 'UNKNOWN'
    return cells.get(task_state, cells['default'])


def _reverse_status_map():
    """status -> (vm_states, task_states or None for 'any')."""
    reverse = {}
    for vm_state, cells in STATUS_MAP.items():
        for task_state, status in cells.items():
            vms, tasks = reverse.setdefault(status, (set(), set()))
            vms.add(vm_state)
            tasks.add(task_state)
    out = {}
    for status, (vms, tasks) in reverse.items():
        # A 'default' cell means "any task_state" for the filter.
        out[status] = (frozenset(vms),
                       None if 'default' in tasks else frozenset(tasks))
    return out


STATUS_FILTERS = _reverse_status_map()

# Statuses for which the server view shows ``progress``.
PROGRESS_STATUSES = frozenset(
    ['ACTIVE', 'BUILD', 'REBUILD', 'RESIZE', 'VERIFY_RESIZE', 'MIGRATING'])
# Statuses for which the server view shows ``fault`` (when one exists).
FAULT_STATUSES = frozenset(['ERROR', 'DELETED'])
