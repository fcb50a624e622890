"""The in-memory state of one fake cloud and its pacing.

All reads and writes of a :class:`Store` happen under ``store.lock`` so
that two concurrent requests on one server cannot both win. Completion of
accepted transitions is paced (see :data:`PACINGS`):

``instant``
    the final state is visible on the very next read (the default);
``polls``
    the transitional status is visible for the next ``polls`` reads of
    that server, then it settles;
``manual``
    the server stays transitional until :meth:`Store.complete` is called;
``seconds``
    the transitional status lasts ``seconds`` of wall time (as a real
    cloud's would: a poller sees it, a second request meets its 409, a
    client that waits sees it end).
"""

import bisect
import collections
import itertools
import operator
import sys
import threading
import time
import uuid

from fakenova.common import visibility
from fakenova.compute import aggregates as aggregates_mod
from fakenova.compute import exception
from fakenova.compute import faults
from fakenova.compute import indexes
from fakenova.compute import lifecycle
from fakenova.compute import model
from fakenova.compute import quotas
from fakenova.compute import security_groups
from fakenova.compute import states as st

PACINGS = ('instant', 'polls', 'manual', 'seconds')

DEFAULT_FLAVORS = (
    # id, name, vcpus, ram, disk
    ('1', 'm1.tiny', 1, 512, 1),
    ('2', 'm1.small', 1, 2048, 20),
    ('3', 'm1.medium', 2, 4096, 40),
    ('4', 'm1.large', 4, 8192, 80),
    ('5', 'm1.xlarge', 8, 16384, 160),
    ('6', 'm1.nano', 1, 128, 0),
)

DEFAULT_IMAGES = (
    ('70a599e0-31e7-49b7-b260-868f441e862b', 'cirros-0.6.2-x86_64-disk'),
    ('155d900f-4e14-4e4c-a73d-069cbf4541e6', 'ubuntu-24.04'),
    ('a2459075-d96c-40d5-893e-577ff92e721c', 'fedora-41'),
)

DEFAULT_HOSTS = ('compute1', 'compute2')
DEFAULT_NETWORK = model.DEFAULT_NETWORK
DEFAULT_NETWORK_ID = 'e1882e38-38c2-4239-ade7-35d644cb963a'
# The external network floating IPs come from (their pool, as Nova names
# it): servers do not plug into it.
PUBLIC_NETWORK = 'public'
PUBLIC_NETWORK_ID = '5f0b8a3c-5c84-4b36-9d9c-2b3a5e1d7f10'
DEFAULT_ZONE = aggregates_mod.DEFAULT_ZONE
# Nova's control services, in the zone its API calls 'internal'.
INTERNAL_SERVICES = ('nova-conductor', 'nova-scheduler')
INTERNAL_ZONE = 'internal'
CONTROLLER_HOST = 'controller'


def new_id():
    return str(uuid.uuid4())


# The settings a Store takes from a paste file, the command line or the
# fixture, with their types: how transitions settle, and two of Nova's
# [DEFAULT] options.
SETTINGS = {'pacing': str, 'polls': int, 'seconds': float,
            'shelved_offload_time': int,
            'reclaim_instance_interval': int, 'keep_deleted_servers': int,
            'consoles': str}

# The console kinds a compute can enable (Nova's [vnc], [spice],
# [serial_console] and [mks] enabled options; RDP is gone from Nova).
CONSOLE_KINDS = ('vnc', 'spice', 'serial', 'mks')


def check_seconds(seconds):
    """How long a transition lasts with ``seconds`` pacing (0 to 600)."""
    seconds = float(seconds)
    if not 0 <= seconds <= 600:
        raise ValueError('seconds must be between 0 and 600')
    return seconds


def console_kinds(text):
    """The enabled console kinds of a comma-separated list.

    ValueError names an unknown one.
    """
    kinds = [k.strip() for k in text.split(',') if k.strip()]
    for kind in kinds:
        if kind not in CONSOLE_KINDS:
            raise ValueError('unknown console kind %r (known: %s)'
                             % (kind, ', '.join(CONSOLE_KINDS)))
    return kinds


# How many deleted servers' records (their instance actions) are kept.
# Nova keeps them until an operator archives them (nova-manage db
# archive_deleted_rows); a fake that deletes servers all day must not
# grow, so the oldest go first.
KEEP_DELETED_SERVERS = 1000
# How many instance actions a server keeps. Nova keeps all of them; a
# server paused and unpaused all day must not grow the fake without end
# (about 0.5 KB an action), so past this the oldest go first.
KEEP_ACTIONS_PER_SERVER = 1000


def settings_from_conf(conf, kinds=SETTINGS):
    """The Store keyword arguments found in ``conf`` (strings allowed).

    ``kinds`` maps each setting to its type (another component's settings
    are read the same way).
    """
    out = {}
    for key, kind in kinds.items():
        value = conf.get(key)
        if value is None or value == '':
            continue
        try:
            out[key] = kind(value)
        except ValueError:
            raise ValueError('%s must be an integer, not %r' % (key, value))
    return out


