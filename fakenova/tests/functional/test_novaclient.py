"""python-novaclient against the FakeNova fixture: every core action.

Each test asserts the status twice: as novaclient's objects show it and
as the fake's store shows it (``nova.server(id)``).
"""

from novaclient import exceptions as nc_exc
import testtools

from fakenova import fixture

IMAGE = fixture.DEFAULT_IMAGE


class NovaclientTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.nova = self.useFixture(fixture.FakeNova())
        self.client = self.nova.novaclient()

    def boot(self, name='vm1', **kwargs):
        kwargs.setdefault('nics', 'auto')
        server = self.client.servers.create(name, image=IMAGE, flavor='1',
                                            **kwargs)
        return self.client.servers.get(server.id)

    def assertStatus(self, status, server):
        self.assertEqual(status, self.client.servers.get(server).status)
        server_id = getattr(server, 'id', server)
        self.assertEqual(status, self.nova.server(server_id)['status'])


class TestClientVersion(NovaclientTestCase):

    def test_latest_resolves_to_a_concrete_microversion(self):
        from novaclient import api_versions
        self.assertFalse(self.client.api_version.is_latest())
        self.assertGreaterEqual(self.client.api_version,
                                api_versions.APIVersion('2.73'))
        self.client.servers.list()
        # No version-discovery request: the list is the only call.
        (call,) = self.nova.calls
        self.assertEqual(self.client.api_version.get_string(),
                         call.microversion)

    def test_explicit_version(self):
        client = self.nova.novaclient('2.1')
        client.servers.list()
        self.assertEqual('2.1', self.nova.calls[-1].microversion)


class TestServerCrud(NovaclientTestCase):

    def test_create_polls_to_active(self):
        self.nova.set_pacing('polls', polls=2)
        created = self.client.servers.create('vm1', image=IMAGE, flavor='1',
                                             nics='auto')
        seen = []
        for _ in range(10):
            server = self.client.servers.get(created.id)
            seen.append(server.status)
            if server.status == 'ACTIVE':
                break
        self.assertEqual(['BUILD', 'BUILD', 'ACTIVE'], seen)
        self.assertEqual('ACTIVE', self.nova.server(created.id)['status'])
        self.assertEqual(('POST', '/v2.1/servers', 202),
                         self.nova.calls[0][:2] + self.nova.calls[0][5:6])
        self.assertEqual(['GET'] * 3,
                         [c.method for c in self.nova.calls[1:]])

    def test_get_and_list(self):
        server = self.boot('vm1')
        self.boot('vm2')
        self.assertEqual('vm1', self.client.servers.get(server.id).name)
        self.assertEqual(['vm1', 'vm2'],
                         sorted(s.name for s in self.client.servers.list()))
        self.assertEqual(
            ['vm1'],
            [s.name for s in self.client.servers.list(
                search_opts={'name': '^vm1$'})])
        self.assertEqual(
            2, len(self.client.servers.list(detailed=False)))

    def test_update(self):
        server = self.boot()
        updated = self.client.servers.update(server, name='renamed',
                                             description='hello')
        self.assertEqual('renamed', updated.name)
        self.assertEqual('renamed', self.nova.server(server.id)['name'])
        self.assertEqual('hello',
                         self.client.servers.get(server.id).description)

    def test_delete(self):
        server = self.boot()
        self.client.servers.delete(server)
        self.assertRaises(nc_exc.NotFound, self.client.servers.get,
                          server.id)
        self.assertEqual([], self.nova.servers())

    def test_get_missing_is_not_found(self):
        e = self.assertRaises(nc_exc.NotFound, self.client.servers.get,
                              'c2a3b2d0-0000-4000-8000-000000000000')
        self.assertEqual(404, e.code)
        self.assertIn('could not be found', e.message)


