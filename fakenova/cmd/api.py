"""fakenova-api: serve the fake compute API with waitress."""

import argparse
import collections
import configparser
import contextlib
import ipaddress
import logging
import os
import signal
import sys
import threading
import time
import warnings

from paste import deploy

import fakenova
from fakenova.common import calllog
from fakenova.compute import store
from fakenova import policy

# pbr installs etc/ as data files under <prefix>/etc/fakenova; a checkout
# (or an editable install) has it beside the package.
INSTALLED_PASTE = os.path.join(sys.prefix, 'etc', 'fakenova',
                               'api-paste.ini')
CHECKOUT_PASTE = os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(fakenova.__file__))), 'etc', 'api-paste.ini')


def default_config_file():
    for path in (CHECKOUT_PASTE, INSTALLED_PASTE):
        if os.path.exists(path):
            return path
    return INSTALLED_PASTE


# oslo.middleware's default max_request_body_size.
DEFAULT_MAX_BODY = 114688


def _non_negative(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError('must be 0 or more: %r' % text)
    return value


def _positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError('must be 1 or more: %r' % text)
    return value


def _port(text):
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(
            'a TCP port is 1 to 65535 (0: any free port): %r' % text)
    return value


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog='fakenova-api',
        description='Serve an in-memory fake of the Nova compute API.')
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=_port, default=8774,
                        help='TCP port (default %(default)s; 0: any free '
                             'port, logged)')
    parser.add_argument('--config-file', default=None,
                        help='paste ini file (default: the packaged '
                             'api-paste.ini)')
    parser.add_argument('--app', default='cloud',
                        help='composite of the paste file to serve: cloud '
                             '(compute, identity and images in one fake '
                             'cloud; the default), main (compute only, '
                             'noauth2 "user:project" tokens) or keystone '
                             '(compute only, trusting identity headers)')
    parser.add_argument('--control-token', default=None,
                        help='a token that may use the control API besides '
                             'admin tokens')
    parser.add_argument('--policy-file', default=None)
    parser.add_argument('--seed', default=None, metavar='FILE',
                        help='a YAML seed file (users, flavors, images, '
                             'security groups, floating IPs, servers) to '
                             'load at start and on every control reset; '
                             'see etc/seed-demo.yaml')
    parser.add_argument('--pacing', default='seconds',
                        help='how accepted transitions settle: seconds (the '
                             'default: a transition lasts --seconds of wall '
                             'time, so a polling client sees it and a '
                             'second request meets its 409), instant, '
                             'polls (the transitional status shows for '
                             '--polls reads) or manual',
                        choices=list(store.PACINGS))
    parser.add_argument('--seconds', type=float, default=1.0,
                        help='with --pacing seconds, how long a transition '
                             'lasts (default %(default)s)')
    parser.add_argument('--polls', type=int, default=1,
                        help='with --pacing polls, how many reads show a '
                             'transition (default %(default)s)')
    parser.add_argument('--reclaim-instance-interval', type=int, default=0,
                        metavar='SECONDS',
                        help="as Nova's option: above 0, DELETE leaves a "
                             'SOFT_DELETED server that restore brings back')
    parser.add_argument('--shelved-offload-time', type=int, default=0,
                        metavar='SECONDS',
                        help="as Nova's option: 0 offloads a shelved server "
                             'at once, -1 never')
    parser.add_argument('--consoles', default='vnc', metavar='KINDS',
                        help='console kinds the computes serve, comma '
                             'separated: vnc, spice, serial, mks (Nova '
                             'enables each per compute; default '
                             '%(default)s)')
    parser.add_argument('--keep-deleted-servers', type=_non_negative,
                        default=store.KEEP_DELETED_SERVERS, metavar='N',
                        help='how many deleted servers keep their instance '
                             'actions (the oldest are dropped first, as '
                             "Nova's archive would; default %(default)s)")
    parser.add_argument('--call-log-size', type=_non_negative,
                        default=calllog.DEFAULT_SIZE, metavar='N',
                        help='how many requests the call log '
                             '(/_fakenova/calls) keeps; 0 records none '
                             '(default %(default)s)')
    parser.add_argument('--max-request-body-size', type=_non_negative,
                        default=DEFAULT_MAX_BODY, metavar='BYTES',
                        help='larger request bodies get 413, on every app '
                             'of the cloud (default %(default)s, '
                             "oslo.middleware's)")
    parser.add_argument('--threads', type=_positive, default=4,
                        help='worker threads serving requests (default '
                             '%(default)s)')
    parser.add_argument('--connection-limit', type=_positive, default=500,
                        metavar='N',
                        help='open connections accepted at once (waitress; '
                             'default %(default)s)')
    parser.add_argument('--channel-timeout', type=_positive, default=30,
                        metavar='SECONDS',
                        help='close a connection idle this long (waitress; '
                             'default %(default)s)')
    parser.add_argument('--log-level', default='INFO', type=str.upper,
                        choices=['DEBUG', 'INFO', 'WARNING', 'ERROR',
                                 'CRITICAL'],
                        help='INFO (the default) logs one line a request '
                             'to stderr, written by a thread of its own '
                             '(every line is written before fakenova-api '
                             'exits); WARNING and above: no access lines')
    return parser.parse_args(argv)


