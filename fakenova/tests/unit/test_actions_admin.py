"""Shelve, deferred delete, admin actions, crash dump, backups, multinic
and consoles, checked against Nova's server-actions.yaml (vendored in
fakenova/tests/reference).
"""

import re

from fakenova.tests.unit import base

ADMIN = base.ADMIN
ALT = base.ALT
NETWORK_ID = 'e1882e38-38c2-4239-ade7-35d644cb963a'
UNKNOWN = '11111111-2222-3333-4444-555555555555'
TOKEN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
NOVNC_URL = re.compile(r'^http://127\.0\.0\.1:6080/vnc_auto\.html\?path='
                       r'%3Ftoken%3D' + TOKEN + '$')
SPICE_URL = re.compile(r'^http://127\.0\.0\.1:6082/spice_auto\.html\?token='
                       + TOKEN + '$')
SERIAL_URL = re.compile(r'^ws://127\.0\.0\.1:6083/\?token=' + TOKEN + '$')
MKS_URL = re.compile(r'^http://127\.0\.0\.1:6090/\?token=' + TOKEN + '$')
SPICE_DIRECT_URL = re.compile(r'^http://127\.0\.0\.1:13002/nova\?token='
                              + TOKEN + '$')
DEFAULT_400 = ('The server could not comply with the request since it is '
               'either malformed or otherwise incorrect.')
GONE = 'This resource is no longer available. No forwarding address is given.'


class Helpers(base.APITestCase):

    def act(self, server_id, key, value=None, status=202, **kw):
        resp = self.action(server_id, {key: value}, **kw)
        self.assertEqual(status, resp.status, resp.body)
        return resp

    def server(self, token=base.OWNER, **kw):
        server_id = self.create_server(token=token, **kw)
        self.show(server_id, token=token)   # settle BUILD -> ACTIVE
        return server_id

    def state(self, server_id, version=None):
        """(status, vm_state, task_state, power_state, host) as admin."""
        s = self.show(server_id, token=ADMIN, version=version)
        return (s['status'], s['OS-EXT-STS:vm_state'],
                s['OS-EXT-STS:task_state'], s['OS-EXT-STS:power_state'],
                s['OS-EXT-SRV-ATTR:host'])

    def conflict(self, server_id, key, value, attr, state, label=None,
                 **kw):
        resp = self.action(server_id, {key: value}, **kw)
        self.assertFault(resp, 409, "Cannot '%s' instance %s while it is in "
                         "%s %s" % (label or key, server_id, attr, state))

    def locked(self, server_id, key, value=None, **kw):
        resp = self.action(server_id, {key: value}, **kw)
        self.assertFault(resp, 409, 'Instance %s is locked' % server_id)

    def deny(self, rule, server_id, key, value=None, token=base.OWNER, **kw):
        self.cloud.set_policy({rule: '!'})
        resp = self.action(server_id, {key: value}, token=token, **kw)
        self.assertFault(resp, 403, "Policy doesn't allow %s to be "
                         "performed." % rule)

    def lock(self, server_id, token=base.OWNER):
        self.act(server_id, 'lock', token=token)

    def shelved(self, offload=True):
        if not offload:
            self.store.shelved_offload_time = -1
        server_id = self.server()
        self.act(server_id, 'shelve')
        return server_id

    def snapshot(self, server_id):
        return {f: getattr(self.store.servers[server_id], f) for f in (
            'vm_state', 'task_state', 'power_state', 'host', 'locked_by')}

    def action_names(self, server_id):
        resp = self.get('/v2.1/servers/%s/os-instance-actions' % server_id,
                        token=ADMIN)
        self.assertEqual(200, resp.status, resp.body)
        return [a['action'] for a in resp.json['instanceActions']]


# -- shelve / shelveOffload / unshelve ----------------------------------------

