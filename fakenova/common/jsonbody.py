"""One reader for JSON request bodies, shared by every app of the cloud.

Compute, identity and the control API all read their bodies here, so the
same limits hold everywhere:

* the size limit is the body-size filter's (``max_request_body_size``);
  a body sent without a length and read past it is :class:`TooLarge`;
* a document nested deeper than :data:`MAX_DEPTH` is refused before it
  can reach code that walks it recursively (jsonschema, the views, the
  call log); Python's own parser gives up at about a thousand levels
  with a RecursionError, which is caught here too;
* bytes that are not JSON in UTF-8 (a byte order mark, UTF-16) are
  :class:`Malformed`.

Each service turns these two errors into its own envelope.
"""

import json

import webob.exc

# No OpenStack API body comes near this (server create with block device
# mappings and scheduler hints is about 5 levels deep; keystone's auth
# body 6). It keeps every recursive walk of a body far from Python's
# recursion limit, also in a worker thread.
MAX_DEPTH = 32


class Malformed(ValueError):
    """The body is not a JSON document within the limits."""


class TooLarge(Exception):
    """The body is larger than the body-size limit."""


def read(request):
    """The raw body of a WebOb request (b'' when there is none)."""
    try:
        return request.body
    except webob.exc.HTTPRequestEntityTooLarge:
        # oslo.middleware's LimitingReader, for bodies sent chunked.
        raise TooLarge()


def loads(raw):
    """The JSON document in ``raw`` (bytes or text); :class:`Malformed`."""
    if not raw:
        raise Malformed('The request body is empty.')
    try:
        if isinstance(raw, bytes):
            # As oslo.serialization's jsonutils: UTF-8, strictly; a byte
            # order mark or UTF-16 is not JSON here (json.loads alone
            # would guess the encoding of bytes).
            raw = raw.decode('utf-8')
        document = json.loads(raw)
    except RecursionError:
        raise Malformed('The JSON document is nested too deeply.')
    except ValueError as exc:  # includes UnicodeDecodeError
        raise Malformed(str(exc))
    check_depth(document, raw)
    return document


def check_depth(document, raw=None):
    """Raise :class:`Malformed` when ``document`` nests over MAX_DEPTH."""
    if raw is not None:
        # Each level needs an opening bracket: a body with few of them
        # (nearly all) cannot be too deep, and counting is done in C.
        if isinstance(raw, str):
            raw = raw.encode('utf-8', 'surrogatepass')
        if raw.count(b'[') + raw.count(b'{') <= MAX_DEPTH:
            return
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > MAX_DEPTH:
            raise Malformed('The JSON document is nested deeper than %d '
                            'levels.' % MAX_DEPTH)
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, (dict, list)))
