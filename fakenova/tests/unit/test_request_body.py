"""The body reader reads small bodies itself: as WebOb reads them."""

import io

import testtools
import webob
import webob.request

from fakenova.common import jsonbody
from fakenova.compute.api import router


class _Stream:
    """A socket-like input: read() only, no seek."""

    def __init__(self, data):
        self._data = io.BytesIO(data)

    def read(self, size=-1):
        return self._data.read(size)


def _environ(body, length=None, stream=None):
    environ = webob.Request.blank('/v2.1/servers', method='POST').environ
    environ['wsgi.input'] = stream or _Stream(body)
    environ['CONTENT_LENGTH'] = (str(len(body)) if length is None
                                 else length)
    return environ


def _state(environ):
    state = dict(environ)
    # WebOb's cache of the reader it wrapped the original input in;
    # unused once the input is its seekable copy.
    state.pop('webob._body_file', None)
    stream = state.pop('wsgi.input')
    state['input'] = stream.read()
    return state


class ReadSmallBodyTest(testtools.TestCase):

    def _compare(self, body, length=None):
        ours, theirs = _environ(body, length), _environ(body, length)
        got = jsonbody.read_small(ours)
        self.assertEqual(webob.Request(theirs).body, got)
        self.assertEqual(_state(theirs), _state(ours))
        return got

    def test_socket_like_input(self):
        self.assertEqual(b'{"pause": null}',
                         self._compare(b'{"pause": null}'))

    def test_seekable_input_read_again(self):
        req = webob.Request.blank('/', method='POST', body=b'{"a": 1}')
        self.assertEqual(b'{"a": 1}', jsonbody.read_small(req.environ))
        self.assertEqual(b'{"a": 1}', jsonbody.read_small(req.environ))
        self.assertEqual(b'{"a": 1}', req.body)

    def test_zero_length(self):
        self.assertEqual(b'', self._compare(b'', '0'))

    def test_webob_reads_the_rest(self):
        # No length, an odd one, or a body over WebOb's in-memory size.
        self.assertIsNone(jsonbody.read_small(_environ(b'{}', '')))
        self.assertIsNone(jsonbody.read_small(_environ(b'{}', ' 2')))
        self.assertIsNone(jsonbody.read_small(_environ(b'{}', '+2')))
        big = b'[' + b'0,' * jsonbody.BODY_IN_MEMORY + b'0]'
        self.assertIsNone(jsonbody.read_small(_environ(big)))

    def test_client_gone_midway(self):
        ours = _environ(b'{"pa', '15')
        theirs = _environ(b'{"pa', '15')
        mine = self.assertRaises(webob.request.DisconnectionError,
                                 jsonbody.read_small, ours)
        webobs = self.assertRaises(webob.request.DisconnectionError,
                                   lambda: webob.Request(theirs).body)
        self.assertEqual(str(webobs), str(mine))


class HostUrlTest(testtools.TestCase):

    def test_as_webob_reads_it(self):
        for url in ('http://localhost/v2.1', 'https://h:443/x',
                    'http://h:8774/', 'http://[::1]:80/', 'https://h:80/'):
            environ = webob.Request.blank(url).environ
            req = router.Request(environ, None, (2, 1), {}, None)
            self.assertEqual(webob.Request(environ).host_url, req.host_url)
        environ = webob.Request.blank('http://x:81/').environ
        del environ['HTTP_HOST']
        req = router.Request(environ, None, (2, 1), {}, None)
        self.assertEqual('http://x:81', req.host_url)
