"""openstacksdk's compute proxy against the FakeNova fixture.

Every core server action is driven through ``conn.compute``; each test
asserts the resulting status twice: as the sdk's ``Server`` shows it and
as the fake's store shows it (``nova.server(id)``).

Notes on the sdk (openstacksdk 4.x) that shape these tests:

- The sdk negotiates the highest microversion it and the fake share
  (``Server._max_microversion``, 2.100) unless the Connection is given
  ``compute_api_version``, which pins every compute call (used here for
  addFloatingIp/removeFloatingIp, removed at 2.44).
- ``wait_for_server`` returns at once when the *local* object already has
  the wanted status; action methods do not refresh it, so a test re-reads
  the server (``get_server``) before waiting on a transition.
- ``create_server_image`` looks the new image up through the image
  (glance) service; the fake has none, so the tests use the compute call
  ``Server.create_image`` which only returns the image id.
"""

import threading

from openstack import exceptions as sdk_exc
import requests_mock
import testtools

from fakenova import fixture

IMAGE = fixture.DEFAULT_IMAGE
WAIT = {'wait': 5, 'interval': 0.01}


class SDKTestCase(testtools.TestCase):

    pacing = 'instant'
    polls = 1

    def setUp(self):
        super().setUp()
        self.nova = self.useFixture(fixture.FakeNova(pacing=self.pacing,
                                                     polls=self.polls))
        self.conn = self.nova.connection()
        self.compute = self.conn.compute

    def boot(self, name='vm1', wait=True):
        server = self.compute.create_server(
            name=name, image_id=IMAGE, flavor_id='1', networks='auto')
        if wait:
            server = self.compute.wait_for_server(server, **WAIT)
        return server

    def assertStatus(self, status, server):
        server_id = getattr(server, 'id', server)
        fresh = self.compute.get_server(server_id)
        self.assertEqual(status, fresh.status)
        self.assertEqual(status, self.nova.server(server_id)['status'])
        return fresh

    def action_names(self, server):
        return [a.action for a in self.compute.server_actions(server)]


class TestServerCrud(SDKTestCase):

    def test_create_and_wait_for_active(self):
        created = self.compute.create_server(
            name='vm1', image_id=IMAGE, flavor_id='1', networks='auto')
        self.assertIsNotNone(created.id)
        server = self.compute.wait_for_server(created, **WAIT)
        self.assertEqual('ACTIVE', server.status)
        self.assertStatus('ACTIVE', server)
        post = [c for c in self.nova.calls if c.method == 'POST']
        self.assertEqual(['/v2.1/servers'], [c.path for c in post])
        self.assertEqual(202, post[0].status)

    def test_get_and_list(self):
        server = self.boot('vm1')
        self.boot('vm2')
        self.assertEqual('vm1', self.compute.get_server(server.id).name)
        self.assertEqual(['vm1', 'vm2'],
                         sorted(s.name for s in self.compute.servers()))
        self.assertEqual(
            ['vm1'], [s.name for s in self.compute.servers(name='^vm1$')])
        self.assertEqual(
            2, len(list(self.compute.servers(details=False))))
        self.assertEqual(
            server.id, self.compute.find_server('vm1').id)

    def test_update(self):
        server = self.boot('vm1')
        updated = self.compute.update_server(server, name='renamed',
                                             description='hello')
        self.assertEqual('renamed', updated.name)
        fresh = self.assertStatus('ACTIVE', server)
        self.assertEqual('renamed', fresh.name)
        self.assertEqual('hello', fresh.description)
        self.assertEqual('renamed', self.nova.server(server.id)['name'])

    def test_delete_and_wait_for_delete(self):
        server = self.boot('vm1')
        self.compute.delete_server(server)
        self.compute.wait_for_delete(server, **WAIT)
        self.assertRaises(sdk_exc.NotFoundException,
                          self.compute.get_server, server.id)
        self.assertEqual([], list(self.compute.servers()))
        self.assertEqual([], self.nova.servers())
        delete = [c for c in self.nova.calls if c.method == 'DELETE']
        self.assertEqual([204], [c.status for c in delete])


