"""fakenova-api's start-up mistakes: one clear line and a non-zero exit.

A port in use or out of range, an unknown host or app, a missing paste
file, and a policy file that is missing, not YAML, not a mapping or has a
rule that does not parse: none of them may give a traceback or serve.
"""

import contextlib
import io
import os
import socket

import fixtures
import testtools

from fakenova.cmd import api as api_cmd


class StartupMistakesTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.tmp = self.useFixture(fixtures.TempDir()).path

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, 'w') as f:
            f.write(text)
        return path

    def refused(self, argv):
        """The message fakenova-api stops with (it never serves)."""
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            exc = self.assertRaises(SystemExit, api_cmd.main, argv)
        self.assertNotEqual(0, exc.code)
        message = exc.code if isinstance(exc.code, str) else stderr.getvalue()
        self.assertNotIn('Traceback', message + stderr.getvalue())
        return message

    def test_policy_file_mistakes(self):
        cases = [
            (os.path.join(self.tmp, 'missing.yaml'), 'does not exist'),
            (self.write('bad.yaml', 'x: [\n'), 'is not YAML or JSON'),
            (self.write('list.yaml', '- a\n'),
             'maps rule names to check strings, not list'),
            (self.write('rule.yaml',
                        '"os_compute_api:servers:index": "role:admin or"\n'),
             "Rule os_compute_api:servers:index: cannot parse check string "
             "'role:admin or'"),
        ]
        for path, reason in cases:
            message = self.refused(['--port', '0', '--policy-file', path])
            self.assertIn('fakenova-api: policy file %s' % path, message)
            self.assertIn(reason, message)
        # An empty file is Nova's defaults, not a mistake.
        api_cmd.load(api_cmd.parse_args(
            ['--policy-file', self.write('empty.yaml', '')]))

    def test_port_in_use(self):
        sock = socket.socket()
        self.addCleanup(sock.close)
        sock.bind(('127.0.0.1', 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        message = self.refused(['--port', str(port)])
        self.assertEqual('fakenova-api: cannot listen on 127.0.0.1:%d: '
                         'Address already in use' % port, message)

    def test_bad_port_host_app_and_config(self):
        for port in ('99999', '-1', 'http'):
            self.assertIn('argument --port', self.refused(['--port', port]))
        self.assertIn('cannot listen on no.such.host.invalid:0',
                      self.refused(['--host', 'no.such.host.invalid',
                                    '--port', '0']))
        self.assertIn("has no app 'bogus' (its composites: main, keystone, "
                      "cloud)", self.refused(['--app', 'bogus']))
        missing = os.path.join(self.tmp, 'nope.ini')
        self.assertEqual('fakenova-api: no paste config file %s' % missing,
                         self.refused(['--config-file', missing]))
        self.assertIn('argument --log-level',
                      self.refused(['--log-level', 'chatty']))
