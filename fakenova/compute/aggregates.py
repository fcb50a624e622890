"""Host aggregates and the availability zones they make (no HTTP).

An aggregate is a named group of compute hosts with metadata; its
``availability_zone`` metadata key puts its hosts in that zone, as in
Nova. A host in no such aggregate is in the default zone (``nova``).
Zones are derived from here, never stored on a host: ``/os-services``,
``/os-availability-zone``, ``/os-hosts``, a server's zone and the
scheduler's AvailabilityZoneFilter all read :func:`host_zone`.

The rules are Nova's ``AggregateAPI``: a name is unique; a host is in at
most one zone (adding it, or giving its aggregate a zone, must not put
it in two); an aggregate's zone is never emptied; a host with servers
does not change zone by an aggregate action; an aggregate with hosts is
not deleted. Every function here is called with ``store.lock`` held and
changes nothing when it raises.
"""

import time
import uuid

from fakenova.compute import exception

AZ_KEY = 'availability_zone'
DEFAULT_ZONE = 'nova'

# Nova's InvalidAggregateAction* messages, by the action that refused.
_ADD = 'Cannot add host to aggregate %s. Reason: %s.'
_REMOVE = 'Cannot remove host from aggregate %s. Reason: %s.'
_UPDATE = 'Cannot update aggregate %s. Reason: %s.'
_UPDATE_META = 'Cannot update metadata of aggregate %s. Reason: %s.'
_MOVES = ("The host cannot be %s the aggregate as the availability zone of "
          "the host would change from '%s' to '%s' but the host already "
          "has %d instance(s). Changing the AZ of an existing instance is "
          "not supported by this action. Move the instances away from this "
          "host then try again. If you need to move the instances between "
          "AZs then you can use shelve_offload and unshelve to achieve "
          "this.")


class Aggregate:
    """One host aggregate (``id`` is Nova's integer id)."""

    __slots__ = ('id', 'uuid', 'name', 'metadata', 'hosts', 'created',
                 'updated')

    def __init__(self, id, name, metadata=None, created=None, uuid_=None):
        self.id = id
        self.uuid = uuid_ or str(uuid.uuid4())
        self.name = name
        self.metadata = dict(metadata or {})
        self.hosts = []
        self.created = created or time.time()
        self.updated = None

    @property
    def availability_zone(self):
        return self.metadata.get(AZ_KEY)


def get(store, aggregate_id):
    """The aggregate of an integer id (NotFound as Nova words it)."""
    aggregate = store.aggregates.get(aggregate_id)
    if aggregate is None:
        raise exception.NotFound(
            'Aggregate %s could not be found.' % aggregate_id)
    return aggregate


def listed(store):
    """Every aggregate, by id (as Nova lists them)."""
    return [store.aggregates[key] for key in sorted(store.aggregates)]


def of_host(store, host):
    return [a for a in listed(store) if host in a.hosts]


def host_zone(store, host):
    """The zone of ``host``: its aggregates' zone or the default one.

    Two aggregates of one host never name different zones (the rules
    below refuse it); if they name the same one it is that one.
    """
    zones = sorted({a.availability_zone for a in of_host(store, host)
                    if a.availability_zone})
    return ','.join(zones) if zones else DEFAULT_ZONE


def _aggregate_zone(store, host, without=None):
    """The zone the aggregates give ``host`` (None: none of them does)."""
    zones = {a.availability_zone for a in of_host(store, host)
             if a.availability_zone and a is not without}
    return sorted(zones)[0] if zones else None


def _check_name_free(store, name, aggregate=None):
    for other in store.aggregates.values():
        if other.name == name and other is not aggregate:
            raise exception.Conflict(
                'Aggregate %s already exists.' % name)


def _check_zone_change(store, aggregate, zone, hosts, template,
                       instances_check, name=None):
    """Nova's is_safe_to_update_az for a new zone of ``aggregate``."""
    if not zone:
        raise exception.BadRequest(template % (
            aggregate.id, 'Aggregate %s does not support empty named '
            'availability zone' % (name or aggregate.name)))
    conflicting = [a.availability_zone for a in listed(store)
                   if a.availability_zone
                   and a.availability_zone != zone and a is not aggregate
                   and set(a.hosts) & set(hosts)]
    if conflicting:
        raise exception.BadRequest(template % (
            aggregate.id, 'One or more hosts already in availability '
            'zone(s) %s' % conflicting))
    if (instances_check and aggregate.availability_zone != zone
            and any(store.counters.hosts.servers(host) for host in hosts)):
        raise exception.BadRequest(template % (
            aggregate.id, 'One or more hosts contain instances in this '
            'zone'))