class TestActions(SDKTestCase):

    def setUp(self):
        super().setUp()
        self.server = self.boot('vm1')

    def test_pause_unpause(self):
        self.compute.pause_server(self.server)
        self.assertStatus('PAUSED', self.server)
        self.compute.unpause_server(self.server)
        self.assertStatus('ACTIVE', self.server)
        self.assertEqual(['unpause', 'pause', 'create'],
                         self.action_names(self.server))

    def test_suspend_resume(self):
        self.compute.suspend_server(self.server)
        self.assertStatus('SUSPENDED', self.server)
        self.compute.resume_server(self.server)
        self.assertStatus('ACTIVE', self.server)

    def test_stop_start(self):
        self.compute.stop_server(self.server)
        fresh = self.assertStatus('SHUTOFF', self.server)
        self.assertEqual(4, fresh.power_state)
        self.compute.start_server(self.server)
        fresh = self.assertStatus('ACTIVE', self.server)
        self.assertEqual(1, fresh.power_state)
        self.assertEqual(['start', 'stop', 'create'],
                         self.action_names(self.server))

    def test_reboot_soft_and_hard(self):
        self.compute.reboot_server(self.server, 'SOFT')
        self.assertStatus('ACTIVE', self.server)
        self.compute.reboot_server(self.server, 'HARD')
        self.assertStatus('ACTIVE', self.server)
        bodies = [c.body for c in self.nova.calls
                  if c.path.endswith('/action')]
        self.assertEqual([{'reboot': {'type': 'SOFT'}},
                          {'reboot': {'type': 'HARD'}}], bodies)
        self.assertEqual(['reboot', 'reboot', 'create'],
                         self.action_names(self.server))

    def test_lock_unlock_with_reason(self):
        self.compute.lock_server(self.server, locked_reason='maintenance')
        fresh = self.assertStatus('ACTIVE', self.server)
        self.assertTrue(fresh.is_locked)
        self.assertEqual('maintenance', fresh.locked_reason)
        self.assertTrue(self.nova.server(self.server.id)['locked'])
        self.assertEqual('maintenance',
                         self.nova.server(self.server.id)['locked_reason'])
        lock = [c for c in self.nova.calls if c.path.endswith('/action')]
        self.assertEqual(
            [({'lock': {'locked_reason': 'maintenance'}}, '2.100', 202)],
            [(c.body, c.microversion, c.status) for c in lock])
        self.compute.unlock_server(self.server)
        fresh = self.assertStatus('ACTIVE', self.server)
        self.assertFalse(fresh.is_locked)
        self.assertIsNone(fresh.locked_reason)
        self.assertEqual(['unlock', 'lock', 'create'],
                         self.action_names(self.server))

    def test_locked_reason_ignored_before_2_73(self):
        # Before 2.73 the lock body is not validated and a reason is
        # dropped; the server is locked without one.
        old = self.nova.connection(compute_api_version='2.72').compute
        old.lock_server(self.server.id, locked_reason='maintenance')
        self.assertEqual('2.72', self.nova.calls[-1].microversion)
        self.assertEqual(202, self.nova.calls[-1].status)
        shown = old.get_server(self.server.id)
        self.assertTrue(shown.is_locked)
        self.assertIsNone(shown.locked_reason)
        self.assertTrue(self.nova.server(self.server.id)['locked'])
        self.assertIsNone(self.nova.server(self.server.id)['locked_reason'])

    def test_locked_server_refuses_pause_for_non_admin(self):
        self.compute.lock_server(self.server)
        e = self.assertRaises(sdk_exc.ConflictException,
                              self.compute.pause_server, self.server)
        self.assertEqual(409, e.status_code)
        self.assertIn('locked', e.details)
        self.assertStatus('ACTIVE', self.server)

    def test_rescue_unrescue(self):
        self.compute.rescue_server(self.server, admin_pass='secret')
        self.assertStatus('RESCUE', self.server)
        self.compute.unrescue_server(self.server)
        self.assertStatus('ACTIVE', self.server)

    def test_resize_confirm(self):
        self.compute.resize_server(self.server, '2')
        self.assertStatus('VERIFY_RESIZE', self.server)
        self.compute.confirm_server_resize(self.server)
        fresh = self.assertStatus('ACTIVE', self.server)
        self.assertEqual('m1.small', fresh.flavor.name)

    def test_migrations_after_resize_and_confirm(self):
        self.compute.resize_server(self.server, '2')
        self.assertStatus('VERIFY_RESIZE', self.server)
        self.compute.confirm_server_resize(self.server)
        self.assertStatus('ACTIVE', self.server)
        admin = self.nova.connection(admin=True).compute
        [migration] = admin.migrations(server_id=self.server.id)
        self.assertEqual(
            ('resize', 'confirmed', 1, 2),
            (migration.migration_type, migration.status,
             migration.old_flavor_id, migration.new_flavor_id))
        self.assertEqual(self.server.id, migration.server_id)
        self.assertEqual([], list(admin.migrations(status='finished')))
        self.assertRaises(sdk_exc.ForbiddenException, list,
                          self.compute.migrations())

    def test_resize_revert(self):
        self.compute.resize_server(self.server, '2')
        self.assertStatus('VERIFY_RESIZE', self.server)
        self.compute.revert_server_resize(self.server)
        fresh = self.assertStatus('ACTIVE', self.server)
        self.assertEqual('m1.tiny', fresh.flavor.name)
        self.assertEqual(['revertResize', 'resize', 'create'],
                         self.action_names(self.server))

    def test_rebuild(self):
        rebuilt = self.compute.rebuild_server(
            self.server, image=IMAGE, name='rebuilt', admin_password='pw')
        self.assertEqual('rebuilt', rebuilt.name)
        self.assertEqual('pw', rebuilt.admin_password)
        fresh = self.assertStatus('ACTIVE', self.server)
        self.assertEqual('rebuilt', fresh.name)
        self.assertEqual(IMAGE, fresh.image.id)

    def test_create_image(self):
        # The proxy's create_server_image() would then fetch the image from
        # the image service; the compute call alone returns the id.
        server = self.compute.get_server(self.server.id)
        image_id = server.create_image(self.compute, 'snap',
                                       metadata={'k': 'v'})
        self.assertIsNotNone(image_id)
        self.assertEqual('2.45', self.nova.calls[-1].microversion)
        self.assertEqual(202, self.nova.calls[-1].status)
        self.assertStatus('ACTIVE', self.server)
        image = self.nova.store.images[image_id]
        self.assertEqual('snap', image.name)

    def test_create_image_before_2_45_uses_location(self):
        old = self.nova.connection(compute_api_version='2.44').compute
        server = old.get_server(self.server.id)
        image_id = server.create_image(old, 'snap')
        self.assertIsNotNone(image_id)
        self.assertEqual(36, len(image_id))
        self.assertEqual('2.44', self.nova.calls[-1].microversion)

    def test_change_password(self):
        self.compute.change_server_password(self.server, 'n3w-pass')
        self.assertStatus('ACTIVE', self.server)
        call = [c for c in self.nova.calls if c.path.endswith('/action')][0]
        self.assertEqual({'changePassword': {'adminPass': 'n3w-pass'}},
                         call.body)
        self.assertEqual(202, call.status)

    def test_add_remove_security_group(self):
        self.nova.add_security_group('web')
        self.compute.add_security_group_to_server(self.server, 'web')
        fresh = self.assertStatus('ACTIVE', self.server)
        self.assertIn('web', [g['name'] for g in fresh.security_groups])
        self.compute.remove_security_group_from_server(
            self.server, {'name': 'web'})
        fresh = self.assertStatus('ACTIVE', self.server)
        self.assertNotIn('web', [g['name']
                                 for g in fresh.security_groups or []])
        actions = [c for c in self.nova.calls if c.path.endswith('/action')]
        self.assertEqual([{'addSecurityGroup': {'name': 'web'}},
                          {'removeSecurityGroup': {'name': 'web'}}],
                         [c.body for c in actions])
        self.assertEqual([202, 202], [c.status for c in actions])

    def test_add_unknown_security_group_is_404(self):
        self.assertRaises(sdk_exc.NotFoundException,
                          self.compute.add_security_group_to_server,
                          self.server, 'nope')

    def test_add_remove_floating_ip_at_2_43(self):
        fip = self.nova.add_floating_ip()
        address = fip.address
        old = self.nova.connection(compute_api_version='2.43').compute
        old.add_floating_ip_to_server(self.server.id, address)
        self.assertEqual('2.43', self.nova.calls[-1].microversion)
        self.assertEqual(202, self.nova.calls[-1].status)
        fresh = self.assertStatus('ACTIVE', self.server)
        floating = [a['addr'] for addrs in fresh.addresses.values()
                    for a in addrs if a.get('OS-EXT-IPS:type') == 'floating']
        self.assertEqual([address], floating)
        old.remove_floating_ip_from_server(self.server.id, address)
        self.assertEqual(202, self.nova.calls[-1].status)
        fresh = self.assertStatus('ACTIVE', self.server)
        floating = [a['addr'] for addrs in fresh.addresses.values()
                    for a in addrs if a.get('OS-EXT-IPS:type') == 'floating']
        self.assertEqual([], floating)

    def test_add_floating_ip_at_negotiated_version_is_404(self):
        fip = self.nova.add_floating_ip()
        e = self.assertRaises(sdk_exc.NotFoundException,
                              self.compute.add_floating_ip_to_server,
                              self.server, fip.address)
        self.assertEqual(404, e.status_code)
        self.assertEqual('2.100', self.nova.calls[-1].microversion)

    def test_server_actions(self):
        self.compute.pause_server(self.server)
        self.compute.unpause_server(self.server)
        actions = list(self.compute.server_actions(self.server))
        self.assertEqual(['unpause', 'pause', 'create'],
                         [a.action for a in actions])
        self.assertEqual('2.84', self.nova.calls[-1].microversion)
        for action in actions:
            self.assertTrue(action.request_id.startswith('req-'))
            self.assertEqual(self.nova.project_id, action.project_id)
        pause = self.compute.get_server_action(actions[1].request_id,
                                               self.server)
        self.assertEqual('pause', pause.action)
        self.assertEqual(actions[1].request_id, pause.request_id)
        self.assertEqual(['compute_pause_instance'],
                         [e.event for e in pause.events or []])


