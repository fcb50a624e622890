"""The server lifecycle as data.

Every server action is one :class:`Transition` row of :data:`TRANSITIONS`:
which vm_states and task_states allow it, whether the lock applies, the
task_state the API writes while the action runs, the settled vm_state and
power_state, the instance-action name recorded, and -- where an action
does more than change state -- one small function for its side effect.

:func:`perform` applies a row under the store lock: it checks the
preconditions in Nova's order (lock, host, vm_state, task_state,
launched_at), runs the row's ``prepare`` hook (validation that may still
refuse the request), writes the transitional task_state, records the
instance action and hands completion to the store's pacing.
"""

import secrets
import time

from fakenova.compute import effects
from fakenova.compute import exception
from fakenova.compute import moves
from fakenova.compute import quotas
from fakenova.compute import server_groups
from fakenova.compute import states as st
from fakenova.compute import volumes

ANY = None

# Nova's generated passwords avoid look-alike characters.
_PASSWORD_GROUPS = ('23456789', 'ABCDEFGHJKLMNPQRSTUVWXYZ',
                    'abcdefghijkmnopqrstuvwxyz')


def generate_password(length=12):
    chars = [secrets.choice(group) for group in _PASSWORD_GROUPS]
    alphabet = ''.join(_PASSWORD_GROUPS)
    chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return ''.join(chars)


class Transition:
    """One action of the lifecycle table."""

    __slots__ = ('name', 'key', 'label', 'vm_states', 'task_states', 'lock',
                 'lock_fallback', 'host_check', 'launched', 'task_state',
                 'vm_state', 'power_state', 'record', 'prepare', 'finish',
                 'event')

    def __init__(self, name, vm_states=ANY, task_states=(None,), lock=True,
                 lock_fallback=False, host_check=None, launched=True,
                 task_state=None, vm_state=None, power_state=None,
                 record=None, prepare=None, finish=None, label=None,
                 event=None, key=None):
        self.name = name
        # The API's name for it (action key; 'reboot' for both reboots).
        self.key = key or name
        self.label = label or name
        self.vm_states = None if vm_states is ANY else frozenset(vm_states)
        self.task_states = (None if task_states is ANY
                            else frozenset(task_states))
        self.lock = lock
        # quirk: some handlers report a lock through the generic
        # invalid-state text (changePassword, restore).
        self.lock_fallback = lock_fallback
        # 'before_state' (os-start/os-stop) or 'after_state' (resize).
        self.host_check = host_check
        self.launched = launched
        self.task_state = task_state
        self.vm_state = vm_state
        self.power_state = power_state
        self.record = record
        self.prepare = prepare
        self.finish = finish
        self.event = event or ('compute_%s_instance' % (record or name))


class Pending:
    """A transition accepted but not yet settled (see pacing)."""

    __slots__ = ('transition', 'params', 'remaining', 'action', 'error',
                 'deadline')

    def __init__(self, transition, params, remaining, action, error=None):
        self.transition = transition
        self.params = params
        self.remaining = remaining
        # With 'seconds' pacing: when it settles (time.monotonic()).
        self.deadline = None
        self.action = action
        # A fault body when the action must end in ERROR (error_next).
        self.error = error


# ---------------------------------------------------------------------------
# Side effects (prepare: may refuse; finish: applied when the action settles)
# ---------------------------------------------------------------------------

def _prepare_rebuild(store, server, ctx, params):
    # 2.54: a key pair of the requesting user (who may not be the server's
    # owner), looked up before the image; None unsets the key.
    key_name = params.get('key_name')
    if key_name and (ctx.user_id, key_name) not in store.keypairs:
        raise exception.BadRequest('Invalid key_name provided.')
    image = store.find_image(params['image_id'], ctx)
    if image is None:
        raise exception.BadRequest('Cannot find image for rebuild')
    if image.status != 'ACTIVE':
        raise exception.BadRequest('Image %s is not active.' % image.id)
    # Nova's quotas of a create, on the new metadata and files.
    quotas.check_metadata(store, ctx, params.get('metadata'))
    quotas.check_injected_files(store, ctx, params.pop('files', None))
    params['was_stopped'] = server.vm_state == st.STOPPED
    server.image_id = image.id
    server.progress = 0
    for attr in ('name', 'metadata', 'access_ipv4', 'access_ipv6',
                 'disk_config', 'description', 'key_name', 'user_data',
                 'hostname', 'trusted_certs'):
        if attr in params:
            setattr(server, attr, params[attr])
    if not params.get('admin_pass'):
        params['admin_pass'] = generate_password()