class ShelveTest(Helpers):

    def test_shelve_offloads_by_default(self):
        server_id = self.server()
        host = self.state(server_id)[4]
        self.assertIsNotNone(host)
        resp = self.act(server_id, 'shelve')
        self.assertEqual(b'', resp.body)
        self.assertEqual(
            ('SHELVED_OFFLOADED', 'shelved_offloaded', None, 4, None),
            self.state(server_id))
        server = self.show(server_id, token=ADMIN)
        self.assertIsNone(server['OS-EXT-SRV-ATTR:hypervisor_hostname'])
        self.assertIn('shelve', self.action_names(server_id))

    def test_shelve_snapshot_image(self):
        server_id = self.server(name='web')
        self.act(server_id, 'shelve')
        self.show(server_id)
        images = [i for i in self.store.images.values()
                  if i.server_id == server_id]
        self.assertEqual(['web-shelved'], [i.name for i in images])
        self.assertEqual('ACTIVE', images[0].status)

    def test_shelve_volume_backed_has_no_image(self):
        server_id = self.server()
        self.store.servers[server_id].image_id = ''
        self.act(server_id, 'shelve')
        self.assertEqual('SHELVED_OFFLOADED', self.state(server_id)[0])
        self.assertEqual([], [i for i in self.store.images.values()
                              if i.server_id == server_id])

    def test_shelve_without_offload_then_offload(self):
        server_id = self.shelved(offload=False)
        status, vm, task, power, host = self.state(server_id)
        self.assertEqual(('SHELVED', 'shelved', None, 4), (status, vm, task,
                                                           power))
        self.assertIsNotNone(host)
        # shelveOffload is admin-only by default.
        resp = self.action(server_id, {'shelveOffload': None})
        self.assertFault(resp, 403, "Policy doesn't allow "
                         "os_compute_api:os-shelve:shelve_offload to be "
                         "performed.")
        self.act(server_id, 'shelveOffload', token=ADMIN)
        self.assertEqual(
            ('SHELVED_OFFLOADED', 'shelved_offloaded', None, 4, None),
            self.state(server_id))
        self.assertIn('shelveOffload', self.action_names(server_id))
        self.conflict(server_id, 'shelveOffload', None, 'vm_state',
                      'shelved_offloaded', token=ADMIN)

    def test_shelve_from_other_states(self):
        for setup in ('os-stop', 'pause', 'suspend'):
            server_id = self.server()
            self.act(server_id, setup)
            self.show(server_id)
            self.act(server_id, 'shelve')
            self.assertEqual('SHELVED_OFFLOADED', self.state(server_id)[0])
            # ... and unshelving always ends ACTIVE.
            self.act(server_id, 'unshelve')
            self.assertEqual(('ACTIVE', 'active', None, 1),
                             self.state(server_id)[:4])

    def test_shelve_wrong_state(self):
        server_id = self.shelved()
        self.conflict(server_id, 'shelve', None, 'vm_state',
                      'shelved_offloaded')
        server_id = self.server()
        self.act(server_id, 'rescue', status=200)
        self.conflict(server_id, 'shelve', None, 'vm_state', 'rescued')

    def test_shelve_locked(self):
        server_id = self.server()
        self.lock(server_id)
        before = self.snapshot(server_id)
        self.locked(server_id, 'shelve')
        self.assertEqual(before, self.snapshot(server_id))
        self.act(server_id, 'shelve', token=ADMIN)   # admin bypasses
        self.assertEqual('SHELVED_OFFLOADED', self.state(server_id)[0])

    def test_shelve_offload_locked_custom_policy(self):
        self.cloud.set_policy(
            {'os_compute_api:os-shelve:shelve_offload': '@'})
        server_id = self.shelved(offload=False)
        self.lock(server_id)
        self.locked(server_id, 'shelveOffload')

    def test_shelve_policy_and_other_project(self):
        server_id = self.server()
        resp = self.action(server_id, {'shelve': None}, token=ALT)
        self.assertFault(resp, 404,
                         'Instance %s could not be found.' % server_id)
        self.deny('os_compute_api:os-shelve:shelve', server_id, 'shelve')
        self.assertEqual('ACTIVE', self.state(server_id)[0])

    def test_shelve_any_value(self):
        server_id = self.server()
        self.act(server_id, 'shelve', {'whatever': [1]})

    def test_unshelve_from_offloaded(self):
        server_id = self.shelved()
        self.act(server_id, 'unshelve')
        status, vm, task, power, host = self.state(server_id)
        self.assertEqual(('ACTIVE', 'active', None, 1), (status, vm, task,
                                                         power))
        self.assertIn(host, self.store.hosts)
        self.assertIn('unshelve', self.action_names(server_id))

    def test_unshelve_from_shelved_keeps_host(self):
        server_id = self.shelved(offload=False)
        host = self.state(server_id)[4]
        self.act(server_id, 'unshelve')
        self.assertEqual(('ACTIVE', 'active', None, 1, host),
                         self.state(server_id))

    def test_unshelve_not_shelved(self):
        self.conflict(self.server(), 'unshelve', None, 'vm_state', 'active')

    def test_unshelve_locked(self):
        server_id = self.shelved()
        self.lock(server_id)
        self.locked(server_id, 'unshelve')
        self.assertEqual('SHELVED_OFFLOADED', self.state(server_id)[0])

    def test_unshelve_policy(self):
        server_id = self.shelved()
        self.deny('os_compute_api:os-shelve:unshelve', server_id,
                  'unshelve')

    def test_unshelve_body_ignored_before_277(self):
        server_id = self.shelved(offload=False)
        self.act(server_id, 'unshelve', {'availability_zone': 'nowhere'},
                 version='2.76')
        self.assertEqual('ACTIVE', self.state(server_id)[0])

    def test_unshelve_277_schema(self):
        server_id = self.shelved()
        for value in ({}, {'availability_zone': None},
                      {'availability_zone': ''},
                      {'availability_zone': 'nova', 'host': 'compute1'}):
            resp = self.action(server_id, {'unshelve': value},
                               version='2.77')
            self.assertFault(resp, 400)
        resp = self.action(server_id, {'unshelve': {}}, version='2.90')
        self.assertIn("'availability_zone' is a required property",
                      self.assertFault(resp, 400))
        self.act(server_id, 'unshelve', None, version='2.77')
        self.assertEqual('ACTIVE', self.state(server_id)[0])

    def test_unshelve_277_availability_zone(self):
        server_id = self.shelved()
        self.act(server_id, 'unshelve', {'availability_zone': 'nova'},
                 version='2.77')
        server = self.show(server_id)
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual('nova', server['OS-EXT-AZ:availability_zone'])

    def test_unshelve_to_a_zone_pins_and_null_unpins(self):
        server_id = self.shelved()
        self.act(server_id, 'unshelve', {'availability_zone': 'nova'},
                 version='2.77')
        self.assertEqual('nova', self.show(server_id, version='2.96')[
            'pinned_availability_zone'])
        self.act(server_id, 'shelve')
        self.act(server_id, 'unshelve', {'availability_zone': None},
                 version='2.91')
        self.assertIsNone(self.show(server_id, version='2.96')[
            'pinned_availability_zone'])
        self.act(server_id, 'shelve')
        self.act(server_id, 'unshelve', None, version='2.91')
        self.assertIsNone(self.show(server_id, version='2.96')[
            'pinned_availability_zone'])

    def test_unshelve_unknown_availability_zone(self):
        server_id = self.shelved()
        for version in ('2.77', '2.91'):
            resp = self.action(
                server_id, {'unshelve': {'availability_zone': 'us-west'}},
                version=version)
            self.assertFault(
                resp, 400, 'The requested availability zone is not '
                'available')
        self.assertEqual('SHELVED_OFFLOADED', self.state(server_id)[0])

    def test_unshelve_az_on_shelved_conflicts(self):
        server_id = self.shelved(offload=False)
        message = ('Specifying an availability zone or a host when '
                   'unshelving server "%s" with status "shelved" is not '
                   'supported. The server status must be SHELVED_OFFLOADED.'
                   % server_id)
        for version, value, token in (
                ('2.77', {'availability_zone': 'nova'}, base.OWNER),
                ('2.91', {'availability_zone': None}, base.OWNER),
                ('2.91', {'host': 'compute1'}, ADMIN)):
            resp = self.action(server_id, {'unshelve': value},
                               version=version, token=token)
            self.assertFault(resp, 409, message)
        self.assertEqual('SHELVED', self.state(server_id)[0])

    def test_unshelve_291_null_az_and_empty_object(self):
        server_id = self.shelved()
        self.act(server_id, 'unshelve', {'availability_zone': None},
                 version='2.91')
        self.assertEqual('ACTIVE', self.state(server_id)[0])
        # {} validates at 2.91 and behaves like null (also on SHELVED).
        server_id = self.shelved(offload=False)
        self.act(server_id, 'unshelve', {}, version='2.91')
        self.assertEqual('ACTIVE', self.state(server_id)[0])

    def test_unshelve_291_to_host(self):
        server_id = self.shelved()
        resp = self.action(server_id, {'unshelve': {'host': 'compute2'}},
                           version='2.91')
        self.assertFault(resp, 403, "Policy doesn't allow "
                         "os_compute_api:os-shelve:unshelve_to_host to be "
                         "performed.")
        self.assertEqual('SHELVED_OFFLOADED', self.state(server_id)[0])
        self.act(server_id, 'unshelve',
                 {'host': 'compute2', 'availability_zone': None},
                 version='2.91', token=ADMIN)
        self.assertEqual(('ACTIVE', 'active', None, 1, 'compute2'),
                         self.state(server_id))

    def test_unshelve_291_unknown_host(self):
        server_id = self.shelved()
        resp = self.action(server_id, {'unshelve': {'host': 'host01'}},
                           version='2.91', token=ADMIN)
        self.assertFault(resp, 400, 'Compute host host01 could not be found.')
        self.assertEqual('SHELVED_OFFLOADED', self.state(server_id)[0])

    def test_unshelve_291_host_not_in_zone(self):
        self.store.add_host('west1', zone='us-west')
        server_id = self.shelved()
        resp = self.action(server_id, {'unshelve': {
            'availability_zone': 'us-west', 'host': 'compute1'}},
            version='2.91', token=ADMIN)
        self.assertFault(resp, 409, 'Host "compute1" is not in the '
                         'availability zone "us-west".')
        self.act(server_id, 'unshelve', {'availability_zone': 'us-west'},
                 version='2.91')
        server = self.show(server_id, token=ADMIN)
        self.assertEqual(('ACTIVE', 'us-west', 'west1'), (
            server['status'], server['OS-EXT-AZ:availability_zone'],
            server['OS-EXT-SRV-ATTR:host']))

    def test_unshelve_291_schema(self):
        server_id = self.shelved()
        for value in ({'host': None}, {'host': 1}, {'junk': 1}):
            resp = self.action(server_id, {'unshelve': value},
                               version='2.91', token=ADMIN)
            self.assertFault(resp, 400)


