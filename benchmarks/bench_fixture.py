#!/usr/bin/env python
"""The FakeNova fixture's costs (a script, not a test).

    python benchmarks/bench_fixture.py [-n 2000]

Medians, all measured in one run:

  setup       FakeNova().setUp() + cleanUp()
  canned      POST pause answered by a canned requests-mock response
              (what client test suites use today: the baseline)
  mock        the same pause through requests, answered by the fake
              registered on a requests-mock Mocker
  intercept   the same pause through requests, answered by the fake
              mounted with wsgi-intercept

Targets (from the issue): setUp+cleanUp under 1 ms; the requests-mock
mode within 1.5x of the canned baseline; wsgi-intercept within 2x.
"""

import argparse
import os
import statistics
import sys
import time

import requests
import requests_mock

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from fakenova.fixture import FakeNova  # noqa: E402


def median_us(fn, n, warmup):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(n):
        start = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - start)
    return statistics.median(samples) / 1000.0


def bench_setup(n, warmup):
    def once():
        fake = FakeNova()
        fake.setUp()
        fake.cleanUp()
    return median_us(once, n, warmup)


def _pause_pair(session, url, headers):
    """pause then unpause: each pair leaves the server as it found it."""
    def once():
        r = session.post(url, json={'pause': None}, headers=headers)
        assert r.status_code == 202, r.text
        r = session.post(url, json={'unpause': None}, headers=headers)
        assert r.status_code == 202, r.text
    return once


def bench_canned(n, warmup):
    session = requests.Session()
    url = 'http://canned.test/v2.1/servers/abc/action'
    with requests_mock.Mocker(session=session) as mocker:
        mocker.post(url, status_code=202, text='',
                    headers={'x-openstack-request-id': 'req-1'})
        return median_us(_pause_pair(session, url, {'X-Auth-Token': 't'}),
                         n, warmup) / 2


def bench_mock(n, warmup):
    session = requests.Session()
    with requests_mock.Mocker(session=session) as mocker:
        fake = FakeNova(requests_mock=mocker)
        fake.setUp()
        try:
            server = fake.create_server()
            url = '%s/servers/%s/action' % (fake.endpoint, server['id'])
            headers = {'X-Auth-Token': fake.token()}
            return median_us(_pause_pair(session, url, headers), n,
                             warmup) / 2
        finally:
            fake.cleanUp()


def bench_intercept(n, warmup):
    fake = FakeNova()
    fake.setUp()
    try:
        session = requests.Session()
        server = fake.create_server()
        url = '%s/servers/%s/action' % (fake.endpoint, server['id'])
        headers = {'X-Auth-Token': fake.token()}
        return median_us(_pause_pair(session, url, headers), n, warmup) / 2
    finally:
        fake.cleanUp()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('-n', type=int, default=2000)
    parser.add_argument('--warmup', type=int, default=200)
    args = parser.parse_args()
    n, warmup = args.n, args.warmup

    setup = bench_setup(n, warmup)
    canned = bench_canned(n, warmup)
    mock = bench_mock(n, warmup)
    intercept = bench_intercept(n, warmup)

    print('%-46s %10s %9s' % ('case', 'median us', 'x canned'))
    print('%-46s %10.1f %9s' % ('FakeNova setUp+cleanUp', setup, '-'))
    for label, value in (
            ('pause, canned requests-mock response', canned),
            ('pause, fake on requests-mock', mock),
            ('pause, fake through wsgi-intercept', intercept)):
        print('%-46s %10.1f %9.2f' % (label, value, value / canned))
    print()
    print('targets: setUp+cleanUp < 1000 us: %s; requests-mock <= 1.5x: '
          '%s; wsgi-intercept <= 2x: %s' % (
              'MET' if setup < 1000 else 'MISSED',
              'MET' if mock / canned <= 1.5 else 'MISSED',
              'MET' if intercept / canned <= 2.0 else 'MISSED'))


if __name__ == '__main__':
    main()