def load(args):
    conf = {'pacing': args.pacing, 'polls': str(args.polls),
            'seconds': str(args.seconds),
            'reclaim_instance_interval': str(args.reclaim_instance_interval),
            'shelved_offload_time': str(args.shelved_offload_time),
            'consoles': args.consoles,
            'keep_deleted_servers': str(args.keep_deleted_servers),
            'call_log_size': str(args.call_log_size),
            'max_request_body_size': str(args.max_request_body_size)}
    if args.control_token:
        conf['control_token'] = args.control_token
    if args.policy_file:
        conf['policy_file'] = os.path.abspath(args.policy_file)
    config = os.path.abspath(args.config_file or default_config_file())
    if not os.path.isfile(config):
        raise SystemExit('fakenova-api: no paste config file %s' % config)
    try:
        app = deploy.loadapp('config:' + config, name=args.app,
                             global_conf=conf)
    except LookupError:
        raise SystemExit('fakenova-api: %s has no app %r (its composites: '
                         '%s)' % (config, args.app,
                                  ', '.join(_composites(config))))
    except policy.PolicyFileError as exc:
        raise SystemExit('fakenova-api: %s' % exc)
    except ValueError as exc:  # a setting the cloud cannot take
        raise SystemExit('fakenova-api: %s' % exc)
    cloud = getattr(app, 'cloud', None)
    if cloud is not None:
        cloud.listening_on_loopback = is_loopback(args.host)
    if args.seed:
        if cloud is None:
            raise SystemExit('fakenova-api: --seed needs a cloud app '
                             '(--app cloud), not %r' % args.app)
        from fakenova.control import seed
        try:
            seed.load_into(cloud, args.seed)
        except seed.SeedError as exc:
            raise SystemExit('fakenova-api: bad seed: %s' % exc)
    return app


def _composites(config):
    parser = configparser.RawConfigParser()
    parser.read(config)
    return [section.split(':', 1)[1] for section in parser.sections()
            if section.startswith('composite:')]


def is_loopback(host):
    """True when listening on ``host`` reaches this machine only."""
    host = (host or '').strip('[]')
    if host.lower() == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class AccessLog:
    """One log line per request: method, path, status, duration, id.

    Only the method, the path (never the query string), the status, the
    time taken and the request id are logged: no headers, so neither
    tokens nor (in bodies) passwords. Under fakenova-api the record goes
    to :class:`BackgroundLogHandler`: the worker thread serving the
    request only queues it.
    """

    def __init__(self, app, logger=None):
        self.app = app
        self.logger = logger or logging.getLogger('fakenova.access')

    def __call__(self, environ, start_response):
        logger = self.logger
        if not logger.isEnabledFor(logging.INFO):
            return self.app(environ, start_response)
        seen = ['500', '-']  # status, request id

        def _start_response(status, headers, exc_info=None):
            seen[0] = status.split(' ', 1)[0]
            for name, value in headers:
                if name.lower() == 'x-openstack-request-id':
                    seen[1] = value
            return start_response(status, headers, exc_info)

        start = time.monotonic()
        try:
            return self.app(environ, _start_response)
        finally:
            logger.info(
                '%s %s %s %.1fms %s', environ.get('REQUEST_METHOD'),
                (environ.get('SCRIPT_NAME', '') +
                 environ.get('PATH_INFO', '')) or '/',
                seen[0], (time.monotonic() - start) * 1000.0, seen[1])