# -- DELETE (soft), restore, forceDelete --------------------------------------

class DeferredDeleteTest(Helpers):

    def delete(self, server_id, token=base.OWNER, status=204):
        resp = self.request('DELETE', '/v2.1/servers/%s' % server_id,
                            token=token)
        self.assertEqual(status, resp.status, resp.body)
        return resp

    def soft_deleted(self):
        self.store.reclaim_instance_interval = 60
        server_id = self.server()
        self.delete(server_id)
        return server_id

    def test_delete_default_is_hard(self):
        server_id = self.server()
        self.delete(server_id)
        resp = self.get('/v2.1/servers/%s' % server_id, token=ADMIN)
        self.assertFault(resp, 404)

    def test_soft_delete_and_restore(self):
        server_id = self.soft_deleted()
        status, vm, task, _power, host = self.state(server_id)
        self.assertEqual(('SOFT_DELETED', 'soft-delete', None),
                         (status, vm, task))
        self.assertIsNotNone(host)
        self.act(server_id, 'restore')
        self.assertEqual(('ACTIVE', 'active', None, 1, host),
                         self.state(server_id))
        self.assertIn('restore', self.action_names(server_id))

    def test_soft_delete_then_force_delete(self):
        server_id = self.soft_deleted()
        self.act(server_id, 'forceDelete')
        resp = self.get('/v2.1/servers/%s' % server_id, token=ADMIN)
        self.assertFault(resp, 404,
                         'Instance %s could not be found.' % server_id)

    def test_force_delete_any_state(self):
        server_id = self.server()
        self.act(server_id, 'forceDelete')
        self.assertFault(self.get('/v2.1/servers/%s' % server_id), 404)
        server_id = self.shelved()
        self.act(server_id, 'forceDelete')
        self.assertFault(self.get('/v2.1/servers/%s' % server_id), 404)

    def test_force_delete_locked(self):
        server_id = self.soft_deleted()
        self.lock(server_id)
        self.locked(server_id, 'forceDelete')
        self.assertEqual('SOFT_DELETED', self.state(server_id)[0])
        self.act(server_id, 'forceDelete', token=ADMIN)
        self.assertFault(self.get('/v2.1/servers/%s' % server_id,
                                  token=ADMIN), 404)

    def test_force_delete_policy_and_other_project(self):
        server_id = self.soft_deleted()
        resp = self.action(server_id, {'forceDelete': None}, token=ALT)
        self.assertFault(resp, 404,
                         'Instance %s could not be found.' % server_id)
        self.deny('os_compute_api:os-deferred-delete:force', server_id,
                  'forceDelete')
        self.assertEqual('SOFT_DELETED', self.state(server_id)[0])

    def test_restore_not_soft_deleted(self):
        server_id = self.server()
        self.conflict(server_id, 'restore', None, 'vm_state', 'active')
        self.store.reclaim_instance_interval = 60
        self.delete(server_id)
        self.act(server_id, 'restore')
        self.conflict(server_id, 'restore', None, 'vm_state', 'active')

    def test_restore_locked_quirk(self):
        server_id = self.soft_deleted()
        self.lock(server_id)
        resp = self.action(server_id, {'restore': None})
        self.assertFault(resp, 409, "Instance %s is in an invalid state for "
                         "'restore'" % server_id)
        self.assertEqual('SOFT_DELETED', self.state(server_id)[0])
        self.act(server_id, 'restore', token=ADMIN)
        self.assertEqual('ACTIVE', self.state(server_id)[0])

    def test_restore_policy_and_other_project(self):
        server_id = self.soft_deleted()
        resp = self.action(server_id, {'restore': None}, token=ALT)
        self.assertFault(resp, 404)
        self.deny('os_compute_api:os-deferred-delete:restore', server_id,
                  'restore')
        self.assertEqual('SOFT_DELETED', self.state(server_id)[0])

    def test_soft_delete_locked(self):
        self.store.reclaim_instance_interval = 60
        server_id = self.server()
        self.lock(server_id)
        resp = self.delete(server_id, status=409)
        self.assertFault(resp, 409, 'Instance %s is locked' % server_id)
        self.assertEqual('ACTIVE', self.state(server_id)[0])


