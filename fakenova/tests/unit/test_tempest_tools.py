"""tools/tempest/run.py: the accounts, the result parsing, the seed."""

import configparser
import importlib.util
import os

import testtools

from fakenova.control import seed
from fakenova.identity import model

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))))
RUN = os.path.join(ROOT, 'tools', 'tempest', 'run.py')


def _load():
    spec = importlib.util.spec_from_file_location('tempest_run', RUN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TempestToolsTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.run_py = _load()

    def test_seed_is_valid_and_has_every_persona(self):
        data = seed.load(self.run_py.SEED)
        roles = {}
        for user in data['users']:
            for role in user.get('roles', ['member']):
                roles.setdefault(role, set()).add(user['project'])
        # Several projects with a member, reader and manager each, and
        # admins (in parallel, tempest locks an account per class).
        both = roles['member'] & roles['reader'] & roles['manager']
        self.assertGreaterEqual(len(both), 4)
        self.assertGreaterEqual(len(roles['admin']), 2)

    def test_accounts_list_members_first(self):
        accounts = self.run_py.accounts(self.run_py.SEED)
        ranks = [min({'member': 0, 'reader': 1, 'manager': 2}.get(r, 3)
                     for r in a['roles']) for a in accounts]
        self.assertEqual(sorted(ranks), ranks)
        self.assertEqual({'username', 'password', 'project_name',
                          'domain_name', 'roles'}, set(accounts[0]))

    def test_results_read_tests_and_classes(self):
        output = '\n'.join([
            '{0} tempest.api.compute.a.T.test_x [0.1s] ... ok',
            '{1} tempest.api.compute.a.T.test_y [0.2s] ... FAILED',
            '{1} tempest.api.compute.a.T.test_z ... SKIPPED: Neutron',
            '{0} setUpClass (tempest.api.compute.b.U) ... SKIPPED: nope',
            '{0} setUpClass (tempest.api.compute.c.V) [0.0s] ... FAILED',
        ])
        self.assertEqual({
            'tempest.api.compute.a.T.test_x': 'ok',
            'tempest.api.compute.a.T.test_y': 'FAILED',
            'tempest.api.compute.a.T.test_z': 'SKIPPED: Neutron',
            'tempest.api.compute.b.U': 'SKIPPED: nope',
            'tempest.api.compute.c.V': 'FAILED',
        }, self.run_py.results(output))
        self.assertEqual((3, 1, 2), self.run_py.summary(
            ' - Passed: 3\n - Failed: 1\n - Skipped: 2\n'))

    def test_expected_list_names_tempest_compute_tests(self):
        names = self.run_py.read_list(self.run_py.EXPECTED)
        self.assertGreater(len(names), 100)
        self.assertEqual(len(names), len(set(names)))
        for name in names:
            self.assertTrue(name.startswith('tempest.api.compute.'), name)

    def test_conf_names_the_clouds_admin_for_dynamic_credentials(self):
        # Pre-provisioned accounts for ordinary classes; the classes with
        # force_tenant_isolation take dynamic credentials, made with the
        # [auth] admin (a user every fakenova identity has).
        conf = configparser.ConfigParser()
        conf.read_string(self.run_py.tempest_conf(
            'http://127.0.0.1:1', '/tmp/ws', 2))
        auth = conf['auth']
        self.assertEqual('False', auth['use_dynamic_credentials'])
        self.assertEqual('/tmp/ws/etc/accounts.yaml',
                         auth['test_accounts_file'])
        admin = (auth['admin_username'], auth['admin_password'],
                 auth['admin_project_name'])
        defaults = {(name, password, project): roles for name, password,
                    project, roles in model.DEFAULT_USERS}
        self.assertIn('admin', defaults[admin])
        self.assertEqual('Default', auth['admin_domain_name'])
        # The admin is none of the pre-provisioned accounts.
        self.assertNotIn(admin[0], [a['username'] for a in
                                    self.run_py.accounts(self.run_py.SEED)])