class TestServerActions(NovaclientTestCase):

    def setUp(self):
        super().setUp()
        self.server = self.boot()
        self.assertStatus('ACTIVE', self.server)

    def test_pause_unpause(self):
        self.client.servers.pause(self.server)
        self.assertStatus('PAUSED', self.server)
        self.client.servers.unpause(self.server)
        self.assertStatus('ACTIVE', self.server)

    def test_suspend_resume(self):
        self.client.servers.suspend(self.server)
        self.assertStatus('SUSPENDED', self.server)
        self.client.servers.resume(self.server)
        self.assertStatus('ACTIVE', self.server)

    def test_stop_start(self):
        self.client.servers.stop(self.server)
        self.assertStatus('SHUTOFF', self.server)
        self.client.servers.start(self.server)
        self.assertStatus('ACTIVE', self.server)

    def test_reboot_soft_and_hard(self):
        self.client.servers.reboot(self.server, reboot_type='SOFT')
        self.assertStatus('ACTIVE', self.server)
        self.client.servers.reboot(self.server, reboot_type='HARD')
        self.assertStatus('ACTIVE', self.server)
        self.assertEqual(
            [{'reboot': {'type': 'SOFT'}}, {'reboot': {'type': 'HARD'}}],
            [c.body for c in self.nova.calls if c.method == 'POST'
             and c.path.endswith('/action')])

    def test_reboot_shows_transitional_status_with_manual_pacing(self):
        self.nova.set_pacing('manual')
        self.client.servers.reboot(self.server, reboot_type='HARD')
        self.assertStatus('HARD_REBOOT', self.server)
        self.nova.complete(self.server.id)
        self.assertStatus('ACTIVE', self.server)

    def test_lock_unlock_with_reason(self):
        client = self.nova.novaclient('2.73')
        client.servers.lock(self.server, reason='maintenance')
        server = client.servers.get(self.server.id)
        self.assertTrue(server.locked)
        self.assertEqual('maintenance', server.locked_reason)
        self.assertTrue(self.nova.server(self.server.id)['locked'])
        client.servers.unlock(self.server)
        server = client.servers.get(self.server.id)
        self.assertFalse(server.locked)
        self.assertIsNone(server.locked_reason)
        self.assertFalse(self.nova.server(self.server.id)['locked'])

    def test_locked_server_refuses_a_non_admin_action(self):
        self.nova.create_server(name='locked', locked='admin')
        locked = [s for s in self.client.servers.list()
                  if s.name == 'locked'][0]
        e = self.assertRaises(nc_exc.Conflict, self.client.servers.pause,
                              locked)
        self.assertIn('locked', e.message)

    def test_rescue_unrescue(self):
        resp, body = self.client.servers.rescue(self.server)
        self.assertEqual(200, resp.status_code)
        self.assertIn('adminPass', body)
        self.assertStatus('RESCUE', self.server)
        self.client.servers.unrescue(self.server)
        self.assertStatus('ACTIVE', self.server)

    def test_resize_confirm(self):
        self.client.servers.resize(self.server, '2')
        self.assertStatus('VERIFY_RESIZE', self.server)
        self.client.servers.confirm_resize(self.server)
        self.assertStatus('ACTIVE', self.server)
        self.assertEqual(
            'm1.small',
            self.client.servers.get(self.server.id).flavor['original_name'])

    def test_resize_revert(self):
        self.client.servers.resize(self.server, '2')
        self.assertStatus('VERIFY_RESIZE', self.server)
        self.client.servers.revert_resize(self.server)
        self.assertStatus('ACTIVE', self.server)
        self.assertEqual(
            'm1.tiny',
            self.client.servers.get(self.server.id).flavor['original_name'])

    def test_migration_list_after_resize(self):
        self.client.servers.resize(self.server, '2')
        self.assertStatus('VERIFY_RESIZE', self.server)
        admin = self.nova.novaclient(admin=True)
        [migration] = admin.migrations.list()
        self.assertEqual(
            (self.server.id, 'resize', 'finished', 1, 2),
            (migration.instance_uuid, migration.migration_type,
             migration.status, migration.old_instance_type_id,
             migration.new_instance_type_id))
        self.assertEqual(
            [migration.uuid],
            [m.uuid for m in admin.migrations.list(
                instance_uuid=self.server.id, migration_type='resize',
                limit=1)])
        self.assertEqual([], admin.migrations.list(status='confirmed'))
        # Admin-only by default.
        self.assertRaises(nc_exc.Forbidden, self.client.migrations.list)

    def test_rebuild(self):
        other = self.nova.add_image('other-image')
        rebuilt = self.client.servers.rebuild(self.server, other.id,
                                              name='rebuilt')
        self.assertEqual('rebuilt', rebuilt.name)
        self.assertStatus('ACTIVE', self.server)
        self.assertEqual(other.id,
                         self.client.servers.get(self.server.id).image['id'])

    def test_create_image_returns_the_image_id(self):
        image_id = self.client.servers.create_image(self.server, 'snap')
        self.assertIsInstance(image_id, str)
        self.assertEqual(36, len(image_id))
        self.assertIn(image_id, self.nova.store.images)
        self.assertStatus('ACTIVE', self.server)

    def test_change_password(self):
        self.client.servers.change_password(self.server, 'n3w-secret')
        call = self.nova.calls[-1]
        self.assertEqual({'changePassword': {'adminPass': 'n3w-secret'}},
                         call.body)
        self.assertEqual(202, call.status)
        self.assertStatus('ACTIVE', self.server)

    def test_add_remove_security_group(self):
        self.nova.add_security_group('web')
        self.client.servers.add_security_group(self.server, 'web')
        groups = [g['name'] for g in
                  self.nova.server(self.server.id)['security_groups']]
        self.assertIn('web', groups)
        self.client.servers.remove_security_group(self.server, 'web')
        groups = [g['name'] for g in
                  self.nova.server(self.server.id)['security_groups']]
        self.assertNotIn('web', groups)

    def test_add_remove_floating_ip(self):
        # novaclient 18 dropped servers.add_floating_ip and
        # remove_floating_ip (Nova removed the actions at 2.44); call the
        # actions through the manager's _action at 2.43.
        fip = self.nova.add_floating_ip()
        client = self.nova.novaclient('2.43')
        manager = client.servers
        if hasattr(manager, 'add_floating_ip'):
            manager.add_floating_ip(self.server, fip.address)
        else:
            manager._action('addFloatingIp', self.server,
                            {'address': fip.address})
        addresses = [a['addr'] for addrs in
                     client.servers.get(self.server.id).addresses.values()
                     for a in addrs]
        self.assertIn(fip.address, addresses)
        if hasattr(manager, 'remove_floating_ip'):
            manager.remove_floating_ip(self.server, fip.address)
        else:
            manager._action('removeFloatingIp', self.server,
                            {'address': fip.address})
        addresses = [a['addr'] for addrs in
                     client.servers.get(self.server.id).addresses.values()
                     for a in addrs]
        self.assertNotIn(fip.address, addresses)

    def test_instance_actions(self):
        self.client.servers.pause(self.server)
        self.client.servers.unpause(self.server)
        actions = self.client.instance_action.list(self.server)
        self.assertEqual(['unpause', 'pause', 'create'],
                         [a.action for a in actions])
        pause = [a for a in actions if a.action == 'pause'][0]
        detail = self.client.instance_action.get(self.server,
                                                 pause.request_id)
        self.assertEqual('pause', detail.action)
        self.assertEqual(self.server.id, detail.instance_uuid)
        self.assertTrue(detail.events)
        # The action's request id is the one the pause response carried.
        pause_call = [c for c in self.nova.calls
                      if c.body == {'pause': None}][0]
        self.assertEqual(pause_call.request_id, pause.request_id)


