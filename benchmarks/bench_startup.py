#!/usr/bin/env python
"""What a test process pays to start the FakeNova fixture (a script).

    python benchmarks/bench_startup.py [-n 15]

Each case is a new Python process, timed from outside (wall clock, start
to exit); the cases take turns (A B C D A B C D ...) so that a drift of
the machine's speed touches them alike. Medians of ``-n`` runs each:

  requests     python -c 'import requests' (the baseline: what any
               client test process imports anyway)
  fixture      import fakenova.fixture, one FakeNova().setUp()/cleanUp()
  fixture+req  import requests, then the same
  first call   import requests, setUp, one GET /servers through requests
               (wsgi-intercept), cleanUp

Wall-clock and CPU (user + sys of the process) medians; on a loaded
machine the CPU figures are the steadier. Printed, for both:
fixture - requests (the fixture's start-up cost; target: at
most 150 ms, issue 14) and first call - fixture+req (what the first
request adds: the compute API, the policy engine and the middleware
are imported and built then, not at import).

Python's bytecode cache is allowed (a warm-up run writes the
``__pycache__`` files) as in an ordinary test run, even where
PYTHONDONTWRITEBYTECODE is set; ``--no-bytecode`` keeps the environment
as it is.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TARGET_MS = 150.0

_SETUP = ('from fakenova.fixture import FakeNova\n'
          'fake = FakeNova()\n'
          'fake.setUp()\n')
_REQUEST = ("r = requests.get(fake.endpoint + '/servers',\n"
            "                 headers={'X-Auth-Token': fake.token()})\n"
            "assert r.status_code == 200, r.text\n")

CASES = (
    ('requests', 'import requests\n'),
    ('fixture', _SETUP + 'fake.cleanUp()\n'),
    ('fixture+req', 'import requests\n' + _SETUP + 'fake.cleanUp()\n'),
    ('first call', 'import requests\n' + _SETUP + _REQUEST
     + 'fake.cleanUp()\n'),
)


def _env(bytecode):
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join(
        [REPO] + ([env['PYTHONPATH']] if env.get('PYTHONPATH') else []))
    if bytecode:
        env.pop('PYTHONDONTWRITEBYTECODE', None)
    return env


def _cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(code, env):
    """(wall ms, cpu ms) of one process running ``code``."""
    cpu = _cpu()
    start = time.perf_counter()
    # cwd: ``python -c`` puts it first on sys.path, before PYTHONPATH.
    subprocess.run([sys.executable, '-c', code], env=env, check=True,
                   cwd=REPO, stdout=subprocess.DEVNULL)
    return ((time.perf_counter() - start) * 1000.0,
            (_cpu() - cpu) * 1000.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('-n', type=int, default=15)
    parser.add_argument('--warmup', type=int, default=2)
    parser.add_argument('--no-bytecode', action='store_true',
                        help='keep PYTHONDONTWRITEBYTECODE as it is')
    args = parser.parse_args()
    env = _env(not args.no_bytecode)

    wall = {name: [] for name, _ in CASES}
    cpu = {name: [] for name, _ in CASES}
    for i in range(args.warmup + args.n):
        for name, code in CASES:
            elapsed, used = _run(code, env)
            if i >= args.warmup:
                wall[name].append(elapsed)
                cpu[name].append(used)

    print('%-14s %10s %10s %10s %10s' % ('case', 'wall ms', 'min', 'max',
                                         'cpu ms'))
    for name, _ in CASES:
        print('%-14s %10.1f %10.1f %10.1f %10.1f' % (
            name, statistics.median(wall[name]), min(wall[name]),
            max(wall[name]), statistics.median(cpu[name])))
    print()
    for label, samples in (('wall', wall), ('cpu', cpu)):
        med = {name: statistics.median(v) for name, v in samples.items()}
        cost = med['fixture'] - med['requests']
        first = med['first call'] - med['fixture+req']
        print('%-4s fixture start-up (fixture - requests): %7.1f ms  '
              'target <= %.0f ms: %s' % (
                  label, cost, TARGET_MS,
                  'MET' if cost <= TARGET_MS else 'MISSED'))
        print('%-4s first request (first call - fixture+req): %7.1f ms'
              % (label, first))
    print('(medians of %d runs of each case, taken in turn; a shared '
          'machine is noisy: compare runs, not single figures)' % args.n)


if __name__ == '__main__':
    main()
