"""State-changing server actions (pause ... unrescue, lock/unlock), checked
against Nova's server-actions.yaml and status-map.yaml (see
fakenova/tests/reference/README.md).

The per-action checks (success, wrong state, lock, policy, other project)
are generated from the ACTIONS table below: one test method per action and
check, so that a failure names the action.
"""

import uuid

from fakenova.tests.unit import base

ADMIN = base.ADMIN
ALT = base.ALT
OWNER = base.OWNER

LOCKED = 'Instance %s is locked'
INVALID = "Cannot '%s' instance %s while it is in %s %s"
FALLBACK = "Instance %s is in an invalid state for '%s'"
NOT_FOUND = 'Instance %s could not be found.'
NO_MAPPING = 'Instance %s has no mapping to a cell.'
POLICY = "Policy doesn't allow %s to be performed."

# vm_state -> power_state a settled server in that state has.
POWER = {'active': 1, 'paused': 3, 'suspended': 7, 'stopped': 4,
         'rescued': 1, 'error': 1}


class Spec:
    """One action as the reference describes it."""

    def __init__(self, name, key, value, start, final, status, record,
                 rule, label, wrong, during, code=202, lock_message=LOCKED):
        self.name = name
        self.key = key
        self.value = value
        self.start = start          # vm_state the action is valid from
        self.final = final          # settled vm_state
        self.status = status        # settled API status
        self.record = record        # instance_action name
        self.rule = rule            # policy rule
        self.label = label          # conflict_action_label
        self.wrong = wrong          # a vm_state the action is refused in
        self.during = during        # (status, task_state) until settled
        self.code = code
        self.lock_message = lock_message


ACTIONS = [
    Spec('pause', 'pause', None, 'active', 'paused', 'PAUSED', 'pause',
         'os_compute_api:os-pause-server:pause', 'pause', 'paused',
         ('ACTIVE', 'pausing')),
    Spec('unpause', 'unpause', None, 'paused', 'active', 'ACTIVE',
         'unpause', 'os_compute_api:os-pause-server:unpause', 'unpause',
         'active', ('PAUSED', 'unpausing')),
    Spec('suspend', 'suspend', None, 'active', 'suspended', 'SUSPENDED',
         'suspend', 'os_compute_api:os-suspend-server:suspend', 'suspend',
         'suspended', ('ACTIVE', 'suspending')),
    Spec('resume', 'resume', None, 'suspended', 'active', 'ACTIVE',
         'resume', 'os_compute_api:os-suspend-server:resume', 'resume',
         'active', ('SUSPENDED', 'resuming')),
    Spec('start', 'os-start', None, 'stopped', 'active', 'ACTIVE', 'start',
         'os_compute_api:servers:start', 'start', 'active',
         ('SHUTOFF', 'powering-on')),
    Spec('stop', 'os-stop', None, 'active', 'stopped', 'SHUTOFF', 'stop',
         'os_compute_api:servers:stop', 'stop', 'stopped',
         ('ACTIVE', 'powering-off')),
    Spec('reboot_soft', 'reboot', {'type': 'SOFT'}, 'active', 'active',
         'ACTIVE', 'reboot', 'os_compute_api:servers:reboot', 'reboot',
         'stopped', ('REBOOT', 'rebooting')),
    Spec('reboot_hard', 'reboot', {'type': 'HARD'}, 'stopped', 'active',
         'ACTIVE', 'reboot', 'os_compute_api:servers:reboot', 'reboot',
         'rescued', ('SHUTOFF', 'rebooting_hard')),
    Spec('change_password', 'changePassword', {'adminPass': 's3cr3t'},
         'active', 'active', 'ACTIVE', 'changePassword',
         'os_compute_api:os-admin-password', 'changePassword', 'stopped',
         ('PASSWORD', 'updating_password'), lock_message=FALLBACK),
    Spec('rescue', 'rescue', None, 'active', 'rescued', 'RESCUE', 'rescue',
         'os_compute_api:os-rescue', 'rescue', 'rescued',
         ('ACTIVE', 'rescuing'), code=200),
    Spec('unrescue', 'unrescue', None, 'rescued', 'active', 'ACTIVE',
         'unrescue', 'os_compute_api:os-unrescue', 'unrescue', 'active',
         ('RESCUE', 'unrescuing')),
]