class TestMetadataAndTags(NovaclientTestCase):

    def setUp(self):
        super().setUp()
        self.server = self.boot()

    def test_set_meta_item_and_delete_meta(self):
        result = self.client.servers.set_meta(self.server,
                                              {'a': '1', 'b': '2'})
        self.assertEqual({'a': '1', 'b': '2'}, result._info)
        self.assertEqual('POST', self.nova.calls[-1].method)
        self.client.servers.set_meta_item(self.server, 'a', 'changed')
        self.assertEqual('PUT', self.nova.calls[-1].method)
        self.assertTrue(self.nova.calls[-1].path.endswith('/metadata/a'))
        self.assertEqual({'a': 'changed', 'b': '2'},
                         self.client.servers.get(self.server.id).metadata)
        self.client.servers.delete_meta(self.server, ['a'])
        self.assertEqual(204, self.nova.calls[-1].status)
        self.assertEqual({'b': '2'},
                         self.nova.server(self.server.id)['metadata'])
        e = self.assertRaises(nc_exc.NotFound, self.client.servers.delete_meta,
                              self.server, ['a'])
        self.assertEqual('Metadata item was not found', e.message)

    def test_locked_server_refuses_metadata(self):
        self.client.servers.lock(self.server)
        e = self.assertRaises(nc_exc.Conflict, self.client.servers.set_meta,
                              self.server, {'a': '1'})
        self.assertEqual('Instance %s is locked' % self.server.id, e.message)
        self.assertEqual({}, self.nova.server(self.server.id)['metadata'])

    def test_tags(self):
        self.client.servers.set_tags(self.server, ['a', 'b'])
        self.assertEqual(['a', 'b'], self.client.servers.tag_list(
            self.server))
        self.client.servers.add_tag(self.server, 'c')
        self.assertEqual(201, self.nova.calls[-1].status)
        self.client.servers.delete_tag(self.server, 'a')
        self.assertEqual(['b', 'c'],
                         self.client.servers.tag_list(self.server))
        self.assertEqual(['b', 'c'],
                         self.client.servers.get(self.server.id).tags)
        self.assertEqual(['b', 'c'], self.nova.server(self.server.id)['tags'])
        self.assertRaises(nc_exc.NotFound, self.client.servers.delete_tag,
                          self.server, 'a')
        self.client.servers.delete_all_tags(self.server)
        self.assertEqual([], self.client.servers.tag_list(self.server))

    def test_list_by_tag(self):
        other = self.boot('vm2')
        self.client.servers.add_tag(self.server, 'web')
        found = self.client.servers.list(search_opts={'tags': 'web'})
        self.assertEqual([self.server.id], [s.id for s in found])
        found = self.client.servers.list(search_opts={'not-tags': 'web'})
        self.assertEqual([other.id], [s.id for s in found])


