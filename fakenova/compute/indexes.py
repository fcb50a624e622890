"""The indexes of the paged lists other than the servers' (issue 14).

``store.keypairs``, ``store.images``, ``store.server_groups``,
``store.security_groups`` and ``store.flavors`` are dicts that also keep
each list's order, so that a page costs its length (plus a bisection), not a
walk and a sort of the whole collection, nor of other users' or other
projects' items:

- :class:`KeypairTable`: (user id, name) -> KeyPair, and per user the
  names in order (Nova lists a user's key pairs by name);
- :class:`ImageTable`: id -> Image, and the keys ``(created, id)`` in
  order, of all images and per *bucket* (who may see them: public ones,
  community ones, each project's; see :func:`buckets_of`). Nova's image
  proxy and Glance list newest first: created_at desc, then id desc;
- :class:`ProjectTable`: id -> a server group or security group, and
  per project its ids in creation order (their lists, quota counts and
  lookups are one project's, not a walk of every project's);
- :class:`SortedTable`: id -> Flavor, the ids kept sorted (the flavor
  list's default order, sort_key ``flavorid``).

(The migration records keep their own order: ``MigrationTable`` in
compute/store.py.)

Like the store's ServerTable, each is an :class:`IndexedDict`: every way
of writing the dict keeps the index (item assignment, del, pop, popitem,
setdefault, update, clear), so a writer cannot forget it (a reset makes
new tables with a new store). What is not a write of the dict but moves
an image between buckets (a PATCH of its owner or visibility) calls
:meth:`ImageTable.reindex`.
"""

import bisect
import heapq
import itertools
import operator

_ID = operator.itemgetter(1)


def _remove(keys, key):
    """Delete ``key`` from ascending ``keys`` (found by bisection)."""
    index = bisect.bisect_left(keys, key)
    if index < len(keys) and keys[index] == key:
        del keys[index]
        return
    raise ValueError(key)


_MISSING = object()


class IndexedDict(dict):
    """A dict that keeps an index of its items up to date.

    Every way of writing the dict (item assignment, del, pop, popitem,
    setdefault, update, clear) goes through :meth:`_index` and
    :meth:`_unindex`, so that no writer can forget the index. Reads are
    a dict's own.
    """

    __slots__ = ()

    def _index(self, key, item):
        """``item`` was added under ``key``."""
        raise NotImplementedError()

    def _unindex(self, key, item):
        """``item`` was removed from ``key``."""
        raise NotImplementedError()

    def _replace(self, key, old, item):
        """``item`` replaced ``old`` under ``key``."""
        self._unindex(key, old)
        self._index(key, item)

    def _clear_index(self):
        """Every item was removed."""
        raise NotImplementedError()

    def __setitem__(self, key, item):
        old = dict.get(self, key, _MISSING)
        dict.__setitem__(self, key, item)
        if old is _MISSING:
            self._index(key, item)
        else:
            self._replace(key, old, item)

    def __delitem__(self, key):
        item = dict.pop(self, key)
        self._unindex(key, item)

    def pop(self, key, *default):
        item = dict.pop(self, key, _MISSING)
        if item is _MISSING:
            if default:
                return default[0]
            raise KeyError(key)
        self._unindex(key, item)
        return item

    def popitem(self):
        key, item = dict.popitem(self)
        self._unindex(key, item)
        return key, item

    def setdefault(self, key, item=None):
        if not dict.__contains__(self, key):
            self[key] = item
        return dict.__getitem__(self, key)

    def update(self, *args, **kwargs):
        for key, item in dict(*args, **kwargs).items():
            self[key] = item

    def clear(self):
        dict.clear(self)
        self._clear_index()


class KeypairTable(IndexedDict):
    """``store.keypairs``: (user id, name) -> KeyPair, with ``names``, each
    user's key pair names in ascending order (Nova's list order).
    """

    __slots__ = ('names',)

    def __init__(self):
        super().__init__()
        self.names = {}

    def _index(self, key, keypair):
        bisect.insort(self.names.setdefault(key[0], []), key[1])

    def _unindex(self, key, keypair):
        names = self.names[key[0]]
        _remove(names, key[1])
        if not names:
            del self.names[key[0]]

    def _replace(self, key, old, keypair):
        pass  # the same name: its place does not change

    def _clear_index(self):
        self.names.clear()

    def count(self, user_id):
        """How many key pairs ``user_id`` has (no walk)."""
        return len(self.names.get(user_id, ()))

    def page(self, user_id, limit=None, after=None):
        """At most ``limit`` (None: all) of a user's key pairs by name,
        those whose name follows ``after`` (None: from the first).
        """
        names = self.names.get(user_id, ())
        start = 0 if after is None else bisect.bisect_right(names, after)
        stop = len(names) if limit is None else start + max(limit, 0)
        return [self[(user_id, name)] for name in names[start:stop]]


# The buckets of :class:`ImageTable`: None holds the public images, a
# project id that project's (private or shared; '' the images only admins
# see), COMMUNITY every community image and (COMMUNITY, owner) those of
# one owner (Glance lists a project's own community images by default,
# not the others').
PUBLIC = None
COMMUNITY = ('community',)


def buckets_of(image):
    """The buckets ``image`` is indexed in (see :data:`COMMUNITY`)."""
    if image.project_id is not None:
        return (image.project_id,)
    record = image.glance
    if record is not None and record.visibility == 'community':
        return (COMMUNITY, (COMMUNITY, record.owner))
    return (PUBLIC,)


