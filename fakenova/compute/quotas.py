"""Quotas: limits, usage and their enforcement, as Nova's DB driver (no HTTP).

Limits are looked up as Nova's database quota driver looks them up:

- the **defaults** are Nova's ``[quota]`` options (:data:`DEFAULTS`),
  each overridden by the ``default`` quota class if it has a limit for
  it (``PUT /os-quota-class-sets/default``);
- a **project** sees its own limits (``PUT /os-quota-sets/{project}``),
  the defaults for the others. Another quota class than ``default`` is
  stored and shown but applies to nobody (Nova applies one only to a
  request context carrying that class, which no auth middleware sets);
- a **user** of a project (the legacy ``?user_id=``) sees its own
  limits, then the project's, then the defaults. ``fixed_ips`` and
  ``floating_ips`` are per project only: set for a user, they set the
  project's.

:class:`Limits` holds those rows (``store.quotas``; a store reset starts
empty). What is counted, as :func:`usage` counts it:

- ``instances``, ``cores`` and ``ram``: the project's (or the user's)
  servers that are neither deleted nor soft-deleted (shelved-offloaded and
  failed ones count), each with its flavor's vcpus and ram; a server
  resized and waiting for its confirmation counts with its new flavor;
- ``server_groups``: the project's (the user's) groups;
- ``key_pairs`` (a user's key pairs) and ``server_group_members`` (a
  user's servers in one group) are counted when a key pair or a member is
  added only: Nova's usage report shows them as 0, as it does every
  limit that counts nothing (metadata items, injected files and the
  nova-network ones).

Enforcement raises :class:`OverQuota` (Nova's internal error with its
``overs``, ``quotas`` and ``usages``) from the checks, and the ``check_*``
helpers turn it into the API's 403 with Nova's message, the way Nova's
compute API and controllers do. Call everything with ``store.lock`` held.
"""

import operator

from fakenova.compute import exception
from fakenova.compute import hosts
from fakenova.compute import states as st

UNLIMITED = -1

# Nova's [quota] defaults.
INSTANCES = 10
CORES = 20
RAM = 50 * 1024  # MiB
METADATA_ITEMS = 128
INJECTED_FILES = 5
INJECTED_FILE_CONTENT_BYTES = 10 * 1024
INJECTED_FILE_PATH_BYTES = 255
KEY_PAIRS = 100
SERVER_GROUPS = 10
SERVER_GROUP_MEMBERS = 10

# Every limit Nova reports, with its default. The nova-network limits
# have no option left: they are unlimited.
DEFAULTS = {
    'instances': INSTANCES,
    'cores': CORES,
    'ram': RAM,
    'metadata_items': METADATA_ITEMS,
    'injected_files': INJECTED_FILES,
    'injected_file_content_bytes': INJECTED_FILE_CONTENT_BYTES,
    'injected_file_path_bytes': INJECTED_FILE_PATH_BYTES,
    'key_pairs': KEY_PAIRS,
    'server_groups': SERVER_GROUPS,
    'server_group_members': SERVER_GROUP_MEMBERS,
    'fixed_ips': UNLIMITED,
    'floating_ips': UNLIMITED,
    'security_groups': UNLIMITED,
    'security_group_rules': UNLIMITED,
}
RESOURCES = tuple(sorted(DEFAULTS))

# Limits Nova keeps per project even when set for a user.
PER_PROJECT = ('fixed_ips', 'floating_ips')
# The quota class whose limits are everybody's defaults.
DEFAULT_CLASS = 'default'
# The largest limit Nova's database stores.
MAX_LIMIT = 0x7FFFFFFF


class Limits:
    """The limits set through the API (Nova's quota tables)."""

    def __init__(self):
        # class name -> {resource: limit}
        self.classes = {}
        # project id -> {resource: limit}
        self.projects = {}
        # (project id, user id) -> {resource: limit}
        self.users = {}


class OverQuota(Exception):
    """Nova's OverQuota: what went over, the limits and the usage."""

    def __init__(self, overs, quotas, usages=None, scope=None):
        self.overs = sorted(overs)
        self.quotas = quotas
        self.usages = usages or {}
        self.scope = scope
        super().__init__('Quota exceeded for resources: %s' % self.overs)