class StateHelpers(base.APITestCase):

    def server(self, vm_state='active', task_state=None, token=OWNER,
               locked_by=None):
        server_id = self.create_server(token=token)
        if self.store.pacing == 'manual':
            self.store.complete(server_id)
        self.assertEqual('ACTIVE', self.show(server_id, token=token)['status'])
        self.put_state(server_id, vm_state, task_state, locked_by)
        return server_id

    def put_state(self, server_id, vm_state, task_state=None,
                  locked_by=None):
        s = self.store.servers[server_id]
        s.vm_state = vm_state
        s.power_state = POWER[vm_state]
        s.task_state = task_state
        s.locked_by = locked_by

    def state(self, server_id, token=OWNER):
        server = self.show(server_id, token=token)
        return (server['status'], server['OS-EXT-STS:vm_state'],
                server['OS-EXT-STS:task_state'],
                server['OS-EXT-STS:power_state'])

    def assertState(self, server_id, status, vm_state, task_state=None,
                    power_state=None):
        if power_state is None:
            power_state = POWER[vm_state]
        self.assertEqual((status, vm_state, task_state, power_state),
                         self.state(server_id))

    def actions(self, server_id, token=OWNER):
        resp = self.get('/v2.1/servers/%s/os-instance-actions' % server_id,
                        token=token)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['instanceActions']

    def assertRecorded(self, server_id, resp, name, token=OWNER):
        request_id = resp.headers['x-openstack-request-id']
        self.assertTrue(request_id.startswith('req-'), request_id)
        found = [a for a in self.actions(server_id)
                 if a['request_id'] == request_id]
        self.assertEqual([name], [a['action'] for a in found])
        user_id, project_id = token.split(':')
        self.assertEqual(
            (server_id, user_id, project_id),
            (found[0]['instance_uuid'], found[0]['user_id'],
             found[0]['project_id']))

    def assertRefused(self, server_id, resp, code, message, before_state,
                      before_actions):
        """A refused request answers ``code`` and changes nothing."""
        self.assertFault(resp, code, message)
        self.assertEqual(before_state, self.state(server_id))
        self.assertEqual(before_actions, self.actions(server_id))

    def do(self, spec, server_id, token=OWNER, **kw):
        return self.action(server_id, {spec.key: spec.value}, token=token,
                           **kw)


# ---------------------------------------------------------------------------
# Generated per-action tests
# ---------------------------------------------------------------------------

def _success(spec):
    def test(self):
        server_id = self.server(spec.start)
        resp = self.do(spec, server_id)
        self.assertEqual(spec.code, resp.status, resp.body)
        if spec.key == 'rescue':
            self.assertEqual(['adminPass'], list(resp.json))
        else:
            self.assertEqual(b'', resp.body)
        self.assertState(server_id, spec.status, spec.final)
        self.assertRecorded(server_id, resp, spec.record)
    return test


def _wrong_state(spec):
    def test(self):
        server_id = self.server(spec.wrong)
        state, actions = self.state(server_id), self.actions(server_id)
        resp = self.do(spec, server_id)
        self.assertRefused(
            server_id, resp, 409,
            INVALID % (spec.label, server_id, 'vm_state', spec.wrong),
            state, actions)
    return test


def _busy(spec):
    def test(self):
        # A task in progress (not one HARD reboot may interrupt) refuses.
        server_id = self.server(spec.start, task_state='migrating')
        state, actions = self.state(server_id), self.actions(server_id)
        resp = self.do(spec, server_id)
        self.assertRefused(
            server_id, resp, 409,
            INVALID % (spec.label, server_id, 'task_state', 'migrating'),
            state, actions)
    return test


def _locked(spec):
    def test(self):
        server_id = self.server(spec.start, locked_by='owner')
        state, actions = self.state(server_id), self.actions(server_id)
        resp = self.do(spec, server_id)
        if spec.lock_message is FALLBACK:
            message = FALLBACK % (server_id, spec.label)
        else:
            message = LOCKED % server_id
        self.assertRefused(server_id, resp, 409, message, state, actions)
        # Another member of the project is no admin either.
        resp = self.do(spec, server_id, token=base.OTHER_USER_SAME_PROJECT)
        self.assertRefused(server_id, resp, 409, message, state, actions)
    return test


def _locked_admin_bypass(spec):
    def test(self):
        server_id = self.server(spec.start, locked_by='admin')
        resp = self.do(spec, server_id, token=ADMIN)
        self.assertEqual(spec.code, resp.status, resp.body)
        self.assertState(server_id, spec.status, spec.final)
        self.assertTrue(self.show(server_id, version='2.9')['locked'])
        self.assertRecorded(server_id, resp, spec.record, token=ADMIN)
    return test


def _policy(spec):
    def test(self):
        server_id = self.server(spec.start)
        self.cloud.set_policy({spec.rule: 'role:admin'})
        state, actions = self.state(server_id), self.actions(server_id)
        resp = self.do(spec, server_id)
        self.assertRefused(server_id, resp, 403, POLICY % spec.rule, state,
                           actions)
        resp = self.do(spec, server_id, token=ADMIN)
        self.assertEqual(spec.code, resp.status, resp.body)
        self.assertState(server_id, spec.status, spec.final)
    return test