class TestMetadataAndTags(SDKTestCase):

    def setUp(self):
        super().setUp()
        self.server = self.boot()

    def test_set_and_delete_server_metadata(self):
        result = self.compute.set_server_metadata(self.server, a='1', b='2')
        self.assertEqual({'a': '1', 'b': '2'}, result.metadata)
        self.assertEqual({'a': '1', 'b': '2'},
                         self.compute.get_server_metadata(
                             self.server).metadata)
        self.compute.delete_server_metadata(self.server, ['a'])
        self.assertEqual(204, self.nova.calls[-1].status)
        self.assertEqual({'b': '2'},
                         self.compute.get_server(self.server.id).metadata)
        self.assertEqual({'b': '2'},
                         self.nova.server(self.server.id)['metadata'])

    def test_metadata_item_and_replace(self):
        server = self.compute.get_server(self.server.id)
        server.set_metadata_item(self.compute, 'k', 'v')
        self.assertTrue(self.nova.calls[-1].path.endswith('/metadata/k'))
        server.replace_metadata(self.compute, metadata={'only': 'this'})
        self.assertEqual('PUT', self.nova.calls[-1].method)
        self.assertEqual({'only': 'this'},
                         self.nova.server(self.server.id)['metadata'])

    def test_metadata_of_a_building_server_is_conflict(self):
        self.nova.set_pacing('manual')
        server = self.boot('vm2', wait=False)
        e = self.assertRaises(sdk_exc.ConflictException,
                              self.compute.set_server_metadata, server,
                              a='1')
        self.assertIn("Cannot 'update metadata' instance", str(e))

    def test_tags(self):
        server = self.compute.get_server(self.server.id)
        server.set_tags(self.compute, ['a', 'b'])
        self.compute.add_tag_to_server(self.server, 'c')
        self.assertEqual(201, self.nova.calls[-1].status)
        self.compute.remove_tag_from_server(self.server, 'a')
        fresh = self.compute.get_server(self.server.id)
        self.assertEqual(['b', 'c'], fresh.tags)
        self.assertEqual(['b', 'c'], fresh.fetch_tags(self.compute).tags)
        fresh.check_tag(self.compute, 'b')
        self.assertRaises(sdk_exc.NotFoundException, fresh.check_tag,
                          self.compute, 'a')
        self.compute.remove_tags_from_server(self.server)
        self.assertEqual([], self.nova.server(self.server.id)['tags'])

    def test_list_servers_by_tag(self):
        other = self.boot('vm2')
        self.compute.add_tag_to_server(other, 'db')
        found = list(self.compute.servers(tags='db'))
        self.assertEqual([other.id], [s.id for s in found])
        found = list(self.compute.servers(any_tags='db,web'))
        self.assertEqual([other.id], [s.id for s in found])
        found = list(self.compute.servers(not_tags='db'))
        self.assertEqual([self.server.id], [s.id for s in found])