class DeferredDeleteManualTest(Helpers):
    app_conf = {'pacing': 'manual'}

    def test_never_launched_server_is_hard_deleted(self):
        self.store.reclaim_instance_interval = 60
        server_id = self.create_server()   # stays BUILD (manual pacing)
        resp = self.request('DELETE', '/v2.1/servers/%s' % server_id)
        self.assertEqual(204, resp.status, resp.body)
        self.store.complete(server_id)
        self.assertFault(self.get('/v2.1/servers/%s' % server_id), 404)

    def test_soft_delete_transition(self):
        self.store.reclaim_instance_interval = 60
        server_id = self.create_server()
        self.store.complete(server_id)
        resp = self.request('DELETE', '/v2.1/servers/%s' % server_id)
        self.assertEqual(204, resp.status, resp.body)
        self.assertEqual('soft-deleting', self.state(server_id)[2])
        self.store.complete(server_id)
        self.assertEqual(('SOFT_DELETED', 'soft-delete', None),
                         self.state(server_id)[:3])
        self.act(server_id, 'restore')
        self.assertEqual(('SOFT_DELETED', 'soft-delete', 'restoring'),
                         self.state(server_id)[:3])
        self.store.complete(server_id)
        self.assertEqual(('ACTIVE', 'active', None, 1),
                         self.state(server_id)[:4])

    def test_reset_state_clears_task_state(self):
        server_id = self.create_server()
        self.store.complete(server_id)
        self.act(server_id, 'pause')
        self.assertEqual('pausing', self.state(server_id)[2])
        self.act(server_id, 'os-resetState', {'state': 'active'},
                 token=ADMIN)
        self.assertEqual(('ACTIVE', 'active', None),
                         self.state(server_id)[:3])
        # resetState is recorded and finished at once.
        url = '/v2.1/servers/%s/os-instance-actions' % server_id
        actions = self.get(url, token=ADMIN).json['instanceActions']
        reset = [a for a in actions if a['action'] == 'resetState'][0]
        events = self.get('%s/%s' % (url, reset['request_id']),
                          token=ADMIN).json['instanceAction']['events']
        self.assertTrue(all(e['finish_time'] for e in events), events)
        self.store.complete(server_id)
        self.assertEqual(('ACTIVE', 'active', None),
                         self.state(server_id)[:3])

    def test_shelve_busy_task_state(self):
        server_id = self.create_server()
        self.store.complete(server_id)
        self.act(server_id, 'pause')
        self.conflict(server_id, 'shelve', None, 'task_state', 'pausing')
        self.store.complete(server_id)
        self.act(server_id, 'shelve')

    def test_shelve_transitional_states(self):
        server_id = self.create_server()
        self.store.complete(server_id)
        self.act(server_id, 'shelve')
        self.assertEqual(('ACTIVE', 'active', 'shelving'),
                         self.state(server_id)[:3])
        self.store.complete(server_id)
        self.assertEqual('SHELVED_OFFLOADED', self.state(server_id)[0])
        self.act(server_id, 'unshelve')
        self.assertEqual(('SHELVED_OFFLOADED', 'shelved_offloaded',
                          'unshelving'), self.state(server_id)[:3])
        self.store.complete(server_id)
        self.assertEqual('ACTIVE', self.state(server_id)[0])


# -- os-resetState / injectNetworkInfo / resetNetwork -------------------------

class AdminActionsTest(Helpers):

    def test_reset_state_any_state(self):
        for setup in (None, 'os-stop', 'shelve', 'pause'):
            server_id = self.server()
            if setup:
                self.act(server_id, setup)
                self.show(server_id)
            power = self.state(server_id)[3]
            self.act(server_id, 'os-resetState', {'state': 'error'},
                     token=ADMIN)
            self.assertEqual(('ERROR', 'error', None, power),
                             self.state(server_id)[:4])
            resp = self.act(server_id, 'os-resetState', {'state': 'active'},
                            token=ADMIN)
            self.assertEqual(b'', resp.body)
            self.assertEqual(('ACTIVE', 'active', None, power),
                             self.state(server_id)[:4])
        self.assertIn('resetState', self.action_names(server_id))

    def test_reset_state_admin_only(self):
        server_id = self.server()
        resp = self.action(server_id, {'os-resetState': {'state': 'error'}})
        self.assertFault(resp, 403, "Policy doesn't allow "
                         "os_compute_api:os-admin-actions:reset_state to be "
                         "performed.")
        self.assertEqual('ACTIVE', self.state(server_id)[0])

    def test_reset_state_not_lock_checked(self):
        self.cloud.set_policy(
            {'os_compute_api:os-admin-actions:reset_state': '@'})
        server_id = self.server()
        self.lock(server_id)
        self.act(server_id, 'os-resetState', {'state': 'error'})
        self.assertEqual('ERROR', self.state(server_id)[0])

    def test_reset_state_schema(self):
        server_id = self.server()
        for value in (None, {}, {'state': 'stopped'}, {'state': 'ACTIVE'},
                      {'state': 'active', 'x': 1}):
            resp = self.action(server_id, {'os-resetState': value},
                               token=ADMIN)
            self.assertFault(resp, 400)

    def test_reset_state_unknown_server(self):
        resp = self.action(UNKNOWN, {'os-resetState': {'state': 'active'}},
                           token=ADMIN)
        self.assertFault(resp, 404,
                         'Instance %s could not be found.' % UNKNOWN)

    def test_inject_network_info(self):
        server_id = self.server()
        before = self.snapshot(server_id)
        resp = self.act(server_id, 'injectNetworkInfo', token=ADMIN)
        self.assertEqual(b'', resp.body)
        self.assertEqual(before, self.snapshot(server_id))
        self.assertNotIn('injectNetworkInfo', self.action_names(server_id))
        resp = self.action(server_id, {'injectNetworkInfo': None})
        self.assertFault(resp, 403, "Policy doesn't allow "
                         "os_compute_api:os-admin-actions:"
                         "inject_network_info to be performed.")

    def test_inject_network_info_locked(self):
        self.cloud.set_policy(
            {'os_compute_api:os-admin-actions:inject_network_info': '@'})
        server_id = self.server()
        self.act(server_id, 'injectNetworkInfo')
        self.lock(server_id)
        self.locked(server_id, 'injectNetworkInfo')
        self.act(server_id, 'injectNetworkInfo', token=ADMIN)

    def test_reset_network_gone(self):
        server_id = self.server()
        for target, token, version in (
                (server_id, base.OWNER, None), (server_id, ADMIN, '2.1'),
                (UNKNOWN, ALT, '2.50'), ('not-a-uuid', ADMIN, 'latest'),
                (server_id, ALT, '2.104')):
            resp = self.action(target, {'resetNetwork': {'any': 'thing'}},
                               token=token, version=version)
            self.assertFault(resp, 410, GONE)
            self.assertIn('OpenStack-API-Version', resp.headers)


# -- trigger_crash_dump -------------------------------------------------------