class TestServerGroups(NovaclientTestCase):

    def test_create_list_get_delete(self):
        group = self.client.server_groups.create(
            name='web', policy='anti-affinity',
            rules={'max_server_per_host': 2})
        self.assertEqual(('web', 'anti-affinity', {'max_server_per_host': 2},
                          []),
                         (group.name, group.policy, group.rules,
                          group.members))
        self.assertEqual([group.id],
                         [g.id for g in self.client.server_groups.list()])
        self.assertEqual('web', self.client.server_groups.get(group.id).name)
        # Before 2.64 the same group has policies and metadata.
        old = self.nova.novaclient('2.15').server_groups.get(group.id)
        self.assertEqual((['anti-affinity'], {}),
                         (old.policies, old.metadata))
        old = self.nova.novaclient('2.15').server_groups.create(
            'legacy', ['soft-affinity'])
        self.assertEqual(['soft-affinity'], old.policies)
        self.client.server_groups.delete(group.id)
        e = self.assertRaises(nc_exc.NotFound, self.client.server_groups.get,
                              group.id)
        self.assertEqual('Instance group %s could not be found.' % group.id,
                         e.message)
        self.assertEqual(['legacy'],
                         [g.name for g in self.client.server_groups.list()])

    def test_members_follow_the_policy(self):
        group = self.client.server_groups.create(name='web',
                                                 policy='anti-affinity')
        hints = {'group': group.id}
        first = self.boot('vm1', scheduler_hints=hints)
        second = self.boot('vm2', scheduler_hints=hints)
        self.assertEqual([group.id], first.server_groups)
        # Different hosts: different hostIds (what a non-admin sees).
        self.assertNotEqual(first.hostId, second.hostId)
        self.assertEqual(2, len({self.nova.server(s.id)[
            'OS-EXT-SRV-ATTR:host'] for s in (first, second)}))
        third = self.boot('vm3', scheduler_hints=hints)
        self.assertStatus('ERROR', third)
        self.assertEqual('No valid host was found. There are not enough '
                         'hosts available.', third.fault['message'])
        self.assertEqual({first.id, second.id, third.id},
                         set(self.client.server_groups.get(group.id).members))
        self.client.servers.delete(third)
        self.assertEqual({first.id, second.id},
                         set(self.client.server_groups.get(group.id).members))

    def test_unknown_group_is_bad_request(self):
        e = self.assertRaises(
            nc_exc.BadRequest, self.boot,
            scheduler_hints={'group': '2b1c3b5e-8e88-4e8b-9a33-3e1a4c5d6e7f'})
        self.assertEqual('Instance group 2b1c3b5e-8e88-4e8b-9a33-3e1a4c5d6e7f '
                         'could not be found.', e.message)