def _prepare_restore(store, server, ctx, params):
    # The server counts again: Nova checks one more of its flavor against
    # its project's (and user's) quota.
    flavor = store.flavor_of(server)
    if flavor is not None:
        quotas.check_instances(store, flavor, 1, 1, server.project_id,
                               server.user_id)


def _finish_rebuild(store, server, params):
    server.vm_state = st.STOPPED if params['was_stopped'] else st.ACTIVE
    server.power_state = st.POWER_FOR_VM_STATE[server.vm_state]
    server.progress = 100 if server.vm_state == st.ACTIVE else 0


def _prepare_rescue(store, server, ctx, params):
    image_ref = params.get('rescue_image_ref')
    if image_ref is not None:
        image = store.find_image(image_ref, ctx)
        if image is None or image.status != 'ACTIVE':
            raise exception.BadRequest(
                "Requested rescue image '%s' is not supported" % image_ref)
    if not params.get('admin_pass'):
        params['admin_pass'] = generate_password()


def _prepare_create_image(store, server, ctx, params):
    params['image'] = store.add_snapshot(
        server, params['name'], params.get('metadata'), ctx)


def _finish_create_image(store, server, params):
    store.finish_snapshot(params['image'])


def _finish_create(store, server, params):
    if server.host is None:
        host, refused = server_groups.pick_host(
            store, server, zone=server.availability_zone)
        if refused:
            # The group's policy left no host: Nova's scheduler fails the
            # build (the server stays a member of its group).
            server_groups.no_valid_host(server)
            server.power_state = st.NOSTATE
            return 'Error'
        store.place(server, host)


def _finish_delete(store, server, params):
    volumes.release_all(store, server)
    store.destroy_server(server)


def _finish_stop(store, server, params):
    server.progress = 0


# The vm_states in which a server's metadata and tags may change.
_META_STATES = (st.ACTIVE, st.PAUSED, st.SUSPENDED, st.STOPPED)