class CrashDumpTest(Helpers):

    def dump(self, server_id, value=None, version='2.17', **kw):
        return self.action(server_id, {'trigger_crash_dump': value},
                           version=version, **kw)

    def test_success(self):
        server_id = self.server()
        before = self.snapshot(server_id)
        resp = self.dump(server_id)
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(b'', resp.body)
        self.assertEqual(before, self.snapshot(server_id))
        self.assertIn('trigger_crash_dump', self.action_names(server_id))
        self.assertEqual(202, self.dump(server_id, version='latest').status)

    def test_other_states(self):
        server_id = self.server()
        self.act(server_id, 'pause')
        self.assertEqual(202, self.dump(server_id).status)
        server_id = self.server()
        self.act(server_id, 'rescue', status=200)
        self.assertEqual(202, self.dump(server_id).status)
        self.act(server_id, 'os-resetState', {'state': 'error'},
                 token=ADMIN)
        self.assertEqual(202, self.dump(server_id).status)

    def test_before_217(self):
        server_id = self.server()
        for version in ('2.1', '2.16'):
            self.assertFault(self.dump(server_id, version=version), 404,
                             'The resource could not be found.')

    def test_value_must_be_null(self):
        server_id = self.server()
        for value in ({}, 'null', 0, [], False):
            self.assertFault(self.dump(server_id, value), 400)

    def test_wrong_state(self):
        server_id = self.server()
        self.act(server_id, 'os-stop')
        self.conflict(server_id, 'trigger_crash_dump', None, 'vm_state',
                      'stopped', version='2.17')
        server_id = self.server()
        self.act(server_id, 'suspend')
        self.conflict(server_id, 'trigger_crash_dump', None, 'vm_state',
                      'suspended', version='2.17')

    def test_no_host(self):
        server_id = self.shelved()
        self.assertFault(self.dump(server_id), 409,
                         'Instance %s is not ready' % server_id)

    def test_locked(self):
        server_id = self.server()
        self.lock(server_id)
        self.locked(server_id, 'trigger_crash_dump', version='2.17')
        self.assertEqual(202, self.dump(server_id, token=ADMIN).status)

    def test_unknown_and_other_project(self):
        self.assertFault(self.dump(UNKNOWN), 404,
                         'Instance %s has no mapping to a cell.' % UNKNOWN)
        server_id = self.server()
        self.assertFault(self.dump(server_id, token=ALT), 404,
                         'Instance %s could not be found.' % server_id)

    def test_policy(self):
        server_id = self.server()
        self.deny('os_compute_api:servers:trigger_crash_dump', server_id,
                  'trigger_crash_dump', version='2.17')


# -- createBackup -------------------------------------------------------------

class BackupTest(Helpers):

    def backup(self, server_id, name='b', backup_type='daily', rotation=1,
               version=None, status=202, **kw):
        body = {'name': name, 'backup_type': backup_type,
                'rotation': rotation}
        resp = self.action(server_id, {'createBackup': body},
                           version=version, **kw)
        self.assertEqual(status, resp.status, resp.body)
        self.show(server_id)   # settle (instant pacing)
        return resp

    def backups(self, server_id, backup_type):
        return sorted(i.name for i in self.store.images.values()
                      if i.server_id == server_id
                      and i.image_type == 'backup'
                      and i.metadata.get('backup_type') == backup_type)

    def test_location_before_245(self):
        server_id = self.server()
        resp = self.backup(server_id, version='2.44')
        self.assertEqual(b'', resp.body)
        location = resp.headers['Location']
        match = re.match(r'^http://localhost/v2\.1/images/(%s)$' % TOKEN,
                         location)
        self.assertIsNotNone(match, location)
        image_id = match.group(1)
        image = self.store.images[image_id]
        self.assertEqual('backup', image.metadata['image_type'])
        self.assertEqual('daily', image.metadata['backup_type'])
        self.assertEqual(server_id, image.metadata['instance_uuid'])
        resp = self.get('/v2.1/images/%s' % image_id)
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual('ACTIVE', resp.json['image']['status'])
        self.assertIn('createBackup', self.action_names(server_id))
        self.assertEqual(('ACTIVE', 'active', None),
                         self.state(server_id)[:3])

    def test_no_location_when_rotation_zero(self):
        server_id = self.server()
        resp = self.backup(server_id, rotation=0)
        self.assertNotIn('Location', resp.headers)
        self.assertEqual(b'', resp.body)

    def test_image_id_from_245(self):
        server_id = self.server()
        for rotation in (0, 2, '3'):
            resp = self.backup(server_id, rotation=rotation, version='2.45')
            self.assertNotIn('Location', resp.headers)
            self.assertEqual(['image_id'], list(resp.json))
            self.assertRegex(resp.json['image_id'], '^%s$' % TOKEN)
            if rotation:
                self.assertIn(resp.json['image_id'], self.store.images)

    def test_rotation_per_backup_type(self):
        server_id = self.server()
        for n in range(3):
            self.backup(server_id, name='daily-%d' % n, rotation=2)
        self.backup(server_id, name='weekly-0', backup_type='weekly',
                    rotation=1)
        self.assertEqual(['daily-1', 'daily-2'],
                         self.backups(server_id, 'daily'))
        self.assertEqual(['weekly-0'], self.backups(server_id, 'weekly'))
        self.backup(server_id, name='weekly-1', backup_type='weekly',
                    rotation=1)
        self.assertEqual(['weekly-1'], self.backups(server_id, 'weekly'))
        self.assertEqual(['daily-1', 'daily-2'],
                         self.backups(server_id, 'daily'))
        self.backup(server_id, name='daily-3', rotation='1',
                    version='2.45')
        self.assertEqual(['daily-3'], self.backups(server_id, 'daily'))

    def test_rotation_only_this_server(self):
        first, second = self.server(), self.server()
        self.backup(first, name='first', rotation=1)
        self.backup(second, name='second', rotation=1)
        self.assertEqual(['first'], self.backups(first, 'daily'))
        self.assertEqual(['second'], self.backups(second, 'daily'))

    def test_other_states(self):
        for setup in ('os-stop', 'pause', 'suspend'):
            server_id = self.server()
            self.act(server_id, setup)
            self.show(server_id)
            status = self.state(server_id)[0]
            self.backup(server_id)
            self.assertEqual(status, self.state(server_id)[0])

    def test_wrong_state(self):
        server_id = self.shelved()
        self.conflict(server_id, 'createBackup',
                      {'name': 'b', 'backup_type': 'daily', 'rotation': 1},
                      'vm_state', 'shelved_offloaded')
        server_id = self.server()
        self.act(server_id, 'rescue', status=200)
        self.conflict(server_id, 'createBackup',
                      {'name': 'b', 'backup_type': 'daily', 'rotation': 1},
                      'vm_state', 'rescued')

    def test_volume_backed(self):
        server_id = self.server()
        self.store.servers[server_id].image_id = ''
        resp = self.action(server_id, {'createBackup': {
            'name': 'b', 'backup_type': 'daily', 'rotation': 1}})
        self.assertFault(resp, 400, 'Backup is not supported for '
                         'volume-backed instances.')
        self.assertEqual([], self.backups(server_id, 'daily'))
        status, _vm, task, _power, _host = self.state(server_id)
        self.assertEqual(('ACTIVE', None), (status, task))

    def test_not_lock_checked(self):
        server_id = self.server()
        self.lock(server_id)
        self.backup(server_id)
        self.assertEqual(['b'], self.backups(server_id, 'daily'))

    def test_schema(self):
        server_id = self.server()
        good = {'name': 'b', 'backup_type': 'daily', 'rotation': 1}
        bad = [None, {}, dict(good, rotation=-1), dict(good, rotation='x'),
               dict(good, rotation=''), dict(good, name=''),
               dict(good, name=' lead'), dict(good, backup_type=1),
               dict(good, extra=1)]
        for key in ('name', 'backup_type', 'rotation'):
            value = dict(good)
            del value[key]
            bad.append(value)
        for value in bad:
            resp = self.action(server_id, {'createBackup': value})
            self.assertFault(resp, 400)
        self.assertEqual([], self.backups(server_id, 'daily'))
        self.backup(server_id, rotation='0')

    def test_metadata(self):
        server_id = self.server()
        resp = self.action(server_id, {'createBackup': {
            'name': 'b', 'backup_type': 'daily', 'rotation': 1,
            'metadata': {'k': 'v'}}}, version='2.45')
        self.assertEqual(202, resp.status, resp.body)
        image = self.store.images[resp.json['image_id']]
        self.assertEqual('v', image.metadata['k'])

    def test_policy_and_other_project(self):
        server_id = self.server()
        body = {'name': 'b', 'backup_type': 'daily', 'rotation': 1}
        self.assertFault(self.action(server_id, {'createBackup': body},
                                     token=ALT), 404)
        self.deny('os_compute_api:os-create-backup', server_id,
                  'createBackup', body)
        self.assertEqual([], self.backups(server_id, 'daily'))