def check_resources(values):
    """ValueError naming a resource Nova does not know, if any."""
    unknown = sorted(set(values) - set(DEFAULTS))
    if unknown:
        raise ValueError('unknown quota resource(s): %s (known: %s)'
                         % (', '.join(unknown), ', '.join(RESOURCES)))
    for name, value in values.items():
        if (isinstance(value, bool) or not isinstance(value, int)
                or not UNLIMITED <= value <= MAX_LIMIT):
            raise ValueError('the %s limit must be an integer from -1 to '
                             '%d, not %r' % (name, MAX_LIMIT, value))


# -- limits ------------------------------------------------------------------

def defaults(store=None):
    """{resource: limit}: the options, overridden by the default class."""
    out = dict(DEFAULTS)
    if store is not None:
        out.update(store.quotas.classes.get(DEFAULT_CLASS, {}))
    return out


def class_limits(store, name):
    """A quota class's limits: its own, else the options (as Nova)."""
    out = dict(DEFAULTS)
    out.update(store.quotas.classes.get(name, {}))
    return out


def project_limits(store, project_id):
    """{resource: limit} of a project."""
    out = defaults(store)
    out.update(store.quotas.projects.get(project_id, {}))
    return out


def user_limits(store, project_id, user_id):
    """{resource: limit} of a user in a project (the project's otherwise)."""
    out = project_limits(store, project_id)
    out.update(store.quotas.users.get((project_id, user_id), {}))
    return out


def limits(store, project_id, user_id=None):
    if user_id:
        return user_limits(store, project_id, user_id)
    return project_limits(store, project_id)


# -- usage -------------------------------------------------------------------

def _counts(server, user_id):
    """Does a settled server of the project count (against ``user_id``)?"""
    return ((user_id is None or server.user_id == user_id)
            and not server.deleted and server.vm_state != st.SOFT_DELETED)


# What a server counts (its share): (project, user, vcpus, ram, in_usage,
# host, disk, flavored, busy). vcpus, ram and disk are its flavor's (0
# without one: not ``flavored``); ``in_usage``: it counts in its
# project's usage (not deleted, not soft-deleted); ``host``: where it
# counts (None: nowhere; then disk 0, neither flavored nor busy);
# ``busy``: it has a task_state. One flat tuple, shared by the servers
# that count alike.
_HOST = 5
_FLAVORED = 7
_BUSY = 8
# The fields the usage and the host's totals count.
_USAGE = operator.itemgetter(0, 1, 2, 3, 4)
_PLACE = operator.itemgetter(0, 2, 3, 5, 6, 7, 8)


def _share(store, server):
    """What ``server`` counts (see above), or None when it counts
    nowhere (out of the store; or deleted or soft-deleted and on no
    host: a soft-deleted server still counts on its host).
    """
    if store.servers.get(server.id) is not server:
        return None
    flavor = store.flavor_of(server)
    in_usage = not server.deleted and server.vm_state != st.SOFT_DELETED
    host = server.host
    if host is None:
        if not in_usage:
            return None
        return (server.project_id, server.user_id,
                flavor.vcpus if flavor else 0, flavor.ram if flavor else 0,
                True, None, 0, False, False)
    if flavor is None:
        return (server.project_id, server.user_id, 0, 0, in_usage, host, 0,
                False, server.task_state is not None)
    return (server.project_id, server.user_id, flavor.vcpus, flavor.ram,
            in_usage, host, flavor.disk + flavor.ephemeral, True,
            server.task_state is not None)