TRANSITIONS = {t.name: t for t in [
    Transition('pause', vm_states=[st.ACTIVE], task_state='pausing',
               vm_state=st.PAUSED, power_state=st.POWER_PAUSED,
               record='pause'),
    Transition('unpause', vm_states=[st.PAUSED], task_state='unpausing',
               vm_state=st.ACTIVE, power_state=st.RUNNING, record='unpause'),
    Transition('suspend', vm_states=[st.ACTIVE], task_state='suspending',
               vm_state=st.SUSPENDED, power_state=st.POWER_SUSPENDED,
               record='suspend'),
    Transition('resume', vm_states=[st.SUSPENDED], task_state='resuming',
               vm_state=st.ACTIVE, power_state=st.RUNNING, record='resume'),
    Transition('os-start', label='start', host_check='before_state',
               vm_states=[st.STOPPED], task_state='powering-on',
               vm_state=st.ACTIVE, power_state=st.RUNNING, record='start'),
    Transition('os-stop', label='stop', host_check='before_state',
               vm_states=[st.ACTIVE, st.ERROR], task_state='powering-off',
               vm_state=st.STOPPED, power_state=st.SHUTDOWN, record='stop',
               finish=_finish_stop),
    Transition('reboot_soft', key='reboot', label='reboot',
               vm_states=[st.ACTIVE],
               task_state='rebooting', vm_state=st.ACTIVE,
               power_state=st.RUNNING, record='reboot',
               event='compute_reboot_instance'),
    Transition('reboot_hard', key='reboot', label='reboot',
               vm_states=[st.ACTIVE, st.STOPPED, st.PAUSED, st.SUSPENDED,
                          st.ERROR],
               task_states=[None, 'rebooting', 'reboot_pending',
                            'reboot_started', 'resuming', 'rebooting_hard',
                            'unpausing', 'pausing', 'suspending'],
               task_state='rebooting_hard', vm_state=st.ACTIVE,
               power_state=st.RUNNING, record='reboot',
               event='compute_reboot_instance'),
    Transition('rebuild', vm_states=[st.ACTIVE, st.STOPPED, st.ERROR],
               task_state='rebuilding', record='rebuild',
               prepare=_prepare_rebuild, finish=_finish_rebuild),
    Transition('resize', vm_states=[st.ACTIVE, st.STOPPED],
               host_check='after_state', task_state='resize_prep',
               record='resize', prepare=moves.prepare_resize,
               finish=moves.finish_cold_move, event='compute_prep_resize'),
    Transition('migrate', vm_states=[st.ACTIVE, st.STOPPED],
               host_check='after_state', task_state='resize_prep',
               record='migrate', prepare=moves.prepare_migrate,
               finish=moves.finish_cold_move, event='compute_prep_resize'),
    Transition('confirmResize', vm_states=[st.RESIZED],
               record='confirmResize', prepare=moves.prepare_confirm,
               finish=moves.finish_confirm, event='compute_confirm_resize'),
    Transition('revertResize', vm_states=[st.RESIZED],
               task_state='resize_reverting', record='revertResize',
               prepare=moves.prepare_revert, finish=moves.finish_revert,
               event='compute_revert_resize'),
    Transition('os-migrateLive', vm_states=[st.ACTIVE, st.PAUSED],
               task_state='migrating', record='live-migration',
               prepare=moves.prepare_live_migrate,
               finish=moves.finish_live_migrate,
               event='compute_live_migration'),
    Transition('evacuate', lock=False,
               vm_states=[st.ACTIVE, st.STOPPED, st.ERROR], task_states=ANY,
               task_state='rebuilding', record='evacuate',
               prepare=moves.prepare_evacuate, finish=moves.finish_evacuate,
               event='compute_rebuild_instance'),
    Transition('createImage', lock=False,
               vm_states=[st.ACTIVE, st.STOPPED, st.PAUSED, st.SUSPENDED],
               task_state='image_snapshot_pending', record='createImage',
               prepare=_prepare_create_image, finish=_finish_create_image,
               event='compute_snapshot_instance'),
    Transition('rescue', vm_states=[st.ACTIVE, st.STOPPED, st.ERROR],
               task_state='rescuing', vm_state=st.RESCUED,
               power_state=st.RUNNING, record='rescue',
               prepare=_prepare_rescue),
    Transition('unrescue', vm_states=[st.RESCUED], task_state='unrescuing',
               vm_state=st.ACTIVE, power_state=st.RUNNING,
               record='unrescue'),
    Transition('changePassword', lock_fallback=True, vm_states=[st.ACTIVE],
               task_state='updating_password', vm_state=st.ACTIVE,
               record='changePassword',
               event='compute_set_admin_password'),
    # Server create and delete use the same machinery.
    Transition('create', lock=False, vm_states=ANY, task_states=ANY,
               launched=False, task_state='scheduling',
               vm_state=st.ACTIVE, power_state=st.RUNNING, record='create',
               finish=_finish_create, event='compute__do_build_and_run_'
               'instance'),
    Transition('delete', vm_states=ANY, task_states=ANY, launched=False,
               task_state='deleting', record='delete',
               finish=_finish_delete, event='compute_terminate_instance'),
    # DELETE when [DEFAULT] reclaim_instance_interval > 0.
    Transition('soft_delete', key='delete', vm_states=ANY, task_states=ANY,
               task_state='soft-deleting', record='delete',
               finish=effects.finish_soft_delete,
               event='compute_soft_delete_instance'),
    Transition('forceDelete', vm_states=ANY, task_states=ANY,
               launched=False, task_state='deleting', record='delete',
               finish=_finish_delete, event='compute_terminate_instance'),
    Transition('restore', lock_fallback=True, vm_states=[st.SOFT_DELETED],
               task_state='restoring', vm_state=st.ACTIVE,
               power_state=st.RUNNING, record='restore',
               prepare=_prepare_restore, finish=effects.finish_restore,
               event='compute_restore_instance'),
    Transition('shelve',
               vm_states=[st.ACTIVE, st.STOPPED, st.PAUSED, st.SUSPENDED],
               task_state='shelving', record='shelve',
               prepare=effects.prepare_shelve, finish=effects.finish_shelve),
    Transition('shelveOffload', vm_states=[st.SHELVED],
               task_state='shelving_offloading', record='shelveOffload',
               finish=effects.finish_shelve_offload,
               event='compute_shelve_offload_instance'),
    Transition('unshelve', vm_states=[st.SHELVED, st.SHELVED_OFFLOADED],
               task_state='unshelving', vm_state=st.ACTIVE,
               power_state=st.RUNNING, record='unshelve',
               prepare=effects.prepare_unshelve,
               finish=effects.finish_unshelve),
    Transition('createBackup', lock=False,
               vm_states=[st.ACTIVE, st.STOPPED, st.PAUSED, st.SUSPENDED],
               task_state='image_backup', record='createBackup',
               prepare=effects.prepare_backup, finish=effects.finish_backup,
               event='compute_backup_instance'),
    Transition('os-resetState', lock=False, vm_states=ANY, task_states=ANY,
               launched=False, record='resetState',
               prepare=effects.prepare_reset_state,
               finish=effects.finish_reset_state),
    # No state change and no instance action: an RPC cast in Nova.
    Transition('injectNetworkInfo', vm_states=ANY, task_states=ANY,
               launched=False),
    Transition('attach_volume', label='attach_volume',
               vm_states=[st.ACTIVE, st.PAUSED, st.STOPPED, st.RESIZED,
                          st.SOFT_DELETED, st.SHELVED,
                          st.SHELVED_OFFLOADED],
               record='attach_volume', prepare=volumes.prepare_attach),
    Transition('detach_volume', label='detach_volume',
               vm_states=[st.ACTIVE, st.PAUSED, st.STOPPED, st.RESIZED,
                          st.SOFT_DELETED, st.SHELVED,
                          st.SHELVED_OFFLOADED],
               record='detach_volume', prepare=volumes.prepare_detach,
               finish=volumes.finish_detach),
    Transition('swap_volume', label='swap_volume',
               vm_states=[st.ACTIVE, st.PAUSED, st.RESIZED],
               record='swap_volume'),
    Transition('trigger_crash_dump', host_check='before_state',
               vm_states=[st.ACTIVE, st.PAUSED, st.RESCUED, st.RESIZED,
                          st.ERROR],
               record='trigger_crash_dump'),
    # Metadata and tags change no state and record no instance action:
    # these rows are only their preconditions (see precondition()).
    # Metadata goes through the lock, the vm_state and launched_at (any
    # task_state); tags through the vm_state alone (never the lock).
    Transition('update_metadata', label='update metadata',
               vm_states=_META_STATES, task_states=ANY),
    Transition('delete_metadata', label='delete metadata',
               vm_states=_META_STATES, task_states=ANY),
    Transition('update_tag', label='update tag', lock=False,
               vm_states=_META_STATES, task_states=ANY, launched=False),
    Transition('update_tags', label='update tags', lock=False,
               vm_states=_META_STATES, task_states=ANY, launched=False),
    Transition('delete_tag', label='delete tag', lock=False,
               vm_states=_META_STATES, task_states=ANY, launched=False),
    Transition('delete_tags', label='delete tags', lock=False,
               vm_states=_META_STATES, task_states=ANY, launched=False),
]}


