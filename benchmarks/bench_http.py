#!/usr/bin/env python
"""Requests per second over HTTP (a script, not a test).

    PYTHONPATH=. python benchmarks/bench_http.py [--seconds 5] [--clients 4]

Starts two servers as subprocesses, each waitress with the same number of
threads, and drives each with the same client (N threads, one
requests.Session per thread, keep-alive) for the same time:

  bare          a "hello" WSGI app (no framework) served by waitress: the
                floor for any app behind waitress on this machine
  show          GET /v2.1/servers/{id} of fakenova-api (full paste
                pipeline, keystone token check, policy, view)
  pause/unpause POST /v2.1/servers/{id}/action, pause then unpause (each
                client thread on its own server, so no 409s)

and prints requests per second and each rate as a share of the bare
app's. Target: >= 50% of the bare app's rate. fakenova-api runs as
shipped (access log on; its output is discarded); ``--quiet-server``
passes ``--log-level WARNING`` to see the cost of the log.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import requests

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b'
TARGET = 0.5

BARE_APP = '''
import sys
import waitress

BODY = b'{"hello": "world"}'


def app(environ, start_response):
    start_response('200 OK', [('Content-Type', 'application/json'),
                              ('Content-Length', str(len(BODY)))])
    return [BODY]


waitress.serve(app, host='127.0.0.1', port=int(sys.argv[1]),
               threads=int(sys.argv[2]), _quiet=True)
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


def drive(make_worker, clients, seconds):
    """Run ``clients`` threads of ``make_worker(i)()`` calls; req/s."""
    counts = [0] * clients
    errors = []
    stop_at = []
    barrier = threading.Barrier(clients + 1)

    def run(i):
        step = make_worker(i)
        barrier.wait()
        n = 0
        try:
            while time.monotonic() < stop_at[0]:
                step()
                n += 1
        except Exception as exc:  # reported below
            errors.append(exc)
        counts[i] = n

    threads = [threading.Thread(target=run, args=(i,))
               for i in range(clients)]
    for t in threads:
        t.start()
    stop_at.append(time.monotonic() + seconds)
    start_time = time.monotonic()
    barrier.wait()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start_time
    if errors:
        raise SystemExit('client error: %r' % errors[0])
    return sum(counts), elapsed


def expect(resp, status):
    if resp.status_code != status:
        raise RuntimeError('%s %s -> %d %s' % (
            resp.request.method, resp.request.url, resp.status_code,
            resp.text[:200]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--seconds', type=float, default=5.0)
    parser.add_argument('--clients', type=int, default=4)
    parser.add_argument('--threads', type=int, default=4,
                        help='waitress threads of both servers')
    parser.add_argument('--quiet-server', action='store_true')
    args = parser.parse_args()

    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join(
        [REPO] + [p for p in [env.get('PYTHONPATH')] if p])
    bare_port, nova_port = free_port(), free_port()
    bare_url = 'http://127.0.0.1:%d' % bare_port
    nova_url = 'http://127.0.0.1:%d' % nova_port
    nova_cmd = [sys.executable, '-m', 'fakenova.cmd.api', '--port',
                str(nova_port), '--threads', str(args.threads)]
    if args.quiet_server:
        nova_cmd += ['--log-level', 'WARNING']
    bare = start([sys.executable, '-c', BARE_APP, str(bare_port),
                  str(args.threads)], bare_url + '/', env=env)
    nova = start(nova_cmd, nova_url + '/', env=env)
    try:
        rows = run_all(args, bare_url, nova_url)
    finally:
        codes = (stop(bare), stop(nova))
    report(args, rows, codes)


def run_all(args, bare_url, nova_url):
    domain = {'name': 'Default'}
    identity = {'methods': ['password'], 'password': {'user': {
        'name': 'demo', 'password': 'demo', 'domain': domain}}}
    scope = {'project': {'name': 'demo', 'domain': domain}}
    resp = requests.post(nova_url + '/identity/v3/auth/tokens',
                         json={'auth': {'identity': identity,
                                        'scope': scope}})
    expect(resp, 201)
    headers = {'X-Auth-Token': resp.headers['X-Subject-Token'],
               'OpenStack-API-Version': 'compute 2.79'}
    servers = []
    for i in range(args.clients):
        resp = requests.post(nova_url + '/v2.1/servers', headers=headers,
                             json={'server': {'name': 'bench-%d' % i,
                                              'flavorRef': '1',
                                              'imageRef': IMAGE,
                                              'networks': 'none'}})
        expect(resp, 202)
        servers.append(resp.json()['server']['id'])

    paused = [0] * args.clients

    def bare_worker(i):
        sess = requests.Session()

        def step():
            expect(sess.get(bare_url + '/hello'), 200)
        return step

    def show_worker(i):
        sess = requests.Session()
        sess.headers.update(headers)
        url = nova_url + '/v2.1/servers/' + servers[i]

        def step():
            expect(sess.get(url), 200)
        return step

    def action_worker(i):
        sess = requests.Session()
        sess.headers.update(headers)
        url = nova_url + '/v2.1/servers/%s/action' % servers[i]
        actions = [{'pause': None}, {'unpause': None}]

        def step():
            # paused[i] survives the warm-up: the next action is valid.
            expect(sess.post(url, json=actions[paused[i]]), 202)
            paused[i] ^= 1
        return step

    # Warm both servers up (imports, first-request work) off the clock.
    for worker in (bare_worker, show_worker, action_worker):
        drive(worker, args.clients, 0.5)
    rows = []
    for name, worker in (('bare waitress hello', bare_worker),
                         ('GET /servers/{id}', show_worker),
                         ('pause/unpause', action_worker)):
        n, elapsed = drive(worker, args.clients, args.seconds)
        rows.append((name, n, elapsed, n / elapsed))
    return rows


def report(args, rows, codes):
    bare_rate = rows[0][3]
    print('%d client threads (requests.Session each), %d waitress '
          'threads, %.0f s per row, Python %s' % (
              args.clients, args.threads, args.seconds,
              sys.version.split()[0]))
    print('%-22s %9s %8s %10s %8s' % ('scenario', 'requests', 'seconds',
                                      'req/s', 'vs bare'))
    ok = True
    for name, n, elapsed, rate in rows:
        ratio = rate / bare_rate
        print('%-22s %9d %8.2f %10.1f %7.0f%%' % (
            name, n, elapsed, rate, ratio * 100))
        if rate is not bare_rate and ratio < TARGET:
            ok = False
    print('target: fakenova >= %.0f%% of the bare app: %s' % (
        TARGET * 100, 'met' if ok else 'NOT met'))
    print('exit codes after SIGTERM: bare %s, fakenova-api %s' % codes)
    return ok


if __name__ == '__main__':
    main()
