"""External events other services send to servers (Nova's
os-server-external-events): Neutron's port events, Cinder's volume
extended and reimaged, Ironic's power updates, Cyborg's accelerator
requests bound.

Each event is answered on its own, as Nova does: 404 for a server that
does not exist (or is deleted), 400 for an event that needs a ``tag``
(the volume, the target power state, the accelerator request) and has
none, 422 for a server on no host (nothing to deliver to), else 200 and
the event is delivered. The answer is 200 when every event was
accepted, else 207.

Delivered, ``volume-extended`` records an ``extend_volume`` action and
``power-update`` (tag ``POWER_ON`` or ``POWER_OFF``) a ``start`` or
``stop`` action whose compute step changes the power state and vm_state
as Nova's driver for Ironic does: a stopped server (powered off, no task)
becomes active and running, an active running one stopped and shut
down; in any other state the event changes nothing. The port events and
the others change nothing a client sees.
"""

from fakenova.compute import states as st

TAG_REQUIRED = ('volume-extended', 'power-update',
                'accelerator-request-bound')
POWER_ON = 'POWER_ON'
POWER_OFF = 'POWER_OFF'
# target power state -> (action, (vm_state, power_state) it applies to,
# (vm_state, power_state) it leaves)
_POWER = {
    POWER_ON: ('start', (st.STOPPED, st.SHUTDOWN), (st.ACTIVE, st.RUNNING)),
    POWER_OFF: ('stop', (st.ACTIVE, st.RUNNING), (st.STOPPED, st.SHUTDOWN)),
}


def _find(store, server_id):
    """The server an event names, settled, or None (unknown, deleted)."""
    server = store.servers.get(server_id)
    if server is None or not store.settle(server, read=False):
        return None
    return server


def _extend_volume(store, ctx, server, event):
    action = store.record_action(server, 'extend_volume', ctx,
                                 event='compute_extend_volume')
    attached = any(a.volume_id == event.get('tag')
                   for a in server.volumes_attached or ())
    # Nova's compute fails the step for a volume the server does not have.
    store.finish_action(action, 'Success' if attached else 'Error',
                        None if attached else 'Error')


def _power_update(store, ctx, server, event):
    spec = _POWER.get(event.get('tag'))
    if spec is None:
        # Nova skips an unknown target power state.
        return
    name, before, after = spec
    action = store.record_action(server, name, ctx,
                                 event='compute_power_update')
    if (server.task_state is None and server.pending is None
            and (server.vm_state, server.power_state) == before):
        server.vm_state, server.power_state = after
        server.progress = 0
        server.touch()
    store.finish_action(action)


_EFFECTS = {'volume-extended': _extend_volume,
            'power-update': _power_update}


def deliver(store, ctx, events):
    """(status, answered events) for ``events`` (validated). Hold the lock.

    Each answered event is the one sent with its ``status`` and ``code``.
    """
    status = 200
    answered = []
    accepted = []
    for sent in events:
        event = dict(sent)
        answered.append(event)
        server = _find(store, event['server_uuid'])
        if server is None:
            event.update(status='failed', code=404)
            status = 207
        elif event['name'] in TAG_REQUIRED and event.get('tag') is None:
            event.update(status='failed', code=400)
            status = 207
        elif server.host:
            event.update(status='completed', code=200)
            accepted.append((server, event))
        else:
            event.update(status='failed', code=422)
            status = 207
    for server, event in accepted:
        effect = _EFFECTS.get(event['name'])
        if effect is not None:
            effect(store, ctx, server, event)
    return status, answered
