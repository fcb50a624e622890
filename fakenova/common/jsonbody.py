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

import io
import json

import webob
import webob.exc
import webob.request

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
    return read_environ(request.environ)


def read_environ(environ):
    """The raw body of the request of ``environ``, as WebOb reads it.

    A small body with a plain Content-Length is read here, without a
    WebOb request (the common case, on every app's per-request path);
    WebOb reads the rest.
    """
    body = read_small(environ)
    if body is not None:
        return body
    try:
        return webob.Request(environ).body
    except webob.exc.HTTPRequestEntityTooLarge:
        # oslo.middleware's LimitingReader, for bodies sent chunked.
        raise TooLarge()


# WebOb keeps bodies up to this size in memory.
BODY_IN_MEMORY = webob.Request.request_body_tempfile_limit


def read_small(environ):
    """The body as WebOb's ``Request.body`` reads it, or None.

    Only for the common case -- a Content-Length of at most WebOb's
    in-memory limit -- and with WebOb's effects on the environ: the
    input becomes a rewound, seekable copy of the body. Anything else
    (no length, chunked, a large body) is None: WebOb reads it.
    """
    length = environ.get('CONTENT_LENGTH')
    if not length or not (length.isascii() and length.isdigit()):
        return None
    size = int(length)
    if size == 0:
        return b''
    if size > BODY_IN_MEMORY:
        return None
    stream = environ['wsgi.input']
    if environ.get('webob.is_body_seekable'):
        stream.seek(0)
        data = stream.read(size)
        stream.seek(0)
        return data
    data = stream.read(size)
    if len(data) < size:
        raise webob.request.DisconnectionError(
            'The client disconnected while sending the body '
            '(%d more bytes were expected)' % (size - len(data)))
    environ['CONTENT_LENGTH'] = str(size)
    environ['wsgi.input'] = io.BytesIO(data)
    environ['webob.is_body_seekable'] = True
    return data


# json.loads(text) without keyword arguments is this decoder's decode.
_decode = json.JSONDecoder().decode
# json.dumps's output (same separators, ASCII), without its check for
# circular references: every document is a tree the views just built
# (the check costs a tenth of encoding a server).
_encode = json.JSONEncoder(check_circular=False).encode


def dumps(document):
    """``document`` as a JSON response body (bytes), as json.dumps."""
    return _encode(document).encode()


def loads(raw):
    """The JSON document in ``raw`` (bytes or text); :class:`Malformed`."""
    if not raw:
        raise Malformed('The request body is empty.')
    try:
        if isinstance(raw, bytes):
            # Each level needs an opening bracket: a body with few of
            # them (nearly all) cannot be too deep (counted in C).
            shallow = raw.count(b'[') + raw.count(b'{') <= MAX_DEPTH
            # As oslo.serialization's jsonutils: UTF-8, strictly; a byte
            # order mark or UTF-16 is not JSON here (json.loads alone
            # would guess the encoding of bytes).
            raw = raw.decode('utf-8')
        else:
            shallow = raw.count('[') + raw.count('{') <= MAX_DEPTH
        if raw.startswith('\ufeff'):
            raise Malformed('Unexpected UTF-8 BOM (decode using '
                            'utf-8-sig)')
        document = _decode(raw)
    except RecursionError:
        raise Malformed('The JSON document is nested too deeply.')
    except ValueError as exc:  # includes UnicodeDecodeError
        raise Malformed(str(exc))
    if not shallow:
        check_depth(document)
    return document


def check_depth(document):
    """Raise :class:`Malformed` when ``document`` nests over MAX_DEPTH."""
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
