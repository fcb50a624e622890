#!/usr/bin/env python
"""Requests per second over HTTP (a script, not a test).

    PYTHONPATH=. python benchmarks/bench_http.py [--seconds 5]
        [--clients 4,16] [--rounds 1] [--long [N]]
        [--against DIR [--against-args ARGS]]

Starts two servers as subprocesses, each waitress with the same number of
threads, and drives each with the same client (N threads, one
requests.Session per thread, keep-alive) for the same time:

  bare          a "hello" WSGI app (no framework) served by waitress: the
                floor for any app behind waitress on this machine
  show          GET /v2.1/servers/{id} of fakenova-api (full paste
                pipeline, keystone token check, policy, view)
  pause/unpause POST /v2.1/servers/{id}/action, pause then unpause (each
                client thread on its own server, so no 409s)
  bare POST     the same POSTs (JSON body) to the bare app, which reads
                the body and answers 202 without one: what the client
                and waitress spend on a POST, shown for pause/unpause
                (the target itself is against the bare GET)

For each number of client threads (4 and 16 by default, in one run) it
prints requests per second, each rate as a share of the bare app's (the
same client, the same machine, measured in the same run: a ratio, not an
absolute figure; the bare app runs before and after each round, and a
case's share is of the mean of the two), the client's p50 and p99
latencies, and the server process's CPU time per request (user +
system, from /proc: what the server itself spends, whatever the client
costs) and the client process's (a bigger answer costs the client
more too). Target: >= 85% of the bare app's rate.

``--against DIR`` also serves fakenova-api from another checkout (e.g.
``git archive <commit> | tar -x -C DIR``) and runs its cases, marked
``[against]``, in the same rounds, right after this checkout's: a
before/after comparison in one run, under the same load.
``--against . --against-args "--threads 2"`` compares one setting with
another.

The client threads run in a separate process (``--client-procs``, 1 by
default; 0 runs them in this process, as before) so that the client's
GIL is not the servers' and the client's CPU shows the same way for the
bare app and for fakenova-api. On a 2-core machine the client and the
server still share the cores: the bare app's rate is mostly the
client's, which is why the target is a ratio.

``--long [N]`` (100,000 by default) then drives fakenova-api alone with
N requests in ten tenths (each half show, half pause/unpause) and prints
each tenth's rate, latencies, server CPU per request and the server's
RSS: a server that slows down or grows with the requests it has served
shows in the last tenth against the first (the CPU per request is the
steadier figure when other work shares the machine).

fakenova-api runs as shipped (access log on, output discarded; pacing
instant so that pause/unpause settle at once); ``--quiet-server`` passes
``--log-level WARNING`` to see the cost of the log.
"""

import argparse
import multiprocessing
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b'
TARGET = 0.85
BARE_POST = 'bare waitress POST'
LONG_REQUESTS = 100000