def _other_project(spec):
    def test(self):
        server_id = self.server(spec.start)
        state, actions = self.state(server_id), self.actions(server_id)
        resp = self.do(spec, server_id, token=ALT)
        self.assertRefused(server_id, resp, 404, NOT_FOUND % server_id,
                           state, actions)
    return test


def _unknown(spec):
    def test(self):
        missing = str(uuid.uuid4())
        resp = self.do(spec, missing)
        template = NO_MAPPING if spec.key in ('os-start', 'os-stop') \
            else NOT_FOUND
        self.assertFault(resp, 404, template % missing)
    return test


def _same_project_member(spec):
    def test(self):
        server_id = self.server(spec.start)
        resp = self.do(spec, server_id, token=base.OTHER_USER_SAME_PROJECT)
        self.assertEqual(spec.code, resp.status, resp.body)
        self.assertState(server_id, spec.status, spec.final)
        self.assertRecorded(server_id, resp, spec.record,
                            token=base.OTHER_USER_SAME_PROJECT)
    return test


def _check_order(spec):
    def test(self):
        # Nova's order: lookup (404), policy (403), lock, then state.
        server_id = self.server(spec.wrong, locked_by='owner')
        state, actions = self.state(server_id), self.actions(server_id)
        if spec.lock_message is FALLBACK:
            message = FALLBACK % (server_id, spec.label)
        else:
            message = LOCKED % server_id
        resp = self.do(spec, server_id)
        self.assertRefused(server_id, resp, 409, message, state, actions)
        self.cloud.set_policy({spec.rule: 'role:admin'})
        resp = self.do(spec, server_id)
        self.assertRefused(server_id, resp, 403, POLICY % spec.rule, state,
                           actions)
        resp = self.do(spec, server_id, token=ALT)
        self.assertRefused(server_id, resp, 404, NOT_FOUND % server_id,
                           state, actions)
        # The admin passes policy and the lock and meets the state check.
        resp = self.do(spec, server_id, token=ADMIN)
        self.assertRefused(
            server_id, resp, 409,
            INVALID % (spec.label, server_id, 'vm_state', spec.wrong),
            state, actions)
    return test


def _never_launched(spec):
    def test(self):
        server_id = self.server(spec.start)
        self.store.servers[server_id].launched_at = None
        state, actions = self.state(server_id), self.actions(server_id)
        resp = self.do(spec, server_id)
        self.assertRefused(
            server_id, resp, 409,
            INVALID % (spec.label, server_id, 'launched_at', 'None'),
            state, actions)
    return test


class ActionStateTest(StateHelpers):
    """Generated: test_<action>_<check> for every row of ACTIONS."""


for _spec in ACTIONS:
    for _check, _make in (('success', _success),
                          ('wrong_state', _wrong_state),
                          ('busy', _busy),
                          ('locked', _locked),
                          ('locked_admin_bypass', _locked_admin_bypass),
                          ('policy', _policy),
                          ('other_project', _other_project),
                          ('unknown_server', _unknown),
                          ('same_project_member', _same_project_member),
                          ('check_order', _check_order),
                          ('never_launched', _never_launched)):
        _test = _make(_spec)
        _test.__name__ = 'test_%s_%s' % (_spec.name, _check)
        setattr(ActionStateTest, _test.__name__, _test)


def _transitional(spec):
    def test(self):
        server_id = self.server(spec.start)
        resp = self.do(spec, server_id)
        self.assertEqual(spec.code, resp.status, resp.body)
        status, task_state = spec.during
        self.assertState(server_id, status, spec.start, task_state)
        # The action is recorded when accepted, not when it settles.
        self.assertRecorded(server_id, resp, spec.record)
        # A second request meanwhile is refused on the task_state.
        again = self.do(spec, server_id)
        if spec.name != 'reboot_hard':
            self.assertFault(again, 409, INVALID % (
                spec.label, server_id, 'task_state', task_state))
        self.store.complete(server_id)
        self.assertState(server_id, spec.status, spec.final)
    return test


class ManualPacingActionStateTest(StateHelpers):
    """Generated: the transitional state each action shows (pacing=manual)."""

    app_conf = {'pacing': 'manual'}


for _spec in ACTIONS:
    _test = _transitional(_spec)
    _test.__name__ = 'test_%s_transitional' % _spec.name
    setattr(ManualPacingActionStateTest, _test.__name__, _test)
del _spec, _check, _make, _test


# ---------------------------------------------------------------------------
# Action-specific behaviour
# ---------------------------------------------------------------------------