class Counters:
    """The instances, cores and ram in use per project and per (project,
    user), and what the servers use on each host (``hosts``, a
    :class:`fakenova.compute.hosts.Totals`), kept as servers come,
    change, move and go.

    ``Store.count`` updates a server's share after each change that may
    move it (its creation, every transition accepted or settled, every
    placement, its removal; ``Store.count_busy`` after a change of its
    task_state alone): a count costs no walk of the servers.
    """

    __slots__ = ('shares', 'totals', 'hosts', '_same', '_twins')

    def __init__(self):
        # server id -> its _share(); project or (project, user) ->
        # [instances, cores, ram].
        self.shares = {}
        self.totals = {}
        self.hosts = hosts.Totals(self._counted_there)
        # Equal shares are one tuple (most servers of a user have one of
        # a few flavors, on one of a few hosts); id(share) -> the same
        # share but busy (or not), made the first time it is asked for.
        self._same = {}
        self._twins = {}

    def _counted_there(self, server_id, host):
        share = self.shares.get(server_id)
        return (share is not None and share[_HOST] == host
                and share[_FLAVORED])

    def _twin(self, share):
        """``share``, busy if it is not, not busy if it is."""
        twin = self._twins.get(id(share))
        if twin is None:
            twin = share[:_BUSY] + (not share[_BUSY],)
            twin = self._same.setdefault(twin, twin)
            self._twins[id(share)] = twin
            self._twins[id(twin)] = share
        return twin

    def _count(self, store, server, share, sign, usage=True, place=True):
        (project_id, user_id, cores, ram, in_usage, host, disk, flavored,
         busy) = share
        if in_usage and usage:
            for key in (project_id, (project_id, user_id)):
                total = self.totals.get(key)
                if total is None:
                    total = self.totals[key] = [0, 0, 0]
                total[0] += sign
                total[1] += sign * cores
                total[2] += sign * ram
                if not total[0] and not total[1] and not total[2]:
                    del self.totals[key]
        if host is not None and place:
            self.hosts.add(store, server, host, project_id, cores, ram,
                           disk, flavored, busy, sign)

    def update(self, store, server):
        share = _share(store, server)
        old = self.shares.get(server.id)
        if share == old:
            return
        if (old is not None and share is not None
                and old[_HOST] is not None
                and old[_BUSY] is not share[_BUSY]
                and self._twin(old) == share):
            # Its task_state alone: one busy server more or less there.
            self.busy(server)
            return
        # What did not change is not counted out and in again (a move
        # leaves the usage as it was; a soft delete, the host's totals).
        usage = place = True
        if old is not None and share is not None:
            usage = _USAGE(old) != _USAGE(share)
            place = _PLACE(old) != _PLACE(share)
        if old is not None:
            # Out of the records first (see hosts.Totals.add).
            del self.shares[server.id]
            self._count(store, server, old, -1, usage, place)
        if share is not None:
            self.shares[server.id] = self._same.setdefault(share, share)
            self._count(store, server, share, 1, usage, place)

    def busy(self, server):
        """:meth:`update` when only the server's task_state may have
        changed (its host's count of busy servers).
        """
        old = self.shares.get(server.id)
        if old is None or old[_HOST] is None:
            return
        if old[_BUSY] is not (server.task_state is not None):
            self.shares[server.id] = self._twin(old)
            # Its host's busy servers (most transitions come here twice).
            self.hosts.hosts[old[_HOST]][4] += -1 if old[_BUSY] else 1

    def forget(self, store, server):
        old = self.shares.pop(server.id, None)
        if old is not None:
            self._count(store, server, old, -1)

    def rebuild(self, store):
        """Count every server again (a flavor changed under them)."""
        self.shares.clear()
        self.totals.clear()
        self.hosts.clear()
        self._same.clear()
        self._twins.clear()
        for server in store.servers.values():
            self.update(store, server)

    def used(self, project_id, user_id=None):
        total = self.totals.get(
            project_id if user_id is None else (project_id, user_id))
        instances, cores, ram = total or (0, 0, 0)
        return {'instances': instances, 'cores': cores, 'ram': ram}


def count_servers(store, project_id, user_id=None):
    """{'instances', 'cores', 'ram'} of a project's (a user's) servers.

    A server whose transition is due settles first (a finished delete no
    longer counts); counting is not a read of the servers, so ``polls``
    pacing counts nothing. The usage is the store's counters
    (:class:`Counters`); :func:`recount_servers` walks the servers.
    """
    store.settle_pending(project_id, read=False)
    return store.counters.used(project_id, user_id)


def recount_servers(store, project_id, user_id=None):
    """What :func:`count_servers` answers, counted server by server."""
    used = {'instances': 0, 'cores': 0, 'ram': 0}
    for server in list(store.servers.values()):
        if server.project_id != project_id:
            continue
        store.settle(server, read=False)
        if not _counts(server, user_id):
            continue
        flavor = store.flavor_of(server)
        used['instances'] += 1
        used['cores'] += flavor.vcpus if flavor else 0
        used['ram'] += flavor.ram if flavor else 0
    return used


def count_groups(store, project_id, user_id=None):
    groups = store.server_groups.in_project(project_id)
    return sum(1 for group in groups
               if user_id is None or group.user_id == user_id)


