"""Serving a WSGI app to in-process HTTP clients (the fixture's mounts).

Two pieces, both used by :mod:`fakenova.fixture`:

* :func:`environ` and :func:`call`: a request (method, URL, headers,
  body) as the WSGI environ ``webob.Request.blank`` builds for it, and
  an app's answer as ``(status code, reason, header list, body)`` --
  built without WebOb's request and response objects. The requests-mock
  mode and the requests transport below share them.
* A requests transport: :func:`install` patches
  ``requests.adapters.HTTPAdapter.send`` (once per process, reference
  counted) so that a request to a host added with :func:`add` is
  answered by that host's app in-process, as a ``requests.Response``
  built the way ``HTTPAdapter`` builds one (``build_response`` over a
  urllib3 ``HTTPResponse``); every other request goes to the original
  ``send``. Every ``requests.Session`` uses ``HTTPAdapter`` (or a
  subclass: keystoneauth1's ``TCPKeepAliveAdapter``), so keystoneauth1,
  openstacksdk, novaclient and openstackclient callers are served
  without urllib3's and http.client's socket emulation (wsgi-intercept),
  which costs more than the app itself.

Request bodies may be None, bytes, str, a file-like object or an
iterable of chunks; the app gets the whole body with its length, as
waitress (the server of ``fakenova-api``) hands a chunked body to its
app. Timeouts, proxies, ``verify`` and ``cert`` are accepted and
ignored: no connection is made.
"""

import io
import sys
import threading

_names = {}  # header name as sent -> environ key


def _wsgi_name(header):
    """The environ key of a request header, as WebOb's ``headers`` sets it."""
    upper = (header.decode('latin-1') if isinstance(header, bytes)
             else header).upper()
    if upper in ('CONTENT-TYPE', 'CONTENT-LENGTH'):
        name = upper.replace('-', '_')
    else:
        name = 'HTTP_' + upper.replace('-', '_')
    if len(_names) < 1024:
        _names[header] = name
    return name


# The part of the environ that depends only on the scheme and the
# netloc, as webob.request.environ_from_url sets it.
_bases = {}


def _base(scheme, netloc):
    key = (scheme, netloc)
    base = _bases.get(key)
    if base is None:
        if ':' not in netloc:
            if scheme == 'http':
                netloc += ':80'
            elif scheme == 'https':
                netloc += ':443'
            else:
                raise TypeError('Unknown scheme: %r' % scheme)
        name, port = netloc.split(':')[:2]
        base = {'REQUEST_METHOD': 'GET', 'SCRIPT_NAME': '',
                'SERVER_NAME': name, 'SERVER_PORT': port,
                'HTTP_HOST': netloc, 'SERVER_PROTOCOL': 'HTTP/1.0',
                'wsgi.version': (1, 0), 'wsgi.url_scheme': scheme,
                'wsgi.multithread': False, 'wsgi.multiprocess': False,
                'wsgi.run_once': False}
        if len(_bases) < 256:
            _bases[key] = base
    return base


def read_body(body):
    """A request body (None, bytes, str, file-like, iterable) as bytes.

    None stays None. A str is sent UTF-8 encoded, as urllib3 sends it.
    """
    if body is None or type(body) is bytes:
        return body
    if isinstance(body, str):
        return body.encode('utf-8')
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    read = getattr(body, 'read', None)
    if read is not None:
        chunks = iter(lambda: read(65536), b'')
        first = read(65536)
        if isinstance(first, str):  # a file opened in text mode
            text = first + ''.join(iter(lambda: read(65536), ''))
            return text.encode('utf-8')
        return first + b''.join(chunks)
    return b''.join(chunk.encode('utf-8') if isinstance(chunk, str)
                    else bytes(chunk) for chunk in body)


