"""Conflicting actions sent at the same time: exactly one wins.

Threads start in lock-step (a ``threading.Barrier``) and call the same
app object. Pacing is ``polls`` so that the transitional state (e.g.
``pausing``) is still there when the losers are checked; the server is
settled with :meth:`Store.complete` between rounds.
"""

import json
import sys
import threading

import testtools
import webob

from fakenova.tests.unit import base

ROUNDS = 50


class ConcurrentActionsTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        # Switch threads as often as possible: more interleavings.
        self.addCleanup(sys.setswitchinterval, sys.getswitchinterval())
        sys.setswitchinterval(1e-6)
        self.app = base.load_app(pacing='polls', polls=5)
        self.store = base.find_router(self.app).store
        self.assertEqual('polls', self.store.pacing)
        self.assertEqual(5, self.store.polls)
        resp = self._send('POST', '/v2.1/servers', {'server': {
            'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': '1'}})
        self.assertEqual(202, resp.status_int, resp.body)
        self.server_id = json.loads(resp.body)['server']['id']
        self.store.complete(self.server_id)
        self.assertEqual('active', self._vm_state())

    def _send(self, method, path, body=None):
        req = webob.Request.blank(path, method=method)
        req.headers['X-Auth-Token'] = base.OWNER
        if body is not None:
            req.body = json.dumps(body).encode()
            req.content_type = 'application/json'
        return req.get_response(self.app)

    def _vm_state(self):
        with self.store.lock:
            server = self.store.servers[self.server_id]
            self.store.settle(server, read=False)
            return server.vm_state

    def _race(self, bodies):
        """Send ``bodies`` at once (one thread each); [(body, response)]."""
        barrier = threading.Barrier(len(bodies))
        results = [None] * len(bodies)
        path = '/v2.1/servers/%s/action' % self.server_id

        def worker(i, body):
            barrier.wait()
            results[i] = self._send('POST', path, body)

        threads = [threading.Thread(target=worker, args=(i, b))
                   for i, b in enumerate(bodies)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
            self.assertFalse(t.is_alive())
        return list(zip(bodies, results))

    def _assert_one_winner(self, outcomes):
        codes = sorted(r.status_int for _b, r in outcomes)
        self.assertEqual([202] + [409] * (len(outcomes) - 1), codes,
                         [(b, r.status_int, r.body) for b, r in outcomes])
        for _b, r in outcomes:
            if r.status_int == 409:
                fault = json.loads(r.body)['conflictingRequest']
                self.assertEqual(409, fault['code'])
        return next(b for b, r in outcomes if r.status_int == 202)

    def _restore(self, winner_key):
        """Settle the winner and bring the server back to ACTIVE."""
        self.store.complete(self.server_id)
        undo = {'pause': 'unpause', 'suspend': 'resume',
                'os-stop': 'os-start'}[winner_key]
        resp = self._send('POST', '/v2.1/servers/%s/action' % self.server_id,
                          {undo: None})
        self.assertEqual(202, resp.status_int, resp.body)
        self.store.complete(self.server_id)
        self.assertEqual('active', self._vm_state())

    def _rounds(self, bodies):
        winners = []
        for _ in range(ROUNDS):
            winner = self._assert_one_winner(self._race(bodies))
            key = next(iter(winner))
            expected = {'pause': 'paused', 'suspend': 'suspended',
                        'os-stop': 'stopped'}[key]
            self.store.complete(self.server_id)
            self.assertEqual(expected, self._vm_state())
            winners.append(key)
            self._restore(key)
        return winners

    def test_two_threads_pause_vs_pause(self):
        self._rounds([{'pause': None}] * 2)

    def test_eight_threads_pause(self):
        self._rounds([{'pause': None}] * 8)

    def test_mixed_pause_suspend_stop(self):
        winners = self._rounds([{'pause': None}, {'suspend': None},
                                {'os-stop': None}])
        self.assertEqual(ROUNDS, len(winners))

    def test_mixed_eight_threads(self):
        bodies = [{'pause': None}, {'suspend': None}, {'os-stop': None}] * 3
        self._rounds(bodies[:8])

    def test_one_action_recorded_per_round(self):
        self._rounds([{'pause': None}] * 4)
        resp = self._send(
            'GET', '/v2.1/servers/%s/os-instance-actions' % self.server_id)
        actions = [a['action'] for a in
                   json.loads(resp.body)['instanceActions']]
        # create + (pause + unpause) per round, never a loser's action.
        self.assertEqual(1 + 2 * ROUNDS, len(actions))
        self.assertEqual(ROUNDS, actions.count('pause'))
