"""oslo.middleware's request-id and body-size filters, at the WSGI level.

The library's filters wrap every request in WebOb request and response
objects (about a third of the cost of a request to this fake). These
subclasses keep the library's behaviour, options and factories -- same
headers, same environ keys, same limit and 413 -- but do their work on
the WSGI environ and start_response directly.
"""

import operator
import re

from oslo_middleware import request_id
from oslo_middleware import sizelimit
import webob.exc

from fakenova.common import requestid

_ID_FORMAT = re.compile(request_id.ID_FORMAT)
_first = operator.itemgetter(0)
COMPUTE_REQUEST_ID_HEADER = 'x-compute-request-id'


class ComputeRequestId(request_id.RequestId):
    """A request id per request, also sent as X-Compute-Request-Id."""

    compat_headers = [COMPUTE_REQUEST_ID_HEADER]
    # The response headers to add, read from compat_headers once.
    _names = None

    def __call__(self, environ, start_response):
        inbound = environ.get('HTTP_X_OPENSTACK_REQUEST_ID', '')
        if inbound and _ID_FORMAT.match(inbound):
            environ[request_id.GLOBAL_REQ_ID] = inbound
        req_id = requestid.generate_request_id()
        environ[request_id.ENV_REQUEST_ID] = req_id
        names = self._names
        if names is None:
            names = self._names = tuple(
                (name, '\n%s\n' % name.lower()) for name in
                (request_id.HTTP_RESP_HEADER_REQUEST_ID,)
                + tuple(self.compat_headers))

        def start(status, headers, exc_info=None):
            # The names the app sent, one a line, lowercase (a header
            # name has no line break): a name is present when its line is.
            present = '\n%s\n' % '\n'.join(map(_first, headers)).lower()
            for name, line in names:
                if line not in present:
                    headers.append((name, req_id))
            return start_response(status, headers, exc_info)
        return self.application(environ, start)


class BodySizeLimit(sizelimit.RequestBodySizeLimiter):
    """Refuse bodies over ``max_request_body_size`` (413).

    The limit comes from the paste conf (``max_request_body_size``, the
    same key for every app of a cloud) or, without one, from oslo.config
    (114688 bytes by default). It is read once: the library's filter sets
    a process-wide oslo.config override on every request instead.
    """

    def __init__(self, application, conf=None):
        super().__init__(application, conf)
        value = self.conf.get('max_request_body_size')
        if value in (None, ''):
            self.max_size = self.oslo_conf.oslo_middleware[
                'max_request_body_size']
        else:
            self.max_size = int(value)
            if self.max_size < 0:
                raise ValueError('max_request_body_size must be 0 or more')

    def __call__(self, environ, start_response):
        max_size = self.max_size
        length = environ.get('CONTENT_LENGTH')
        if length:
            try:
                too_large = int(length) > max_size
            except ValueError:
                too_large = False
            if too_large:
                # Same text and response as the library's filter.
                exc = webob.exc.HTTPRequestEntityTooLarge(
                    explanation='Request is too large. Larger than '
                                'max_request_body_size (%s).')
                return exc(environ, start_response)
        elif 'wsgi.input' in environ and environ.get(
                'REQUEST_METHOD') not in ('GET', 'HEAD', 'DELETE'):
            # No declared length (chunked): read through a limit.
            environ['wsgi.input'] = sizelimit.LimitingReader(
                environ['wsgi.input'], max_size)
            environ['webob.is_body_readable'] = True
            environ['webob.is_body_seekable'] = False
        return self.application(environ, start_response)


def request_id_filter_factory(global_conf, **local_conf):
    return ComputeRequestId.factory(global_conf, **local_conf)


def sizelimit_filter_factory(global_conf, **local_conf):
    return BodySizeLimit.factory(global_conf, **local_conf)