class PowerTest(StateHelpers):

    def test_stop_then_start_round_trip(self):
        server_id = self.server()
        first = self.action(server_id, {'os-stop': None})
        self.assertEqual(202, first.status)
        self.assertState(server_id, 'SHUTOFF', 'stopped')
        second = self.action(server_id, {'os-start': None})
        self.assertEqual(202, second.status)
        self.assertState(server_id, 'ACTIVE', 'active')
        self.assertNotEqual(first.headers['x-openstack-request-id'],
                            second.headers['x-openstack-request-id'])
        self.assertRecorded(server_id, first, 'stop')
        self.assertRecorded(server_id, second, 'start')
        self.assertEqual(['create', 'start', 'stop'],
                         sorted(a['action'] for a in
                                self.actions(server_id)))

    def test_stop_from_error(self):
        server_id = self.server('error')
        resp = self.action(server_id, {'os-stop': None})
        self.assertEqual(202, resp.status, resp.body)
        self.assertState(server_id, 'SHUTOFF', 'stopped')

    def test_start_stop_without_host_not_ready(self):
        for key, vm_state in (('os-start', 'stopped'), ('os-stop', 'error'),
                              ('os-stop', 'active')):
            server_id = self.server(vm_state)
            self.store.servers[server_id].host = None
            state, actions = self.state(server_id), self.actions(server_id)
            resp = self.action(server_id, {key: None})
            self.assertRefused(server_id, resp, 409,
                               'Instance %s is not ready' % server_id,
                               state, actions)

    def test_stop_lock_checked_before_host(self):
        server_id = self.server(locked_by='owner')
        self.store.servers[server_id].host = None
        resp = self.action(server_id, {'os-stop': None})
        self.assertFault(resp, 409, LOCKED % server_id)

    def test_stop_host_checked_before_state(self):
        server_id = self.server('stopped')
        self.store.servers[server_id].host = None
        resp = self.action(server_id, {'os-stop': None})
        self.assertFault(resp, 409, 'Instance %s is not ready' % server_id)

    def test_start_refused_from_paused(self):
        server_id = self.server('paused')
        resp = self.action(server_id, {'os-start': None})
        self.assertFault(resp, 409, INVALID % ('start', server_id,
                                               'vm_state', 'paused'))

    def test_start_stop_other_project_not_no_mapping(self):
        server_id = self.server('stopped')
        for key in ('os-start', 'os-stop'):
            resp = self.action(server_id, {key: None}, token=ALT)
            self.assertFault(resp, 404, NOT_FOUND % server_id)

    def test_pause_refused_from_suspended(self):
        server_id = self.server('suspended')
        resp = self.action(server_id, {'pause': None})
        self.assertFault(resp, 409, INVALID % ('pause', server_id,
                                               'vm_state', 'suspended'))

    def test_suspend_resume_round_trip(self):
        server_id = self.server()
        self.assertEqual(202, self.action(server_id,
                                          {'suspend': None}).status)
        self.assertState(server_id, 'SUSPENDED', 'suspended')
        self.assertEqual(202, self.action(server_id,
                                          {'resume': None}).status)
        self.assertState(server_id, 'ACTIVE', 'active')