class TestErrors(NovaclientTestCase):

    def setUp(self):
        super().setUp()
        self.server = self.boot()

    def test_injected_500_is_a_client_exception_with_novas_message(self):
        self.nova.fail_next('pause', status=500, message='hypervisor gone')
        e = self.assertRaises(nc_exc.ClientException,
                              self.client.servers.pause, self.server)
        self.assertEqual(500, e.code)
        self.assertEqual('hypervisor gone', e.message)
        self.assertIsNotNone(e.request_id)
        self.assertStatus('ACTIVE', self.server)
        # Only once: the retry succeeds.
        self.client.servers.pause(self.server)
        self.assertStatus('PAUSED', self.server)

    def test_injected_500_default_message(self):
        self.nova.fail_next('pause', status=500)
        e = self.assertRaises(nc_exc.ClientException,
                              self.client.servers.pause, self.server)
        self.assertIn('Unexpected API Error', e.message)

    def test_injected_403_is_forbidden(self):
        self.nova.fail_next('os-stop', status=403)
        self.assertRaises(nc_exc.Forbidden, self.client.servers.stop,
                          self.server)

    def test_wrong_state_is_conflict(self):
        e = self.assertRaises(nc_exc.Conflict, self.client.servers.unpause,
                              self.server)
        self.assertEqual(409, e.code)
        self.assertIn("Cannot 'unpause' instance", e.message)
        self.assertIn('while it is in vm_state active', e.message)
        self.assertStatus('ACTIVE', self.server)

    def test_error_next_leaves_server_in_error_with_fault(self):
        self.nova.error_next('reboot', fault={'message': 'kernel panic'})
        self.client.servers.reboot(self.server, reboot_type='HARD')
        server = self.client.servers.get(self.server.id)
        self.assertEqual('ERROR', server.status)
        self.assertEqual('ERROR', self.nova.server(self.server.id)['status'])
        self.assertEqual(500, server.fault['code'])
        self.assertEqual('kernel panic', server.fault['message'])
        self.assertIn('created', server.fault)

    def test_policy_denial_is_forbidden(self):
        self.nova.set_policy({'os_compute_api:os-pause-server:pause': '!'})
        e = self.assertRaises(nc_exc.Forbidden, self.client.servers.pause,
                              self.server)
        self.assertIn('os_compute_api:os-pause-server:pause', e.message)