def _shared(text):
    """One string object for equal ids (project and user ids repeat in
    every server and action).
    """
    return sys.intern(text) if type(text) is str else text


def server_key(server):
    """Where a server sorts in :class:`ServerTable`: (created, id)."""
    return (server.created, server.id)


class PendingSet:
    """The ids of the servers with a pending transition, oldest pacing
    first, also per project: what a list of one project settles.
    """

    __slots__ = ('_all', '_by_project')

    def __init__(self):
        # server id -> its project; project -> {server id: None}.
        self._all = {}
        self._by_project = {}

    def add(self, server):
        if server.id not in self._all:
            self._all[server.id] = server.project_id
            self._by_project.setdefault(server.project_id, {})[
                server.id] = None

    def discard(self, server_id):
        project_id = self._all.pop(server_id, _NONE)
        if project_id is not _NONE:
            ids = self._by_project[project_id]
            del ids[server_id]
            if not ids:
                del self._by_project[project_id]

    def ids(self, project_id=None):
        """A list of the ids (of one project's servers, or all: None)."""
        if project_id is None:
            return list(self._all)
        return list(self._by_project.get(project_id, ()))

    def __len__(self):
        return len(self._all)


_NONE = object()


class MigrationTable:
    """``store.migrations``: the migration records, oldest first.

    Iterates like the list it replaces; also keeps each server's records
    and a record by uuid, so that a server's moves (every resize,
    confirm and migration action) and its deletion cost its own records,
    not a walk of every record of the cloud; and ``_order``, the keys
    ``(created, id)`` ascending, so that a page of os-migrations in
    Nova's order (newest first) costs its length (:meth:`walk`).
    """

    __slots__ = ('_records', '_by_server', '_by_uuid', '_order')

    def __init__(self):
        # id -> Migration, in the order they were made (ids ascend).
        self._records = {}
        self._by_server = {}
        self._by_uuid = {}
        self._order = []

    def redate(self, migration, created):
        """Give a record of the table another ``created`` (the fake never
        does; tests and seeds of old records do), keeping its place in
        the order.
        """
        del self._order[_find(self._order, (migration.created, migration.id))]
        migration.created = created
        bisect.insort(self._order, (created, migration.id))

    def append(self, migration):
        self._records[migration.id] = migration
        self._by_server.setdefault(migration.server_id, []).append(migration)
        self._by_uuid[migration.uuid] = migration
        key = (migration.created, migration.id)
        if not self._order or key > self._order[-1]:
            self._order.append(key)
        else:
            bisect.insort(self._order, key)

    def of(self, server_id):
        """The records of one server, oldest first (a new list)."""
        return list(self._by_server.get(server_id, ()))

    def find(self, uuid):
        """The record with ``uuid``, or None."""
        return self._by_uuid.get(uuid)

    def servers(self):
        """The ids of the servers that have records."""
        return self._by_server.keys()

    def forget_server(self, server_id):
        """Drop a server's records (as Nova when the server is deleted)."""
        for migration in self._by_server.pop(server_id, ()):
            del self._records[migration.id]
            del self._by_uuid[migration.uuid]
            del self._order[_find(self._order,
                                  (migration.created, migration.id))]

    def walk(self, after=None):
        """An iterator of the records newest first (created desc, then
        id desc), those after the key ``after`` (None: from the newest).

        Nothing is copied; what the caller does not take is not looked
        at. Do not write the table while walking.
        """
        keys = self._order
        stop = len(keys) if after is None else bisect.bisect_left(keys,
                                                                  after)
        return map(self._records.__getitem__,
                   map(_ID, map(keys.__getitem__, range(stop - 1, -1, -1))))

    def __iter__(self):
        return iter(list(self._records.values()))

    def __getitem__(self, index):
        # As the list's (a walk: for tests and rare reads).
        return list(self._records.values())[index]

    def __len__(self):
        return len(self._records)


