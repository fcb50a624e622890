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

Printed: fixture - requests (the fixture's start-up cost; target: at
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


def _run(code, env):
    start = time.perf_counter()
    subprocess.run([sys.executable, '-c', code], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('-n', type=int, default=15)
    parser.add_argument('--warmup', type=int, default=2)
    parser.add_argument('--no-bytecode', action='store_true',
                        help='keep PYTHONDONTWRITEBYTECODE as it is')
    args = parser.parse_args()
    env = _env(not args.no_bytecode)

    samples = {name: [] for name, _ in CASES}
    for i in range(args.warmup + args.n):
        for name, code in CASES:
            elapsed = _run(code, env)
            if i >= args.warmup:
                samples[name].append(elapsed)
    med = {name: statistics.median(values)
           for name, values in samples.items()}

    print('%-14s %10s %10s %10s' % ('case', 'median ms', 'min ms',
                                    'max ms'))
    for name, _ in CASES:
        print('%-14s %10.1f %10.1f %10.1f' % (
            name, med[name], min(samples[name]), max(samples[name])))
    print()
    cost = med['fixture'] - med['requests']
    first = med['first call'] - med['fixture+req']
    print('fixture start-up (fixture - requests): %7.1f ms  target <= '
          '%.0f ms: %s' % (cost, TARGET_MS,
                           'MET' if cost <= TARGET_MS else 'MISSED'))
    print('first request (first call - fixture+req): %7.1f ms' % first)
    print('(medians of %d runs of each case, taken in turn; a shared '
          'machine is noisy: compare runs, not single figures)' % args.n)


if __name__ == '__main__':
    main()
