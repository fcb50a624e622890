"""Requests, responses, Nova's error envelope and the paste factories.

Every error the API answers is built by :func:`error_response`, the one
place that maps codes to Nova's fault names.
"""

import json
import logging

import webob
import webob.exc

from fakenova.common import jsonbody
from fakenova.common import wsgi as common_wsgi
from fakenova.compute.api import microversion

LOG = logging.getLogger(__name__)

FAULT_NAMES = {
    400: 'badRequest', 401: 'unauthorized', 403: 'forbidden',
    404: 'itemNotFound', 405: 'badMethod', 409: 'conflictingRequest',
    413: 'overLimit', 415: 'badMediaType', 429: 'overLimit',
    501: 'notImplemented', 503: 'serviceUnavailable',
}

DEFAULT_MESSAGES = {
    400: 'The server could not comply with the request since it is either '
         'malformed or otherwise incorrect.',
    403: 'Access was denied to this resource.',
    404: 'The resource could not be found.',
    405: 'The method specified is not allowed for this resource.',
    409: 'There was a conflict when trying to complete your request.',
    410: 'This resource is no longer available. No forwarding address is '
         'given.',
    413: 'Request is too large.',
    500: 'The server has either erred or is incapable of performing the '
         'requested operation.',
    501: 'The server has either erred or is incapable of performing the '
         'requested operation.',
}

UNEXPECTED = ('Unexpected API Error. Please report this at '
              'http://bugs.launchpad.net/nova/ and attach the Nova API log '
              'if possible.\n%s')

STATUS_LINES = {code: '%d %s' % (code, webob.exc.status_map[code].title)
                for code in webob.exc.status_map}
STATUS_LINES[200] = '200 OK'
STATUS_LINES[202] = '202 Accepted'
STATUS_LINES[204] = '204 No Content'
# The external events' answer when some were not accepted (Nova's
# reason phrase).
STATUS_LINES[207] = '207 Multi Status'

JSON_TYPE = common_wsgi.JSON_TYPE
FAULT_TYPE = 'application/json; charset=UTF-8'


NOVA_VERSION_HEADER = 'X-OpenStack-Nova-API-Version'
# version -> its response headers (a handful of versions in use).
_VERSION_HEADERS = {}


def version_headers(version):
    """A new list of the microversion headers of a response."""
    cached = _VERSION_HEADERS.get(version)
    if cached is None:
        text = microversion.to_string(version)
        cached = (('OpenStack-API-Version', 'compute ' + text),
                  (NOVA_VERSION_HEADER, text),
                  ('Vary', 'OpenStack-API-Version'),
                  ('Vary', 'X-OpenStack-Nova-API-Version'))
        if len(_VERSION_HEADERS) < 512:
            _VERSION_HEADERS[version] = cached
    return list(cached)


class Response:
    """What a handler returns: status, JSON-able body, extra headers."""

    __slots__ = ('status', 'body', 'headers')

    def __init__(self, status=200, body=None, headers=None):
        self.status = status
        self.body = body
        self.headers = headers


def error_body(code, message):
    fault = FAULT_NAMES.get(code, 'computeFault')
    return {fault: {'code': code, 'message': message}}


def error_response(code, message=None, version=None, headers=None):
    """Nova's error envelope as a WSGI-ready (status, headers, body)."""
    if message is None:
        message = DEFAULT_MESSAGES.get(code, DEFAULT_MESSAGES[500])
    body = jsonbody.dumps(error_body(code, message))
    out = [('Content-Type', FAULT_TYPE), ('Content-Length', str(len(body)))]
    if version is not None:
        out.extend(version_headers(version))
    if headers:
        out.extend(headers)
    return STATUS_LINES.get(code, '%d Error' % code), out, body


def render(response, version):
    """A handler's :class:`Response` as (status, headers, body)."""
    headers = version_headers(version)
    if response.body is None:
        body = b''
        headers.append(('Content-Length', '0'))
    else:
        body = jsonbody.dumps(response.body)
        headers.append(('Content-Type', JSON_TYPE))
        headers.append(('Content-Length', str(len(body))))
    if response.headers:
        headers.extend(response.headers)
    return STATUS_LINES[response.status], headers, body


