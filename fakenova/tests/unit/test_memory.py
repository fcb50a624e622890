"""Bounded memory: a cloud that serves requests all day does not grow.

After a warm-up, 50,000 mixed requests (servers created, acted on and
deleted; lists; logins and token checks; image and control API reads;
console URLs, limits and usage; an admin's flavors, aggregates, quotas
and keystone projects made and removed; a member's security groups;
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
            self.admin = test_security.login(self.app, 'admin', 'admin')
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
            self.send('POST', '/v2.1/servers/%s/remote-consoles' % server_id,
                      {'remote_console': {'protocol': 'vnc',
                                          'type': 'novnc'}},
                      token=token, version='2.6', expect=200),
            self.send('GET', '/v2.1/limits', token=token),
            self.send('GET', '/v2.1/os-simple-tenant-usage', token=self.admin,
                      query='detailed=1'),
            self.send('DELETE', '/v2.1/servers/%s' % server_id,
                      token=token),
        ]
        if n % 4 == 0:
            sent += self.admin_cycle(n)
        return len(sent)

    def admin_cycle(self, n):
        """Resources made and removed again: the cloud keeps no trace."""
        admin = self.admin
        sent = [self.send('POST', '/v2.1/flavors', {'flavor': {
            'name': 'f%d' % n, 'ram': 64, 'vcpus': 1, 'disk': 1,
            'id': 'f%d' % n}}, token=admin, expect=200)]
        sent.append(self.send('DELETE', '/v2.1/flavors/f%d' % n,
                              token=admin, expect=202))
        agg = self.send('POST', '/v2.1/os-aggregates', {'aggregate': {
            'name': 'a%d' % n, 'availability_zone': 'z%d' % n}},
            token=admin, expect=200)
        sent += [agg, self.send('DELETE', '/v2.1/os-aggregates/%s'
                                % agg.json['aggregate']['id'], token=admin,
                                expect=200)]
        project = self.send('POST', '/identity/v3/projects', {'project': {
            'name': 'p%d' % n}}, token=admin, expect=201)
        project_id = project.json['project']['id']
        quota = '/v2.1/os-quota-sets/' + project_id
        sent += [project,
                 self.send('PUT', quota, {'quota_set': {'instances': 3}},
                           token=admin, expect=200),
                 self.send('DELETE', quota, token=admin, expect=202),
                 self.send('DELETE', '/identity/v3/projects/' + project_id,
                           token=admin, expect=204)]
        group = self.send('POST', '/v2.1/os-security-groups', {
            'security_group': {'name': 'g%d' % n, 'description': 'd'}},
            token=self.token, expect=200)
        sent += [group, self.send(
            'DELETE', '/v2.1/os-security-groups/%s'
            % group.json['security_group']['id'], token=self.token,
            expect=202)]
        return sent

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


class ActionsPerServerTest(base.APITestCase):
    """A live server acted on without end keeps its newest actions."""

    def test_oldest_actions_go_first(self):
        self.store.keep_actions_per_server = 4
        server_id = self.create_server()
        path = '/v2.1/servers/%s/action' % server_id
        for body in ({'pause': None}, {'unpause': None}) * 3:
            self.assertEqual(202, self.request('POST', path, body).status)
        resp = self.request(
            'GET', '/v2.1/servers/%s/os-instance-actions' % server_id)
        names = [a['action'] for a in resp.json['instanceActions']]
        # Newest first: the create and the first two went.
        self.assertEqual(['unpause', 'pause', 'unpause', 'pause'], names)
        self.assertEqual(4, len(self.store.actions[server_id]))
