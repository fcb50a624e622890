"""What the benchmark scripts share: the median of a timed call."""

import json
import os
import statistics
import subprocess
import sys
import time


def median_us(fn, n, warmup=5, clock=time.perf_counter_ns):
    """The median of ``n`` timings of ``fn()`` in µs, after ``warmup``
    untimed calls. ``clock``: wall (perf_counter_ns, the default) or
    this process's CPU (process_time_ns, steadier on a shared machine).
    """
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(n):
        start = clock()
        fn()
        samples.append(clock() - start)
    return statistics.median(samples) / 1000.0


def by_size(script, sizes, n, rounds=1, repo=None):
    """{size: {figure: value}}: ``script --one SIZE -n N`` (which prints
    its figures as JSON on its last line) run in a fresh process for
    each size, ``rounds`` times with the sizes interleaved; each figure
    is the best round's (the least disturbed by whatever else the
    machine runs). ``repo``: the checkout whose fakenova is measured.
    """
    repo = os.path.abspath(repo or os.path.dirname(os.path.dirname(
        os.path.abspath(script))))
    results = {}
    for _round in range(rounds):
        for size in sizes:
            proc = subprocess.run(
                [sys.executable, os.path.abspath(script), '--one',
                 str(size), '-n', str(n), '--repo', repo],
                stdout=subprocess.PIPE, check=True, cwd=repo,
                env=dict(os.environ, PYTHONPATH=repo))
            got = json.loads(proc.stdout.decode().splitlines()[-1])
            best = results.setdefault(size, got)
            for key, value in got.items():
                best[key] = min(best[key], value)
    return results


def print_growth(rows, results, sizes, width=36):
    """One line per (figure, label, unit) of ``rows``: its value at each
    size and its ratio to the first size's.
    """
    first = sizes[0]
    print('%-*s %s' % (width, 'case', ''.join('%22s' % ('N=%d' % s)
                                              for s in sizes)))
    for key, label, unit in rows:
        cells = []
        for size in sizes:
            value = results[size][key]
            ratio = value / results[first][key] if results[first][key] else 0
            text = ('%.3f' if unit == 's' else '%.1f') % value
            cells.append('%12s%s %6.2fx' % (text, unit.rjust(2), ratio))
        print('%-*s %s' % (width, label, ''.join('%22s' % c for c in cells)))