# -- addFixedIp / removeFixedIp -----------------------------------------------

class MultinicTest(Helpers):

    def addrs(self, server_id):
        return sorted(a['addr'] for net in self.show(server_id)[
            'addresses'].values() for a in net)

    def test_add_and_remove(self):
        server_id = self.server()
        before = self.addrs(server_id)
        resp = self.act(server_id, 'addFixedIp', {'networkId': NETWORK_ID},
                        version='2.43')
        self.assertEqual(b'', resp.body)
        after = self.addrs(server_id)
        self.assertEqual(len(before) + 1, len(after))
        added = (set(after) - set(before)).pop()
        self.assertEqual(added, self.show(server_id)['addresses'][
            'private'][-1]['addr'])
        self.act(server_id, 'removeFixedIp', {'address': added},
                 version='2.43')
        self.assertEqual(before, self.addrs(server_id))
        # An RPC cast in nova: no instance action is recorded.
        self.assertEqual(['create'], self.action_names(server_id))

    def test_add_unknown_network_changes_nothing(self):
        server_id = self.server()
        before = self.addrs(server_id)
        self.act(server_id, 'addFixedIp', {'networkId': UNKNOWN})
        self.assertEqual(before, self.addrs(server_id))

    def test_add_numeric_network(self):
        self.store.networks['42'] = 'numbered'
        server_id = self.server()
        self.act(server_id, 'addFixedIp', {'networkId': 42})
        self.assertIn('numbered', self.show(server_id)['addresses'])

    def test_remove_unknown(self):
        server_id = self.server()
        resp = self.action(server_id,
                           {'removeFixedIp': {'address': '10.9.9.9'}})
        self.assertFault(resp, 400, "Instance %s does not have fixed IP "
                         "'10.9.9.9'." % server_id)

    def test_removed_at_244(self):
        server_id = self.server()
        for body in ({'addFixedIp': {'networkId': NETWORK_ID}},
                     {'removeFixedIp': {'address': '10.0.0.4'}}):
            for version in ('2.44', 'latest'):
                resp = self.action(server_id, body, version=version)
                self.assertFault(resp, 404,
                                 'The resource could not be found.')

    def test_schema(self):
        server_id = self.server()
        for body in ({'addFixedIp': {}}, {'addFixedIp': None},
                     {'addFixedIp': {'networkId': ''}},
                     {'addFixedIp': {'networkId': 'x' * 37}},
                     {'removeFixedIp': {'address': 'nope'}},
                     {'removeFixedIp': {}}):
            self.assertFault(self.action(server_id, body), 400)

    def test_any_state(self):
        server_id = self.shelved()
        self.act(server_id, 'addFixedIp', {'networkId': NETWORK_ID})

    def test_locked_refused(self):
        # Nova answers 500 here (quirk); fakenova refuses with 409.
        server_id = self.server()
        self.lock(server_id)
        before = self.addrs(server_id)
        resp = self.action(server_id,
                           {'addFixedIp': {'networkId': NETWORK_ID}})
        self.assertIn(resp.status, (409, 500), resp.body)
        self.assertEqual(before, self.addrs(server_id))
        self.act(server_id, 'addFixedIp', {'networkId': NETWORK_ID},
                 token=ADMIN)

    def test_policy_and_other_project(self):
        server_id = self.server()
        self.assertFault(self.action(
            server_id, {'addFixedIp': {'networkId': NETWORK_ID}},
            token=ALT), 404)
        self.deny('os_compute_api:os-multinic:add', server_id, 'addFixedIp',
                  {'networkId': NETWORK_ID})
        self.deny('os_compute_api:os-multinic:remove', server_id,
                  'removeFixedIp', {'address': '10.0.0.4'})


# -- console output -----------------------------------------------------------

