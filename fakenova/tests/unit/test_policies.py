"""Tests of the policy rule definitions in fakenova.policies."""

import os
import re
import tempfile
from unittest import mock

from oslo_config import cfg
from oslo_policy import _checks
from oslo_policy import _parser
from oslo_policy import generator
from oslo_policy import policy as oslo_policy
import testtools
import yaml

from fakenova import policies
from fakenova.policies import base
from fakenova.tests.unit import base as test_base

REPO_ROOT = os.path.abspath(
    os.path.join(os.path.dirname(__file__), '..', '..', '..'))
SAMPLE_PATH = os.path.join(REPO_ROOT, 'etc', 'policy.yaml')
RBAC_PATH = os.path.join(REPO_ROOT, 'etc', 'policy-rbac.yaml')

# Rule names the reference mentions that fakenova deliberately does not
# register: the pre-split names that survive only as Nova's deprecated
# fallbacks, and a rule Nova has removed.
NOT_REGISTERED = {
    'os_compute_api:os-deferred-delete',
    'os_compute_api:os-floating-ips',
    'os_compute_api:os-instance-actions',
    'os_compute_api:os-multinic',
    'os_compute_api:os-security-groups',
    'os_compute_api:os-admin-actions:reset_network',
}
RULE_NAME_RE = re.compile(
    r'(?:os_compute_api|compute):[A-Za-z0-9_:-]*[A-Za-z0-9_]')
RULE_REF_RE = re.compile(r'rule:([A-Za-z0-9_.:-]+)')
BASE_NAMES = {rule.name for rule in base.list_rules()}


def _rules():
    return list(policies.list_rules())


def _read_reference(name):
    with open(test_base.reference_path(name)) as f:
        return f.read()


class _ReferenceMixin(object):

    def setUp(self):
        super().setUp()
        self.actions_text = _read_reference('server-actions.yaml')
        self.actions = yaml.safe_load(self.actions_text)
        self.representation_text = _read_reference(
            'server-representation.yaml')
        self.table = {row['name']: row
                      for row in self.actions['policy_rules']}


class TestReferenceRules(_ReferenceMixin, testtools.TestCase):

    def test_policy_rules_table_registered(self):
        names = {rule.name for rule in _rules()}
        missing = sorted(set(self.table) - names)
        self.assertEqual([], missing)

    def test_every_rule_named_in_reference_registered(self):
        mentioned = set()
        for text in (self.actions_text, self.representation_text):
            mentioned.update(RULE_NAME_RE.findall(text))
        names = {rule.name for rule in _rules()}
        missing = sorted(mentioned - names - NOT_REGISTERED)
        self.assertEqual([], missing)

    def test_rbac_defaults_match_reference_table(self):
        wrong = {name: (policies.RBAC_DEFAULTS.get(name), row['check_str'])
                 for name, row in self.table.items()
                 if policies.RBAC_DEFAULTS.get(name) != row['check_str']}
        self.assertEqual({}, wrong)

    def test_code_defaults_are_train_defaults(self):
        # The first token of legacy_default_train is the Train check
        # string; "n/a" marks rules added later, whose defaults are stated
        # here.
        later = {
            'compute:servers:resize:cross_cell': '!',
            'os_compute_api:os-shelve:unshelve_to_host': 'rule:admin_api',
        }
        defaults = {rule.name: rule.check_str for rule in _rules()}
        wrong = {}
        for name, row in self.table.items():
            legacy = row['legacy_default_train'].split()[0]
            expected = later[name] if legacy == 'n/a' else legacy
            if defaults[name] != expected:
                wrong[name] = (defaults[name], expected)
        self.assertEqual({}, wrong)

    def test_base_aliases_match_reference(self):
        aliases = self.actions['common']['policy']['aliases']
        defaults = {rule.name: rule.check_str for rule in base.list_rules()}
        expected = {name: value['check_str']
                    for name, value in aliases.items()
                    if isinstance(value, dict)}
        self.assertEqual(expected, defaults)