def count_keypairs(store, user_id):
    # The user's index of names (compute/indexes.py): no walk of every
    # user's key pairs.
    return store.keypairs.count(user_id)


def count_members(store, group, user_id):
    """The user's servers in ``group`` (deleted ones left)."""
    count = 0
    for server_id in list(group.members):
        server = store.servers.get(server_id)
        if server is not None and store.settle(server, read=False) and (
                server.user_id == user_id):
            count += 1
    return count


def usage(store, project_id, user_id=None):
    """{resource: in use} of every resource, as Nova's detail shows it."""
    used = dict.fromkeys(DEFAULTS, 0)
    used.update(count_servers(store, project_id, user_id))
    used['server_groups'] = count_groups(store, project_id, user_id)
    return used


# -- changing limits ---------------------------------------------------------

def _unlimited(value):
    return value <= UNLIMITED


def _sum(v1, v2):
    return UNLIMITED if _unlimited(v1) or _unlimited(v2) else v1 + v2


def _sub(v1, v2):
    return UNLIMITED if _unlimited(v1) or _unlimited(v2) else v1 - v2


def settable(store, project_id, user_id=None):
    """{resource: (minimum, maximum)} a new limit must lie in (Nova's).

    For a project: at least what it uses and what its users' own limits
    add up to, no maximum. For a user: at least what the user uses (0 for
    key pairs and group members, which Nova does not count here), at
    most what the project has not given to its users plus the user's own.
    """
    project = project_limits(store, project_id)
    remains = dict(project)
    for (pid, _uid), rows in store.quotas.users.items():
        if pid == project_id:
            for name, value in rows.items():
                remains[name] -= value
    out = {}
    if user_id:
        own = store.quotas.users.get((project_id, user_id), {})
        used = usage(store, project_id, user_id)
        for name in DEFAULTS:
            out[name] = (used[name], _sum(remains[name], own.get(name, 0)))
    else:
        used = usage(store, project_id)
        for name in DEFAULTS:
            out[name] = (max(_sub(project[name], remains[name]), used[name]),
                         UNLIMITED)
    return out


def _inf(value):
    return float('inf') if value == UNLIMITED else value


def update(store, project_id, values, user_id=None, force=False):
    """Set limits of a project (or one of its users), as Nova's PUT.

    ``values`` is {resource: int}; every value is checked before any is
    written (without ``force``, each must lie in :func:`settable`'s
    range: Nova's 400 otherwise).
    """
    if not force:
        ranges = settable(store, project_id, user_id)
        for name, value in values.items():
            minimum, maximum = ranges[name]
            if _inf(value) < _inf(minimum):
                raise exception.BadRequest(
                    'Quota limit %s for %s must be greater than or equal to '
                    'already used and reserved %s.' % (value, name, minimum))
            if _inf(value) > _inf(maximum):
                raise exception.BadRequest(
                    'Quota limit %s for %s must be less than or equal to %s.'
                    % (value, name, maximum))
    for name, value in values.items():
        if user_id and name not in PER_PROJECT:
            rows = store.quotas.users.setdefault((project_id, user_id), {})
        else:
            rows = store.quotas.projects.setdefault(project_id, {})
        rows[name] = value


def delete(store, project_id, user_id=None):
    """Forget a user's limits, or a project's and its users' (Nova's)."""
    if user_id:
        store.quotas.users.pop((project_id, user_id), None)
        return
    store.quotas.projects.pop(project_id, None)
    for key in [k for k in store.quotas.users if k[0] == project_id]:
        del store.quotas.users[key]


def update_class(store, name, values):
    """Set limits of a quota class (``default``: everybody's defaults)."""
    store.quotas.classes.setdefault(name, {}).update(values)


# -- checks ------------------------------------------------------------------

def limit_check(store, project_id, user_id, **values):
    """Nova's limit_check: each value against the project's and the
    user's limit (OverQuota with the project's limits).
    """
    project = project_limits(store, project_id)
    user = user_limits(store, project_id, user_id)
    overs = [name for name, value in values.items()
             if 0 <= project[name] < value or 0 <= user[name] < value]
    if overs:
        raise OverQuota(overs, project)


