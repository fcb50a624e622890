"""The whole state of a standalone cloud as plain data, for comparisons.

``dump(cloud)`` is what a refused request must leave unchanged: every
resource of the compute store (servers with all their fields, images,
volumes, floating IPs, groups, key pairs, migrations, instance actions,
passwords, hosts, faults, pacing), identity's users, projects and tokens,
and the policy overrides. Left out: the call log (it records refused
calls by design), the id and round-robin counters and the indexes that
reads tidy.
"""

import collections

_SKIPPED = frozenset(['lock', '_host_cycle', '_ip_counter', '_fip_counter',
                      '_migration_ids', 'keypair_ids', '_lock',
                      # Indexes a read may tidy (what they index is
                      # compared, and every read checks what they say).
                      '_on_host', '_on_host_kept', 'default_groups'])


def plain(value, seen=None):
    """``value`` as nested dicts, lists and scalars (objects by slots)."""
    if isinstance(value, (str, bytes, int, float, bool, type(None))):
        return value
    seen = seen if seen is not None else set()
    if id(value) in seen:
        return '<cycle>'
    seen = seen | {id(value)}
    if isinstance(value, dict):
        return sorted((repr(k), plain(v, seen)) for k, v in value.items())
    if isinstance(value, (list, tuple, collections.deque)):
        return [plain(v, seen) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(plain(v, seen)) for v in value)
    names = []
    for cls in type(value).__mro__:
        names.extend(getattr(cls, '__slots__', ()))
    names.extend(getattr(value, '__dict__', {}))
    return [type(value).__name__] + [
        (name, plain(getattr(value, name, None), seen))
        for name in sorted(set(names)) if name not in _SKIPPED
        and not callable(getattr(value, name, None))]


def dump(cloud):
    """The cloud's state (see the module docstring), settled first."""
    store = cloud.store
    with store.lock:
        # Reads settle due transitions (instant pacing); do it now, so
        # that only what a request itself changes shows.
        for server in list(store.servers.values()):
            store.settle(server, read=False)
        compute = plain({name: value for name, value in vars(store).items()
                         if name not in _SKIPPED})
    with cloud.identity.lock:
        identity = plain({'domains': cloud.identity.domains,
                          'users': cloud.identity.users,
                          'projects': cloud.identity.projects,
                          'roles': cloud.identity.roles,
                          'tokens': sorted(cloud.identity.tokens)})
    policy = plain({'overrides': cloud.authorizer._overrides,
                    'file': cloud.authorizer._file_rules})
    return {'compute': compute, 'identity': identity, 'policy': policy,
            'seed': plain(cloud.seed)}