def create(store, name, zone=None, metadata=None):
    """A new aggregate (Conflict if the name is taken)."""
    _check_name_free(store, name)
    metadata = dict(metadata or {})
    if zone:
        metadata[AZ_KEY] = zone
    aggregate = Aggregate(next(store.aggregate_ids), name, metadata,
                          created=store.now())
    store.aggregates[aggregate.id] = aggregate
    return aggregate


def update(store, aggregate_id, name=None, zone_given=False, zone=None):
    """PUT: a new name and/or zone; returns (aggregate, shown updated_at).

    Nova saves a new name (its ``updated_at`` with it); a new zone is
    metadata, whose change the answer shows as updated now but the
    aggregate's record does not keep.
    """
    aggregate = get(store, aggregate_id)
    if name is not None:
        _check_name_free(store, name, aggregate)
    if zone_given:
        _check_zone_change(store, aggregate, zone, aggregate.hosts,
                           _UPDATE, True, name=name)
    now = store.now()
    shown = aggregate.updated
    if name is not None:
        aggregate.name = name
        aggregate.updated = shown = now
    if zone_given:
        aggregate.metadata[AZ_KEY] = zone
        shown = now
    return aggregate, shown


def set_metadata(store, aggregate_id, metadata):
    """set_metadata: keys set, None values deleted; (aggregate, shown)."""
    aggregate = get(store, aggregate_id)
    if AZ_KEY in metadata:
        _check_zone_change(store, aggregate, metadata[AZ_KEY],
                           aggregate.hosts, _UPDATE_META, True)
    for key, value in metadata.items():
        if value is None:
            aggregate.metadata.pop(key, None)
        else:
            aggregate.metadata[key] = value
    return aggregate, store.now()


def add_host(store, aggregate_id, host):
    """add_host (404 for an unknown host or aggregate, 409 conflicts)."""
    if store.service_of(host) is None:
        raise exception.NotFound(
            'Compute host %s could not be found.' % host)
    aggregate = get(store, aggregate_id)
    zone = aggregate.availability_zone
    if zone:
        conflicting = [a.availability_zone for a in of_host(store, host)
                       if a.availability_zone
                       and a.availability_zone != zone
                       and a is not aggregate]
        if conflicting:
            raise exception.Conflict(_ADD % (
                aggregate.id, 'One or more hosts already in availability '
                'zone(s) %s' % conflicting))
        servers = store.counters.hosts.servers(host)
        old = _aggregate_zone(store, host)
        if servers and old != zone:
            raise exception.Conflict(_ADD % (aggregate.id, _MOVES % (
                'added to', old, zone, servers)))
    if host in aggregate.hosts:
        raise exception.Conflict('Aggregate %s already has host %s.' % (
            aggregate.id, host))
    aggregate.hosts.append(host)
    return aggregate


def remove_host(store, aggregate_id, host):
    """remove_host (Nova's one 404 for every lookup that fails)."""
    missing = exception.NotFound(
        'Cannot remove host %s in aggregate %s' % (host, aggregate_id))
    if store.service_of(host) is None:
        raise missing
    aggregate = store.aggregates.get(aggregate_id)
    if aggregate is None:
        raise missing
    zone = aggregate.availability_zone
    servers = store.counters.hosts.servers(host)
    if zone and servers:
        new = _aggregate_zone(store, host, without=aggregate)
        if new != zone:
            raise exception.Conflict(_REMOVE % (aggregate.id, _MOVES % (
                'removed from', zone, new, servers)))
    if host not in aggregate.hosts:
        raise missing
    aggregate.hosts.remove(host)
    return aggregate


def delete(store, aggregate_id):
    aggregate = get(store, aggregate_id)
    if aggregate.hosts:
        raise exception.BadRequest(_REMOVE % (
            aggregate.id, 'Host aggregate is not empty'))
    del store.aggregates[aggregate.id]


def zone_aggregate(store, zone):
    """The aggregate that makes ``zone`` for a host added in it.

    How a deployer makes a zone in Nova: an aggregate of that name with
    that zone (made on first use, reused after).
    """
    for aggregate in listed(store):
        if aggregate.availability_zone == zone:
            return aggregate
    if any(a.name == zone for a in store.aggregates.values()):
        raise ValueError('aggregate %s exists without zone %s'
                         % (zone, zone))
    return create(store, zone, zone)


def as_dict(aggregate):
    """The aggregate as the fixture and the control API show it."""
    return {'id': aggregate.id, 'uuid': aggregate.uuid,
            'name': aggregate.name,
            'availability_zone': aggregate.availability_zone,
            'hosts': list(aggregate.hosts),
            'metadata': dict(aggregate.metadata)}