def check_deltas(store, deltas, counts, project_id, user_id):
    """Nova's check_deltas: ``counts`` (``{'project': {...}, 'user':
    {...}}``, what is used now) plus ``deltas`` against the limits of
    ``project_id`` and ``user_id``.

    A resource counted for both the project and the user passes both
    limits; one counted once passes the smaller of them.
    """
    project_values = {name: value + deltas[name] for name, value in
                      counts.get('project', {}).items() if name in deltas}
    user_values = {name: value + deltas[name] for name, value in
                   counts.get('user', {}).items() if name in deltas}
    merged = {}
    for name in set(project_values) ^ set(user_values):
        merged[name] = (project_values.pop(name, 0)
                        or user_values.pop(name, 0))
    project = project_limits(store, project_id)
    user = user_limits(store, project_id, user_id)
    key = 'user' if 'user' in counts else 'project'
    if merged:
        both = {name: min(project[name], user[name]) for name in project}
        overs = [name for name, value in merged.items()
                 if 0 <= both[name] < value]
        if overs:
            raise OverQuota(overs, both, counts[key])
    overs = []
    over_user = False
    for name in user_values:
        if 0 <= project[name] < project_values[name]:
            overs.append(name)
        elif 0 <= user[name] < user_values[name]:
            overs.append(name)
            over_user = True
    if overs:
        scope = 'user' if over_user else 'project'
        raise OverQuota(overs, user if over_user else project,
                        counts[scope], scope)