def environ(method, url, headers, body=None):
    """The WSGI environ of a request, as ``webob.Request.blank`` builds it.

    ``url`` is absolute (``http://host[:port]/path?query``; a fragment
    is dropped, as clients do not send it), ``headers`` a mapping or
    (name, value) pairs, ``body`` bytes or None (see :func:`read_body`).
    A body announced chunked gets a Content-Length and loses its
    Transfer-Encoding, as waitress presents it.
    """
    scheme, sep, rest = url.partition('://')
    if not sep:
        raise ValueError('not an absolute URL: %r' % (url,))
    hash_at = rest.find('#')
    if hash_at >= 0:
        rest = rest[:hash_at]
    slash = rest.find('/')
    query = rest.find('?')
    if query >= 0 and (slash < 0 or query < slash):
        slash = query
    if slash < 0:
        netloc, target = rest, ''
    else:
        netloc, target = rest[:slash], rest[slash:]
    if '@' in netloc:
        netloc = netloc.rpartition('@')[2]
    env = _base(scheme.lower(), netloc).copy()
    path, _q, query_string = target.partition('?')
    if '%' in path or not path.isascii():
        from webob.compat import url_unquote
        path = url_unquote(path)
    env['PATH_INFO'] = path
    env['QUERY_STRING'] = query_string
    env['REQUEST_METHOD'] = method
    env['wsgi.errors'] = sys.stderr
    names = _names
    store = getattr(headers, '_store', None)
    if isinstance(store, dict):
        # requests' CaseInsensitiveDict: {lower name: (name, value)}
        pairs = store.values()
    elif hasattr(headers, 'items'):
        pairs = headers.items()
    else:
        pairs = headers
    for name, value in pairs:
        key = names.get(name)
        if key is None:
            key = _wsgi_name(name)
        if type(value) is not str:
            value = value.decode('latin-1') if isinstance(
                value, bytes) else str(value)
        env[key] = value
    if body is None:
        env['wsgi.input'] = io.BytesIO()
    else:
        env.pop('HTTP_TRANSFER_ENCODING', None)
        env['CONTENT_LENGTH'] = str(len(body))
        env['wsgi.input'] = io.BytesIO(body)
        env['webob.is_body_seekable'] = True
    return env


def call(app, env):
    """Run ``app``: ``(status code, reason, [(name, value)...], body)``."""
    captured = []
    output = []

    def start_response(status, headers, exc_info=None):
        captured[:] = (status, headers)
        return output.append

    app_iter = app(env, start_response)
    try:
        if type(app_iter) is list and not output:
            body = b''.join(app_iter)
        else:
            output.extend(app_iter)
            body = b''.join(output)
    finally:
        close = getattr(app_iter, 'close', None)
        if close is not None:
            close()
    status, headers = captured
    code, space, reason = status.partition(' ')
    if not space or len(code) != 3:
        import webob
        code, _s, reason = webob.Response(status=status).status.partition(
            ' ')
    return int(code), reason, headers, body


# -- the requests transport ---------------------------------------------------

_lock = threading.Lock()
_users = 0
_original_send = None
_apps = {}  # 'scheme://host:port' -> a callable returning the WSGI app
_DEFAULT_PORTS = {'http': '80', 'https': '443'}


def key(scheme, host, port):
    """The registry key of an origin (:func:`url_key` of its URLs)."""
    return '%s://%s:%s' % (scheme.lower(), host.lower(), port)


def url_key(url):
    """``scheme://host:port`` of an absolute http(s) URL, or None."""
    if isinstance(url, bytes):
        url = url.decode('utf-8')
    scheme, sep, rest = url.partition('://')
    if not sep:
        return None
    end = len(rest)
    for stop in '/?#':
        at = rest.find(stop, 0, end)
        if at >= 0:
            end = at
    netloc = rest[:end].rpartition('@')[2].lower()
    scheme = scheme.lower()
    if ':' not in netloc or netloc.endswith(']'):
        port = _DEFAULT_PORTS.get(scheme)
        if port is None:
            return None
        netloc = netloc + ':' + port
    return scheme + '://' + netloc


def add(host, port, app_getter, scheme='http'):
    """Serve ``scheme://host:port`` with ``app_getter()`` (once installed)."""
    _apps[key(scheme, host, port)] = app_getter