class TestPolls(SDKTestCase):

    pacing = 'polls'
    polls = 3

    def gets(self, server, since):
        return [c for c in self.nova.calls[since:]
                if c.method == 'GET' and c.path.endswith(server.id)]

    def test_create_shows_build_then_active(self):
        created = self.compute.create_server(
            name='vm1', image_id=IMAGE, flavor_id='1', networks='auto')
        since = len(self.nova.calls)
        progress = []
        server = self.compute.wait_for_server(
            created, callback=progress.append, **WAIT)
        self.assertEqual('ACTIVE', server.status)
        # BUILD for three reads (each reported to the callback), then ACTIVE.
        self.assertEqual([0, 0, 0], progress)
        self.assertEqual(4, len(self.gets(server, since)))

    def test_reboot_wait_sees_reboot_then_active(self):
        server = self.boot('vm1')
        self.compute.reboot_server(server, 'SOFT')
        since = len(self.nova.calls)
        # The action does not refresh the sdk object, and wait_for_server
        # returns at once when the local status already matches: re-read.
        server = self.compute.get_server(server.id)
        self.assertEqual('REBOOT', server.status)
        self.assertEqual('REBOOT', self.nova.server(server.id)['status'])
        server = self.compute.wait_for_server(server, **WAIT)
        self.assertEqual('ACTIVE', server.status)
        self.assertEqual('ACTIVE', self.nova.server(server.id)['status'])
        # REBOOT for three reads (one get_server, two in the wait), then
        # ACTIVE on the fourth.
        self.assertEqual(4, len(self.gets(server, since)))

    def test_hard_reboot_shows_hard_reboot(self):
        server = self.boot('vm1')
        self.compute.reboot_server(server, 'HARD')
        server = self.compute.get_server(server.id)
        self.assertEqual('HARD_REBOOT', server.status)
        server = self.compute.wait_for_server(server, **WAIT)
        self.assertStatus('ACTIVE', server)