def _headroom(quotas, usages, deltas):
    """Nova's get_headroom (integers: its floats are whole here)."""
    headroom = {name: quotas[name] - usages[name] for name in usages}
    for name in ('cores', 'ram'):
        if quotas.get(name) == UNLIMITED:
            if deltas.get(name):
                headroom[name] = (headroom.get('instances', 1)
                                  * deltas[name]
                                  // deltas.get('instances', 1))
            else:
                headroom[name] = headroom.get('instances', 1)
    return headroom


def _too_many(headroom, overs, quotas, requested):
    """Nova's TooManyInstances message (its 403 in the API)."""
    reqs = ', '.join(str(requested[name]) for name in overs)
    used = ', '.join(str(quotas[name] - headroom[name]) for name in overs)
    allowed = ', '.join(str(quotas[name]) for name in overs)
    overs = ', '.join(overs)
    return exception.Forbidden(
        'Quota exceeded for %s: Requested %s, but already used %s of %s %s'
        % (overs, reqs, used, allowed, overs))


def check_instances(store, flavor, min_count, max_count, project_id,
                    user_id):
    """How many of ``max_count`` new servers fit (Nova's
    check_num_instances_quota): all, or fewer but at least ``min_count``;
    else Nova's 403 "Quota exceeded for instances: Requested 1, but
    already used 10 of 10 instances".

    The user's limits count only when the user has one of its own for
    instances, cores or ram (otherwise only the project's usage is
    counted).
    """
    own = store.quotas.users.get((project_id, user_id), {})
    scoped = user_id if any(r in own for r in ('instances', 'cores', 'ram')
                            ) else None
    req_cores = max_count * flavor.vcpus
    req_ram = max_count * flavor.ram
    deltas = {'instances': max_count, 'cores': req_cores, 'ram': req_ram}
    counts = {'project': count_servers(store, project_id)}
    if scoped:
        counts['user'] = count_servers(store, project_id, scoped)
    try:
        check_deltas(store, deltas, counts, project_id, user_id)
    except OverQuota as exc:
        headroom = _headroom(exc.quotas, exc.usages, deltas)
        allowed = headroom.get('instances', 1)
        if flavor.vcpus:
            allowed = min(allowed, headroom['cores'] // flavor.vcpus)
        if flavor.ram:
            allowed = min(allowed, headroom['ram'] // flavor.ram)
        if 0 < allowed and min_count <= allowed <= max_count:
            return check_instances(store, flavor, min_count, allowed,
                                   project_id, user_id)
        requested = {'instances': str(min_count) if min_count == max_count
                     else '%s-%s' % (min_count, max_count),
                     'cores': req_cores, 'ram': req_ram}
        raise _too_many(headroom, exc.overs, exc.quotas, requested)
    return max_count


def check_upsize(store, server, old_flavor, new_flavor):
    """Nova's quota check of a resize (or a revert) to ``new_flavor``:
    the growth in cores and ram must fit (403 TooManyInstances).
    """
    deltas = {}
    if new_flavor.vcpus > old_flavor.vcpus:
        deltas['cores'] = new_flavor.vcpus - old_flavor.vcpus
    if new_flavor.ram > old_flavor.ram:
        deltas['ram'] = new_flavor.ram - old_flavor.ram
    if not deltas:
        return
    project_id, user_id = server.project_id, server.user_id
    used = count_servers(store, project_id)
    counts = {'project': {'cores': used['cores'], 'ram': used['ram']},
              'user': {}}
    mine = count_servers(store, project_id, user_id)
    counts['user'] = {'cores': mine['cores'], 'ram': mine['ram']}
    res_deltas = {'cores': deltas.get('cores', 0),
                  'ram': deltas.get('ram', 0)}
    try:
        check_deltas(store, res_deltas, counts, project_id, user_id)
    except OverQuota as exc:
        headroom = _headroom(exc.quotas, exc.usages, deltas)
        raise _too_many(headroom, exc.overs, exc.quotas, deltas)


def check_metadata(store, ctx, metadata):
    """Nova's 403 when ``metadata`` has more items than allowed."""
    if not metadata:
        return
    try:
        limit_check(store, ctx.project_id, ctx.user_id,
                    metadata_items=len(metadata))
    except OverQuota as exc:
        raise exception.MetadataLimitExceeded(
            allowed=exc.quotas['metadata_items'])


def check_image_metadata(store, ctx, metadata):
    """Nova's 403 for an image's metadata (createImage, createBackup)."""
    if not metadata:
        return
    try:
        limit_check(store, ctx.project_id, ctx.user_id,
                    metadata_items=len(metadata))
    except OverQuota:
        raise exception.Forbidden('Image metadata limit exceeded')


def check_injected_files(store, ctx, files):
    """Nova's 403s for personality files: ``files`` is [(path, contents)].

    The number first ("Personality file limit exceeded"), then the
    longest path, then the longest contents (Nova's base64 text).
    """
    if not files:
        return
    try:
        limit_check(store, ctx.project_id, ctx.user_id,
                    injected_files=len(files))
    except OverQuota:
        raise exception.Forbidden('Personality file limit exceeded')
    max_path = max(len(path) for path, _contents in files)
    max_content = max(len(contents) for _path, contents in files)
    try:
        limit_check(store, ctx.project_id, ctx.user_id,
                    injected_file_path_bytes=max_path,
                    injected_file_content_bytes=max_content)
    except OverQuota as exc:
        if 'injected_file_path_bytes' in exc.overs:
            raise exception.Forbidden(
                'Personality file path exceeds maximum %s'
                % exc.quotas['injected_file_path_bytes'])
        raise exception.Forbidden(
            'Personality file content exceeds maximum %s'
            % exc.quotas['injected_file_content_bytes'])


def check_keypairs(store, ctx, user_id):
    """Nova's 403 when ``user_id`` has as many key pairs as allowed.

    The limit is the caller's (its project's and its own), the count the
    key pairs of the user who will own the new one.
    """
    try:
        check_deltas(store, {'key_pairs': 1},
                     {'user': {'key_pairs': count_keypairs(store, user_id)}},
                     ctx.project_id, ctx.user_id)
    except OverQuota:
        raise exception.Forbidden('Quota exceeded, too many key pairs.')


def check_server_groups(store, ctx):
    """Nova's 403 when the project (or the user) has all its groups."""
    counts = {'project': {'server_groups': count_groups(
        store, ctx.project_id)},
        'user': {'server_groups': count_groups(
            store, ctx.project_id, ctx.user_id)}}
    try:
        check_deltas(store, {'server_groups': 1}, counts, ctx.project_id,
                     ctx.user_id)
    except OverQuota:
        raise exception.Forbidden('Quota exceeded, too many server groups.')


def check_members(store, ctx, group, count=1):
    """Nova's 403 when ``count`` more of the user's servers would not fit
    in ``group``.
    """
    counts = {'user': {'server_group_members': count_members(
        store, group, ctx.user_id)}}
    try:
        check_deltas(store, {'server_group_members': count}, counts,
                     ctx.project_id, ctx.user_id)
    except OverQuota:
        raise exception.Forbidden('Quota exceeded, too many servers in '
                                  'group')