# logging's switches (see "Optimization" in the logging HOWTO) for what
# a record looks up and fakenova-api's line format never shows: the
# thread, the process and the source line.
_LOG_SWITCHES = {'logThreads': False, 'logProcesses': False,
                 'logMultiprocessing': False, '_srcfile': None}


@contextlib.contextmanager
def _lighter_log_records():
    """Each log record (one a request) without what no line shows."""
    saved = {name: getattr(logging, name) for name in _LOG_SWITCHES}
    for name, value in _LOG_SWITCHES.items():
        setattr(logging, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(logging, name, value)


# waitress's send_bytes (deprecated, default 1) sends every write of a
# response at once from the worker thread: the status line and headers,
# then the body, two send() calls, each giving up the GIL mid-request
# (and the loop thread spins on the half-written channel meanwhile).
# Below this size (waitress 2's default) the response is sent whole, in
# one send(), by the loop thread when the request is done. Every answer
# of the fake is one JSON document (nothing streams), so nothing waits
# for it.
SEND_BYTES = 18000

# The other waitress settings fakenova-api leaves or sets (see --help):
# - threads 4: the fake does no I/O while serving, so more threads buy
#   no speed under the GIL (2 and 8 measured the same CPU per request
#   as 4 at 16 client threads, within noise); several are kept so that
#   an injected delay (the control API's faults) holds one request only;
# - connection_limit 500 keeps the open sockets below select()'s 1024
#   descriptors, so waitress's select loop (asyncore_use_poll off, its
#   default) is enough; backlog stays waitress's (1024);
# - channel_timeout 30 (waitress's), cleanup_interval at most that.


def create_server(app, **settings):
    """waitress.create_server with SEND_BYTES, where waitress takes it."""
    import waitress
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)
        try:
            return waitress.create_server(app, send_bytes=SEND_BYTES,
                                          **settings)
        except ValueError as exc:
            if 'send_bytes' not in str(exc):
                raise
    # A waitress without send_bytes: its own way of sending.
    return waitress.create_server(app, **settings)


class _Stop(KeyboardInterrupt):
    """Raised by the SIGTERM/SIGINT handler to end the serving loop.

    A KeyboardInterrupt, so that waitress's loop lets it through its
    dispatchers' error handlers and shuts its worker threads down.
    """


_stopped_by = []


def _stop(signum, frame):
    _stopped_by.append(signum)
    raise _Stop(signum)


LOG_FORMAT = '%(asctime)s %(levelname)s %(name)s %(message)s'


class _Formatter(logging.Formatter):
    """logging's default line, its date part made once a second.

    ``asctime`` is ``time.strftime('%Y-%m-%d %H:%M:%S')`` of the record's
    local time plus ``,mmm``, as :meth:`logging.Formatter.formatTime`
    makes it; the strftime part is kept for the second it names (every
    request's line would otherwise make it anew).
    """

    _second = None
    _text = ''

    def formatTime(self, record, datefmt=None):
        if datefmt is not None:
            return super().formatTime(record, datefmt)
        second = int(record.created)
        if second != self._second:
            # Two writers racing here both compute the same text.
            self._text = time.strftime(self.default_time_format,
                                       self.converter(record.created))
            self._second = second
        return self.default_msec_format % (self._text, record.msecs)


# How long the log writer waits after a batch of more than one line
# before it writes the next: under load, lines gather into one write
# instead of waking the writer (and taking the GIL from a worker) once
# a request. A lone line (an idle server, a test reading the log after
# a request) is written at once.
LOG_BATCH_PAUSE = 0.05
# At most this many lines wait for the writer: when the stream does not
# take them (a pipe nobody reads), a thread that logs one more writes
# the queue itself and so waits on the stream, as it would without the
# writer, instead of the queue (and the process) growing without end.
LOG_MAX_QUEUED = 10000


