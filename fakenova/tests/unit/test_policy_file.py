"""The policy file: loaded, re-read when it changes, never fatal."""

import os

import fixtures

from fakenova import policy
from fakenova.tests.unit import base

PAUSE = 'os_compute_api:os-pause-server:pause'


class PolicyFileTest(base.APITestCase):

    def _app_with_file(self, text):
        tmp = self.useFixture(fixtures.TempDir())
        path = os.path.join(tmp.path, 'policy.yaml')
        with open(path, 'w') as f:
            f.write(text)
        self.app = base.load_app(policy_file=path)
        self.cloud = self.app.cloud
        self.router = self.cloud.compute
        self.router.authorizer.check_interval = 0
        return path

    def _rewrite(self, path, text):
        with open(path, 'w') as f:
            f.write(text)
        # Make sure the change is visible even on coarse-mtime filesystems.
        st = os.stat(path)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10 ** 9))

    def test_file_rule_applies(self):
        self._app_with_file('"%s": "role:admin"\n' % PAUSE)
        sid = self.create_server()
        resp = self.action(sid, {'pause': None})
        self.assertFault(resp, 403, "Policy doesn't allow %s to be "
                         "performed." % PAUSE)
        self.assertEqual(202, self.action(sid, {'pause': None},
                                          token=base.ADMIN).status)

    def test_change_is_picked_up_without_restart(self):
        path = self._app_with_file('"%s": "role:admin"\n' % PAUSE)
        sid = self.create_server()
        self.assertEqual(403, self.action(sid, {'pause': None}).status)
        self._rewrite(path, '"%s": "rule:admin_or_owner"\n' % PAUSE)
        self.assertEqual(202, self.action(sid, {'pause': None}).status)

    def test_broken_file_keeps_previous_rules(self):
        path = self._app_with_file('"%s": "role:admin"\n' % PAUSE)
        sid = self.create_server()
        self.assertEqual(403, self.action(sid, {'pause': None}).status)
        self._rewrite(path, '{this is: [not yaml\n')
        resp = self.action(sid, {'pause': None})
        # Still the old rule, and no 500.
        self.assertEqual(403, resp.status)
        self.assertIn('policy.yaml', self.router.authorizer.last_error)

    def test_rule_with_syntax_error_is_refused(self):
        # oslo.policy alone would make the rule deny everyone and log a
        # traceback; the file is refused instead (fakenova-api stops with
        # that line; test_startup).
        exc = self.assertRaises(policy.PolicyFileError, self._app_with_file,
                                '"%s": "role:member or"\n' % PAUSE)
        self.assertIn("Rule %s: cannot parse check string 'role:member or'"
                      % PAUSE, str(exc))

    def test_json_file_accepted(self):
        self._app_with_file('{"%s": "role:admin"}' % PAUSE)
        sid = self.create_server()
        self.assertEqual(403, self.action(sid, {'pause': None}).status)


class SetRulesTest(base.APITestCase):

    def test_invalid_rule_raises_and_changes_nothing(self):
        self.cloud.set_policy({PAUSE: 'role:admin'})
        authorizer = self.cloud.authorizer
        self.assertRaises(policy.InvalidRule, self.cloud.set_policy,
                          {PAUSE: 'role:admin or', 'other': 'role:x'})
        self.assertIs(authorizer, self.cloud.authorizer)
        sid = self.create_server()
        self.assertEqual(403, self.action(sid, {'pause': None}).status)
        self.assertNotIn('other', authorizer.enforcer.rules)

    def test_decisions_are_cached_and_invalidated(self):
        self.cloud.set_policy({})
        authorizer = self.cloud.authorizer
        sid = self.create_server()
        self.assertEqual(202, self.action(sid, {'pause': None}).status)
        self.assertEqual(202, self.action(sid, {'unpause': None}).status)
        authorizer.set_rules({PAUSE: '!'})
        self.assertEqual(403, self.action(sid, {'pause': None}).status)