class ServerTable(indexes.IndexedDict):
    """``store.servers``: id -> Server, with the indexes lists walk.

    A dict (reads are a dict's); every write also keeps ``order``, the
    keys (:func:`server_key`) of all servers ascending (Nova lists from
    its end: created_at desc, then id desc), and ``by_project``, the same
    per project (one key tuple shared by both lists: no other per-server
    memory). A server's ``created`` does not change once it is added
    (were it changed, the key is still found, by a walk). ``on_add`` and
    ``on_remove`` are called with each server added and removed.
    """

    __slots__ = ('order', 'by_project', 'on_add', 'on_remove')

    def __init__(self, on_add=None, on_remove=None):
        super().__init__()
        self.order = []
        self.by_project = {}
        self.on_add = on_add
        self.on_remove = on_remove

    def _index(self, server_id, server):
        key = (server.created, server_id)
        bisect.insort(self.order, key)
        bisect.insort(self.by_project.setdefault(server.project_id, []), key)
        if self.on_add is not None:
            self.on_add(server)

    def _unindex(self, server_id, server):
        key = (server.created, server_id)
        del self.order[_find(self.order, key)]
        keys = self.by_project.get(server.project_id)
        if keys is not None:
            del keys[_find(keys, key)]
            if not keys:
                del self.by_project[server.project_id]
        if self.on_remove is not None:
            self.on_remove(server)

    def clear(self):
        # One at a time (not IndexedDict's): on_remove hears of each.
        for server_id in list(self):
            self.pop(server_id)

    def keys_of(self, project_id=None):
        """The ascending keys of a project's servers (all: None)."""
        if project_id is None:
            return self.order
        return self.by_project.get(project_id, ())

    def in_project(self, project_id):
        """The servers of a project, oldest first (no walk of the rest)."""
        return list(map(self.__getitem__, map(
            _ID, self.by_project.get(project_id, ()))))

    def walk(self, project_id=None, after=None, descending=True):
        """An iterator of a project's servers (all: None) in key order
        from the end (``descending``) or the start, after the server
        ``after`` (ValueError if it is not in that list).

        Built of C iterators: nothing is copied, and what the caller does
        not take is not looked at.
        """
        keys = self.keys_of(project_id)
        if after is None:
            seq = reversed(keys) if descending else iter(keys)
        else:
            server = self.get(after)
            if server is None:
                raise ValueError(after)
            index = _find(keys, (server.created, after))
            # Indexes from the marker on: nothing before it is visited.
            seq = map(keys.__getitem__,
                      range(index - 1, -1, -1) if descending
                      else range(index + 1, len(keys)))
        return map(self.__getitem__, map(_ID, seq))


_ID = operator.itemgetter(1)


def _find(keys, key):
    """The index of ``key`` (created, id) in ascending ``keys``, by
    bisection (by its id if its server's ``created`` was changed behind
    the index's back); else ValueError.
    """
    index = bisect.bisect_left(keys, key)
    if index < len(keys) and keys[index] == key:
        return index
    for index, (_created, server_id) in enumerate(keys):
        if server_id == key[1]:
            return index
    raise ValueError(key[1])


