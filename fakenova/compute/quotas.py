"""Quotas: Nova's default limits and what a project uses (no HTTP).

fakenova has no per-project or per-user limits yet: every project has
Nova's defaults (its ``[quota]`` options, unset). The modules that
enforce a limit (:mod:`fakenova.compute.metadata`,
:mod:`fakenova.compute.server_groups`) read it from here; instances,
cores and ram are counted (:func:`usage`) but not enforced.

What Nova's quota driver (the database one, its default) counts, and so
what :func:`usage` counts:

- ``instances``, ``cores`` and ``ram``: the project's servers that are
  neither deleted nor soft-deleted (shelved-offloaded and failed ones
  count), each with its flavor's vcpus and ram; a server resized and
  waiting for its confirmation counts with its new flavor;
- ``server_groups``: the project's groups;
- with a user, the same restricted to what that user created;
- ``key_pairs`` and ``server_group_members`` are counted per user at
  create time only: Nova's usage report shows them as 0, as it does
  every limit that counts nothing (metadata items, injected files and
  the nova-network ones).
"""

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


def defaults():
    """{resource: limit}: Nova's defaults."""
    return dict(DEFAULTS)


def _counts(server, user_id):
    """Does a settled server of the project count (against ``user_id``)?"""
    return ((user_id is None or server.user_id == user_id)
            and not server.deleted and server.vm_state != st.SOFT_DELETED)


def usage(store, project_id, user_id=None):
    """{resource: in use} of every resource, as Nova's detail shows it.

    Call with ``store.lock`` held. A server whose transition is due
    settles first (a finished delete no longer counts); counting is not a
    read of the servers, so ``polls`` pacing counts nothing.
    """
    used = dict.fromkeys(DEFAULTS, 0)
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
    used['server_groups'] = sum(
        1 for group in store.server_groups.values()
        if group.project_id == project_id
        and (user_id is None or group.user_id == user_id))
    return used
