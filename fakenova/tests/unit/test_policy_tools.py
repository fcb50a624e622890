"""fakenova-policy (matrix, diff, check) and oslo.policy's CLIs."""

import importlib.metadata
import io
import os
import shutil
import subprocess
import sys

import fixtures
import testtools

from fakenova.cmd import policy as cli
from fakenova.compute.api.controllers import removed
from fakenova.compute.api import operations
from fakenova import policy_matrix

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
DEFAULT_FILE = os.path.join(REPO, 'etc', 'policy.yaml')
RBAC_FILE = os.path.join(REPO, 'etc', 'policy-rbac.yaml')
REBOOT = 'os_compute_api:servers:reboot'


def _installed():
    eps = importlib.metadata.entry_points(group='oslo.policy.policies')
    return any(ep.name == 'fakenova' for ep in eps)


class Base(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.tmp = self.useFixture(fixtures.TempDir()).path
        self.stderr = io.StringIO()
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', self.stderr))

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, 'w') as f:
            f.write(text)
        return path

    def run_cli(self, *argv):
        out = io.StringIO()
        rc = cli.main(list(argv), out=out)
        return rc, out.getvalue()


class MatrixTest(Base):

    def test_every_action_has_a_case(self):
        labels = [c.label for c in policy_matrix.action_cases()]
        self.assertIn('POST action pause', labels)

    def test_cases_and_declared_operations_are_in_step(self):
        # Every declared operation under policy has a case, and every case
        # requests a declared operation (the action route is its actions;
        # the version document is public).
        covered = {policy_matrix.operation_of(c)
                   for c in policy_matrix.all_cases()}
        declared = {op.id for op in operations.TABLE
                    if not (op.dispatch or op.public
                            or removed.is_removed(op.handler))}
        self.assertEqual(set(), declared - covered)
        self.assertEqual(set(), covered - declared)

    def test_default_file(self):
        m = policy_matrix.matrix(DEFAULT_FILE)
        self.assertEqual('allowed', m['POST action pause']['member'])
        self.assertEqual('allowed', m['POST action pause']['admin'])
        self.assertEqual('conflict', m['POST action pause']['locker'])
        self.assertEqual('conflict',
                         m['POST action pause']['locked-by-admin'])
        self.assertEqual('allowed',
                         m['POST action createImage']['locked-by-admin'])
        self.assertEqual('forbidden',
                         m['POST action unlock']['locked-by-admin'])
        self.assertEqual('allowed', m['POST action unlock']['locker'])
        self.assertEqual('forbidden', m['POST action migrate']['member'])
        for label, row in m.items():
            if '/tags' in label:
                # quirk: Nova authorizes tags against the instance mapping
                # before any project-scoped lookup.
                self.assertEqual('forbidden', row['other-project'], label)
            elif (label.startswith('POST action ') or
                    label.startswith('GET /servers/{id}')) and \
                    'RDP' not in label and 'resetNetwork' not in label \
                    and 'removeFloatingIp' not in label:
                self.assertEqual('not-found', row['other-project'], label)
        # Metadata changes honour the lock, tags do not (as Nova).
        self.assertEqual('conflict',
                         m['POST /servers/{id}/metadata']['locker'])
        self.assertEqual('allowed',
                         m['PUT /servers/{id}/tags/{tag}']['locker'])

    def test_rbac_file(self):
        m = policy_matrix.matrix(RBAC_FILE)
        self.assertEqual('allowed', m['GET /servers/{id}']['reader'])
        self.assertEqual('forbidden', m['POST action pause']['reader'])
        self.assertEqual('allowed', m['POST action pause']['member'])
        self.assertEqual('forbidden', m['GET /servers/{id}']['no-role'])
        self.assertEqual('allowed', m['GET /servers/{id}/ips']['reader'])
        password = '/servers/{id}/os-server-password'
        self.assertEqual('allowed', m['GET ' + password]['reader'])
        self.assertEqual('forbidden', m['DELETE ' + password]['reader'])
        self.assertEqual('allowed', m['DELETE ' + password]['member'])
        self.assertEqual('not-found',
                         m['GET /servers/{id}']['other-project'])
        self.assertEqual('allowed', m['GET /servers/{id}/metadata']['reader'])
        self.assertEqual('forbidden',
                         m['POST /servers/{id}/metadata']['reader'])
        self.assertEqual('allowed', m['GET /servers/{id}/tags']['reader'])
        self.assertEqual('forbidden', m['PUT /servers/{id}/tags']['reader'])
        self.assertEqual('allowed', m['PUT /servers/{id}/tags']['member'])

    def test_typo_denies_and_cli_formats(self):
        path = self.write('typo.yaml', '"%s": "role:membr"\n' % REBOOT)
        rc, out = self.run_cli('matrix', '--policy-file', path,
                               '--format', 'csv')
        self.assertEqual(0, rc)
        # Even the admin: a typo'd role matches nobody.
        self.assertIn('POST action reboot,forbidden,forbidden,forbidden',
                      out)
        rc, out = self.run_cli('matrix', '--format', 'markdown')
        self.assertIn('| request | admin | member |', out)

    def test_broken_file_keeps_previous_rules(self):
        path = self.write('p.yaml', '"%s": "role:admin"\n' % REBOOT)
        authorizer = policy_matrix.make_authorizer(path)
        authorizer.check_interval = 0
        reboot = [c for c in policy_matrix.action_cases()
                  if c.label == 'POST action reboot'][0]
        member = policy_matrix.DEFAULT_PERSONAS[1]
        self.assertEqual('forbidden',
                         policy_matrix.run_cell(authorizer, reboot, member))
        with open(path, 'w') as f:
            f.write('{not: [yaml\n')
        st = os.stat(path)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10 ** 9))
        self.assertEqual('forbidden',
                         policy_matrix.run_cell(authorizer, reboot, member))
        self.assertIn('p.yaml', authorizer.last_error)

    def test_personas_file(self):
        path = self.write('personas.yaml',
                          '- {name: boss, roles: [admin], project: admin}\n'
                          '- {name: bob, roles: reader, project: owner}\n')
        rc, out = self.run_cli('matrix', '--personas', path,
                               '--policy-file', RBAC_FILE, '--format',
                               'json')
        self.assertEqual(0, rc)
        self.assertIn('"bob": "forbidden"', out)
        bad = self.write('bad.yaml', '- {name: x, lock: maybe}\n')
        rc, out = self.run_cli('matrix', '--personas', bad)
        self.assertEqual(2, rc)
        self.assertIn('lock must be one of', self.stderr.getvalue())