def check(server, transition, ctx):
    """Raise the first failing precondition of ``transition``, if any."""
    if transition.lock and server.locked_by is not None and not ctx.is_admin:
        if transition.lock_fallback:
            raise exception.InvalidStateFallback(
                server_id=server.id, action=transition.label)
        raise exception.Locked(server_id=server.id)
    if transition.host_check == 'before_state' and not server.host:
        raise exception.NotReady(server_id=server.id)
    if (transition.vm_states is not None
            and server.vm_state not in transition.vm_states):
        raise exception.InvalidState(
            action=transition.label, server_id=server.id, attr='vm_state',
            state=server.vm_state)
    if (transition.task_states is not None
            and server.task_state not in transition.task_states):
        raise exception.InvalidState(
            action=transition.label, server_id=server.id, attr='task_state',
            state=server.task_state)
    if transition.launched and server.launched_at is None:
        raise exception.InvalidState(
            action=transition.label, server_id=server.id, attr='launched_at',
            state=None)
    if transition.host_check == 'after_state' and not server.host:
        raise exception.NotReady(server_id=server.id)


def precondition(server, name, ctx):
    """Raise the first failing precondition of row ``name``; change nothing.

    For the operations that only share an action's checks (metadata and
    tags): no task_state is written and no instance action recorded.
    """
    check(server, TRANSITIONS[name], ctx)