class RebootTest(StateHelpers):

    def reboot(self, server_id, kind, **kw):
        return self.action(server_id, {'reboot': {'type': kind}}, **kw)

    def test_hard_from_each_allowed_vm_state(self):
        for vm_state in ('active', 'stopped', 'paused', 'suspended',
                         'error'):
            server_id = self.server(vm_state)
            resp = self.reboot(server_id, 'HARD')
            self.assertEqual(202, resp.status, (vm_state, resp.body))
            self.assertEqual(('ACTIVE', 'active', None, 1),
                             self.state(server_id), vm_state)
            self.assertRecorded(server_id, resp, 'reboot')

    def test_soft_refused_from_stopped(self):
        server_id = self.server('stopped')
        state, actions = self.state(server_id), self.actions(server_id)
        resp = self.reboot(server_id, 'SOFT')
        self.assertRefused(
            server_id, resp, 409,
            INVALID % ('reboot', server_id, 'vm_state', 'stopped'),
            state, actions)

    def test_soft_refused_from_paused(self):
        server_id = self.server('paused')
        resp = self.reboot(server_id, 'soft')
        self.assertFault(resp, 409, INVALID % ('reboot', server_id,
                                               'vm_state', 'paused'))

    def test_soft_refused_while_rebooting(self):
        server_id = self.server(task_state='rebooting')
        resp = self.reboot(server_id, 'SOFT')
        self.assertFault(resp, 409, INVALID % ('reboot', server_id,
                                               'task_state', 'rebooting'))

    def test_hard_allowed_while_soft_rebooting(self):
        for task_state in ('rebooting', 'reboot_pending', 'reboot_started',
                           'rebooting_hard'):
            server_id = self.server(task_state=task_state)
            self.assertEqual(task_state, self.state(server_id)[2])
            resp = self.reboot(server_id, 'HARD')
            self.assertEqual(202, resp.status, (task_state, resp.body))
            self.assertState(server_id, 'ACTIVE', 'active')

    def test_hard_refused_while_reboot_pending_hard(self):
        for task_state in ('reboot_pending_hard', 'reboot_started_hard'):
            server_id = self.server(task_state=task_state)
            state, actions = self.state(server_id), self.actions(server_id)
            resp = self.reboot(server_id, 'HARD')
            self.assertRefused(
                server_id, resp, 409,
                INVALID % ('reboot', server_id, 'task_state', task_state),
                state, actions)

    def test_status_while_rebooting(self):
        # status-map: rebooting -> REBOOT, rebooting_hard -> HARD_REBOOT.
        server_id = self.server(task_state='rebooting')
        self.assertEqual('REBOOT', self.state(server_id)[0])
        self.put_state(server_id, 'active', 'rebooting_hard')
        self.assertEqual('HARD_REBOOT', self.state(server_id)[0])

    def test_type_is_case_insensitive(self):
        for kind in ('hard', 'Hard', 'soft', 'Soft'):
            server_id = self.server()
            resp = self.reboot(server_id, kind)
            self.assertEqual(202, resp.status, (kind, resp.body))

    def test_bad_type(self):
        server_id = self.server()
        resp = self.reboot(server_id, 'FOO')
        self.assertFault(
            resp, 400,
            "Invalid input for field/attribute type. Value: FOO. 'FOO' is "
            "not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']")


class RescueTest(StateHelpers):

    def test_generated_password(self):
        server_id = self.server()
        resp = self.action(server_id, {'rescue': None})
        self.assertEqual(200, resp.status, resp.body)
        password = resp.json['adminPass']
        self.assertEqual(12, len(password))
        self.assertFalse(set(password) & set('01IOl'), password)

    def test_given_password_echoed(self):
        server_id = self.server()
        resp = self.action(server_id, {'rescue': {'adminPass': 'MyPass'}})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual({'adminPass': 'MyPass'}, resp.json)
        self.assertState(server_id, 'RESCUE', 'rescued')

    def test_known_rescue_image(self):
        server_id = self.server()
        resp = self.action(server_id, {'rescue': {
            'rescue_image_ref': base.OTHER_IMAGE}})
        self.assertEqual(200, resp.status, resp.body)
        self.assertState(server_id, 'RESCUE', 'rescued')

    def test_unknown_rescue_image(self):
        server_id = self.server()
        state, actions = self.state(server_id), self.actions(server_id)
        image = str(uuid.uuid4())
        resp = self.action(server_id, {'rescue': {
            'rescue_image_ref': image}})
        self.assertRefused(
            server_id, resp, 400,
            "Requested rescue image '%s' is not supported" % image,
            state, actions)

    def test_rescue_from_stopped_and_error(self):
        for vm_state in ('stopped', 'error'):
            server_id = self.server(vm_state)
            resp = self.action(server_id, {'rescue': None})
            self.assertEqual(200, resp.status, (vm_state, resp.body))
            self.assertState(server_id, 'RESCUE', 'rescued')

    def test_unrescue_always_ends_active(self):
        server_id = self.server('stopped')
        self.assertEqual(200, self.action(server_id,
                                          {'rescue': None}).status)
        resp = self.action(server_id, {'unrescue': None})
        self.assertEqual(202, resp.status, resp.body)
        self.assertState(server_id, 'ACTIVE', 'active')

    def test_already_rescued(self):
        server_id = self.server()
        self.assertEqual(200, self.action(server_id,
                                          {'rescue': None}).status)
        resp = self.action(server_id, {'rescue': None})
        self.assertFault(resp, 409, INVALID % ('rescue', server_id,
                                               'vm_state', 'rescued'))

    def test_extra_key_rejected(self):
        server_id = self.server()
        resp = self.action(server_id, {'rescue': {'foo': 1}})
        self.assertFault(resp, 400)
        self.assertState(server_id, 'ACTIVE', 'active')


class ChangePasswordTest(StateHelpers):

    def test_password_status_not_visible_with_instant_pacing(self):
        server_id = self.server()
        resp = self.action(server_id, {'changePassword': {'adminPass': 'x'}})
        self.assertEqual(202, resp.status, resp.body)
        self.assertState(server_id, 'ACTIVE', 'active')

    def test_status_while_updating_password(self):
        server_id = self.server(task_state='updating_password')
        self.assertEqual('PASSWORD', self.state(server_id)[0])

    def test_missing_admin_pass(self):
        server_id = self.server()
        resp = self.action(server_id, {'changePassword': {}})
        self.assertFault(resp, 400, (
            "Invalid input for field/attribute changePassword. Value: {}. "
            "'adminPass' is a required property"))