class ConsoleOutputTest(Helpers):

    def output(self, server_id, value, status=200, **kw):
        resp = self.action(server_id, {'os-getConsoleOutput': value}, **kw)
        self.assertEqual(status, resp.status, resp.body)
        return resp.json['output'] if status == 200 else resp

    def test_lengths(self):
        server_id = self.server()
        full = self.output(server_id, {})
        lines = full.split('\n')
        self.assertGreater(len(lines), 3)
        self.assertEqual(full, self.output(server_id, {'length': None}))
        self.assertEqual('\n'.join(lines[-2:]),
                         self.output(server_id, {'length': 2}))
        self.assertEqual('\n'.join(lines[-3:]),
                         self.output(server_id, {'length': '3'}))
        self.assertEqual('', self.output(server_id, {'length': 0}))
        # quirk: -1 ('unlimited') drops the first line.
        self.assertEqual('\n'.join(lines[1:]),
                         self.output(server_id, {'length': -1}))
        self.assertEqual(full, self.output(server_id, {'length': 1000}))

    def test_schema(self):
        server_id = self.server()
        for value in (None, {'length': -2}, {'length': 'x'},
                      {'length': 1.5}, {'length': '-2'}, {'x': 1}, []):
            resp = self.output(server_id, value, status=400)
            self.assertFault(resp, 400)

    def test_no_host(self):
        server_id = self.shelved()
        resp = self.output(server_id, {}, status=409)
        self.assertFault(resp, 409, 'Instance %s is not ready' % server_id)

    def test_not_lock_checked_any_state(self):
        server_id = self.server()
        self.act(server_id, 'os-stop')
        self.lock(server_id)
        self.output(server_id, {'length': 1})

    def test_policy_and_other_project(self):
        server_id = self.server()
        self.assertFault(self.output(server_id, {}, status=404, token=ALT),
                         404)
        self.deny('os_compute_api:os-console-output', server_id,
                  'os-getConsoleOutput', {})


# -- legacy console actions (2.1 - 2.5) ---------------------------------------

class LegacyConsoleTest(Helpers):

    def console(self, server_id, key, console_type, version=None, **kw):
        return self.action(server_id, {key: {'type': console_type}},
                           version=version, **kw)

    def test_vnc(self):
        server_id = self.server()
        for version in (None, '2.1', '2.5'):
            resp = self.console(server_id, 'os-getVNCConsole', 'novnc',
                                version=version)
            self.assertEqual(200, resp.status, resp.body)
            self.assertEqual(['console'], list(resp.json))
            self.assertEqual('novnc', resp.json['console']['type'])
            self.assertRegex(resp.json['console']['url'], NOVNC_URL)

    def test_removed_at_26(self):
        server_id = self.server()
        for key, console_type in (('os-getVNCConsole', 'novnc'),
                                  ('os-getSPICEConsole', 'spice-html5'),
                                  ('os-getSerialConsole', 'serial'),
                                  ('os-getRDPConsole', 'rdp-html5')):
            for version in ('2.6', 'latest'):
                resp = self.console(server_id, key, console_type,
                                    version=version)
                self.assertFault(resp, 404,
                                 'The resource could not be found.')

    def test_vnc_disabled(self):
        self.store.consoles['vnc'] = False
        resp = self.console(self.server(), 'os-getVNCConsole', 'novnc')
        self.assertFault(resp, 400, 'Unavailable console type novnc.')

    def test_spice(self):
        server_id = self.server()
        resp = self.console(server_id, 'os-getSPICEConsole', 'spice-html5')
        self.assertFault(resp, 400, 'Unavailable console type spice-html5.')
        self.store.consoles['spice'] = True
        resp = self.console(server_id, 'os-getSPICEConsole', 'spice-html5',
                            version='2.5')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual('spice-html5', resp.json['console']['type'])
        self.assertRegex(resp.json['console']['url'], SPICE_URL)

    def test_serial(self):
        server_id = self.server()
        resp = self.console(server_id, 'os-getSerialConsole', 'serial')
        self.assertFault(resp, 400, 'Unavailable console type serial.')
        self.store.consoles['serial'] = True
        resp = self.console(server_id, 'os-getSerialConsole', 'serial')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual('serial', resp.json['console']['type'])
        self.assertRegex(resp.json['console']['url'], SERIAL_URL)

    def test_rdp_always_400(self):
        server_id = self.server()
        for target, body in ((server_id, {'type': 'rdp-html5'}),
                             (UNKNOWN, {'anything': True}),
                             (server_id, None)):
            resp = self.action(target, {'os-getRDPConsole': body},
                               version='2.5')
            self.assertFault(resp, 400, DEFAULT_400)
        self.cloud.set_policy(
            {'os_compute_api:os-remote-consoles': '!'})
        resp = self.console(server_id, 'os-getRDPConsole', 'rdp-html5')
        self.assertFault(resp, 400, DEFAULT_400)

    def test_schema(self):
        server_id = self.server()
        for key, value in (('os-getVNCConsole', {'type': 'spice-html5'}),
                           ('os-getVNCConsole', {}),
                           ('os-getVNCConsole', None),
                           ('os-getSPICEConsole', {'type': 'novnc'}),
                           ('os-getSerialConsole', {'type': 'novnc'}),
                           ('os-getSerialConsole', {'type': 'serial',
                                                    'x': 1})):
            self.assertFault(self.action(server_id, {key: value}), 400)

    def test_no_host(self):
        server_id = self.shelved()
        resp = self.console(server_id, 'os-getVNCConsole', 'novnc')
        self.assertFault(resp, 409, 'Instance %s is not ready' % server_id)

    def test_busy_task_state(self):
        server_id = self.server()
        self.store.servers[server_id].task_state = 'migrating'
        resp = self.console(server_id, 'os-getVNCConsole', 'novnc')
        self.assertFault(resp, 409, "Cannot 'get_vnc_console' instance %s "
                         "while it is in task_state migrating" % server_id)

    def test_not_lock_checked(self):
        server_id = self.server()
        self.lock(server_id)
        resp = self.console(server_id, 'os-getVNCConsole', 'novnc')
        self.assertEqual(200, resp.status, resp.body)

    def test_policy_before_lookup(self):
        server_id = self.server()
        # Policy passes for the caller's own project, then the lookup 404s.
        resp = self.console(server_id, 'os-getVNCConsole', 'novnc',
                            token=ALT)
        self.assertFault(resp, 404,
                         'Instance %s could not be found.' % server_id)
        self.cloud.set_policy(
            {'os_compute_api:os-remote-consoles': '!'})
        message = ("Policy doesn't allow os_compute_api:os-remote-consoles "
                   "to be performed.")
        for target in (server_id, UNKNOWN):
            resp = self.console(target, 'os-getVNCConsole', 'novnc')
            self.assertFault(resp, 403, message)


# -- POST /servers/{id}/remote-consoles (2.6+) --------------------------------