class Store:
    """Servers, flavors, images, security groups, floating IPs, actions."""

    def __init__(self, pacing='instant', polls=1, seconds=1.0,
                 hosts=DEFAULT_HOSTS,
                 seed_defaults=True, shelved_offload_time=0,
                 reclaim_instance_interval=0,
                 keep_deleted_servers=KEEP_DELETED_SERVERS, consoles='vnc'):
        if pacing not in PACINGS:
            raise ValueError('pacing must be one of %s' % (PACINGS,))
        self.lock = threading.RLock()
        # Nova's [DEFAULT] options with the same names: 0 offloads a
        # shelved server at once (< 0 never); > 0 makes DELETE a soft
        # delete that 'restore' can undo within that many seconds.
        self.shelved_offload_time = shelved_offload_time
        self.reclaim_instance_interval = reclaim_instance_interval
        if keep_deleted_servers < 0:
            raise ValueError('keep_deleted_servers must be 0 or more')
        self.keep_deleted_servers = keep_deleted_servers
        self.keep_actions_per_server = KEEP_ACTIONS_PER_SERVER
        # Ids of deleted servers whose records are kept, oldest first, and
        # those records (Nova shows them to changes-since lists and their
        # instance actions from 2.21, until they are archived).
        self._deleted = collections.deque()
        self.deleted_servers = {}
        # Console kinds enabled on the computes (Nova's default: VNC).
        enabled = console_kinds(consoles)
        self.consoles = {kind: kind in enabled for kind in CONSOLE_KINDS}
        self.consoles['rdp'] = False
        self.networks = {DEFAULT_NETWORK_ID: DEFAULT_NETWORK}
        # External networks (id -> name): the floating IP pools.
        self.external_networks = {PUBLIC_NETWORK_ID: PUBLIC_NETWORK}
        self.pacing = pacing
        self.polls = int(polls)
        self.seconds = check_seconds(seconds)
        self.hosts = list(hosts)
        self.faults = faults.FaultInjector()
        # The quota usage of each project and user, kept up to date as
        # servers come, change and go (compute/quotas.py).
        self.counters = quotas.Counters()
        # host -> the ids of the servers placed there, in the order they
        # came (a list: 8 bytes a server; see place() and servers_on()),
        # and how long each list was when last cleaned.
        self._on_host = {}
        self._on_host_kept = {}
        self.servers = ServerTable(on_add=self._added,
                                   on_remove=self._removed)
        # Ids of the servers with a pending transition (those :meth:`pace`
        # started and no settle ended), oldest pacing first: what a list
        # settles.
        self._pending = PendingSet()
        # id -> Flavor, its ids kept sorted (the list's default order).
        self.flavors = indexes.SortedTable()
        # id -> Image, with Nova's and Glance's list order per bucket of
        # visibility (compute/indexes.py), and the ids of the snapshots
        # still saving (what a list of images settles first).
        self.images = indexes.ImageTable()
        self._pending_images = {}
        # id -> SecurityGroup, with each project's ids (indexes.py).
        self.security_groups = indexes.ProjectTable()
        # project id -> the id of its default group (a hint that
        # compute/security_groups.py checks before use).
        self.default_groups = {}
        self.floating_ips = {}
        # server id -> {floating IP id: None} (kept by the floating IPs
        # themselves) and address -> {floating IP id: None}.
        self._fips_of_server = {}
        self._fips_at = {}
        self.actions = {}
        # The control services Nova registers first (zone 'internal'),
        # then a nova-compute per host (``services``).
        self.internal_services = {}
        for number, binary in enumerate(INTERNAL_SERVICES, 1):
            service = model.Service(new_id(), number, CONTROLLER_HOST,
                                    zone=INTERNAL_ZONE, binary=binary)
            self.internal_services[service.id] = service
        self.services = {}
        for number, host in enumerate(self.hosts, 1):
            service = model.Service(
                new_id(), len(self.internal_services) + number, host,
                zone=None, node_id=number)
            self.services[service.id] = service
        # id -> Aggregate (compute/aggregates.py): the host aggregates,
        # whose availability_zone metadata makes the zones of the hosts.
        self.aggregates = {}
        self.aggregate_ids = itertools.count(1)
        self.migrations = MigrationTable()
        # server id -> the encrypted password a guest would have posted.
        self.server_passwords = {}
        self._migration_ids = itertools.count(1)
        self.volumes = {}
        # (user_id, name) -> KeyPair (see compute/keypairs.py); key pairs
        # belong to a user, whatever the project.
        self.keypairs = indexes.KeypairTable()
        self.keypair_ids = itertools.count(1)
        # group id -> ServerGroup (see compute/server_groups.py).
        self.server_groups = indexes.ProjectTable()
        # The limits set through os-quota-sets and os-quota-class-sets
        # (see compute/quotas.py); none: Nova's defaults everywhere.
        self.quotas = quotas.Limits()
        # Console auth tokens, oldest first: token -> ConsoleToken (see
        # compute/console_tokens.py; bounded, expiring).
        self.console_tokens = {}
        self._host_cycle = itertools.cycle(self.hosts or [None])
        self._ip_counter = itertools.count(3)
        self._fip_counter = itertools.count(10)
        # flavor id -> Nova's internal integer id of that flavor.
        self._flavor_numbers = {}
        self._flavor_counter = itertools.count(1)
        # Flavor management: (server id, flavor id) -> the flavor a server
        # was built or resized with, kept when that flavor is deleted (Nova
        # embeds a copy of the flavor in each instance).
        self.embedded_flavors = {}
        if seed_defaults:
            for fid, name, vcpus, ram, disk in DEFAULT_FLAVORS:
                self.add_flavor(model.Flavor(fid, name, vcpus, ram, disk))
            for iid, name in DEFAULT_IMAGES:
                self.add_image(model.Image(
                    iid, name, metadata={'architecture': 'x86_64'}))

    def settings(self):
        """This store's :data:`SETTINGS` (what a reset keeps)."""
        out = {key: getattr(self, key) for key in SETTINGS
               if key != 'consoles'}
        out['consoles'] = ','.join(kind for kind in CONSOLE_KINDS
                                   if self.consoles.get(kind))
        return out

    # -- pacing -------------------------------------------------------------

    def pace(self, server, pending):
        """Start pacing a transition just accepted on ``server``."""
        if self.pacing == 'polls':
            pending.remaining = self.polls
        elif self.pacing == 'instant':
            pending.remaining = 0
        elif self.pacing == 'seconds':
            pending.deadline = time.monotonic() + self.seconds
        server.pending = pending
        self._pending.add(server)

    def count(self, server):
        """Bring the quota usage of ``server`` and its host's totals up
        to date (after a change of its state, task_state, flavor, host or
        existence).
        """
        self.counters.update(self, server)

    def count_busy(self, server):
        """:meth:`count` after a change of its task_state alone (what
        most transitions change, accepted or settled): cheaper.
        """
        self.counters.busy(server)

    def settle_pending(self, project_id=None, read=True):
        """Settle the servers of a project (all: None) whose transition
        is due, as reading each would (``read``: a paced read).

        Only servers with a pending transition are looked at, in the
        order they were created.
        """
        pending = []
        for server_id in self._pending.ids(project_id):
            server = self.servers.get(server_id)
            if server is None or server.pending is None:
                self._pending.discard(server_id)
            else:
                pending.append(server)
        if len(pending) > 1:
            pending.sort(key=server_key)
        for server in pending:
            self.settle(server, read=read)
            if server.pending is None:
                self._pending.discard(server.id)
            self.count(server)

    def settle(self, server, read=True):
        """Bring ``server`` up to date before it is read or acted on.

        Returns False when settling removed the server (a finished delete).
        """
        pending = server.pending
        if pending is None:
            return True
        if pending.remaining is not None:
            if pending.remaining <= 0:
                lifecycle.settle(self, server, pending)
            elif read:
                pending.remaining -= 1
        elif (pending.deadline is not None
              and time.monotonic() >= pending.deadline):
            lifecycle.settle(self, server, pending)
        if server.pending is None:
            self._pending.discard(server.id)
        return not server.deleted

    def complete(self, server_id):
        """Settle the pending transition of a server now (manual pacing)."""
        with self.lock:
            server = self.servers.get(server_id)
            if server is None:
                raise exception.ServerNotFound(instance_id=server_id)
            if server.pending is not None:
                lifecycle.settle(self, server, server.pending)
                self._pending.discard(server.id)
            for image_id in list(self._pending_images):
                image = self.images.get(image_id)
                if (image is not None and image.server_id == server_id
                        and image.pending):
                    self.finish_snapshot(image)

    # -- servers ------------------------------------------------------------

    def get_server(self, server_id, ctx=None, read=True):
        """The server, scoped to the caller's project for non-admins."""
        server = self.servers.get(server_id)
        if server is None or (ctx is not None and not ctx.is_admin
                              and server.project_id != ctx.project_id):
            raise exception.ServerNotFound(instance_id=server_id)
        if server.pending is not None and not self.settle(server, read=read):
            raise exception.ServerNotFound(instance_id=server_id)
        return server

    def get_deleted_server(self, server_id, ctx):
        """A deleted server whose record is kept, as ``ctx`` may see it."""
        server = self.deleted_servers.get(server_id)
        if server is None or not (ctx.is_admin
                                  or server.project_id == ctx.project_id):
            raise exception.ServerNotFound(instance_id=server_id)
        return server

    def list_servers(self, project_id=None, deleted=False):
        """Settled servers, oldest first, optionally of one project.

        ``deleted``: with the deleted ones whose records are kept.
        Settling reads only the servers with a pending transition.
        """
        self.settle_pending(project_id)
        out = list(self.servers.walk(project_id, descending=False))
        if deleted:  # those that settling just deleted included
            out.extend(server for server in self.deleted_servers.values()
                       if project_id is None
                       or server.project_id == project_id)
        return out

    def page_servers(self, project_id, match, limit, marker=None,
                     descending=True):
        """At most ``limit`` settled servers of a project (all: None)
        that ``match`` (None: all), in Nova's default order (created_at,
        then id; descending unless told), after the server ``marker``.

        The walk starts at the marker (found by bisection) and stops
        when the page is full: a page costs its length, not the cloud's
        size. A marker that is not among the matching servers is Nova's
        400.
        """
        self.settle_pending(project_id)
        marked = self.servers.get(marker) if marker is not None else None
        if marker is not None and (
                marked is None or (project_id is not None
                                   and marked.project_id != project_id)
                or (match is not None and not match(marked))):
            raise exception.BadRequest('marker [%s] not found' % marker)
        if limit <= 0:
            return []
        try:
            servers = self.servers.walk(project_id, marker, descending)
        except ValueError:
            raise exception.BadRequest('marker [%s] not found' % marker)
        if match is not None:
            servers = filter(match, servers)
        return list(itertools.islice(servers, limit))

    def pick_host(self, exclude=None, zone=None):
        """The next host whose compute service is up and enabled.

        Round robin; Nova's ComputeFilter skips disabled services and,
        when ``zone`` is given, its AvailabilityZoneFilter other zones.
        """
        for _ in range(len(self.hosts) or 1):
            host = next(self._host_cycle)
            if self._usable(host, exclude, zone):
                return host
        return None

    def _usable(self, host, exclude, zone):
        return (host != exclude and self.host_up(host)
                and not self.service_of(host).disabled
                and (zone is None or self.host_zone(host) == zone))

    def candidate_hosts(self, exclude=None, zone=None):
        """Every host :meth:`pick_host` accepts, its pick first.

        What the scheduler's filters and weighers start from; the round
        robin moves on by one pick, as with :meth:`pick_host`.
        """
        first = self.pick_host(exclude, zone)
        if first is None:
            return []
        start = self.hosts.index(first)
        return [host for host in self.hosts[start:] + self.hosts[:start]
                if self._usable(host, exclude, zone)]

    def place(self, server, host):
        """Put ``server`` on ``host``; its zone is the host's (if any).

        ``None``: it leaves its host (shelve offload). Every move of a
        server between hosts comes here, which keeps :meth:`servers_on`
        an index lookup.
        """
        if host is not None and host != server.host:
            self._host_add(host, server.id)
        server.host = server.node = host
        if host is not None:
            server.availability_zone = self.host_zone(host)
        # The hosts' totals (what os-hypervisors and os-hosts show).
        self.count(server)

    def servers_on(self, host):
        """The servers placed on ``host``, in the order they came.

        A server that left the host (or the store) is dropped from the
        host's list here, when it is read, rather than when it leaves.
        """
        ids = self._on_host.get(host)
        if not ids:
            return []
        servers = self.servers
        found = []
        seen = set()
        for server_id in ids:
            server = servers.get(server_id)
            if (server is not None and server.host == host
                    and server_id not in seen):
                seen.add(server_id)
                found.append(server)
        if len(found) < len(ids):
            if found:
                self._on_host[host] = [server.id for server in found]
            else:
                del self._on_host[host]
        self._on_host_kept[host] = len(found)
        return found

    def _host_add(self, host, server_id):
        ids = self._on_host.setdefault(host, [])
        ids.append(server_id)
        if len(ids) > 2 * self._on_host_kept.get(host, 0) + 64:
            # Servers that left are dropped once the list has doubled:
            # a list never holds more than twice what it must.
            self.servers_on(host)

    def _added(self, server):
        if server.host is not None:
            self._host_add(server.host, server.id)
        self.count(server)

    def _removed(self, server):
        self.counters.forget(self, server)

    def add_host(self, host, zone=DEFAULT_ZONE):
        """A new compute host (and its nova-compute service) in ``zone``.

        A zone other than the default one is an aggregate's: the host
        joins the aggregate that makes it (one named after the zone is
        created the first time), as a deployer does in Nova.
        """
        if host in self.hosts:
            raise ValueError('host %s already exists' % host)
        aggregate = None
        if zone and zone != DEFAULT_ZONE:
            aggregate = aggregates_mod.zone_aggregate(self, zone)
        self.hosts.append(host)
        service = model.Service(
            new_id(), len(self.internal_services) + len(self.services) + 1,
            host, zone=None, node_id=len(self.services) + 1)
        self.services[service.id] = service
        if aggregate is not None:
            aggregate.hosts.append(host)
        self._host_cycle = itertools.cycle(self.hosts)
        return service

    # -- hosts and migrations ------------------------------------------------

    def all_services(self):
        """Every service, as /os-services lists them (by id)."""
        return sorted(list(self.internal_services.values())
                      + list(self.services.values()),
                      key=lambda s: s.numeric_id)

    def find_service(self, service_id):
        """A service (control or compute) by its uuid, or None."""
        return (self.services.get(service_id)
                or self.internal_services.get(service_id))

    def service_of(self, host):
        for service in self.services.values():
            if service.host == host:
                return service
        return None

    def host_up(self, host):
        service = self.service_of(host)
        return service is not None and service.up

    def host_status(self, host):
        """UP, DOWN, MAINTENANCE or '' (no host), as Nova's host_status."""
        if not host:
            return ''
        service = self.service_of(host)
        if service is None:
            return 'UNKNOWN'
        if service.forced_down:
            return 'DOWN'
        if service.disabled:
            return 'MAINTENANCE'
        return 'UP'

    def new_migration(self, server, kind, source, dest, **fields):
        migration = model.Migration(
            next(self._migration_ids), new_id(), server, kind, source, dest,
            **fields)
        self.migrations.append(migration)
        return migration

    def migrations_of(self, server_id):
        return self.migrations.of(server_id)

    def settle_migrations(self):
        """Settle the moves whose transition is already due (a list of
        the records then shows how they ended); listing is not a read of
        the servers, so ``polls`` pacing counts nothing. Only the servers
        with a pending transition are looked at.
        """
        servers = self.servers
        for server_id in self._pending.ids():
            server = servers.get(server_id)
            if (server is not None and server.pending is not None
                    and server_id in self.migrations.servers()):
                self.settle(server, read=False)

    def list_migrations(self):
        """Every migration record, oldest first (moves settled first)."""
        self.settle_migrations()
        return list(self.migrations)

    def availability_zones(self):
        """The available zones: those with an enabled compute service."""
        return {self.host_zone(service.host)
                for service in self.services.values()
                if not service.disabled}

    def host_zone(self, host):
        """The zone of a compute host, from its aggregates."""
        return aggregates_mod.host_zone(self, host)

    def service_zone(self, service):
        """A service's zone: a compute's host's, or the control one."""
        if service.binary == 'nova-compute':
            return self.host_zone(service.host)
        return service.zone

    @staticmethod
    def new_id():
        return new_id()

    def allocate_fixed_ip(self, network=DEFAULT_NETWORK, address=None):
        """(network label, address, MAC) of a new port on ``network``."""
        n = next(self._ip_counter)
        return (network, address or model.port_address(n), model.port_mac(n))

    def new_server(self, name, project_id, user_id, flavor_id, image_id,
                   **fields):
        """Create a server record in BUILD (no action recorded)."""
        fixed_ips = fields.pop('fixed_ips', None)
        groups = fields.pop('security_groups', None)
        server = model.Server(
            fields.pop('id', None) or new_id(), name, _shared(project_id),
            _shared(user_id), str(flavor_id), image_id,
            # None: a port on the default network; []: no network at all.
            fixed_ips=[self.allocate_fixed_ip()] if fixed_ips is None
            else fixed_ips,
            security_groups=model.DEFAULT_SECURITY_GROUPS
            if not groups or list(groups) == ['default'] else groups)
        server.set_fields(fields)
        self.ensure_default_security_group(project_id)
        self.servers[server.id] = server
        return server

    def destroy_server(self, server):
        server.deleted = True
        server.vm_state = st.DELETED
        # Its ports are gone and it runs nowhere (as a deleted server of
        # Nova's shows in changes-since lists).
        server.power_state = st.NOSTATE
        server.fixed_ips = []
        server.terminated_at = time.time()
        self.servers.pop(server.id, None)
        self._pending.discard(server.id)
        self.server_passwords.pop(server.id, None)
        # A deleted server is no longer a member of its group.
        group = self.server_groups.get(server.group_id)
        if group is not None and server.id in group.members:
            group.members.remove(server.id)
        # As Nova, destroying a server deletes its migration records.
        self.migrations.forget_server(server.id)
        for fip in self.floating_ips.values():
            if fip.server_id == server.id:
                fip.server_id = fip.fixed_address = None
        self._deleted.append(server.id)
        self.deleted_servers[server.id] = server
        while len(self._deleted) > self.keep_deleted_servers:
            gone = self._deleted.popleft()
            self.actions.pop(gone, None)
            self.deleted_servers.pop(gone, None)
            for key in [k for k in self.embedded_flavors if k[0] == gone]:
                del self.embedded_flavors[key]

    # -- flavors and images ---------------------------------------------------

    def add_flavor(self, flavor):
        replaced = flavor.id in self.flavors
        if not replaced:
            # A new row in Nova's table: the next internal id (a flavor
            # created again after a delete gets a new one).
            self._flavor_numbers[flavor.id] = next(self._flavor_counter)
        self.flavors[flavor.id] = flavor
        if replaced:
            # The servers of that flavor now use what it says.
            self.counters.rebuild(self)
        return flavor

    def delete_flavor(self, flavor_id):
        """Drop a flavor; servers built or resized with it keep a copy."""
        flavor = self.flavors.pop(flavor_id)
        for server in itertools.chain(self.servers.values(),
                                      self.deleted_servers.values()):
            for fid in (server.flavor_id, server.old_flavor_id):
                if fid == flavor_id:
                    self.embedded_flavors.setdefault((server.id, fid), flavor)
        # Its number is forgotten with it unless a migration record still
        # shows it (old/new_instance_type_id): a cloud whose flavors come
        # and go does not grow.
        if not any(flavor_id in (m.old_flavor_id, m.new_flavor_id)
                   for m in self.migrations):
            self._flavor_numbers.pop(flavor_id, None)
        return flavor

    def flavor_of(self, server, flavor_id=None):
        """The flavor ``server`` has (or had: ``flavor_id``), or None.

        The copy embedded in the server when the flavor was deleted, else
        the flavor of that id.
        """
        flavor_id = server.flavor_id if flavor_id is None else flavor_id
        embedded = self.embedded_flavors.get((server.id, flavor_id))
        return embedded or self.flavors.get(flavor_id)

    def flavor_number(self, flavor_id):
        """Nova's internal integer id of a flavor (None if unknown).

        Flavors are numbered 1, 2, ... in the order they were added, so
        the default flavors' numbers equal their ids.
        """
        return self._flavor_numbers.get(flavor_id)

    def add_image(self, image):
        self.images[image.id] = image
        return image

    def find_image(self, image_id, ctx=None):
        """The image as ``ctx`` may see it (public or its own), or None."""
        image = self.images.get(image_id)
        if image is None or not visibility.visible(ctx, image.project_id):
            return None
        return image

    def settle_snapshot(self, image):
        """Bring ``image`` up to date: a snapshot settles with its server.

        Returns ``image`` (None stays None). Hold the lock.
        """
        if (image is not None and image.pending
                and image.server_id in self.servers):
            self.settle(self.servers[image.server_id])
        return image

    def settle_snapshots(self):
        """Settle the snapshots still saving, oldest first, as a list of
        images shows them (hold the lock): only those are looked at.
        """
        pending = self._pending_images
        for image_id in list(pending):
            image = self.images.get(image_id)
            if image is not None and image.pending:
                self.settle_snapshot(image)
            if image is None or not image.pending:
                pending.pop(image_id, None)

    def visible_images(self, ctx):
        """The images ``ctx`` may see, snapshots settled (hold the lock).

        Newest first; a walk of the buckets ``ctx`` sees, not of every
        project's images.
        """
        self.settle_snapshots()
        return list(self.images.walk(indexes.visible_buckets(ctx)))

    def find_volume(self, volume_id, ctx=None):
        """The volume if ``ctx``'s project owns it (admins: any), or None."""
        volume = self.volumes.get(volume_id)
        if volume is None or not visibility.owned(ctx, volume.project_id):
            return None
        return volume

    def add_snapshot(self, server, name, metadata=None, ctx=None,
                     image_type='snapshot', kind=None, **properties):
        """A SAVING image of ``server``: createImage's, createBackup's or
        shelve's; :meth:`finish_snapshot` makes it ACTIVE.

        Its properties are Nova's (``instance_uuid``, ``user_id``,
        ``image_type``), then the request's ``metadata`` (which may
        override them, as in Nova), then ``properties`` (a backup's
        ``backup_type``). ``kind`` is what the fake keeps it for
        (``image_type`` by default; ``shelved`` for shelve's snapshot,
        which unshelve deletes).
        """
        props = {'instance_uuid': server.id, 'image_type': image_type,
                 'user_id': ctx.user_id if ctx is not None
                 else server.user_id}
        props.update(metadata or {})
        props.update(properties)
        image = model.Image(new_id(), name, status='SAVING',
                            project_id=server.project_id, metadata=props,
                            server_id=server.id,
                            image_type=kind or image_type)
        image.pending = True
        self.images[image.id] = image
        self._pending_images[image.id] = None
        return image

    def finish_snapshot(self, image):
        image.pending = None
        self._pending_images.pop(image.id, None)
        image.status = 'ACTIVE'
        image.updated = time.time()

    # -- security groups and floating IPs -------------------------------------

    def ensure_default_security_group(self, project_id):
        return security_groups.ensure_default(self, project_id)

    def add_security_group(self, group):
        self.security_groups[group.id] = group
        return group

    def find_security_groups(self, name_or_id, project_id):
        return [g for g in self.security_groups.in_project(project_id)
                if name_or_id in (g.name, g.id)]

    def add_floating_ip(self, project_id, pool='public', address=None):
        if address is None:
            n = next(self._fip_counter)
            address = '172.24.%d.%d' % (4 + n // 250, n % 250 + 1)
        fip = model.FloatingIP(new_id(), address, pool=pool,
                               project_id=project_id,
                               index=self._fips_of_server)
        self.floating_ips[fip.id] = fip
        self._fips_at.setdefault(address, {})[fip.id] = None
        return fip

    def delete_floating_ip(self, fip):
        """Release a floating IP (off its server first)."""
        fip.server_id = fip.fixed_address = None
        self.floating_ips.pop(fip.id, None)
        ids = self._fips_at.get(fip.address)
        if ids is not None:
            ids.pop(fip.id, None)
            if not ids:
                del self._fips_at[fip.address]

    def _floating_ips(self, ids):
        found = self.floating_ips
        return [fip for fip in (found.get(fip_id) for fip_id in ids)
                if fip is not None]

    def floating_ips_by_address(self, address, ctx=None):
        """The floating IPs with ``address`` that ``ctx`` may see."""
        return [f for f in self._floating_ips(self._fips_at.get(address, ()))
                if visibility.owned(ctx, f.project_id)]

    def floating_ips_of(self, server_id):
        """The floating IPs on a server (an index lookup: every server
        show and list entry asks).
        """
        ids = self._fips_of_server.get(server_id)
        if not ids:
            return []
        if len(ids) > 1:
            # Several: in the order they were allocated, as always.
            return [f for f in self.floating_ips.values()
                    if f.id in ids and f.server_id == server_id]
        return [f for f in self._floating_ips(ids)
                if f.server_id == server_id]

    # -- instance actions -----------------------------------------------------

    def record_action(self, server, name, ctx, event=None, now=None):
        """A new instance action of ``server`` (started ``now``), with
        its one ``event`` started then too.
        """
        action = model.InstanceAction(
            name, server.id, ctx.request_id, _shared(ctx.user_id),
            _shared(ctx.project_id), now or time.time(), event or None,
            server.host)
        # A server's actions: a tuple while it has one (most servers: a
        # tuple of one is smaller than a list), then a list.
        actions = self.actions.get(server.id)
        if actions is None:
            self.actions[server.id] = (action,)
        elif type(actions) is tuple:
            self.actions[server.id] = [*actions, action]
        else:
            actions.append(action)
            if len(actions) > self.keep_actions_per_server:
                del actions[0]
        return action

    def finish_action(self, action, result='Success', message=None,
                      now=None):
        now = action.updated_at = now or time.time()
        if message is not None:
            action.message = message
        # Its event (kept in the action), unless already finished.
        if action.event is not None and action.event_finish is None:
            action.event_finish = now
            action.event_result = result

    def new_short_id(self):
        return uuid.uuid4().hex[:8]

    @staticmethod
    def now():
        return time.time()