class DiffTest(Base):

    def test_diff(self):
        path = self.write('admin-reboot.yaml',
                          '"%s": "rule:admin_api"\n' % REBOOT)
        rc, out = self.run_cli('diff', 'default', path)
        self.assertEqual(0, rc)
        self.assertIn('5 cell(s) change', out)
        self.assertIn('POST action reboot  member', out)
        self.assertNotIn('pause', out)
        rc, out = self.run_cli('diff', 'default', 'default')
        self.assertIn('No cell changes', out)


class CheckTest(Base):

    def test_broken_yaml(self):
        path = self.write('broken.yaml', '"a": "b"\n{x: [y\n')
        rc, out = self.run_cli('check', '--policy-file', path)
        self.assertEqual(1, rc)
        self.assertIn('broken.yaml:', out)
        self.assertIn('invalid YAML', out)
        self.assertNotIn('Traceback', out + self.stderr.getvalue())

    def test_broken_json(self):
        path = self.write('p.json', '{\n"a": "b",\n}\n')
        rc, out = self.run_cli('check', '--policy-file', path)
        self.assertEqual(1, rc)
        self.assertIn('p.json:3: error: invalid JSON', out)

    def test_findings(self):
        path = self.write('p.yaml', '\n'.join([
            '"%s": "role:admin or"' % REBOOT,
            '"os_compute_api:os-no-such-api:index": "rule:admin_api"',
            '"os_compute_api:servers:stop": "rule:nope"',
            '"os_compute_api:os-pause-server:pause": "rule:admin_or_owner"',
            '"my_alias": "role:admin"',
            '"os_compute_api:servers:start": "rule:my_alias"', '']))
        rc, out = self.run_cli('check', '--policy-file', path)
        self.assertEqual(1, rc)
        self.assertIn('p.yaml:1: error: Rule %s: cannot parse' % REBOOT, out)
        self.assertIn('p.yaml:2: warning:', out)
        self.assertIn('p.yaml:3: error: Rule os_compute_api:servers:stop '
                      'refers to rule:nope', out)
        self.assertIn('p.yaml:4: info:', out)
        self.assertNotIn('my_alias names nothing', out)
        self.assertNotIn('Traceback', self.stderr.getvalue())

    def test_shipped_files_have_no_errors(self):
        for path in (DEFAULT_FILE, RBAC_FILE):
            rc, out = self.run_cli('check', '--policy-file', path)
            self.assertEqual(0, rc, out)


