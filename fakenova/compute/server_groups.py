"""Server groups: Nova's instance groups and their scheduler rules.

A group belongs to the project (and records the user) that created it;
``store.server_groups`` keeps them by id, in creation order. A server
joins a group when it is created with the scheduler hint ``group`` and
leaves it when it is deleted (Nova lists no deleted member). Nova's facts
reproduced here:

- a non-admin sees only the groups of its project (another project's
  group is "not found", even in a scheduler hint); an admin sees all;
- the ``server_groups`` quota limits the groups of a project (and of a
  user), ``server_group_members`` the servers of one user per group
  (10 and 10 by default; see :mod:`fakenova.compute.quotas`);
- placement follows the scheduler's filters and weighers:
  ``anti-affinity`` accepts a host holding fewer than
  ``max_server_per_host`` (default 1) other members; ``affinity`` accepts
  only the hosts of the other members (any host while none is placed);
  ``soft-affinity`` prefers the host with the most members and
  ``soft-anti-affinity`` the one with the fewest, and never refuse. The
  server being placed never counts (a move leaves its own host).

When a hard policy leaves no host, Nova's scheduler raises NoValidHost:
a new server ends in ERROR with :func:`no_valid_host` as its fault; what
a move does is up to the move (see :mod:`fakenova.compute.moves`).
"""

from fakenova.compute import exception
from fakenova.compute import model
from fakenova.compute import quotas

ANTI_AFFINITY = 'anti-affinity'
AFFINITY = 'affinity'
SOFT_ANTI_AFFINITY = 'soft-anti-affinity'
SOFT_AFFINITY = 'soft-affinity'
POLICIES = (ANTI_AFFINITY, AFFINITY, SOFT_ANTI_AFFINITY, SOFT_AFFINITY)

# Nova's default quotas (a project's limits may differ).
MAX_GROUPS = quotas.SERVER_GROUPS
MAX_MEMBERS = quotas.SERVER_GROUP_MEMBERS

NOT_ENOUGH_HOSTS = 'There are not enough hosts available.'


# -- the groups ---------------------------------------------------------------

def get(store, group_id, ctx=None):
    """The group, scoped to the caller's project for non-admins."""
    group = store.server_groups.get(group_id)
    if group is None or (ctx is not None and not ctx.is_admin
                         and group.project_id != ctx.project_id):
        raise exception.ServerGroupNotFound(group_uuid=group_id)
    return group


def list_for(store, project_id=None):
    """Groups oldest first: of ``project_id``, or all when None."""
    if project_id is None:
        return list(store.server_groups.values())
    # The project's own (store.server_groups.by_project): no walk of
    # the other projects' groups.
    return store.server_groups.in_project(project_id)


def check_quota(store, ctx):
    """Nova's 403 when ``ctx``'s project (or user) has all its groups."""
    quotas.check_server_groups(store, ctx)


def add(store, name, project_id, user_id, policy, rules=None, id=None):
    """A new group (no quota check: the API checks it first)."""
    if policy not in POLICIES:
        raise ValueError('policy must be one of %s, not %r' % (
            ', '.join(POLICIES), policy))
    rules = dict(rules or {})
    if rules and policy != ANTI_AFFINITY:
        raise exception.BadRequest(
            'Only anti-affinity policy supports rules.')
    if 'max_server_per_host' in rules:
        # Nova keeps rules as strings and shows this one as an integer.
        rules['max_server_per_host'] = int(rules['max_server_per_host'])
    group_id = id or store.new_id()
    if group_id in store.server_groups:
        raise ValueError('server group %s already exists' % group_id)
    group = model.ServerGroup(group_id, name, project_id, user_id, policy,
                              rules)
    store.server_groups[group.id] = group
    return group


def delete(store, group):
    """Forget ``group``; its members stay, in no group."""
    del store.server_groups[group.id]
    for server_id in group.members:
        server = store.servers.get(server_id)
        if server is not None and server.group_id == group.id:
            server.group_id = None


# -- members ------------------------------------------------------------------

def members(store, group):
    """The ids of the group's servers, oldest first.

    A member whose delete is due settles first (it is gone then), so that
    a paced delete frees its place as soon as a read would show it gone.
    """
    for server_id in list(group.members):
        server = store.servers.get(server_id)
        if server is not None:
            store.settle(server, read=False)
    return list(group.members)