def perform(store, ctx, server, name, params=None):
    """Apply transition ``name`` to ``server``; return the params dict.

    Must be called with ``store.lock`` held and after the server has been
    settled (:meth:`Store.settle`), so that checks see the current state.
    A refusal raises before anything is written.
    """
    transition = TRANSITIONS[name]
    params = {} if params is None else params
    check(server, transition, ctx)
    if transition.prepare is not None:
        transition.prepare(store, server, ctx, params)
    action = None
    if transition.record:
        # A create's action starts when its server is made (one time).
        action = store.record_action(
            server, transition.record, ctx, transition.event,
            now=server.created if name == 'create' else None)
    if server.pending is not None:
        # Only transitions that leave task_state alone can overlap (polls
        # or manual pacing): the earlier one settles first.
        settle(store, server, server.pending)
    server.task_state = transition.task_state
    server.touch()
    # An error_next fault of the operation being served (the router puts
    # its id in the request context).
    error = store.faults.take_error(getattr(ctx, 'operation', None),
                                    server.id)
    store.pace(server, Pending(transition, params, None, action, error))
    if transition.prepare is not None or name == 'create':
        # Its quota usage and its host's totals: a new server's, or what
        # the prepare moved (flavor, existence).
        store.count(server)
    else:
        # The task_state alone: its host's count of busy servers.
        store.count_busy(server)
    return params


def settle(store, server, pending):
    """Complete a pending transition: write the final state."""
    transition = pending.transition
    server.pending = None
    server.task_state = None
    # One time for all it stamps (launched_at, the action's end, updated).
    now = time.time()
    if pending.error is not None:
        _fail(store, server, pending)
        return
    before = server.vm_state
    if transition.vm_state is not None:
        server.vm_state = transition.vm_state
    if transition.power_state is not None:
        server.power_state = transition.power_state
    result = None
    if transition.finish is not None:
        # A finish may answer 'Error': the action failed after the 202
        # (the server may stay as it was, or be put in ERROR by it).
        result = transition.finish(store, server, pending.params)
    if transition.name in RESPAWNED and result != 'Error':
        server.launched_at = now
    if pending.action is not None:
        store.finish_action(pending.action, result=result or 'Success',
                            now=now)
    server.touch(now)
    if transition.finish is not None or (
            before != server.vm_state
            and st.SOFT_DELETED in (before, server.vm_state)):
        # Its quota usage and its host's totals: a finish may move the
        # flavor, the host or the server itself; of the vm_states only
        # SOFT_DELETED stops counting.
        store.count(server)
    else:
        # No task_state now: its host's count of busy servers.
        store.count_busy(server)


# Transitions whose compute step spawns the guest (anew): Nova stamps
# launched_at (again: what the usage reports bill from).
RESPAWNED = frozenset(['create', 'rebuild', 'evacuate', 'rescue', 'unshelve',
                       'resize', 'migrate', 'revertResize'])


def _fail(store, server, pending):
    """Settle an accepted action in ERROR with Nova's fault body."""
    server.fail(pending.error)
    if pending.action is not None:
        store.finish_action(pending.action, result='Error',
                            message=server.fault.get('message'))
    server.touch()
    store.count(server)
