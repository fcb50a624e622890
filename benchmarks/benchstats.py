"""What the benchmark scripts share: the median of a timed call."""

import statistics
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
