"""What the compute hosts have and what their servers use of it.

Every fake host has the same capacity; what is used is summed from the
flavors of the servers placed on it, as Nova's resource tracker reports
it to ``os-hypervisors`` (with Nova's default ``reserved_host_memory_mb``
counted as used).

The sums are running totals (:class:`Totals`, kept by the store's
counters as servers come, move, change and go: ``Store.count``), so a
host's figures cost no walk of its servers; :func:`recount` and
:func:`recount_projects` add the servers up (what the totals must equal:
for tests).
"""

import bisect
import itertools

VCPUS = 64
MEMORY_MB = 262144
LOCAL_GB = 2048
RESERVED_HOST_MEMORY_MB = 512
CPU_INFO = {'arch': 'x86_64', 'model': 'Haswell-noTSX-IBRS',
            'vendor': 'Intel', 'features': ['pge', 'clflush', 'sse2'],
            'topology': {'cores': 8, 'threads': 2, 'sockets': 4}}


def servers_on(store, host):
    """The servers placed on ``host``, oldest first."""
    return sorted(store.servers_on(host), key=lambda s: s.created)


class Totals:
    """Per host, the sums of what its servers use, kept as they change.

    ``hosts``: host -> [servers, vcpus, ram, disk, busy servers] (the
    counters change the busy count themselves);
    ``projects``: host -> {project: [servers, vcpus, ram, disk, created,
    id]} of the servers with a flavor, (created, id) the key of the
    project's oldest one there (the rows of ``/os-hosts/{host}`` come in
    that order, as a walk of the host's servers oldest first meets the
    projects). Memory is per host and per project on it, none per server
    (a server's share is the store counters' record).
    """

    __slots__ = ('hosts', 'projects', 'counted_there')

    def __init__(self, counted_there):
        self.hosts = {}
        self.projects = {}
        # counted_there(server id, host): is that server counted in its
        # project's row on that host now (what the counters recorded)?
        self.counted_there = counted_there

    def clear(self):
        self.hosts.clear()
        self.projects.clear()

    def add(self, store, server, host, project, vcpus, ram, disk, flavored,
            busy, sign):
        """Count ``server`` on ``host`` (``vcpus``, ``ram``, ``disk`` of
        its flavor: 0 without one, ``flavored`` false; ``busy``: it has
        a task_state) in (``sign`` 1) or out (-1).

        A server whose flavor is unknown counts as a server, with no
        resources and in no project's row. Out: the server's record is
        already gone from the counters (or the store), so that finding
        the project's next oldest server on that host does not meet it.
        """
        total = self.hosts.get(host)
        if total is None:
            total = self.hosts[host] = [0, 0, 0, 0, 0]
        total[0] += sign
        total[1] += sign * vcpus
        total[2] += sign * ram
        total[3] += sign * disk
        total[4] += sign * busy
        if not total[0]:
            del self.hosts[host]
        if not flavored:
            return
        rows = self.projects.get(host)
        if rows is None:
            rows = self.projects[host] = {}
        row = rows.get(project)
        if row is None:
            # Only a server counted in makes a row (out: never met).
            if sign > 0:
                rows[project] = [1, vcpus, ram, disk, server.created,
                                 server.id]
            return
        row[0] += sign
        row[1] += sign * vcpus
        row[2] += sign * ram
        row[3] += sign * disk
        if not row[0]:
            del rows[project]
            if not rows:
                del self.projects[host]
        elif sign > 0:
            if (server.created, server.id) < (row[4], row[5]):
                row[4:] = server.created, server.id
        elif server.id == row[5]:
            row[4:] = self._first(store, host, project,
                                  (server.created, server.id))

    def _first(self, store, host, project, after):
        """The key of the project's oldest server counted on ``host``.

        Walks the project's servers from ``after`` (the oldest one,
        leaving) in the store's order, until one counted there: its
        next oldest one, usually a few servers on.
        """
        keys = store.servers.keys_of(project)
        start = bisect.bisect_left(keys, after)
        # Then the older ones: never met unless a server's ``created``
        # was changed under the index.
        for key in itertools.chain(itertools.islice(keys, start, None),
                                   itertools.islice(keys, start)):
            if self.counted_there(key[1], host):
                return key
        return after

    def used(self, host):
        """(servers, vcpus, ram, disk, busy servers) on ``host``."""
        return tuple(self.hosts.get(host, (0, 0, 0, 0, 0)))

    def servers(self, host):
        """How many servers are on ``host``."""
        total = self.hosts.get(host)
        return total[0] if total is not None else 0

    def project_rows(self, host):
        """[(project, vcpus, ram, disk)] of the servers with a flavor on
        ``host``, in the order of each project's oldest one there.
        """
        rows = self.projects.get(host)
        if not rows:
            return []
        return [(project, row[1], row[2], row[3]) for project, row in
                sorted(rows.items(), key=lambda item: item[1][4:])]


def _figures(servers, vcpus, memory, disk, busy):
    memory += RESERVED_HOST_MEMORY_MB
    return {
        'vcpus': VCPUS, 'memory_mb': MEMORY_MB, 'local_gb': LOCAL_GB,
        'vcpus_used': vcpus, 'memory_mb_used': memory,
        'local_gb_used': disk, 'free_ram_mb': MEMORY_MB - memory,
        'free_disk_gb': LOCAL_GB - disk, 'current_workload': busy,
        'running_vms': servers, 'disk_available_least': LOCAL_GB - disk,
    }


def usage(store, host):
    """Nova's compute node figures for ``host`` (call with the lock)."""
    return _figures(*store.counters.hosts.used(host))


def project_rows(store, host):
    """What the servers with a flavor on ``host`` use, per project:
    [(project, vcpus, ram, disk)], the project of the oldest first.
    """
    return store.counters.hosts.project_rows(host)


def recount(store, host):
    """What :func:`usage` answers, added up server by server."""
    vcpus = memory = disk = busy = 0
    servers = servers_on(store, host)
    for server in servers:
        flavor = store.flavor_of(server)
        if flavor is not None:
            vcpus += flavor.vcpus
            memory += flavor.ram
            disk += flavor.disk + flavor.ephemeral
        if server.task_state is not None:
            busy += 1
    return _figures(len(servers), vcpus, memory, disk, busy)


def recount_projects(store, host):
    """What :func:`project_rows` answers, added up server by server
    (oldest first: created, then id).
    """
    projects = {}
    for server in sorted(store.servers_on(host),
                         key=lambda s: (s.created, s.id)):
        flavor = store.flavor_of(server)
        if flavor is None:
            continue
        mine = projects.setdefault(server.project_id, [0, 0, 0])
        mine[0] += flavor.vcpus
        mine[1] += flavor.ram
        mine[2] += flavor.disk + flavor.ephemeral
    return [(project, *figures) for project, figures in projects.items()]