@testtools.skipUnless(_installed(), 'fakenova is not installed (pip '
                      'install -e .): no oslo.policy entry points')
class OsloCLITest(Base):

    def tool(self, name, *args):
        exe = shutil.which(name) or os.path.join(
            os.path.dirname(sys.executable), name)
        if not os.path.exists(exe):
            self.skipTest('%s not installed' % name)
        proc = subprocess.run([exe] + list(args), capture_output=True,
                              text=True, cwd=self.tmp, timeout=60)
        return proc

    def test_sample_generator(self):
        proc = self.tool('oslopolicy-sample-generator', '--namespace',
                         'fakenova')
        self.assertEqual(0, proc.returncode, proc.stderr)
        self.assertIn('#"%s"' % REBOOT, proc.stdout)

    def test_policy_generator_and_list_redundant(self):
        policy_file = self.write('p.yaml', '"%s": "role:admin"\n'
                                 '"os_compute_api:os-pause-server:pause": '
                                 '"rule:admin_or_owner"\n' % REBOOT)
        conf = self.write('f.conf', '[oslo_policy]\npolicy_file = %s\n'
                          % policy_file)
        proc = self.tool('oslopolicy-policy-generator', '--namespace',
                         'fakenova', '--config-file', conf)
        self.assertEqual(0, proc.returncode, proc.stderr)
        self.assertIn('"%s": "role:admin"' % REBOOT, proc.stdout)
        proc = self.tool('oslopolicy-list-redundant', '--namespace',
                         'fakenova', '--config-file', conf)
        self.assertEqual(0, proc.returncode, proc.stderr)
        self.assertIn('"os_compute_api:os-pause-server:pause"', proc.stdout)
        self.assertNotIn(REBOOT, proc.stdout)

    def test_checker(self):
        token = self.write('token.json', '{"token": {"user": {"id": "u"}, '
                           '"project": {"id": "p"}, '
                           '"roles": [{"name": "reader"}]}}')
        proc = self.tool('oslopolicy-checker', '--policy', RBAC_FILE,
                         '--access', token, '--rule',
                         'os_compute_api:os-pause-server:pause')
        self.assertEqual(0, proc.returncode, proc.stderr)
        self.assertIn('failed: os_compute_api:os-pause-server:pause',
                      proc.stdout)

    def test_console_script(self):
        path = self.write('admin-reboot.yaml',
                          '"%s": "rule:admin_api"\n' % REBOOT)
        proc = self.tool('fakenova-policy', 'diff', 'default', path)
        self.assertEqual(0, proc.returncode, proc.stderr)
        self.assertIn('POST action reboot', proc.stdout)
