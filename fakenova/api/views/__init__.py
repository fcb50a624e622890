"""Internal objects -> Nova JSON, per microversion."""

import time


def isotime(ts):
    """2013-09-03T04:01:32Z"""
    if ts is None:
        return None
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(ts))


def usage_time(ts):
    """2013-09-23T13:37:00.880302 (no zone, with microseconds)."""
    if ts is None:
        return None
    return '%s.%06d' % (time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(ts)),
                        int(round((ts % 1) * 1e6)) % 1000000)


def links(req, collection, item_id):
    return [
        {'rel': 'self',
         'href': '%s/%s/%s' % (req.api_url, collection, item_id)},
        {'rel': 'bookmark',
         'href': '%s/%s/%s' % (req.bookmark_url, collection, item_id)},
    ]