def visible_buckets(ctx):
    """The buckets of the images ``ctx`` may see (None: all of them), as
    :func:`fakenova.common.visibility.visible` decides.
    """
    if ctx is None or ctx.is_admin:
        return None
    if ctx.project_id is None:
        return [PUBLIC, COMMUNITY]
    return [PUBLIC, COMMUNITY, ctx.project_id]


def listed_buckets(ctx):
    """The buckets of Glance's list without a visibility filter for
    ``ctx`` (None: all): the public images, the project's own and its
    own community images (other owners' community images are not
    listed by default).
    """
    if ctx is None or ctx.is_admin:
        return None
    buckets = [PUBLIC, (COMMUNITY, ctx.project_id)]
    if ctx.project_id is not None:
        buckets.append(ctx.project_id)
    return buckets


class ImageTable(IndexedDict):
    """``store.images``: id -> Image, with the keys ``(created, id)`` of
    all images ascending (``order``) and per bucket (``buckets``).

    ``_at`` keeps, per image, the buckets and key it was indexed under:
    a later change of its ``created``, owner or visibility cannot make
    its removal miss (and :meth:`reindex` moves it).
    """

    __slots__ = ('order', 'buckets', '_at', '_shared')

    def __init__(self):
        super().__init__()
        self.order = []
        self.buckets = {}
        self._at = {}
        # One tuple of buckets per combination (not one per image).
        self._shared = {}

    def _index(self, image_id, image):
        key = (image.created, image_id)
        buckets = buckets_of(image)
        buckets = self._shared.setdefault(buckets, buckets)
        bisect.insort(self.order, key)
        for bucket in buckets:
            bisect.insort(self.buckets.setdefault(bucket, []), key)
        self._at[image_id] = (buckets, key)

    def _unindex(self, image_id, image=None):
        buckets, key = self._at.pop(image_id)
        _remove(self.order, key)
        for bucket in buckets:
            keys = self.buckets[bucket]
            _remove(keys, key)
            if not keys:
                del self.buckets[bucket]

    def _clear_index(self):
        self.order.clear()
        self.buckets.clear()
        self._at.clear()
        self._shared.clear()

    def reindex(self, image):
        """Index ``image`` again after a change of its owner, visibility
        or ``created`` (nothing if it is not in the table).
        """
        at = self._at.get(image.id)
        if at is not None and dict.get(self, image.id) is image and at != (
                buckets_of(image), (image.created, image.id)):
            self._unindex(image.id)
            self._index(image.id, image)

    def key_of(self, image_id):
        """The key ``(created, id)`` the image is listed at (KeyError)."""
        return self._at[image_id][1]

    def walk(self, buckets=None, after=None):
        """An iterator of the images of ``buckets`` (None: all) newest
        first (created desc, then id desc), those after the key
        ``after`` (None: from the newest).

        The lists are bisected at ``after`` and merged lazily: what the
        caller does not take is not looked at. Do not write the table
        while walking.
        """
        if buckets is None:
            lists = [self.order]
        else:
            lists = [self.buckets[b] for b in buckets if b in self.buckets]
        walks = []
        for keys in lists:
            stop = (len(keys) if after is None
                    else bisect.bisect_left(keys, after))
            if stop:
                walks.append(map(keys.__getitem__, range(stop - 1, -1, -1)))
        if not walks:
            return iter(())
        if len(walks) == 1:
            seq = walks[0]
        else:
            seq = heapq.merge(*walks, reverse=True)
        return map(self.__getitem__, map(_ID, seq))


class ProjectTable(IndexedDict):
    """id -> a resource with a ``project_id`` that does not change (a
    server group, a security group), with ``by_project``: each project's
    ids in the order they were added (Nova's lists are in creation
    order), so that a project's list is not a walk of every project's.
    """

    __slots__ = ('by_project',)

    def __init__(self):
        super().__init__()
        self.by_project = {}

    def _index(self, key, item):
        self.by_project.setdefault(item.project_id, {})[key] = None

    def _unindex(self, key, item):
        ids = self.by_project.get(item.project_id)
        if ids is not None and ids.pop(key, 0) is None and not ids:
            del self.by_project[item.project_id]

    def _replace(self, key, old, item):
        # In the same project it keeps its place (creation order).
        if old.project_id != item.project_id:
            self._unindex(key, old)
            self._index(key, item)

    def _clear_index(self):
        self.by_project.clear()

    def in_project(self, project_id):
        """The items of ``project_id``, in the order they were added."""
        return [dict.__getitem__(self, key)
                for key in self.by_project.get(project_id, ())]


class SortedTable(IndexedDict):
    """A dict that also keeps its keys ascending (``keys_sorted``): the
    flavors, listed by flavor id (Nova's default sort_key ``flavorid``).
    """

    __slots__ = ('keys_sorted',)

    def __init__(self):
        super().__init__()
        self.keys_sorted = []

    def _index(self, key, item):
        bisect.insort(self.keys_sorted, key)

    def _unindex(self, key, item):
        _remove(self.keys_sorted, key)

    def _replace(self, key, old, item):
        pass  # the same key: its place does not change

    def _clear_index(self):
        self.keys_sorted.clear()

    def walk(self, after=None, descending=False):
        """An iterator of the items in key order (``descending``: from
        the last), those after the key ``after`` (None: from the first).
        """
        keys = self.keys_sorted
        if descending:
            stop = (len(keys) if after is None
                    else bisect.bisect_left(keys, after))
            seq = range(stop - 1, -1, -1)
        else:
            start = 0 if after is None else bisect.bisect_right(keys, after)
            seq = range(start, len(keys))
        return map(dict.__getitem__, itertools.repeat(self),
                   map(keys.__getitem__, seq))