class BackgroundLogHandler(logging.Handler):
    """Log records written by a thread of their own, in batches.

    A worker thread that logs (one access line a request) only appends
    the record to a queue: it never waits on the write, the stream's lock
    or the GIL a blocking write gives up. The writer thread formats the
    queued records with ``target``'s formatter and writes them to
    ``target``'s stream in one write (at most ``max_queued`` lines wait:
    past that, the thread that logs writes them and waits on the
    stream). :meth:`flush` and :meth:`close`
    (``logging.shutdown``, the end of :func:`main`) write everything
    queued before they return. The message is merged with its arguments
    when the record is queued (as :class:`logging.handlers.QueueHandler`
    does), so a line shows the values of when it was logged.
    """

    def __init__(self, target, pause=LOG_BATCH_PAUSE,
                 max_queued=LOG_MAX_QUEUED):
        super().__init__(level=target.level)
        self.target = target
        self.pause = pause
        self.max_queued = max_queued
        self._records = collections.deque()
        self._wake = threading.Event()
        self._write_lock = threading.Lock()
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name='fakenova-log-writer')
        self._thread.start()

    def handle(self, record):
        # No handler lock: appending to the deque is atomic.
        passed = self.filter(record)
        if passed:
            self.emit(record)
        return passed

    def emit(self, record):
        try:
            if record.args:
                record.msg = record.getMessage()
                record.args = None
        except Exception:
            self.handleError(record)
            return
        records = self._records
        records.append(record)
        if len(records) > self.max_queued:
            self._write()  # the stream is stuck: wait on it (see above)
        elif not self._wake.is_set():
            self._wake.set()

    def _run(self):
        wake = self._wake
        while True:
            wake.wait()
            # Cleared before the queue is taken: a record queued after
            # this sets it again (see emit), so none is left behind.
            wake.clear()
            written = self._write()
            if self._closing.is_set():
                if not self._records:
                    return
            elif written > 1:
                self._closing.wait(self.pause)

    def _write(self):
        """Write what is queued now, in one write; how many lines."""
        target = self.target
        with self._write_lock:
            records, lines = self._records, []
            while records:
                record = records.popleft()
                try:
                    lines.append(target.format(record) + target.terminator)
                except Exception:
                    self.handleError(record)
            if not lines:
                return 0
            target.acquire()
            try:
                target.stream.write(''.join(lines))
                target.flush()
            except Exception:
                self.handleError(record)
            finally:
                target.release()
            return len(lines)

    def flush(self):
        self._write()

    def close(self):
        self._closing.set()
        self._wake.set()
        if self._thread is not threading.current_thread():
            self._thread.join(5)
        self._write()  # what the writer had no time left for
        self.target.close()
        super().close()


def _start_logging(level):
    """fakenova-api's logging: stderr, through a background writer.

    As :func:`logging.basicConfig`: nothing is changed when the root
    logger already has a handler (fakenova-api run in a process that set
    its logging up). Returns the handler to give to :func:`_stop_logging`,
    or None.
    """
    root = logging.getLogger()
    if root.handlers:
        return None
    stream = logging.StreamHandler(sys.stderr)
    stream.setFormatter(_Formatter(LOG_FORMAT))
    handler = BackgroundLogHandler(stream)
    root.addHandler(handler)
    root.setLevel(level)
    return handler


def _stop_logging(handler):
    """Write every queued line, stop the writer, take the handler off."""
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    handler = _start_logging(args.log_level.upper())
    try:
        app = AccessLog(load(args))
        with _lighter_log_records():
            return _serve(args, app)
    finally:
        # Every line logged, the last ("stopped") included, is written
        # before fakenova-api exits (SIGTERM, SIGINT or a start error).
        _stop_logging(handler)


def _serve(args, app):
    log = logging.getLogger('fakenova')
    # SIGTERM (kill, docker stop, systemd) and SIGINT (Ctrl-C) stop the
    # server cleanly: the listening socket closes, worker threads finish,
    # and the process exits 0.
    previous = {sig: signal.signal(sig, _stop)
                for sig in (signal.SIGTERM, signal.SIGINT)}
    server = None
    try:
        try:
            server = create_server(
                app, host=args.host, port=args.port, threads=args.threads,
                connection_limit=args.connection_limit,
                channel_timeout=args.channel_timeout,
                # How often idle connections are looked for (waitress: 30).
                cleanup_interval=min(30, args.channel_timeout),
                ident='fakenova')
        except (OSError, ValueError) as exc:  # in use, an unknown host...
            raise SystemExit('fakenova-api: cannot listen on %s:%d: %s' % (
                args.host, args.port, getattr(exc, 'strerror', None) or exc))
        # waitress gives the port it bound as text (getnameinfo's).
        log.info('fakenova-api listening on http://%s:%s/ (pacing %s)',
                 args.host, server.effective_port, args.pacing)
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if server is not None:
            server.task_dispatcher.shutdown()
            server.close()
    log.info('fakenova-api stopped (%s)', ', '.join(
        signal.Signals(n).name for n in _stopped_by) or 'interrupted')
    return 0


if __name__ == '__main__':
    sys.exit(main())