def group_of(store, server):
    if server.group_id is None:
        return None
    return store.server_groups.get(server.group_id)


def from_hint(store, ctx, hints, count=1):
    """The group a create's scheduler hints name (400 when unknown).

    403 when ``count`` more of the caller's servers would not fit.
    """
    group_id = (hints or {}).get('group')
    if not group_id:
        return None
    try:
        group = get(store, group_id, ctx)
    except exception.ServerGroupNotFound as exc:
        raise exception.BadRequest(exc.message)
    # server_group_members counts the user's servers in the group.
    quotas.check_members(store, ctx, group, count)
    return group


def add_member(store, group, server):
    server.group_id = group.id
    group.members.append(server.id)


# -- placement ----------------------------------------------------------------

def _others_per_host(store, group, server):
    """{host: members of ``group`` on it}, ``server`` itself left out."""
    counts = {}
    for member_id in members(store, group):
        member = store.servers.get(member_id)
        if member is not None and member.id != server.id and member.host:
            counts[member.host] = counts.get(member.host, 0) + 1
    return counts


def _acceptable(group, counts, hosts):
    """``hosts`` the policy accepts, best first (a stable order)."""
    if group.policy == ANTI_AFFINITY:
        limit = group.rules.get('max_server_per_host', 1)
        return [h for h in hosts if counts.get(h, 0) < limit]
    if group.policy == AFFINITY:
        return [h for h in hosts if not counts or h in counts]
    if group.policy == SOFT_AFFINITY:
        return sorted(hosts, key=lambda h: -counts.get(h, 0))
    return sorted(hosts, key=lambda h: counts.get(h, 0))


def _hint_filter(store, server):
    """The same_host / different_host hints as a test of a host, or None.

    Nova's SameHostFilter passes a host holding any of the servers the
    hint names; its DifferentHostFilter a host holding none of them.
    fakenova's scheduler runs both (Nova enables them in its filters).
    """
    hints = server.scheduler_hints or {}
    same = hints.get('same_host')
    different = hints.get('different_host')
    if not same and not different:
        return None

    def hosts_of(ids):
        if isinstance(ids, str):
            ids = [ids]
        out = set()
        for other in (store.servers.get(i) for i in ids or ()):
            # A named server still building is placed first (Nova has
            # chosen its host by then).
            if other is not None and other is not server and (
                    store.settle(other, read=False) and other.host):
                out.add(other.host)
        return out

    same_hosts = hosts_of(same) if same else None
    different_hosts = hosts_of(different)

    def accepts(host):
        if same_hosts is not None and host not in same_hosts:
            return False
        return host not in different_hosts
    return accepts


def pick_host(store, server, exclude=None, zone=None):
    """Where the scheduler puts ``server``: ``(host, refused)``.

    Outside a group and without same_host/different_host hints, the
    store's round robin. ``refused`` is true when hosts were available
    but the group's hard policy or the hints accepted none.
    """
    group = group_of(store, server)
    hinted = _hint_filter(store, server)
    if group is None and hinted is None:
        return store.pick_host(exclude=exclude, zone=zone), False
    hosts = store.candidate_hosts(exclude=exclude, zone=zone)
    if not hosts:
        return None, False
    if hinted is not None:
        hosts = [h for h in hosts if hinted(h)]
    accepted = hosts if group is None else _acceptable(
        group, _others_per_host(store, group, server), hosts)
    if not accepted:
        return None, True
    return accepted[0], False


def host_fits(store, server, host):
    """Do the group's policy and the server's hints accept ``host``?"""
    hinted = _hint_filter(store, server)
    if hinted is not None and not hinted(host):
        return False
    group = group_of(store, server)
    if group is None:
        return True
    return bool(_acceptable(group, _others_per_host(store, group, server),
                            [host]))


def no_valid_host(server, where='schedule_and_build_instances'):
    """Put ``server`` in ERROR as a NoValidHost from the scheduler does.

    ``where`` is the conductor method that asked (build or evacuation).
    """
    message = 'No valid host was found. %s' % NOT_ENOUGH_HOSTS
    server.fail({
        'code': 500, 'message': message,
        # Admins see where it was raised (Nova: the whole traceback).
        'details': 'Traceback (most recent call last):\n  File '
                   '"nova/conductor/manager.py", in %s\n'
                   'nova.exception.NoValidHost: %s\n' % (where, message)})
