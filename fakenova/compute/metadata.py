"""A server's metadata and tags (no HTTP).

Like :mod:`lifecycle`, these run with ``store.lock`` held and raise the
errors Nova's API answers with. Their lock and state preconditions are
rows of the lifecycle table, checked with
:func:`fakenova.compute.lifecycle.precondition`; none of them records an
instance action (Nova records none).
"""

from fakenova.compute import exception
from fakenova.compute import lifecycle
from fakenova.compute import quotas

# Nova's default metadata_items quota (a project's may differ: see
# :func:`fakenova.compute.quotas.check_metadata`).
METADATA_ITEMS = quotas.METADATA_ITEMS
# Nova's fixed per-server limit of tags.
MAX_TAGS = 50


# -- metadata ----------------------------------------------------------------

def get_metadata(server):
    return dict(server.metadata or {})


def get_item(server, key):
    metadata = server.metadata or {}
    if key not in metadata:
        raise exception.MetadataItemNotFound()
    return metadata[key]


def update_metadata(store, ctx, server, items, replace=False):
    """Merge ``items`` into the metadata (or replace it); the result.

    Lock, then vm_state and launched_at (any task_state), then the
    metadata_items quota on the resulting set, as Nova's compute API
    (the caller's project's and user's limit, as Nova checks it).
    """
    lifecycle.precondition(server, 'update_metadata', ctx)
    if replace:
        metadata = dict(items)
    else:
        metadata = get_metadata(server)
        metadata.update(items)
    quotas.check_metadata(store, ctx, metadata)
    server.metadata = metadata or None
    return dict(metadata)


def delete_item(ctx, server, key):
    # As Nova: a missing key is a 404 before the lock and state checks.
    get_item(server, key)
    lifecycle.precondition(server, 'delete_metadata', ctx)
    metadata = get_metadata(server)
    del metadata[key]
    server.metadata = metadata or None


# -- tags --------------------------------------------------------------------

def unique(tags):
    """``tags`` without repeats, first occurrence kept (a set in Nova).

    Nova keeps tags in a table; the order a list shows is the database's.
    fakenova keeps the order they were given in.
    """
    return list(dict.fromkeys(tags))


def get_tags(server):
    return list(server.tags or [])


def has_tag(server, tag):
    return tag in (server.tags or ())


def check_tag_change(ctx, server, name):
    """The vm_state check of a tag change (row ``name``); no lock check."""
    lifecycle.precondition(server, name, ctx)


def add_tag(server, tag):
    """Add ``tag``; False when the server already had it.

    quirk: Nova counts before it looks for the tag, so adding a tag the
    server already has is still refused at the limit.
    """
    tags = get_tags(server)
    if len(tags) >= MAX_TAGS:
        raise exception.TooManyTags(limit=MAX_TAGS)
    if tag in tags:
        return False
    tags.append(tag)
    server.tags = tags
    return True


def set_tags(server, tags):
    server.tags = unique(tags) or None
    return get_tags(server)


def delete_tag(server, tag):
    tags = get_tags(server)
    if tag not in tags:
        raise exception.TagNotFound(server_id=server.id, tag=tag)
    tags.remove(tag)
    server.tags = tags or None


def delete_tags(server):
    server.tags = None