class TestServerGroups(SDKTestCase):

    def test_create_list_get_delete(self):
        group = self.compute.create_server_group(name='web',
                                                 policy='affinity')
        self.assertEqual(('web', 'affinity', [], self.nova.project_id),
                         (group.name, group.policy, group.member_ids,
                          group.project_id))
        self.assertEqual([group.id],
                         [g.id for g in self.compute.server_groups()])
        self.assertEqual('affinity',
                         self.compute.get_server_group(group.id).policy)
        # The cloud layer finds it by name.
        self.assertEqual(group.id, self.conn.get_server_group('web').id)
        self.compute.delete_server_group(group)
        self.assertRaises(sdk_exc.NotFoundException,
                          self.compute.get_server_group, group.id)
        self.assertEqual([], list(self.compute.server_groups()))

    def test_affinity_through_scheduler_hints(self):
        group = self.conn.create_server_group('db', ['affinity'])
        servers = []
        for name in ('vm1', 'vm2'):
            server = self.compute.create_server(
                name=name, image_id=IMAGE, flavor_id='1', networks='auto',
                scheduler_hints={'group': group.id})
            servers.append(self.compute.wait_for_server(server, **WAIT))
        self.assertEqual([[group.id]] * 2,
                         [s.server_groups for s in servers])
        # One host: one hostId (the host itself is for admins).
        self.assertEqual(1, len({s.host_id for s in servers}))
        self.assertTrue(servers[0].host_id)
        self.assertEqual(1, len({self.nova.server(s.id)[
            'OS-EXT-SRV-ATTR:host'] for s in servers}))
        self.assertEqual({s.id for s in servers},
                         set(self.compute.get_server_group(
                             group.id).member_ids))


