#!/usr/bin/env python
"""The FakeNova fixture's costs (a script, not a test).

    python benchmarks/bench_fixture.py [-n 2000]

Medians, all measured in one run:

  setup       FakeNova().setUp() + cleanUp()
  canned      POST pause answered by a canned requests-mock response
              (what client test suites use today: the baseline)
  mock        the same pause through requests, answered by the fake
              registered on a requests-mock Mocker
  default     the same pause through requests, answered by the fake
              mounted the default way (FakeNova(): the requests
              transport of fakenova/transport.py, which hands the
              request to the app without urllib3 or http.client)
  intercept   the same, the fake mounted with
              FakeNova(transport='wsgi-intercept') (a socket emulated
              under urllib3 and http.client: what the default was)
  floors      a null WSGI app (202, no body) through wsgi-intercept and
              through the transport: what each mount costs by itself

Targets: setUp+cleanUp under 1 ms; the requests-mock mode within 1.5x
of the canned baseline, the default mount within 2x (the first speed
issue); issue 14: requests-mock within 1.1x, the default mount within
1.2x.

Each case is measured alone (sequential) and then interleaved -- one
pause+unpause pair of each case per iteration -- so that background load
on a shared machine hits every case alike; the ratios of the
interleaved run are the ones to compare.
"""

import argparse
import os
import statistics
import sys
import time

import requests
import requests_mock

from benchstats import median_us

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from fakenova.fixture import FakeNova  # noqa: E402


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


def null_app(environ, start_response):
    """The floor: a WSGI app that does nothing (202, no body)."""
    start_response('202 Accepted', [('Content-Length', '0')])
    return []


# Each case: a function returning (pause pair, cleanup); the fixture's
# cases build the fake (and its mount) once, outside the timings.

def case_canned():
    session = requests.Session()
    url = 'http://canned.test/v2.1/servers/abc/action'
    mocker = requests_mock.Mocker(session=session)
    mocker.start()
    mocker.post(url, status_code=202, text='',
                headers={'x-openstack-request-id': 'req-1'})
    return _pause_pair(session, url, {'X-Auth-Token': 't'}), mocker.stop


def _fake_case(session, **kwargs):
    fake = FakeNova(**kwargs)
    fake.setUp()
    server = fake.create_server()
    url = '%s/servers/%s/action' % (fake.endpoint, server['id'])
    return (_pause_pair(session, url, {'X-Auth-Token': fake.token()}),
            fake.cleanUp)


def case_mock():
    session = requests.Session()
    mocker = requests_mock.Mocker(session=session)
    mocker.start()
    once, cleanup = _fake_case(session, requests_mock=mocker)

    def stop():
        cleanup()
        mocker.stop()
    return once, stop


def case_default():
    return _fake_case(requests.Session())


def case_intercept():
    return _fake_case(requests.Session(), transport='wsgi-intercept')


def case_null_intercept():
    import wsgi_intercept

    from fakenova import fixture
    host = 'null-intercept.test'
    fixture._install_intercepts()
    wsgi_intercept.add_wsgi_intercept(host, 80, lambda: null_app)

    def stop():
        wsgi_intercept.remove_wsgi_intercept(host, 80)
        fixture._uninstall_intercepts()
    return _pause_pair(requests.Session(), 'http://%s/x' % host,
                       {'X-Auth-Token': 't'}), stop


def case_null_transport():
    from fakenova import transport
    host = 'null-transport.test'
    transport.install()
    transport.add(host, 80, lambda: null_app)

    def stop():
        transport.remove(host, 80)
        transport.uninstall()
    return _pause_pair(requests.Session(), 'http://%s/x' % host,
                       {'X-Auth-Token': 't'}), stop


CASES = (
    ('canned', 'pause, canned requests-mock response', case_canned),
    ('mock', 'pause, fake on requests-mock', case_mock),
    ('default', 'pause, fake mounted (default transport)', case_default),
    ('intercept', "pause, fake mounted (transport='wsgi-intercept')",
     case_intercept),
    ('null-intercept', 'floor: null app through wsgi-intercept',
     case_null_intercept),
    ('null-transport', 'floor: null app through the transport',
     case_null_transport),
)


def bench_sequential(n, warmup):
    """Medians (us per request) of each case measured alone."""
    result = {}
    for key, _label, make in CASES:
        once, cleanup = make()
        try:
            result[key] = median_us(once, n, warmup) / 2
        finally:
            cleanup()
    return result


def bench_interleaved(n, warmup):
    """Medians (us per request) of the cases, sampled in turn."""
    cases = []
    try:
        for key, _label, make in CASES:
            once, cleanup = make()
            cases.append((key, once, cleanup))
        samples = {key: [] for key, _once, _cleanup in cases}
        clock = time.perf_counter_ns
        for i in range(n + warmup):
            for key, once, _cleanup in cases:
                start = clock()
                once()
                if i >= warmup:
                    samples[key].append(clock() - start)
    finally:
        for _key, _once, cleanup in reversed(cases):
            cleanup()
    return {key: statistics.median(values) / 2000.0
            for key, values in samples.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('-n', type=int, default=2000)
    parser.add_argument('--warmup', type=int, default=200)
    args = parser.parse_args()
    n, warmup = args.n, args.warmup

    setup = bench_setup(n, warmup)
    sequential = bench_sequential(n, warmup)
    interleaved = bench_interleaved(n, warmup)

    print('%-50s %10s %9s' % ('case', 'median us', 'x canned'))
    print('%-50s %10.1f %9s' % ('FakeNova setUp+cleanUp', setup, '-'))
    for mode, res in (('sequential', sequential),
                      ('interleaved', interleaved)):
        canned = res['canned']
        print('-- %s' % mode)
        for key, label, _make in CASES:
            print('%-50s %10.1f %9.2f' % (label, res[key],
                                          res[key] / canned))
    print()

    def verdict(ok):
        return 'MET' if ok else 'MISSED'
    print('targets: setUp+cleanUp < 1000 us: %s' % verdict(setup < 1000))
    for mode, res in (('sequential', sequential),
                      ('interleaved', interleaved)):
        canned = res['canned']
        mock = res['mock'] / canned
        default = res['default'] / canned
        intercept = res['intercept'] / canned
        print('  %-11s requests-mock %.2fx (<= 1.5x: %s; issue 14 '
              '<= 1.1x: %s)' % (mode, mock, verdict(mock <= 1.5),
                                verdict(mock <= 1.1)))
        print('  %-11s default mount %.2fx (<= 2x: %s; issue 14 '
              '<= 1.2x: %s)' % (mode, default, verdict(default <= 2.0),
                                verdict(default <= 1.2)))
        print('  %-11s (forced wsgi-intercept %.2fx; its null-app floor '
              '%.2fx, the transport\'s %.2fx)' % (
                  mode, intercept, res['null-intercept'] / canned,
                  res['null-transport'] / canned))


if __name__ == '__main__':
    main()