class TestRuleDefinitions(testtools.TestCase):

    def test_no_duplicate_names(self):
        names = [rule.name for rule in _rules()]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        self.assertEqual([], duplicates)

    def test_rbac_defaults_cover_exactly_the_non_base_rules(self):
        names = {rule.name for rule in _rules()}
        self.assertEqual(set(), set(policies.RBAC_DEFAULTS) - names)
        self.assertEqual(set(), names - BASE_NAMES - set(
            policies.RBAC_DEFAULTS))

    def test_non_base_rules_are_documented_project_rules(self):
        for rule in _rules():
            if rule.name in BASE_NAMES:
                continue
            self.assertIsInstance(rule, oslo_policy.DocumentedRuleDefault,
                                  rule.name)
            self.assertEqual(['project'], rule.scope_types, rule.name)
            self.assertTrue(rule.operations, rule.name)
            self.assertIsNone(rule.deprecated_rule, rule.name)
            self.assertNotIn('\n', rule.description, rule.name)

    def _all_check_strings(self):
        for rule in _rules():
            yield rule.name, rule.check_str
        for name, check_str in policies.RBAC_DEFAULTS.items():
            yield name + ' (rbac)', check_str

    def test_check_strings_parse(self):
        for name, check_str in self._all_check_strings():
            parsed = _parser.parse_rule(check_str)
            if check_str == '!':
                self.assertIsInstance(parsed, _checks.FalseCheck, name)
            else:
                self.assertNotIsInstance(parsed, _checks.FalseCheck, name)
                self.assertNotIn('!', str(parsed), name)

    def test_referenced_rules_exist(self):
        names = {rule.name for rule in _rules()}
        for name, check_str in self._all_check_strings():
            for ref in RULE_REF_RE.findall(check_str):
                self.assertIn(ref, names, '%s refers to %s' % (name, ref))


class TestPolicyFiles(testtools.TestCase):

    def test_sample_file_is_up_to_date(self):
        # Run the code behind oslopolicy-sample-generator, with the
        # entry-point lookup replaced so that no installed package is
        # needed.
        fd, path = tempfile.mkstemp(suffix='.yaml')
        os.close(fd)
        self.addCleanup(os.unlink, path)
        with mock.patch.object(generator, 'get_policies_dict',
                               return_value={'fakenova': _rules()}):
            generator._generate_sample(['fakenova'], output_path=path)
        with open(path) as f:
            expected = f.read()
        with open(SAMPLE_PATH) as f:
            actual = f.read()
        self.assertEqual(expected, actual,
                         'etc/policy.yaml is stale; run '
                         'tools/generate_policy_sample.py')

    def test_rbac_file_is_up_to_date(self):
        with open(RBAC_PATH) as f:
            text = f.read()
        self.assertIn('Nova 34', text.splitlines()[0])
        # Entries equal to the in-code default are left out of the file.
        defaults = {rule.name: rule.check_str for rule in _rules()}
        expected = {name: check_str
                    for name, check_str in policies.RBAC_DEFAULTS.items()
                    if defaults[name] != check_str}
        self.assertEqual(expected, yaml.safe_load(text))


class TestEnforcement(testtools.TestCase):
    """Both worlds give the expected answers through a real Enforcer."""

    def _enforcer(self, policy_file=None):
        conf = cfg.ConfigOpts()
        conf([], project='fakenova-test')
        enforcer = oslo_policy.Enforcer(conf, policy_file=policy_file)
        enforcer.register_defaults(_rules())
        return enforcer

    def _creds(self, project_id='p1', roles=(), is_admin=False):
        return {'project_id': project_id, 'user_id': 'u1',
                'roles': list(roles), 'is_admin': is_admin}

    def test_owner_or_admin_defaults(self):
        enforcer = self._enforcer()
        target = {'project_id': 'p1', 'user_id': 'u1'}
        pause = 'os_compute_api:os-pause-server:pause'
        evacuate = 'os_compute_api:os-evacuate'
        self.assertTrue(enforcer.enforce(pause, target, self._creds()))
        self.assertFalse(enforcer.enforce(pause, target,
                                          self._creds(project_id='p2')))
        self.assertTrue(enforcer.enforce(
            pause, target, self._creds(project_id='p2', is_admin=True)))
        self.assertFalse(enforcer.enforce(evacuate, target, self._creds()))
        self.assertTrue(enforcer.enforce(evacuate, target,
                                         self._creds(is_admin=True)))
        self.assertFalse(enforcer.enforce(
            'compute:servers:resize:cross_cell', target,
            self._creds(is_admin=True)))

    def test_rbac_file(self):
        enforcer = self._enforcer(policy_file=RBAC_PATH)
        target = {'project_id': 'p1', 'user_id': 'u1'}
        show = 'os_compute_api:servers:show'
        pause = 'os_compute_api:os-pause-server:pause'
        migrate = 'os_compute_api:os-migrate-server:migrate'
        evacuate = 'os_compute_api:os-evacuate'
        reader = self._creds(roles=['reader'])
        member = self._creds(roles=['reader', 'member'])
        manager = self._creds(roles=['reader', 'member', 'manager'])
        admin = self._creds(project_id='p2', roles=['admin'])
        self.assertTrue(enforcer.enforce(show, target, reader))
        self.assertFalse(enforcer.enforce(pause, target, reader))
        self.assertTrue(enforcer.enforce(pause, target, member))
        self.assertFalse(enforcer.enforce(migrate, target, member))
        self.assertTrue(enforcer.enforce(migrate, target, manager))
        self.assertFalse(enforcer.enforce(evacuate, target, manager))
        self.assertTrue(enforcer.enforce(evacuate, target, admin))
        # An owner without roles no longer passes once the file is loaded.
        self.assertFalse(enforcer.enforce(show, target, self._creds()))