class LockTest(StateHelpers):

    def lock(self, server_id, value=None, token=OWNER, version=None):
        return self.action(server_id, {'lock': value}, token=token,
                           version=version)

    def unlock(self, server_id, token=OWNER):
        return self.action(server_id, {'unlock': None}, token=token)

    def locked(self, server_id, version='2.9'):
        return self.show(server_id, version=version)['locked']

    def test_owner_lock(self):
        server_id = self.server()
        resp = self.lock(server_id)
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(b'', resp.body)
        self.assertTrue(self.locked(server_id))
        self.assertEqual('owner', self.store.servers[server_id].locked_by)
        self.assertRecorded(server_id, resp, 'lock')
        # Locking changes no state.
        self.assertState(server_id, 'ACTIVE', 'active')

    def test_locked_shown_from_2_9(self):
        server_id = self.server()
        self.assertNotIn('locked', self.show(server_id, version='2.8'))
        self.assertFalse(self.locked(server_id))
        self.assertEqual(202, self.lock(server_id).status)
        self.assertNotIn('locked', self.show(server_id, version='2.8'))
        self.assertTrue(self.locked(server_id))

    def test_owner_relock_is_noop(self):
        server_id = self.server()
        self.assertEqual(202, self.lock(server_id, version='2.73').status)
        actions = self.actions(server_id)
        resp = self.lock(server_id, {'locked_reason': 'again'},
                         version='2.73')
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(actions, self.actions(server_id))
        self.assertIsNone(self.show(server_id,
                                    version='2.73')['locked_reason'])

    def test_admin_lock(self):
        server_id = self.server()
        resp = self.lock(server_id, token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual('admin', self.store.servers[server_id].locked_by)
        self.assertTrue(self.locked(server_id))
        self.assertRecorded(server_id, resp, 'lock', token=ADMIN)

    def test_admin_relock_flips_owner_lock(self):
        server_id = self.server()
        self.assertEqual(202, self.lock(server_id).status)
        resp = self.lock(server_id, token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual('admin', self.store.servers[server_id].locked_by)
        self.assertRecorded(server_id, resp, 'lock', token=ADMIN)

    def test_owner_cannot_unlock_admin_lock(self):
        server_id = self.server()
        self.assertEqual(202, self.lock(server_id, token=ADMIN).status)
        actions = self.actions(server_id)
        resp = self.unlock(server_id)
        self.assertFault(resp, 403, POLICY % (
            'os_compute_api:os-lock-server:unlock:unlock_override'))
        self.assertTrue(self.locked(server_id))
        self.assertEqual(actions, self.actions(server_id))
        resp = self.unlock(server_id, token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        self.assertFalse(self.locked(server_id))
        self.assertRecorded(server_id, resp, 'unlock', token=ADMIN)

    def test_owner_unlock(self):
        server_id = self.server()
        self.assertEqual(202, self.lock(server_id).status)
        resp = self.unlock(server_id)
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(b'', resp.body)
        self.assertFalse(self.locked(server_id))
        self.assertIsNone(self.store.servers[server_id].locked_by)
        self.assertRecorded(server_id, resp, 'unlock')

    def test_admin_unlocks_owner_lock(self):
        server_id = self.server()
        self.assertEqual(202, self.lock(server_id).status)
        resp = self.unlock(server_id, token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        self.assertFalse(self.locked(server_id))

    def test_unlock_unlocked_server(self):
        server_id = self.server()
        resp = self.unlock(server_id)
        self.assertEqual(202, resp.status, resp.body)
        self.assertFalse(self.locked(server_id))

    def test_locked_reason_from_2_73(self):
        server_id = self.server()
        resp = self.lock(server_id, {'locked_reason': 'maintenance'},
                         version='2.73')
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual('maintenance',
                         self.show(server_id,
                                   version='2.73')['locked_reason'])
        self.assertNotIn('locked_reason', self.show(server_id,
                                                    version='2.72'))
        self.assertEqual(202, self.unlock(server_id).status)
        server = self.show(server_id, version='2.73')
        self.assertIsNone(server['locked_reason'])
        self.assertFalse(server['locked'])

    def test_lock_null_at_2_73(self):
        server_id = self.server()
        resp = self.lock(server_id, None, version='2.73')
        self.assertEqual(202, resp.status, resp.body)
        server = self.show(server_id, version='2.73')
        self.assertTrue(server['locked'])
        self.assertIsNone(server['locked_reason'])

    def test_body_not_validated_before_2_73(self):
        for value in ({'locked_reason': 'x'}, {'anything': 1}, 'junk'):
            server_id = self.server()
            resp = self.lock(server_id, value, version='2.1')
            self.assertEqual(202, resp.status, (value, resp.body))
            server = self.show(server_id, version='2.73')
            self.assertTrue(server['locked'], value)
            self.assertIsNone(server['locked_reason'], value)

    def test_body_validated_at_2_73(self):
        server_id = self.server()
        for value in ({'locked_reason': 'x', 'extra': 1},
                      {'locked_reason': ''}, 'junk'):
            resp = self.lock(server_id, value, version='2.73')
            self.assertFault(resp, 400)
        self.assertFalse(self.locked(server_id))
        self.assertEqual(['create'],
                         [a['action'] for a in self.actions(server_id)])

    def test_lock_not_lock_checked_nor_state_checked(self):
        server_id = self.server('stopped', task_state='rebooting_hard',
                                locked_by='admin')
        resp = self.lock(server_id, token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        resp = self.unlock(server_id, token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        self.assertFalse(self.locked(server_id))

    def test_lock_other_project(self):
        server_id = self.server()
        for key in ('lock', 'unlock'):
            resp = self.action(server_id, {key: None}, token=ALT)
            self.assertFault(resp, 404, NOT_FOUND % server_id)
        self.assertFalse(self.locked(server_id))

    def test_lock_policy(self):
        server_id = self.server()
        rule = 'os_compute_api:os-lock-server:lock'
        self.cloud.set_policy({rule: 'role:admin'})
        resp = self.lock(server_id)
        self.assertFault(resp, 403, POLICY % rule)
        self.assertFalse(self.locked(server_id))
        self.assertEqual(202, self.lock(server_id, token=ADMIN).status)

    def test_unlock_policy(self):
        server_id = self.server()
        self.assertEqual(202, self.lock(server_id).status)
        rule = 'os_compute_api:os-lock-server:unlock'
        self.cloud.set_policy({rule: 'role:admin'})
        resp = self.unlock(server_id)
        self.assertFault(resp, 403, POLICY % rule)
        self.assertTrue(self.locked(server_id))

    def test_project_member_counts_as_owner(self):
        server_id = self.server()
        self.assertEqual(202, self.lock(server_id).status)
        actions = self.actions(server_id)
        colleague = base.OTHER_USER_SAME_PROJECT
        resp = self.lock(server_id, token=colleague)
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(actions, self.actions(server_id))
        resp = self.unlock(server_id, token=colleague)
        self.assertEqual(202, resp.status, resp.body)
        self.assertFalse(self.locked(server_id))
        self.assertRecorded(server_id, resp, 'unlock', token=colleague)

    def test_admin_lock_reason_replaces(self):
        server_id = self.server()
        self.assertEqual(202, self.lock(server_id, {'locked_reason': 'a'},
                                        version='2.73').status)
        resp = self.lock(server_id, {'locked_reason': 'b'}, token=ADMIN,
                         version='2.73')
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual('b', self.show(server_id,
                                        version='2.73')['locked_reason'])

    def test_lock_blocks_actions_until_unlocked(self):
        server_id = self.server()
        self.assertEqual(202, self.lock(server_id).status)
        resp = self.action(server_id, {'pause': None})
        self.assertFault(resp, 409, LOCKED % server_id)
        self.assertEqual(202, self.unlock(server_id).status)
        self.assertEqual(202, self.action(server_id, {'pause': None}).status)
        self.assertState(server_id, 'PAUSED', 'paused')


class ManualPacingTest(StateHelpers):

    app_conf = {'pacing': 'manual'}

    def test_hard_reboot_status_unchanged_unless_active(self):
        for vm_state, status in (('active', 'HARD_REBOOT'),
                                 ('stopped', 'SHUTOFF'),
                                 ('paused', 'PAUSED'),
                                 ('suspended', 'SUSPENDED'),
                                 ('error', 'ERROR')):
            server_id = self.server(vm_state)
            resp = self.action(server_id, {'reboot': {'type': 'HARD'}})
            self.assertEqual(202, resp.status, resp.body)
            self.assertEqual((status, vm_state, 'rebooting_hard'),
                             self.state(server_id)[:3], vm_state)
            self.store.complete(server_id)
            self.assertState(server_id, 'ACTIVE', 'active')

    def test_hard_reboot_interrupts_soft_reboot(self):
        server_id = self.server()
        resp = self.action(server_id, {'reboot': {'type': 'SOFT'}})
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual('REBOOT', self.state(server_id)[0])
        resp = self.action(server_id, {'reboot': {'type': 'HARD'}})
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(('HARD_REBOOT', 'active', 'rebooting_hard'),
                         self.state(server_id)[:3])
        self.store.complete(server_id)
        self.assertState(server_id, 'ACTIVE', 'active')

    def test_rescue_status_unchanged_while_rescuing(self):
        for vm_state, status in (('stopped', 'SHUTOFF'),
                                 ('error', 'ERROR')):
            server_id = self.server(vm_state)
            resp = self.action(server_id, {'rescue': None})
            self.assertEqual(200, resp.status, resp.body)
            self.assertEqual((status, vm_state, 'rescuing'),
                             self.state(server_id)[:3])
            self.store.complete(server_id)
            self.assertState(server_id, 'RESCUE', 'rescued')

    def test_stop_from_error_shows_error_while_powering_off(self):
        server_id = self.server('error')
        resp = self.action(server_id, {'os-stop': None})
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(('ERROR', 'error', 'powering-off'),
                         self.state(server_id)[:3])
        self.store.complete(server_id)
        self.assertState(server_id, 'SHUTOFF', 'stopped')


class RequestShapeTest(StateHelpers):

    def test_value_not_validated_for_any_schema_actions(self):
        for key, vm_state in (('pause', 'active'), ('unpause', 'paused'),
                              ('suspend', 'active'),
                              ('resume', 'suspended'),
                              ('os-start', 'stopped'),
                              ('os-stop', 'active'),
                              ('unrescue', 'rescued')):
            server_id = self.server(vm_state)
            resp = self.action(server_id, {key: {'anything': [1, 2]}})
            self.assertEqual(202, resp.status, (key, resp.body))

    def test_unlock_value_not_validated_at_2_73(self):
        server_id = self.server(locked_by='owner')
        resp = self.action(server_id, {'unlock': {'foo': 1}},
                           version='2.73')
        self.assertEqual(202, resp.status, resp.body)
        self.assertIsNone(self.store.servers[server_id].locked_by)

    def test_locked_reason_too_long(self):
        server_id = self.server()
        resp = self.action(server_id, {'lock': {'locked_reason': 'x' * 256}},
                           version='2.73')
        self.assertFault(resp, 400)
        resp = self.action(server_id, {'lock': {'locked_reason': 'x' * 255}},
                           version='2.73')
        self.assertEqual(202, resp.status, resp.body)

    def test_reboot_type_required(self):
        server_id = self.server()
        resp = self.action(server_id, {'reboot': {}})
        self.assertFault(
            resp, 400, "Invalid input for field/attribute reboot. Value: "
            "{}. 'type' is a required property")
        self.assertState(server_id, 'ACTIVE', 'active')

    def test_change_password_extra_key(self):
        server_id = self.server()
        resp = self.action(server_id, {'changePassword': {
            'adminPass': 'x', 'extra': 1}})
        self.assertFault(resp, 400)
        self.assertEqual(['create'],
                         [a['action'] for a in self.actions(server_id)])

    def test_legacy_project_url(self):
        server_id = self.server()
        resp = self.post('/v2.1/%s/servers/%s/action'
                         % (base.OWNER_PROJECT, server_id), {'pause': None})
        self.assertEqual(202, resp.status, resp.body)
        self.assertState(server_id, 'PAUSED', 'paused')

    def test_error_carries_version_headers(self):
        server_id = self.server('paused')
        resp = self.action(server_id, {'pause': None}, version='2.50')
        self.assertFault(resp, 409)
        self.assertEqual('compute 2.50',
                         resp.headers['OpenStack-API-Version'])
        self.assertEqual('2.50', resp.headers['X-OpenStack-Nova-API-Version'])

    def test_instance_action_show_by_request_id(self):
        server_id = self.server()
        resp = self.action(server_id, {'pause': None})
        request_id = resp.headers['x-openstack-request-id']
        self.assertEqual(request_id, resp.headers['x-compute-request-id'])
        shown = self.get('/v2.1/servers/%s/os-instance-actions/%s'
                         % (server_id, request_id))
        self.assertEqual(200, shown.status, shown.body)
        action = shown.json['instanceAction']
        self.assertEqual(('pause', request_id, server_id),
                         (action['action'], action['request_id'],
                          action['instance_uuid']))

    def test_non_uuid_server_id(self):
        resp = self.action('abc', {'pause': None})
        self.assertFault(resp, 404, NOT_FOUND % 'abc')

    def test_owner_lock_of_admin_locked_server_is_noop(self):
        server_id = self.server(locked_by='admin')
        actions = self.actions(server_id)
        resp = self.action(server_id, {'lock': None})
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual('admin', self.store.servers[server_id].locked_by)
        self.assertEqual(actions, self.actions(server_id))