BARE_APP = '''
import sys
import waitress

BODY = b'{"hello": "world"}'


def app(environ, start_response):
    if environ['REQUEST_METHOD'] == 'POST':  # an action: read, 202
        environ['wsgi.input'].read(int(environ.get('CONTENT_LENGTH') or 0))
        start_response('202 Accepted', [('Content-Length', '0')])
        return [b'']
    start_response('200 OK', [('Content-Type', 'application/json'),
                              ('Content-Length', str(len(BODY)))])
    return [BODY]


settings = {}
if len(sys.argv) > 3:  # --bare-tuned: fakenova-api's send_bytes
    import warnings
    warnings.simplefilter('ignore', DeprecationWarning)
    settings['send_bytes'] = int(sys.argv[3])
waitress.serve(app, host='127.0.0.1', port=int(sys.argv[1]),
               threads=int(sys.argv[2]), _quiet=True, **settings)
'''


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def start(cmd, url, env=None):
    proc = subprocess.Popen(cmd, cwd='/', env=env,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit('%s exited %s' % (cmd, proc.returncode))
        try:
            with urllib.request.urlopen(url, timeout=2):
                return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit('%s did not answer' % (cmd,))


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()


_TICKS = os.sysconf('SC_CLK_TCK')


def cpu_seconds(pid):
    """User + system CPU time of process ``pid`` so far."""
    with open('/proc/%d/stat' % pid) as stat:
        fields = stat.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def rss_mb(pid):
    with open('/proc/%d/status' % pid) as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024.0
    raise LookupError('no VmRSS for %d' % pid)


# -- the client ---------------------------------------------------------------
#
# A case is (kind, url, headers, targets): kind 'get' GETs url; kind
# 'action' POSTs pause then unpause to url % targets[i] for thread i.


def _make_step(case, i, paused):
    import requests

    kind, url, headers, targets = case
    sess = requests.Session()
    sess.headers.update(headers or {})
    if kind == 'get':
        def step():
            resp = sess.get(url)
            if resp.status_code != 200:
                raise RuntimeError('GET %s -> %d %s' % (
                    url, resp.status_code, resp.text[:200]))
        return step
    target = url % targets[i]
    actions = [{'pause': None}, {'unpause': None}]

    def step():
        # paused[i] survives the warm-up: the next action is valid.
        resp = sess.post(target, json=actions[paused[i]])
        if resp.status_code != 202:
            raise RuntimeError('POST %s -> %d %s' % (
                target, resp.status_code, resp.text[:200]))
        paused[i] ^= 1
    return step


def drive(case, threads, seconds=None, count=None, first=0, paused=None):
    """Run ``threads`` client threads for ``seconds`` or ``count`` calls.

    Returns (requests, elapsed seconds, latencies in seconds, the
    monotonic end time of every request, in order).
    """
    paused = paused if paused is not None else [0] * (first + threads)
    lat = [[] for _ in range(threads)]
    ends = [[] for _ in range(threads)]
    errors = []
    stop_at = []
    left = [count]
    left_lock = threading.Lock()
    barrier = threading.Barrier(threads + 1)

    def take():
        if count is None:
            return time.monotonic() < stop_at[0]
        with left_lock:
            if left[0] <= 0:
                return False
            left[0] -= 1
            return True

    def run(i):
        step = _make_step(case, first + i, paused)
        mine, done = lat[i], ends[i]
        clock = time.perf_counter
        barrier.wait()
        try:
            while take():
                began = clock()
                step()
                end = clock()
                mine.append(end - began)
                done.append(end)
        except Exception as exc:  # reported below
            errors.append(exc)

    workers = [threading.Thread(target=run, args=(i,))
               for i in range(threads)]
    for t in workers:
        t.start()
    stop_at.append(time.monotonic() + (seconds or 0))
    began = time.perf_counter()
    barrier.wait()
    for t in workers:
        t.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise RuntimeError('client error: %r' % errors[0])
    latencies = [x for per in lat for x in per]
    return len(latencies), elapsed, latencies, sorted(
        x - began for per in ends for x in per)


def _client_process(conn, case, threads, seconds, count, first, warmup,
                    paused):
    try:
        if warmup:
            drive(case, threads, seconds=warmup, first=first, paused=paused)
        conn.send(('warm', None))
        cpu0 = _own_cpu()
        result = drive(case, threads, seconds=seconds, count=count,
                       first=first, paused=paused)
        conn.send(('ok', result + (paused[first:first + threads],
                                   _own_cpu() - cpu0)))
    except Exception as exc:
        conn.send(('error', repr(exc)))
    finally:
        conn.close()


def _own_cpu():
    """User + system CPU time of this process so far."""
    times = os.times()
    return times.user + times.system


def run_clients(case, threads, procs, seconds=None, count=None,
                warmup=0.5, server_pid=None, paused=None):
    """Drive one case.

    Returns (requests, elapsed, latencies, ends, server CPU s, client
    CPU s). ``paused`` (one flag a client thread, kept by the caller
    from one run to the next) says which servers are paused now.
    """
    paused = paused if paused is not None else [0] * threads
    if procs <= 0:
        if warmup:
            drive(case, threads, seconds=warmup, paused=paused)
        cpu0, own0 = cpu_seconds(server_pid), _own_cpu()
        result = drive(case, threads, seconds=seconds, count=count,
                       paused=paused)
        return result + (cpu_seconds(server_pid) - cpu0,
                         _own_cpu() - own0)
    ctx = multiprocessing.get_context('fork')
    per = [threads // procs + (1 if p < threads % procs else 0)
           for p in range(procs)]
    pipes, children, first = [], [], 0
    for p, n in enumerate(per):
        if not n:
            continue
        parent, child = ctx.Pipe(duplex=False)
        share = None if count is None else (
            count // procs + (1 if p < count % procs else 0))
        proc = ctx.Process(target=_client_process, args=(
            child, case, n, seconds, share, first, warmup, paused))
        proc.start()
        child.close()
        pipes.append(parent)
        children.append(proc)
        first += n
    # The server's CPU is read once every client has warmed up.
    for parent in pipes:
        status, value = parent.recv()
        if status != 'warm':
            raise SystemExit('client process: %s' % value)
    cpu0 = cpu_seconds(server_pid)
    results = []
    for parent in pipes:
        status, value = parent.recv()
        if status != 'ok':
            raise SystemExit('client process: %s' % value)
        results.append(value)
    cpu = cpu_seconds(server_pid) - cpu0
    for proc in children:
        proc.join()
    first = 0
    for result in results:
        flags = result[4]
        paused[first:first + len(flags)] = flags
        first += len(flags)
    n = sum(r[0] for r in results)
    elapsed = max(r[1] for r in results)
    latencies = [x for r in results for x in r[2]]
    ends = sorted(x for r in results for x in r[3])
    return n, elapsed, latencies, ends, cpu, sum(r[5] for r in results)


def percentile(values, q):
    values = sorted(values)
    if not values:
        return float('nan')
    k = min(len(values) - 1, max(0, int(round(q * (len(values) - 1)))))
    return values[k]


# -- the run ------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--seconds', type=float, default=5.0)
    parser.add_argument('--clients', default='4,16',
                        help='client thread counts, comma separated '
                             '(default %(default)s)')
    parser.add_argument('--client-procs', type=int, default=1,
                        help='processes the client threads run in (0: this '
                             'one; default %(default)s)')
    parser.add_argument('--threads', type=int, default=None,
                        help='waitress threads of both servers (default: '
                             "fakenova-api's own default)")
    parser.add_argument('--rounds', type=int, default=1,
                        help='interleaved rounds; the median rate is shown')
    parser.add_argument('--quiet-server', action='store_true')
    parser.add_argument('--bare-tuned', action='store_true',
                        help="serve the bare app with fakenova-api's "
                             'waitress send_bytes too (default: waitress '
                             'as it comes)')
    parser.add_argument('--long', type=int, nargs='?', const=LONG_REQUESTS,
                        default=0, metavar='N',
                        help='then N requests to fakenova-api alone '
                             '(default N %d): rate first vs last tenth, RSS'
                             % LONG_REQUESTS)
    parser.add_argument('--skip-rates', action='store_true',
                        help='with --long, only the long run')
    parser.add_argument('--against', default=None, metavar='DIR',
                        help='also serve fakenova-api from the checkout '
                             'DIR (another commit) and run its cases in '
                             'the same rounds: before/after in one run')
    parser.add_argument('--against-args', default='', metavar='ARGS',
                        help='more fakenova-api options for the --against '
                             'server (e.g. "--threads 2"; with --against .'
                             ': one setting against another)')
    args = parser.parse_args()
    clients = [int(c) for c in args.clients.split(',') if c.strip()]

    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join(
        [REPO] + [p for p in [env.get('PYTHONPATH')] if p])
    bare_port, nova_port = free_port(), free_port()
    bare_url = 'http://127.0.0.1:%d' % bare_port
    nova_url = 'http://127.0.0.1:%d' % nova_port
    nova_cmd = [sys.executable, '-m', 'fakenova.cmd.api', '--port',
                str(nova_port), '--pacing', 'instant']
    if args.threads:
        nova_cmd += ['--threads', str(args.threads)]
    if args.quiet_server:
        nova_cmd += ['--log-level', 'WARNING']
    bare_threads = args.threads or _default_threads()
    bare_cmd = [sys.executable, '-c', BARE_APP, str(bare_port),
                str(bare_threads)]
    if args.bare_tuned:
        bare_cmd.append(str(_fakenova_api().SEND_BYTES))
    bare = start(bare_cmd, bare_url + '/', env=env)
    nova = start(nova_cmd, nova_url + '/', env=env)
    against = None
    if args.against:
        against_port = free_port()
        against_url = 'http://127.0.0.1:%d' % against_port
        against_env = dict(env, PYTHONPATH=os.pathsep.join(
            [os.path.abspath(args.against)] +
            [p for p in [os.environ.get('PYTHONPATH')] if p]))
        against_cmd = [c if c != str(nova_port) else str(against_port)
                       for c in nova_cmd] + args.against_args.split()
        against = start(against_cmd, against_url + '/', env=against_env)
    print('fakenova-api %s; bare app: waitress, %d threads%s; client: '
          'requests.Session per thread, %s; Python %s; %d CPUs' % (
              ' '.join(nova_cmd[3:]), bare_threads,
              ', send_bytes %s' % bare_cmd[-1] if args.bare_tuned else '',
              '%d process(es)' % args.client_procs if args.client_procs
              else 'threads in the bench process',
              sys.version.split()[0], os.cpu_count()))
    if against is not None:
        print('against: fakenova-api %s from %s (cases marked '
              '"[against]")' % (' '.join(against_cmd[3:]),
                                os.path.abspath(args.against)))
    ok = True
    try:
        setup = prepare(nova_url, max(clients + [4]))
        servers = [('', nova_url, nova.pid, setup)]
        if against is not None:
            servers.append((' [against]', against_url, against.pid,
                            prepare(against_url, max(clients + [4]))))
        if not args.skip_rates:
            ok = run_rates(args, clients, bare_url, bare.pid, servers)
        if args.long:
            ok = run_long(args, setup, nova_url, nova.pid) and ok
    finally:
        codes = (stop(bare), stop(nova))
        if against is not None:
            codes += (stop(against),)
    print('exit codes after SIGTERM: bare %s, fakenova-api %s%s' % (
        codes[0], codes[1],
        ', against %s' % codes[2] if against is not None else ''))
    return 0 if ok else 1


def _fakenova_api():
    sys.path.insert(0, REPO)
    from fakenova.cmd import api
    return api


def _default_threads():
    return _fakenova_api().parse_args([]).threads


def _post(url, body, headers=None):
    import requests
    resp = requests.post(url, json=body, headers=headers)
    if resp.status_code not in (200, 201, 202):
        raise SystemExit('POST %s -> %d %s' % (url, resp.status_code,
                                               resp.text[:300]))
    return resp


def _token(nova_url, name):
    domain = {'name': 'Default'}
    resp = _post(nova_url + '/identity/v3/auth/tokens', {'auth': {
        'identity': {'methods': ['password'], 'password': {'user': {
            'name': name, 'password': name, 'domain': domain}}},
        'scope': {'project': {'name': name, 'domain': domain}}}})
    return (resp.headers['X-Subject-Token'],
            resp.json()['token']['project']['id'])


def prepare(nova_url, servers):
    """A member's token and ``servers`` servers of that member's."""
    import requests
    admin, _admin_project = _token(nova_url, 'admin')
    token, project = _token(nova_url, 'demo')
    version = {'OpenStack-API-Version': 'compute 2.79'}
    # 16 client threads need 16 servers: above the default quota.
    resp = requests.put(
        nova_url + '/v2.1/os-quota-sets/' + project,
        headers=dict(version, **{'X-Auth-Token': admin}),
        json={'quota_set': {'instances': -1, 'cores': -1, 'ram': -1}})
    if resp.status_code != 200:
        raise SystemExit('quota update -> %d %s' % (resp.status_code,
                                                    resp.text[:300]))
    headers = dict(version, **{'X-Auth-Token': token})
    ids = []
    for i in range(servers):
        resp = _post(nova_url + '/v2.1/servers', {'server': {
            'name': 'bench-%d' % i, 'flavorRef': '1', 'imageRef': IMAGE,
            'networks': 'none'}}, headers)
        ids.append(resp.json()['server']['id'])
    return {'headers': headers, 'servers': ids, 'paused': [0] * servers}


def cases(bare_url, servers):
    """(name, pid, case, paused flags) of each case of a round."""
    rows = [('bare waitress hello', None,
             ('get', bare_url + '/hello', None, None), None),
            (BARE_POST, None, ('action', bare_url + '/action/%s', None,
                               list(range(64))), [0] * 64)]
    for kind in ('show', 'action'):
        for mark, nova_url, pid, setup in servers:
            headers, ids = setup['headers'], setup['servers']
            if kind == 'show':
                rows.append(('GET /servers/{id}' + mark, pid, (
                    'get', nova_url + '/v2.1/servers/' + ids[0], headers,
                    None), setup['paused']))
            else:
                rows.append(('pause/unpause' + mark, pid, (
                    'action', nova_url + '/v2.1/servers/%s/action',
                    headers, ids), setup['paused']))
    return rows


def measure(args, n_clients, case, bare_pid):
    """(rate, latencies, server CPU, client CPU a request) of one case."""
    _name, pid, spec, paused = case
    n, elapsed, lat, _ends, cpu, client = run_clients(
        spec, n_clients, args.client_procs, seconds=args.seconds,
        server_pid=pid or bare_pid, paused=paused)
    return n / elapsed, lat, cpu / max(n, 1), client / max(n, 1)


def run_rates(args, clients, bare_url, bare_pid, servers):
    """``servers``: (mark, url, pid, setup) of each fakenova-api."""
    ok = True
    print('\n%.0f s per case, %d round(s) interleaved (bare, bare POST, '
          'show, pause/unpause, bare); shares are of the mean bare rate '
          'before and after the round' % (args.seconds, args.rounds))
    print('%-8s %-30s %9s %7s %8s %8s %10s %10s' % (
        'clients', 'case', 'req/s', 'vs bare', 'p50 ms', 'p99 ms',
        'server us', 'client us'))
    for n_clients in clients:
        rows = {}
        # Each round is bare, the fakenova cases, then bare again (the
        # next round's first): a case's share is of the mean of the bare
        # rates just before and just after it, so that load from
        # elsewhere on the machine drifting during a round weighs on
        # both sides of the ratio.
        bare_case = cases(bare_url, servers)[0]
        measured = [measure(args, n_clients, bare_case, bare_pid)]
        for _round in range(args.rounds):
            done = [(case[0], measure(args, n_clients, case, bare_pid))
                    for case in cases(bare_url, servers)[1:]]
            measured.append(measure(args, n_clients, bare_case, bare_pid))
            bare_rate = (measured[-2][0] + measured[-1][0]) / 2.0
            post_rate = dict(done)[BARE_POST][0]
            for name, sample in [(bare_case[0], measured[-2])] + done:
                rows.setdefault(name, []).append(
                    (sample[0], sample[0] / bare_rate) + sample[1:] +
                    (sample[0] / post_rate,))
        for name, samples in rows.items():
            rate = statistics.median(s[0] for s in samples)
            share = statistics.median(s[1] for s in samples)
            lat = [x for s in samples for x in s[2]]
            cpu_us = statistics.median(s[3] for s in samples) * 1e6
            client_us = statistics.median(s[4] for s in samples) * 1e6
            print('%-8d %-30s %9.1f %6.0f%% %8.2f %8.2f %10.0f %10.0f' % (
                n_clients, name, rate, share * 100,
                percentile(lat, 0.5) * 1000, percentile(lat, 0.99) * 1000,
                cpu_us, client_us))
            if (not name.startswith('bare ') and '[against]' not in name
                    and share < TARGET):
                ok = False
        for name, samples in rows.items():
            if name.startswith('pause/unpause'):
                print('%-8d %-30s %s%6.0f%% of the bare POST' % (
                    n_clients, name, ' ' * 9, statistics.median(
                        s[5] for s in samples) * 100))
    print('target: fakenova-api >= %.0f%% of the bare app: %s' % (
        TARGET * 100, 'met' if ok else 'NOT met'))
    print('(server us: the server process\'s CPU per request; client us: '
          'the client process\'s; 2 shared cores: compare shares, not '
          'absolute rates; "of the bare POST": pause/unpause against the '
          'bare app answering the same POSTs, the same client work, with '
          '202 and no body)')
    return ok


def run_long(args, setup, nova_url, nova_pid):
    """N requests in ten tenths; the first tenth against the last."""
    headers, ids = setup['headers'], setup['servers']
    threads = 4
    show = ('get', nova_url + '/v2.1/servers/' + ids[0], headers, None)
    action = ('action', nova_url + '/v2.1/servers/%s/action', headers, ids)
    # Warm up off the record (first connections, first-request work,
    # the call log filling up to its size).
    for case in (show, action):
        run_clients(case, threads, args.client_procs, count=1000, warmup=0,
                    server_pid=nova_pid, paused=setup['paused'])
    rss0 = rss_mb(nova_pid)
    print('\nlong run: %d requests to fakenova-api (%d client threads), in '
          'tenths: each half GET /servers/{id}, half pause/unpause; RSS at '
          'start %.1f MB' % (args.long, threads, rss0))
    print('%-6s %9s %10s %8s %8s %10s %8s' % (
        'tenth', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'server us',
        'RSS MB'))
    tenths = []
    grown = {'show': 0.0, 'action': 0.0}
    left = args.long
    for tenth in range(10):
        size = left // (10 - tenth)
        left -= size
        n_total, elapsed, lat, cpu = 0, 0.0, [], 0.0
        for case, count in ((show, size // 2), (action, size - size // 2)):
            before = rss_mb(nova_pid)
            n, took, more, _ends, used, _client = run_clients(
                case, threads, args.client_procs, count=count, warmup=0,
                server_pid=nova_pid, paused=setup['paused'])
            grown['show' if case is show else 'action'] += (
                rss_mb(nova_pid) - before)
            n_total += n
            elapsed += took
            lat += more
            cpu += used
        row = (n_total / elapsed, percentile(lat, 0.5) * 1000,
               percentile(lat, 0.99) * 1000, cpu / n_total * 1e6,
               rss_mb(nova_pid))
        tenths.append(row)
        print('%-6d %9d %10.1f %8.2f %8.2f %10.0f %8.1f' % (
            (tenth + 1, n_total) + row))
    first, last = tenths[0], tenths[-1]
    rss1 = last[4]
    print('last tenth vs first: rate %.0f%%, server CPU per request %.0f%%; '
          'RSS %+.1f MB over %d requests' % (
              last[0] / first[0] * 100, last[3] / first[3] * 100,
              rss1 - rss0, args.long))
    print('RSS growth while showing %+.1f MB, while pausing/unpausing '
          '%+.1f MB (each action is kept in the server\'s instance '
          'actions, as Nova keeps them)' % (grown['show'], grown['action']))
    # The CPU per request is the steadier figure on a shared machine.
    ok = last[3] <= 1.25 * first[3]
    print('no degradation (server CPU per request, last tenth within 125%% '
          'of the first): %s' % ('yes' if ok else 'NO'))
    return ok


if __name__ == '__main__':
    sys.exit(main())
