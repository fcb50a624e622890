"""How fakenova-api serves: the access log line and waitress's settings.

The access line keeps its content (method, path without the query,
status, time, request id) however it is produced; waitress sends a
response whole from its loop thread (``send_bytes``), and a response
larger than that still arrives intact on a kept-alive connection.
"""

import io
import logging
import threading
import time
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


class _Stream(io.StringIO):
    """A stream that counts its writes."""

    writes = 0

    def write(self, text):
        self.writes += 1
        return super().write(text)


class BackgroundLogHandlerTest(testtools.TestCase):

    def handler(self, pause=api_cmd.LOG_BATCH_PAUSE):
        stream = _Stream()
        target = logging.StreamHandler(stream)
        target.setFormatter(logging.Formatter('%(name)s %(message)s'))
        handler = api_cmd.BackgroundLogHandler(target, pause=pause)
        logger = logging.Logger('fakenova.test')  # outside the hierarchy
        logger.addHandler(handler)
        self.addCleanup(handler.close)
        return stream, handler, logger

    def wait_for(self, stream, text):
        for _ in range(500):
            if text in stream.getvalue():
                return
            time.sleep(0.01)
        self.fail('%r never written: %r' % (text, stream.getvalue()))

    def test_a_lone_line_is_written_at_once(self):
        # An idle server's line (and a test reading the log after one
        # request) does not wait for a batch.
        stream, handler, logger = self.handler(pause=60)
        logger.warning('first %s', 'line')
        self.wait_for(stream, 'fakenova.test first line\n')

    def test_the_message_has_the_values_of_when_it_was_logged(self):
        stream, handler, logger = self.handler(pause=60)
        value = ['before']
        logger.warning('%s', value)
        value[0] = 'after'
        handler.flush()
        self.assertIn("['before']", stream.getvalue())

    def test_close_writes_every_queued_line_in_order(self):
        stream, handler, logger = self.handler(pause=60)
        # Two lines, then the writer pauses (a minute) before the next
        # batch: close must not wait for it, nor lose the rest.
        for i in range(2):
            logger.warning('line %d', i)
        self.wait_for(stream, 'line 1\n')
        for i in range(2, 500):
            logger.warning('line %d', i)
        started = time.monotonic()
        handler.close()
        self.assertLess(time.monotonic() - started, 10)
        self.assertEqual(['fakenova.test line %d' % i for i in range(500)],
                         stream.getvalue().splitlines())
        self.assertFalse(handler._thread.is_alive())

    def test_lines_gather_into_few_writes_under_load(self):
        stream, handler, logger = self.handler()
        threads = [threading.Thread(target=lambda: [
            logger.warning('x') for _ in range(1000)]) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        handler.close()
        self.assertEqual(4000, stream.getvalue().count('fakenova.test x\n'))
        self.assertLess(stream.writes, 400)

    def test_a_stuck_stream_holds_the_logging_thread_not_memory(self):
        released = threading.Event()

        class Stuck(_Stream):
            def write(self, text):
                released.wait(30)
                return super().write(text)

        stream = Stuck()
        target = logging.StreamHandler(stream)
        target.setFormatter(logging.Formatter('%(message)s'))
        handler = api_cmd.BackgroundLogHandler(target, max_queued=10)
        self.addCleanup(handler.close)
        logger = logging.Logger('fakenova.test')
        logger.addHandler(handler)
        thread = threading.Thread(target=lambda: [
            logger.warning('line %d', i) for i in range(50)])
        thread.start()
        time.sleep(0.3)
        # The writer waits on the stream with what it took; the thread
        # that logs waits too once 10 more are queued.
        self.assertTrue(thread.is_alive())
        self.assertLessEqual(len(handler._records), 11)
        released.set()
        thread.join(10)
        handler.close()
        self.assertEqual(['line %d' % i for i in range(50)],
                         stream.getvalue().splitlines())

    def test_a_bad_record_is_a_logging_error_not_a_lost_batch(self):
        stream, handler, logger = self.handler()
        errors = []
        handler.handleError = errors.append
        logger.warning('%d', 'not a number')
        logger.warning('fine')
        handler.flush()
        self.assertEqual(1, len(errors))
        self.assertIn('fakenova.test fine', stream.getvalue())


class FormatterTest(testtools.TestCase):

    def test_same_time_text_as_logging(self):
        ours = api_cmd._Formatter(api_cmd.LOG_FORMAT)
        theirs = logging.Formatter(api_cmd.LOG_FORMAT)
        for created in (1765152000.0, 1765152000.999, 1765152001.5,
                        1765152000.25, 1765238399.9994):
            record = logging.LogRecord('fakenova', logging.INFO, __file__,
                                       1, 'msg %s', ('x',), None)
            record.created = created
            record.msecs = (created - int(created)) * 1000
            self.assertEqual(theirs.format(record), ours.format(record))


class MainLoggingTest(testtools.TestCase):
    """fakenova-api's own logging: set up, and written out at the end."""

    def setUp(self):
        super().setUp()
        root = logging.getLogger()
        saved = root.handlers[:], root.level
        root.handlers[:] = []

        def restore():
            root.handlers[:] = saved[0]
            root.setLevel(saved[1])
        self.addCleanup(restore)

    def test_every_line_is_written_before_main_returns(self):
        stderr = self.useFixture(fixtures.MonkeyPatch(
            'sys.stderr', _Stream())).new_value

        class Server:
            effective_port = '8774'
            task_dispatcher = mock.Mock()

            def run(self):
                log = logging.getLogger('fakenova.access')
                for i in range(300):
                    log.info('line %d', i)
                raise api_cmd._Stop(15)

            def close(self):
                pass

        with mock.patch.object(api_cmd, 'create_server',
                               lambda app, **kw: Server()):
            self.assertEqual(0, api_cmd.main(['--port', '0']))
        lines = stderr.getvalue().splitlines()
        self.assertIn('fakenova-api listening on http://127.0.0.1:8774/',
                      lines[0])
        self.assertEqual(['line %d' % i for i in range(300)],
                         [line.split(' ', 4)[4] for line in lines[1:-1]])
        self.assertRegex(lines[-1], r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} '
                                    r'INFO fakenova fakenova-api stopped')
        # The writer is gone and the root logger left as it was.
        self.assertEqual([], logging.getLogger().handlers)
        self.assertNotIn('fakenova-log-writer',
                         [t.name for t in threading.enumerate()])

    def test_a_process_with_logging_set_up_keeps_it(self):
        root = logging.getLogger()
        mine = logging.NullHandler()
        root.addHandler(mine)
        self.assertIsNone(api_cmd._start_logging('INFO'))
        self.assertEqual([mine], root.handlers)


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
