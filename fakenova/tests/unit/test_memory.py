"""Bounded memory: a cloud that serves requests all day does not grow.

After a warm-up, 50,000 mixed requests (servers created, acted on and
deleted; lists; logins and token checks; image and control API reads;
refused requests, some with large bodies) must grow the process by less
than 10 MB. Before the call log became a ring, deleted servers' records
were purged and expired tokens dropped, the same run grew by about
45 MB (0.9 KB a request).

``FAKENOVA_MEMORY_REQUESTS=N`` changes the number of requests.
"""

import gc
import os

import testtools

from fakenova.tests.unit import base
from fakenova.tests.unit import test_security

REQUESTS = int(os.environ.get('FAKENOVA_MEMORY_REQUESTS') or 50000)
WARM_UP = 6000
LIMIT_MB = 10.0
CONTROL_TOKEN = 'control-secret'
_STATUS = '/proc/self/status'


def rss_mb():
    with open(_STATUS) as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024.0
    raise LookupError('no VmRSS in %s' % _STATUS)


class Workload:
    """One cloud and a cycle of typical (and refused) requests."""

    # Refused (values over 255 characters): a 25 KB body in the call log.
    # Refused (metadata values over 255 characters): a 25 KB body.
    BIG = {'server': {'name': 'big', 'imageRef': base.IMAGE,
                      'flavorRef': '1', 'metadata': {
                          'k%d' % i: 'v' * 300 for i in range(80)}}}

    def __init__(self):
        self.app = base.load_app('cloud', control_token=CONTROL_TOKEN)
        self.token = None
        self.cycles = 0

    def send(self, method, path, body=None, token=None, expect=None, **kw):
        resp = base.send(self.app, method, path, body, token=token, **kw)
        if resp.status >= 500 or expect and resp.status != expect:
            raise AssertionError('%s %s -> %s %r' % (
                method, path, resp.status, resp.body[:200]))
        return resp

    def cycle(self):
        """About 20 requests; returns how many."""
        n = self.cycles
        self.cycles += 1
        if n % 5 == 0:  # clients log in again now and then
            self.token = test_security.login(self.app, 'demo', 'demo')
        token = self.token
        sent = [self.send('POST', '/v2.1/servers', {'server': {
            'name': 'vm%d' % n, 'imageRef': base.IMAGE, 'flavorRef': '1',
            'metadata': {'role': 'web' * 10}, 'user_data': 'aGVsbG8=',
            'networks': 'auto'}}, token=token, version='2.90')]
        server_id = sent[0].json['server']['id']
        action = '/v2.1/servers/%s/action' % server_id
        for body in ({'pause': None}, {'unpause': None},
                     {'reboot': {'type': 'SOFT'}}, {'os-stop': None},
                     {'os-start': None}, {'lock': None}, {'unlock': None},
                     {'pause': {'junk': 1}}):
            sent.append(self.send('POST', action, body, token=token))
        sent += [
            self.send('GET', '/v2.1/servers/detail', token=token),
            self.send('GET', '/v2.1/servers/%s/os-instance-actions'
                      % server_id, token=token),
            self.send('PUT', '/v2.1/servers/%s/metadata/a' % server_id,
                      {'meta': {'a': 'b'}}, token=token),
            self.send('GET', '/image/v2/images', token=token),
            self.send('GET', '/v2.1/flavors/detail', token=token),
            self.send('GET', '/v2.1/servers/%s' % server_id, token='bogus'),
            self.send('POST', '/v2.1/servers', self.BIG, token=token,
                      expect=400),
            self.send('GET', '/identity/v3/auth/tokens', token=token,
                      headers={'X-Subject-Token': token}),
            self.send('GET', '/_fakenova/state', token=CONTROL_TOKEN),
            self.send('POST', '/identity/v3/auth/tokens',
                      test_security.password_auth('demo', 'wrong'),
                      token=None),
            self.send('DELETE', '/v2.1/servers/%s' % server_id,
                      token=token),
        ]
        return len(sent)

    def run(self, requests):
        done = 0
        while done < requests:
            done += self.cycle()
        return done


@testtools.skipUnless(os.path.exists(_STATUS), 'needs /proc (Linux)')
class BoundedMemoryTest(testtools.TestCase):

    def test_mixed_requests_do_not_grow_the_process(self):
        work = Workload()
        work.run(WARM_UP)
        gc.collect()
        before = rss_mb()
        done = work.run(REQUESTS)
        gc.collect()
        grown = rss_mb() - before
        cloud = work.app.cloud
        self.assertGreaterEqual(done, REQUESTS)
        self.assertLess(grown, LIMIT_MB, '%d requests grew the process by '
                        '%.1f MB' % (done, grown))
        # What keeps it bounded (defaults of fakenova-api and the fixture).
        self.assertEqual(cloud.calls.size, len(cloud.calls))
        self.assertLessEqual(len(cloud.store.actions),
                             cloud.store.keep_deleted_servers + 1)
        self.assertLessEqual(len(cloud.identity.tokens),
                             cloud.identity.max_tokens)