class TestManual(SDKTestCase):

    pacing = 'manual'

    def test_wait_times_out_then_completes(self):
        created = self.compute.create_server(
            name='vm1', image_id=IMAGE, flavor_id='1', networks='auto')
        self.assertRaises(sdk_exc.ResourceTimeout,
                          self.compute.wait_for_server, created,
                          wait=0.2, interval=0.01)
        self.assertEqual('BUILD', self.nova.server(created.id)['status'])
        self.nova.complete(created.id)
        server = self.compute.wait_for_server(created, **WAIT)
        self.assertStatus('ACTIVE', server)

    def test_reboot_completed_from_a_timer(self):
        self.nova.create_server(name='vm1')
        server = self.compute.find_server('vm1')
        self.compute.reboot_server(server, 'SOFT')
        server = self.compute.get_server(server.id)
        self.assertEqual('REBOOT', server.status)
        self.assertRaises(sdk_exc.ResourceTimeout,
                          self.compute.wait_for_server, server,
                          wait=0.1, interval=0.01)
        timer = threading.Timer(0.1, self.nova.complete, [server.id])
        timer.start()
        self.addCleanup(timer.cancel)
        server = self.compute.wait_for_server(server, **WAIT)
        self.assertEqual('ACTIVE', server.status)
        self.assertStatus('ACTIVE', server)


class TestFaults(SDKTestCase):

    def test_fail_next_raises_sdk_http_exception(self):
        server = self.boot('vm1')
        self.nova.fail_next('pause', status=500)
        e = self.assertRaises(sdk_exc.HttpException,
                              self.compute.pause_server, server)
        self.assertEqual(500, e.status_code)
        body = e.response.json()
        self.assertEqual(['computeFault'], list(body))
        self.assertEqual(body['computeFault']['message'], e.details)
        self.assertTrue(e.details.startswith('Unexpected API Error.'))
        self.assertIn(e.details, str(e))
        self.assertStatus('ACTIVE', server)
        # One shot: the next pause goes through.
        self.compute.pause_server(server)
        self.assertStatus('PAUSED', server)

    def test_fail_next_with_message_maps_to_sdk_subclass(self):
        server = self.boot('vm1')
        self.nova.fail_next('pause', status=409, message='Busy, try later')
        e = self.assertRaises(sdk_exc.ConflictException,
                              self.compute.pause_server, server)
        self.assertIsInstance(e, sdk_exc.HttpException)
        self.assertEqual(409, e.status_code)
        self.assertEqual('Busy, try later', e.details)
        self.assertEqual(
            {'conflictingRequest': {'code': 409,
                                    'message': 'Busy, try later'}},
            e.response.json())

    def test_error_next_leaves_server_in_error_with_fault(self):
        server = self.boot('vm1')
        self.nova.error_next('reboot')
        self.compute.reboot_server(server, 'HARD')
        server = self.compute.get_server(server.id)
        e = self.assertRaises(sdk_exc.ResourceFailure,
                              self.compute.wait_for_server, server, **WAIT)
        self.assertIn('ERROR', str(e))
        fresh = self.assertStatus('ERROR', server)
        self.assertEqual(500, fresh.fault['code'])
        self.assertEqual('Injected failure of reboot',
                         fresh.fault['message'])
        self.assertEqual(fresh.fault['message'],
                         self.nova.server(server.id)['fault']['message'])

    def test_error_next_custom_fault(self):
        server = self.boot('vm1')
        self.nova.error_next('reboot', fault={'code': 500,
                                              'message': 'host died'})
        self.compute.reboot_server(server, 'SOFT')
        fresh = self.assertStatus('ERROR', server)
        self.assertEqual('host died', fresh.fault['message'])


class TestRequestsMock(testtools.TestCase):

    def test_sdk_through_requests_mock(self):
        with requests_mock.Mocker() as m:
            nova = self.useFixture(fixture.FakeNova(requests_mock=m))
            compute = nova.connection().compute
            server = compute.create_server(
                name='vm1', image_id=IMAGE, flavor_id='1', networks='auto')
            server = compute.wait_for_server(server, **WAIT)
            self.assertEqual('ACTIVE', server.status)
            compute.pause_server(server)
            self.assertEqual('PAUSED', compute.get_server(server.id).status)
            self.assertEqual('PAUSED', nova.server(server.id)['status'])
            self.assertEqual(['vm1'], [s.name for s in compute.servers()])
            self.assertTrue(m.called)
            self.assertTrue(all(r.hostname == nova.host
                                for r in m.request_history))
            # The sdk's version discovery also goes through: GET /v2.1
            # (redirected like Nova does, before the API router records a
            # call), then GET /v2.1/.
            first = m.request_history[0]
            self.assertEqual(('GET', '/v2.1'), (first.method, first.path))
            self.assertEqual(
                [(r.method, r.path) for r in m.request_history[1:]],
                [(c.method, c.path) for c in nova.calls])