def remove(host, port, scheme='http'):
    _apps.pop(key(scheme, host, port), None)


def install():
    """Patch ``HTTPAdapter.send`` (the first of nested calls does)."""
    global _users, _original_send
    from requests import adapters
    with _lock:
        if _users == 0:
            _original_send = adapters.HTTPAdapter.send
            adapters.HTTPAdapter.send = _send
        _users += 1


def uninstall():
    """Undo :func:`install` (the last of nested calls restores ``send``)."""
    global _users, _original_send
    from requests import adapters
    with _lock:
        if _users <= 0:
            return
        _users -= 1
        if _users == 0:
            adapters.HTTPAdapter.send = _original_send
            _original_send = None


def installed():
    return _users > 0


def _send(self, request, stream=False, timeout=None, verify=True,
          cert=None, proxies=None):
    """``HTTPAdapter.send``, answering a mounted host's requests itself."""
    getter = _apps.get(url_key(request.url)) if _apps else None
    if getter is None:
        return _original_send(self, request, stream=stream, timeout=timeout,
                              verify=verify, cert=cert, proxies=proxies)
    self.add_headers(request, stream=stream, timeout=timeout, verify=verify,
                     cert=cert, proxies=proxies)
    return respond(self, request, getter(), stream)


class _Body(io.BytesIO):
    """A response body read as a socket's: b'' (no error) once closed."""

    def read(self, *args):
        if self.closed:
            return b''
        data = io.BytesIO.read(self, *args)
        if not data and (not args or args[0] is None or args[0] > 0):
            self.close()
        return data


class _Original(object):
    """What cookie extraction reads of http.client's response: ``msg``."""

    def __init__(self, headers):
        import http.client
        self.msg = http.client.HTTPMessage()
        for name, value in headers:
            self.msg[name] = value

    def close(self):
        pass

    def isclosed(self):
        return True


# The body of a response whose content requests already holds: read
# to its end, as a socket's after requests read it.
_READ = _Body()
_READ.close()


def respond(adapter, request, app, stream=True):
    """The ``requests.Response`` of ``app`` to a prepared request.

    Built as ``HTTPAdapter.build_response`` builds it, over a urllib3
    ``HTTPResponse`` (``raw``) not yet read. Unless ``stream``, the
    content is given to the response at once (what ``Session.send``
    reads next) and ``raw`` is left read to its end, as it is then.
    """
    from urllib3 import response as urllib3_response
    method = request.method
    url = request.url
    if isinstance(url, bytes):
        url = url.decode('utf-8')
    env = environ(method, url, request.headers, read_body(request.body))
    code, reason, headers, body = call(app, env)
    if method == 'HEAD' or code in (204, 304) or 100 <= code < 200:
        body = b''
    original = None
    preload = not stream
    for name, _value in headers:
        lower = name.lower()
        if lower == 'set-cookie':
            original = _Original(headers)
        elif lower == 'content-encoding':
            preload = False  # requests decodes it as it reads raw
    raw = urllib3_response.HTTPResponse(
        body=_READ if preload else _Body(body), headers=headers,
        status=code, version=11, version_string='HTTP/1.1', reason=reason,
        preload_content=False, decode_content=False,
        original_response=original, enforce_content_length=False,
        request_method=method, request_url=url)
    response = adapter.build_response(request, raw)
    if preload:
        response._content = body
        response._content_consumed = True
    return response


_build_adapter = None


def respond_mocked(request, app):
    """:func:`respond` for a requests-mock matcher's request.

    ``request`` is requests-mock's proxy of the prepared request; the
    response is built as ``HTTPAdapter`` builds it (requests-mock's
    adapter then sets itself as its ``connection``).
    """
    global _build_adapter
    if _build_adapter is None:
        from requests import adapters
        _build_adapter = adapters.HTTPAdapter()
    return respond(_build_adapter, getattr(request, '_request', request),
                   app, getattr(request, '_stream', True))
