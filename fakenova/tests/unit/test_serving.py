"""How fakenova-api serves: the access log line and waitress's settings.

The access line keeps its content (method, path without the query,
status, time, request id) however it is produced; waitress sends a
response whole from its loop thread (``send_bytes``), and a response
larger than that still arrives intact on a kept-alive connection.
"""

import logging
import threading
from unittest import mock
import warnings

import fixtures
import requests
import testtools
from waitress import wasyncore

from fakenova.cmd import api as api_cmd


def _app(status='200 OK', body=b'{}', request_id='req-1234', error=None):
    def app(environ, start_response):
        if error is not None:
            raise error
        headers = [('Content-Type', 'application/json'),
                   ('Content-Length', str(len(body)))]
        if request_id:
            headers.append(('X-OpenStack-Request-Id', request_id))
        start_response(status, headers)
        return [body]
    return app


class AccessLogTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.log = self.useFixture(fixtures.FakeLogger(
            name='fakenova.access', level=logging.INFO,
            format='%(name)s %(message)s'))

    def call(self, app, method='GET', script='/v2.1', path='/servers',
             query=''):
        seen = []
        environ = {'REQUEST_METHOD': method, 'SCRIPT_NAME': script,
                   'PATH_INFO': path, 'QUERY_STRING': query}
        body = api_cmd.AccessLog(app)(
            environ, lambda status, headers, exc_info=None: seen.append(
                status))
        return seen, b''.join(body)

    def test_line(self):
        seen, body = self.call(_app(status='202 Accepted'), method='POST',
                               path='/servers/abc/action',
                               query='token=secret')
        self.assertEqual(['202 Accepted'], seen)
        self.assertEqual(b'{}', body)
        self.assertRegex(
            self.log.output.strip(),
            r'^fakenova\.access POST /v2\.1/servers/abc/action 202 '
            r'\d+\.\dms req-1234$')
        self.assertNotIn('secret', self.log.output)

    def test_no_request_id_and_root(self):
        self.call(_app(request_id=None), script='', path='')
        self.assertRegex(self.log.output.strip(),
                         r'^fakenova\.access GET / 200 \d+\.\dms -$')

    def test_an_error_is_a_500_line(self):
        self.assertRaises(ZeroDivisionError, self.call,
                          _app(error=ZeroDivisionError()))
        self.assertRegex(self.log.output.strip(),
                         r'^fakenova\.access GET /v2\.1/servers 500 '
                         r'\d+\.\dms -$')

    def test_quiet_below_info(self):
        logging.getLogger('fakenova.access').setLevel(logging.WARNING)
        seen, body = self.call(_app())
        self.assertEqual(['200 OK'], seen)
        self.assertEqual('', self.log.output)

    def test_lighter_records_are_put_back(self):
        before = (logging.logThreads, logging.logProcesses,
                  logging.logMultiprocessing, logging._srcfile)
        with api_cmd._lighter_log_records():
            self.assertFalse(logging.logThreads)
            self.assertIsNone(logging._srcfile)
            self.call(_app())
        self.assertEqual(before, (logging.logThreads, logging.logProcesses,
                                  logging.logMultiprocessing,
                                  logging._srcfile))
        self.assertIn('GET /v2.1/servers 200', self.log.output)


class CreateServerTest(testtools.TestCase):

    def test_send_bytes_without_a_warning(self):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            server = api_cmd.create_server(_app(), host='127.0.0.1',
                                           port=0, threads=1)
        self.addCleanup(server.close)
        self.assertEqual(api_cmd.SEND_BYTES, server.adj.send_bytes)
        self.assertEqual([], [str(w.message) for w in caught])

    def test_a_waitress_without_send_bytes(self):
        calls = []

        def create(app, **settings):
            calls.append(settings)
            if 'send_bytes' in settings:
                raise ValueError("Unknown adjustment 'send_bytes'")
            return 'server'

        with mock.patch('waitress.create_server', create):
            self.assertEqual('server', api_cmd.create_server(
                _app(), host='127.0.0.1', port=0))
        self.assertEqual([{'send_bytes': api_cmd.SEND_BYTES,
                           'host': '127.0.0.1', 'port': 0},
                          {'host': '127.0.0.1', 'port': 0}], calls)

    def test_other_mistakes_still_refused(self):
        self.assertRaises(ValueError, api_cmd.create_server, _app(),
                          host='127.0.0.1', port=0, no_such_setting=1)

    def test_small_and_large_answers_arrive_whole(self):
        bodies = {'/small': b'{"a": 1}',
                  '/large': b'x' * (api_cmd.SEND_BYTES * 3 + 17)}

        def app(environ, start_response):
            body = bodies[environ['PATH_INFO']]
            start_response('200 OK', [('Content-Length', str(len(body)))])
            return [body]

        server = api_cmd.create_server(app, host='127.0.0.1', port=0,
                                       threads=2)
        stop = threading.Event()

        def loop():
            while not stop.is_set():
                wasyncore.loop(timeout=0.05, map=server._map, count=1)

        thread = threading.Thread(target=loop)
        thread.start()

        def finish():
            stop.set()
            thread.join(10)
            server.task_dispatcher.shutdown()
            wasyncore.close_all(server._map)
        self.addCleanup(finish)

        url = 'http://127.0.0.1:%s' % server.effective_port
        with requests.Session() as sess:  # one kept-alive connection
            for path in ('/small', '/large', '/small', '/large'):
                resp = sess.get(url + path, timeout=10)
                self.assertEqual(200, resp.status_code)
                self.assertEqual(bodies[path], resp.content)