class RemoteConsolesTest(Helpers):

    def remote(self, server_id, protocol, console_type, version='2.6',
               **kw):
        return self.post('/v2.1/servers/%s/remote-consoles' % server_id,
                         {'remote_console': {'protocol': protocol,
                                             'type': console_type}},
                         version=version, **kw)

    def assertConsole(self, resp, protocol, console_type, pattern):
        self.assertEqual(200, resp.status, resp.body)
        body = resp.json['remote_console']
        self.assertEqual(['protocol', 'type', 'url'], sorted(body))
        self.assertEqual((protocol, console_type),
                         (body['protocol'], body['type']))
        self.assertRegex(body['url'], pattern)

    def test_vnc(self):
        server_id = self.server()
        for version in ('2.6', '2.8', 'latest'):
            self.assertConsole(self.remote(server_id, 'vnc', 'novnc',
                                           version=version),
                               'vnc', 'novnc', NOVNC_URL)

    def test_before_26(self):
        server_id = self.server()
        for version in (None, '2.1', '2.5'):
            resp = self.remote(server_id, 'vnc', 'novnc', version=version)
            self.assertFault(resp, 404)

    def test_mismatch(self):
        server_id = self.server()
        for protocol, console_type in (('vnc', 'serial'),
                                       ('vnc', 'spice-html5'),
                                       ('serial', 'novnc'),
                                       ('spice', 'rdp-html5'),
                                       ('vnc', 'xvpvnc')):
            resp = self.remote(server_id, protocol, console_type)
            self.assertFault(resp, 400,
                             'Invalid console type %s' % console_type)

    def test_rdp(self):
        server_id = self.server()
        for console_type in ('rdp-html5', 'novnc'):
            resp = self.remote(server_id, 'rdp', console_type)
            self.assertFault(resp, 400, 'Unavailable console type rdp.')

    def test_spice_and_serial(self):
        server_id = self.server()
        resp = self.remote(server_id, 'spice', 'spice-html5')
        self.assertFault(resp, 400, 'Unavailable console type spice-html5.')
        resp = self.remote(server_id, 'serial', 'serial')
        self.assertFault(resp, 400, 'Unavailable console type serial.')
        self.store.consoles['spice'] = True
        self.store.consoles['serial'] = True
        self.assertConsole(self.remote(server_id, 'spice', 'spice-html5'),
                           'spice', 'spice-html5', SPICE_URL)
        self.assertConsole(self.remote(server_id, 'serial', 'serial'),
                           'serial', 'serial', SERIAL_URL)

    def test_mks(self):
        server_id = self.server()
        resp = self.remote(server_id, 'mks', 'webmks', version='2.6')
        self.assertIn("'mks' is not one of", self.assertFault(resp, 400))
        resp = self.remote(server_id, 'vnc', 'webmks', version='2.7')
        self.assertIn("'webmks' is not one of", self.assertFault(resp, 400))
        resp = self.remote(server_id, 'mks', 'webmks', version='2.8')
        self.assertFault(resp, 400, 'Unavailable console type webmks.')
        self.store.consoles['mks'] = True
        self.assertConsole(self.remote(server_id, 'mks', 'webmks',
                                       version='2.8'),
                           'mks', 'webmks', MKS_URL)

    def test_spice_direct(self):
        server_id = self.server()
        self.store.consoles['spice'] = True
        resp = self.remote(server_id, 'spice', 'spice-direct',
                           version='2.98')
        self.assertIn("'spice-direct' is not one of",
                      self.assertFault(resp, 400))
        self.assertConsole(self.remote(server_id, 'spice', 'spice-direct',
                                       version='2.99'),
                           'spice', 'spice-direct', SPICE_DIRECT_URL)
        self.store.consoles['spice'] = False
        resp = self.remote(server_id, 'spice', 'spice-direct',
                           version='2.99')
        self.assertFault(resp, 400, 'Unavailable console type spice-direct.')

    def test_schema(self):
        server_id = self.server()
        url = '/v2.1/servers/%s/remote-consoles' % server_id
        for body in ({}, {'remote_console': {}},
                     {'remote_console': {'protocol': 'vnc'}},
                     {'remote_console': {'type': 'novnc'}},
                     {'remote_console': {'protocol': 'vnc', 'type': 'novnc',
                                         'x': 1}},
                     {'remote_console': {'protocol': 'VNC',
                                         'type': 'novnc'}},
                     {'remote_console': None}):
            self.assertFault(self.post(url, body, version='2.6'), 400)

    def test_no_host(self):
        server_id = self.shelved()
        resp = self.remote(server_id, 'vnc', 'novnc')
        self.assertFault(resp, 409, 'Instance %s is not ready' % server_id)

    def test_not_lock_checked(self):
        server_id = self.server()
        self.lock(server_id)
        self.assertConsole(self.remote(server_id, 'vnc', 'novnc'),
                           'vnc', 'novnc', NOVNC_URL)

    def test_policy_and_lookup(self):
        server_id = self.server()
        resp = self.remote(server_id, 'vnc', 'novnc', token=ALT)
        self.assertFault(resp, 404,
                         'Instance %s could not be found.' % server_id)
        self.assertFault(self.remote(UNKNOWN, 'vnc', 'novnc'), 404)
        self.cloud.set_policy(
            {'os_compute_api:os-remote-consoles': '!'})
        resp = self.remote(server_id, 'vnc', 'novnc')
        self.assertFault(resp, 403, "Policy doesn't allow "
                         "os_compute_api:os-remote-consoles to be "
                         "performed.")
        # Checked after the lookup: an unknown server is still a 404.
        self.assertFault(self.remote(UNKNOWN, 'vnc', 'novnc'), 404)


class EnabledConsolesTest(base.APITestCase):
    """Console kinds are enabled per cloud, as Nova enables them per compute.

    ``fakenova-api --consoles``, ``FakeNova(consoles=...)``.
    """

    app_conf = {'consoles': 'vnc,spice,serial,mks'}

    def remote(self, sid, protocol, console_type):
        return self.post('/v2.1/servers/%s/remote-consoles' % sid, {
            'remote_console': {'protocol': protocol, 'type': console_type}},
            version='2.8')

    def test_every_kind_enabled(self):
        sid = self.create_server()
        for protocol, console_type in (('vnc', 'novnc'),
                                       ('spice', 'spice-html5'),
                                       ('serial', 'serial'),
                                       ('mks', 'webmks')):
            resp = self.remote(sid, protocol, console_type)
            self.assertEqual(200, resp.status, resp.body)
            self.assertEqual(protocol,
                             resp.json['remote_console']['protocol'])

    def test_only_vnc_by_default_and_unknown_kinds_refused(self):
        self.app = base.load_app()
        self.cloud = self.app.cloud
        sid = self.create_server()
        self.assertEqual(200, self.remote(sid, 'vnc', 'novnc').status)
        self.assertFault(self.remote(sid, 'spice', 'spice-html5'), 400,
                         'Unavailable console type spice-html5.')
        self.assertRaises(ValueError, base.load_app, consoles='vnc,rdp')
