"""What the image service knows of an image beyond the compute model.

An image that went through the image service (created, updated or given
data there) carries a :class:`Record` in ``Image.glance``; the others
(seeded images, snapshots) have None and show Glance's defaults. The
compute model stays the one place an image lives: Nova's image proxy and
server create read the same object.

Visibility is kept where every lookup already reads it: an image's
``project_id`` is None when anyone may see it (``public`` and
``community``), else its owner (``private`` and ``shared``: this fake has
no image members, so a shared image is its owner's alone). An image that
no project owns and only admins may see has ``''``.
"""

# The uploaded bytes the cloud keeps, over all of its images: an upload
# past it is refused as a full store is (413), and the image stays queued.
MAX_STORED_BYTES = 64 * 1024 * 1024

# Glance's defaults for an image it has no record of.
DEFAULT_DISK_FORMAT = 'qcow2'
DEFAULT_CONTAINER_FORMAT = 'bare'
HASH_ALGO = 'sha512'


class Record:
    """Glance's attributes of one image (see the module docstring)."""

    __slots__ = ('owner', 'visibility', 'disk_format', 'container_format',
                 'protected', 'os_hidden', 'tags', 'checksum',
                 'os_hash_value', 'data')

    def __init__(self, owner, visibility, disk_format=None,
                 container_format=None, protected=False, os_hidden=False,
                 tags=None):
        self.owner = owner
        self.visibility = visibility
        self.disk_format = disk_format
        self.container_format = container_format
        self.protected = protected
        self.os_hidden = os_hidden
        self.tags = list(tags or ())
        self.checksum = None
        self.os_hash_value = None
        self.data = None  # bytes once uploaded

    @property
    def os_hash_algo(self):
        return HASH_ALGO if self.os_hash_value else None


def record_of(image):
    """``image``'s record, or a detached one with Glance's defaults."""
    if image.glance is not None:
        return image.glance
    return Record(image.project_id or None,
                  'public' if image.project_id is None else 'private',
                  DEFAULT_DISK_FORMAT, DEFAULT_CONTAINER_FORMAT)


def owner_of(image):
    return image.glance.owner if image.glance is not None else (
        image.project_id or None)


def project_for(owner, visibility):
    """The ``project_id`` an image of ``owner`` with ``visibility`` has."""
    if visibility in ('public', 'community'):
        return None
    return owner if owner is not None else ''


def may_modify(ctx, image):
    """May ``ctx`` change or delete ``image`` (its owner or an admin)?"""
    if ctx is None or ctx.is_admin:
        return True
    return ctx.project_id is not None and owner_of(image) == ctx.project_id


def stored_bytes(store):
    """The uploaded bytes ``store``'s images hold, in all."""
    return sum(len(image.glance.data) for image in store.images.values()
               if image.glance is not None and image.glance.data is not None)