class FaultWrapper:
    """Turn any exception escaping the API into Nova's 500 envelope."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        try:
            return self.application(environ, start_response)
        except Exception as exc:  # noqa: B902 -- the last line of defence
            LOG.exception('Unexpected error serving %s %s',
                          environ.get('REQUEST_METHOD'),
                          environ.get('PATH_INFO'))
            status, headers, body = error_response(
                500, UNEXPECTED % type(exc))
            start_response(status, headers)
            return [body]


def faultwrap_filter_factory(global_conf, **local_conf):
    return FaultWrapper


# -- version documents --------------------------------------------------------

V21_UPDATED = '2013-07-23T11:33:21Z'
V20_UPDATED = '2025-07-04T12:00:00Z'


def _base_url(environ):
    req = webob.Request(environ)
    return req.host_url + req.script_name.rstrip('/')


def version_v21(base):
    return {
        'id': 'v2.1', 'status': 'CURRENT',
        'version': microversion.MAX_VERSION_STRING,
        'min_version': microversion.MIN_VERSION_STRING,
        'updated': V21_UPDATED,
        'links': [{'rel': 'self', 'href': base + '/v2.1/'}],
    }


def version_v20(base):
    return {
        'id': 'v2.0', 'status': 'DEPRECATED', 'version': '',
        'min_version': '', 'updated': V20_UPDATED,
        'links': [{'rel': 'self', 'href': base + '/v2/'}],
    }


class Versions:
    """``GET /``: the version list (not microversioned)."""

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '') or '/'
        base = _base_url(environ)
        if path in ('', '/'):
            status = '200 OK'
            body = {'versions': [version_v20(base), version_v21(base)]}
        elif path in ('/v2', '/v2/') and environ['REQUEST_METHOD'] in (
                'GET', 'HEAD'):
            # The v2.0 document GET / advertises (Nova serves it there,
            # without credentials, as the v2.1 one at /v2.1/).
            status = '200 OK'
            body = {'version': described(version_v20(base))}
        else:
            status = '300 Multiple Choices'
            body = {'choices': [
                dict(id=v['id'], status=v['status'],
                     links=[{'rel': 'self', 'href': v['links'][0]['href']
                             + path.lstrip('/')}],
                     **{'media-types': _media_types(v['id'])})
                for v in (version_v20(base), version_v21(base))]}
        data = json.dumps(body).encode()
        start_response(status, [('Content-Type', JSON_TYPE),
                                ('Content-Length', str(len(data)))])
        return [data]


def described(version):
    """A version document with its describedby link and media types."""
    version['links'].append({'rel': 'describedby', 'type': 'text/html',
                             'href': 'http://docs.openstack.org/'})
    version['media-types'] = _media_types(version['id'])
    return version


def _media_types(version_id):
    version = '2' if version_id == 'v2.0' else '2.1'
    return [{'base': JSON_TYPE,
             'type': 'application/vnd.openstack.compute+json;version='
             + version}]


def _serves_bare_prefix(app):
    """Does ``app`` (or the app its filters wrap) answer 'GET /prefix'?"""
    while app is not None:
        if getattr(app, 'serves_bare_prefix', False):
            return True
        app = getattr(app, 'application', None)
    return False


class URLMap:
    """Dispatch on the longest matching path prefix (like paste's urlmap)."""

    def __init__(self, mapping):
        self.mapping = sorted(mapping.items(), key=lambda i: -len(i[0]))
        self._bare = {prefix for prefix, app in mapping.items()
                      if _serves_bare_prefix(app)}

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '')
        for prefix, app in self.mapping:
            if prefix == '/':
                return app(environ, start_response)
            if path == prefix and prefix not in self._bare:
                # 'GET /v2.1' -> 302 to '/v2.1/', as Nova does.
                req = webob.Request(environ)
                location = req.host_url + req.script_name + prefix + '/'
                start_response('302 Found', [('Location', location),
                                             ('Content-Length', '0')])
                return [b'']
            if path == prefix or path.startswith(prefix + '/'):
                environ['SCRIPT_NAME'] = (environ.get('SCRIPT_NAME', '')
                                          + prefix)
                environ['PATH_INFO'] = path[len(prefix):]
                return app(environ, start_response)
        status, headers, body = error_response(404)
        start_response(status, headers)
        return [body]
