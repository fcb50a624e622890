"""Internal objects -> Nova JSON, per microversion."""

import collections
import functools
import time
import urllib.parse

from fakenova.common import times
from fakenova.compute.api import validation
from fakenova.compute import exception

# Nova's [api] max_limit: the longest page any list answers.
MAX_LIMIT = 1000


# The two time formats are pure functions of the timestamp; a server
# shows the same few times on every read, so they are memoized.
@functools.lru_cache(maxsize=4096)
def isotime(ts):
    """2013-09-03T04:01:32Z"""
    if ts is None:
        return None
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(ts))


@functools.lru_cache(maxsize=4096)
def usage_time(ts):
    """2013-09-23T13:37:00.880302 (no zone, with microseconds)."""
    if ts is None:
        return None
    seconds, fraction = divmod(times.micros(ts), 1000000)
    return '%s.%06d' % (time.strftime('%Y-%m-%dT%H:%M:%S',
                                      time.gmtime(seconds)), fraction)


def links(req, collection, item_id):
    return [
        {'rel': 'self',
         'href': '%s/%s/%s' % (req.api_url, collection, item_id)},
        {'rel': 'bookmark',
         'href': '%s/%s/%s' % (req.bookmark_url, collection, item_id)},
    ]


def after_marker(req, items, id_of, missing=None):
    """``items`` after the request's ``marker`` (all without one).

    A marker that is not there is Nova's 400 (``missing``, or ``marker
    [...] not found``).
    """
    marker = req.params.get('marker')
    if marker is None:
        return items
    ids = [id_of(item) for item in items]
    if marker not in ids:
        raise exception.BadRequest(
            missing or 'marker [%s] not found' % marker)
    return items[ids.index(marker) + 1:]


def limit_of(req):
    """The request's ``limit`` (400 if not a number), at most MAX_LIMIT."""
    if 'limit' not in req.params:
        return MAX_LIMIT
    return min(validation.int_query_param(req.params, 'limit'), MAX_LIMIT)


def next_links(req, path, page, marker):
    """Nova's ``*_links`` of a list: a next link when the page is full.

    Full means as long as ``limit`` (at most :data:`MAX_LIMIT`) allows.
    The link repeats the request's parameters, sorted, with ``marker``
    (the last item's id) in place of any marker given. None otherwise.
    """
    limit = min(int(req.params.get('limit', MAX_LIMIT)), MAX_LIMIT)
    if not page or len(page) != limit:
        return None
    query = collections.OrderedDict(sorted(req.params.items()))
    query['marker'] = marker
    return [{'rel': 'next', 'href': '%s/%s?%s' % (
        req.api_url, path, urllib.parse.urlencode(query))}]
