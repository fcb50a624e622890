"""Move, shelve, delete-recovery, backup and console actions through clients.

Each action family is driven through openstacksdk's compute proxy and
python-novaclient, with the resulting status asserted twice: as the
client shows it and as the fake's store shows it (``nova.server(id)``,
with ``OS-EXT-SRV-ATTR:host`` for moves). Each family also has a refused
path that must surface as the client's own exception class.

Admin-only actions use ``admin=True`` clients. The admin's project is not
the default project, so these tests also check that an admin can act on
another project's servers. The fake starts with two computes, ``compute1``
and ``compute2``; servers are seeded onto ``compute1``.

Notes on the clients:

- The sdk negotiates the highest microversion it shares with the fake
  (2.100) unless ``compute_api_version`` pins it. novaclient's
  ``2.latest`` becomes 2.96 (its maximum).
- At 2.95+ an evacuated ACTIVE server ends SHUTOFF at the destination.
- The sdk has no ``force_delete_server``:
  ``delete_server(server, force=True)`` sends the forceDelete action.
- ``Server.get_console_url`` (sdk) uses the legacy ``os-get*Console``
  actions up to 2.5, then the remote-consoles API.
"""

from novaclient import exceptions as nc_exc
from openstack import exceptions as sdk_exc
import testtools

from fakenova import fixture

HOST = 'compute1'
OTHER = 'compute2'
WAIT = {'wait': 5, 'interval': 0.01}
HOST_ATTR = 'OS-EXT-SRV-ATTR:host'


class ActionsTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.nova = self.useFixture(fixture.FakeNova())
        self.store = self.nova.store
        self.conn = self.nova.connection()
        self.compute = self.conn.compute
        self.admin_compute = self.nova.connection(admin=True).compute
        self.client = self.nova.novaclient()
        self.admin = self.nova.novaclient(admin=True)
        self.server_id = self.nova.create_server(name='vm1',
                                                 host=HOST)['id']

    def new_server(self, name='vm2', **kwargs):
        kwargs.setdefault('host', HOST)
        return self.nova.create_server(name=name, **kwargs)['id']

    def assertStatus(self, status, server_id=None, host=None):
        """Both clients and the store agree on status (and host)."""
        server_id = server_id or self.server_id
        sdk_server = self.admin_compute.get_server(server_id)
        nc_server = self.admin.servers.get(server_id)
        fake = self.nova.server(server_id)
        self.assertEqual([status] * 3,
                         [sdk_server.status, nc_server.status,
                          fake['status']])
        if host is not None:
            self.assertEqual([host] * 3,
                             [sdk_server.compute_host,
                              getattr(nc_server, HOST_ATTR),
                              fake[HOST_ATTR]])
        return fake

    def host_of(self, server_id=None):
        return self.nova.server(server_id or self.server_id)[HOST_ATTR]

    def action_names(self, server_id=None):
        return [a.action for a in self.compute.server_actions(
            server_id or self.server_id)]


class TestShelve(ActionsTestCase):

    def test_sdk_shelve_offloads_then_unshelve(self):
        self.compute.shelve_server(self.server_id)
        server = self.compute.wait_for_server(
            self.compute.get_server(self.server_id),
            status='SHELVED_OFFLOADED', **WAIT)
        self.assertEqual('SHELVED_OFFLOADED', server.status)
        fake = self.assertStatus('SHELVED_OFFLOADED')
        self.assertIsNone(fake[HOST_ATTR])
        self.compute.unshelve_server(self.server_id)
        self.compute.wait_for_server(
            self.compute.get_server(self.server_id), **WAIT)
        fake = self.assertStatus('ACTIVE')
        self.assertIn(fake[HOST_ATTR], (HOST, OTHER))
        # Seeded servers carry their 'create' action, as Nova's do.
        self.assertEqual(['create', 'shelve', 'unshelve'],
                         sorted(self.action_names()))

    def test_novaclient_shelve_offloads_then_unshelve(self):
        self.client.servers.shelve(self.server_id)
        self.assertStatus('SHELVED_OFFLOADED')
        self.client.servers.unshelve(self.server_id)
        self.assertStatus('ACTIVE')

    def test_sdk_shelve_offload(self):
        self.store.shelved_offload_time = -1
        self.compute.shelve_server(self.server_id)
        self.assertStatus('SHELVED', host=HOST)
        self.admin_compute.shelve_offload_server(self.server_id)
        fake = self.assertStatus('SHELVED_OFFLOADED')
        self.assertIsNone(fake[HOST_ATTR])
        self.assertIn('shelveOffload', self.action_names())

    def test_novaclient_shelve_offload_then_unshelve_shelved(self):
        self.store.shelved_offload_time = -1
        self.client.servers.shelve(self.server_id)
        self.assertStatus('SHELVED', host=HOST)
        self.admin.servers.shelve_offload(self.server_id)
        self.assertStatus('SHELVED_OFFLOADED')
        other = self.new_server()
        self.client.servers.shelve(other)
        self.assertStatus('SHELVED', other)
        # Unshelving a SHELVED (not offloaded) server keeps its host.
        self.client.servers.unshelve(other)
        self.assertStatus('ACTIVE', other, host=HOST)

    def test_novaclient_unshelve_to_availability_zone_2_77(self):
        client = self.nova.novaclient('2.77')
        client.servers.shelve(self.server_id)
        self.assertStatus('SHELVED_OFFLOADED')
        client.servers.unshelve(self.server_id, availability_zone='nova')
        self.assertStatus('ACTIVE')
        (call,) = [c for c in self.nova.calls
                   if c.method == 'POST' and 'unshelve' in (c.body or {})]
        self.assertEqual('2.77', call.microversion)
        self.assertEqual({'availability_zone': 'nova'}, call.body['unshelve'])
        fake = self.nova.server(self.server_id)
        self.assertEqual('nova', fake['OS-EXT-AZ:availability_zone'])

    def test_novaclient_unshelve_to_unknown_zone_refused(self):
        client = self.nova.novaclient('2.77')
        client.servers.shelve(self.server_id)
        self.assertRaises(nc_exc.BadRequest, client.servers.unshelve,
                          self.server_id, availability_zone='nowhere')
        self.assertStatus('SHELVED_OFFLOADED')

    def test_sdk_unshelve_to_availability_zone_2_77(self):
        compute = self.nova.connection(compute_api_version='2.77').compute
        compute.shelve_server(self.server_id)
        self.assertStatus('SHELVED_OFFLOADED')
        compute.unshelve_server(self.server_id, availability_zone='nova')
        self.assertStatus('ACTIVE')

    def test_novaclient_unshelve_to_host_2_91(self):
        self.admin.servers.shelve(self.server_id)
        self.assertStatus('SHELVED_OFFLOADED')
        self.admin.servers.unshelve(self.server_id, host=OTHER)
        self.assertStatus('ACTIVE', host=OTHER)

    def test_sdk_unshelve_to_host_needs_admin(self):
        self.compute.shelve_server(self.server_id)
        self.assertRaises(sdk_exc.ForbiddenException,
                          self.compute.unshelve_server, self.server_id,
                          host=OTHER)
        self.admin_compute.unshelve_server(self.server_id, host=OTHER)
        self.assertStatus('ACTIVE', host=OTHER)

    def test_unshelve_active_is_conflict(self):
        self.assertRaises(sdk_exc.ConflictException,
                          self.compute.unshelve_server, self.server_id)
        self.assertRaises(nc_exc.Conflict, self.client.servers.unshelve,
                          self.server_id)
        self.assertStatus('ACTIVE', host=HOST)

    def test_shelve_offload_active_is_conflict(self):
        self.assertRaises(sdk_exc.ConflictException,
                          self.admin_compute.shelve_offload_server,
                          self.server_id)
        self.assertRaises(nc_exc.Conflict, self.admin.servers.shelve_offload,
                          self.server_id)


class TestEvacuate(ActionsTestCase):

    def test_sdk_evacuate_after_force_down(self):
        self.nova.force_down(HOST)
        self.admin_compute.evacuate_server(self.server_id)
        # 2.95+: an evacuated ACTIVE server ends stopped.
        self.assertStatus('SHUTOFF', host=OTHER)
        self.assertIn('evacuate', self.action_names())

    def test_sdk_evacuate_to_host_at_2_29_stays_active(self):
        compute = self.nova.connection(
            admin=True, compute_api_version='2.29').compute
        self.nova.force_down(HOST)
        compute.evacuate_server(self.server_id, host=OTHER, force=True)
        self.assertStatus('ACTIVE', host=OTHER)

    def test_novaclient_force_down_service_then_evacuate(self):
        (service,) = self.admin.services.list(host=HOST,
                                              binary='nova-compute')
        self.admin.services.force_down(service.id, True)
        self.assertEqual('DOWN', self.nova.server(self.server_id)[
            'host_status'])
        self.admin.servers.evacuate(self.server_id)
        self.assertStatus('SHUTOFF', host=OTHER)

    def test_sdk_force_service_down_then_evacuate(self):
        service = self.admin_compute.find_service(
            'nova-compute', ignore_missing=False, host=HOST)
        updated = self.admin_compute.update_service_forced_down(service)
        self.assertTrue(updated.is_forced_down)
        put = self.nova.calls[-1]
        self.assertEqual(('PUT', 200), (put.method, put.status))
        self.admin_compute.evacuate_server(self.server_id, host=OTHER)
        self.assertStatus('SHUTOFF', host=OTHER)
        self.admin_compute.update_service_forced_down(service, forced=False)
        self.assertEqual('UP', self.nova.server(self.server_id)[
            'host_status'])

    def test_novaclient_evacuate_to_host_2_29(self):
        admin = self.nova.novaclient('2.29', admin=True)
        self.nova.force_down(HOST)
        admin.servers.evacuate(self.server_id, host=OTHER, force=True)
        self.assertStatus('ACTIVE', host=OTHER)

    def test_evacuate_with_host_up_is_bad_request(self):
        self.assertRaises(sdk_exc.BadRequestException,
                          self.admin_compute.evacuate_server,
                          self.server_id)
        self.assertRaises(nc_exc.BadRequest, self.admin.servers.evacuate,
                          self.server_id)
        self.assertStatus('ACTIVE', host=HOST)

    def test_evacuate_needs_admin(self):
        self.nova.force_down(HOST)
        self.assertRaises(sdk_exc.ForbiddenException,
                          self.compute.evacuate_server, self.server_id)
        self.assertRaises(nc_exc.Forbidden, self.client.servers.evacuate,
                          self.server_id)
        self.assertStatus('ACTIVE', host=HOST)


class TestMigrate(ActionsTestCase):

    def test_sdk_migrate_confirm(self):
        self.admin_compute.migrate_server(self.server_id)
        self.assertStatus('VERIFY_RESIZE', host=OTHER)
        self.admin_compute.confirm_server_resize(self.server_id)
        self.assertStatus('ACTIVE', host=OTHER)
        # GET /os-migrations is not implemented by the fake: the store.
        self.assertEqual(
            [('migration', 'confirmed', HOST, OTHER)],
            [(m.kind, m.status, m.source_compute, m.dest_compute)
             for m in self.store.migrations_of(self.server_id)])

    def test_sdk_migrate_to_host_revert(self):
        self.admin_compute.migrate_server(self.server_id, host=OTHER)
        self.assertStatus('VERIFY_RESIZE', host=OTHER)
        self.admin_compute.revert_server_resize(self.server_id)
        self.assertStatus('ACTIVE', host=HOST)

    def test_novaclient_migrate_confirm(self):
        self.admin.servers.migrate(self.server_id)
        self.assertStatus('VERIFY_RESIZE', host=OTHER)
        self.admin.servers.confirm_resize(self.server_id)
        self.assertStatus('ACTIVE', host=OTHER)

    def test_novaclient_migrate_revert(self):
        self.admin.servers.migrate(self.server_id, host=OTHER)
        self.assertStatus('VERIFY_RESIZE', host=OTHER)
        self.admin.servers.revert_resize(self.server_id)
        self.assertStatus('ACTIVE', host=HOST)
        (migration,) = self.store.migrations_of(self.server_id)
        self.assertEqual('reverted', migration.status)

    def test_migrate_to_same_host_is_bad_request(self):
        self.assertRaises(sdk_exc.BadRequestException,
                          self.admin_compute.migrate_server,
                          self.server_id, host=HOST)
        self.assertRaises(nc_exc.BadRequest, self.admin.servers.migrate,
                          self.server_id, host=HOST)
        self.assertStatus('ACTIVE', host=HOST)

    def test_confirm_or_revert_without_resize_is_conflict(self):
        # An ACTIVE server is refused on vm_state (409) before Nova looks
        # for the migration ('Instance has not been resized.', 400).
        self.assertRaises(sdk_exc.ConflictException,
                          self.compute.confirm_server_resize,
                          self.server_id)
        self.assertRaises(nc_exc.Conflict,
                          self.client.servers.revert_resize, self.server_id)
        self.assertRaises(nc_exc.Conflict,
                          self.client.servers.confirm_resize, self.server_id)


class TestLiveMigrate(ActionsTestCase):

    def test_sdk_live_migrate_to_host(self):
        self.admin_compute.live_migrate_server(
            self.server_id, host=OTHER, block_migration='auto')
        self.assertStatus('ACTIVE', host=OTHER)
        self.assertIn('live-migration', self.action_names())

    def test_sdk_live_migrate_scheduled(self):
        self.admin_compute.live_migrate_server(self.server_id, host=None)
        self.assertStatus('ACTIVE', host=OTHER)

    def test_novaclient_live_migrate_to_host(self):
        self.admin.servers.live_migrate(self.server_id, host=OTHER,
                                        block_migration='auto')
        self.assertStatus('ACTIVE', host=OTHER)

    def test_novaclient_live_migrate_scheduled(self):
        self.admin.servers.live_migrate(self.server_id, host=None,
                                        block_migration='auto')
        self.assertStatus('ACTIVE', host=OTHER)
        (migration,) = self.store.migrations_of(self.server_id)
        self.assertEqual(('live-migration', 'completed'),
                         (migration.kind, migration.status))

    def test_live_migrate_stopped_server_is_conflict(self):
        server_id = self.new_server(status='SHUTOFF')
        self.assertRaises(sdk_exc.ConflictException,
                          self.admin_compute.live_migrate_server,
                          server_id, host=None, block_migration='auto')
        self.assertRaises(nc_exc.Conflict, self.admin.servers.live_migrate,
                          server_id, host=None, block_migration='auto')
        self.assertStatus('SHUTOFF', server_id, host=HOST)

    def test_live_migrate_to_unknown_host_is_bad_request(self):
        self.assertRaises(nc_exc.BadRequest, self.admin.servers.live_migrate,
                          self.server_id, host='nosuchhost',
                          block_migration='auto')


class TestSoftDelete(ActionsTestCase):

    def setUp(self):
        super().setUp()
        self.store.reclaim_instance_interval = 3600

    def test_novaclient_soft_delete_restore_force_delete(self):
        self.client.servers.delete(self.server_id)
        self.assertStatus('SOFT_DELETED')
        self.client.servers.restore(self.server_id)
        self.assertStatus('ACTIVE', host=HOST)
        self.client.servers.delete(self.server_id)
        self.assertStatus('SOFT_DELETED')
        self.client.servers.force_delete(self.server_id)
        self.assertRaises(nc_exc.NotFound, self.client.servers.get,
                          self.server_id)
        self.assertEqual([], self.nova.servers())

    def test_sdk_soft_delete_restore_force_delete(self):
        self.compute.delete_server(self.server_id)
        self.assertStatus('SOFT_DELETED')
        self.compute.restore_server(self.server_id)
        self.assertStatus('ACTIVE', host=HOST)
        # No force_delete_server in the sdk: delete_server(force=True)
        # sends the forceDelete action.
        server = self.compute.get_server(self.server_id)
        self.compute.delete_server(server, force=True)
        self.compute.wait_for_delete(server, **WAIT)
        self.assertRaises(sdk_exc.NotFoundException,
                          self.compute.get_server, self.server_id)
        post = [c for c in self.nova.calls if c.method == 'POST']
        self.assertEqual(202, post[-1].status)

    def test_restore_active_is_conflict(self):
        self.assertRaises(sdk_exc.ConflictException,
                          self.compute.restore_server, self.server_id)
        self.assertRaises(nc_exc.Conflict, self.client.servers.restore,
                          self.server_id)
        self.assertStatus('ACTIVE', host=HOST)

    def test_without_reclaim_interval_delete_is_final(self):
        self.store.reclaim_instance_interval = 0
        self.client.servers.delete(self.server_id)
        self.assertRaises(nc_exc.NotFound, self.client.servers.restore,
                          self.server_id)


class TestBackupAndState(ActionsTestCase):

    def test_novaclient_backup(self):
        image = self.client.servers.backup(self.server_id, 'nightly',
                                           'daily', 2)
        # 2.45+: the action's body carries the image id.
        self.assertIsNotNone(image['image_id'])
        self.assertIn(image['image_id'], self.store.images)
        self.assertStatus('ACTIVE', host=HOST)
        self.assertIn('createBackup', self.action_names())

    def test_sdk_backup(self):
        self.compute.backup_server(self.server_id, 'nightly', 'daily', 1)
        self.assertStatus('ACTIVE', host=HOST)
        names = [i.name for i in self.store.images.values()]
        self.assertIn('nightly', names)

    def test_backup_negative_rotation_is_bad_request(self):
        self.assertRaises(nc_exc.BadRequest, self.client.servers.backup,
                          self.server_id, 'nightly', 'daily', -1)
        self.assertRaises(sdk_exc.BadRequestException,
                          self.compute.backup_server, self.server_id,
                          'nightly', 'daily', -1)

    def test_sdk_reset_state(self):
        self.admin_compute.reset_server_state(self.server_id, 'error')
        self.assertStatus('ERROR', host=HOST)
        self.admin_compute.reset_server_state(self.server_id, 'active')
        self.assertStatus('ACTIVE', host=HOST)

    def test_novaclient_reset_state(self):
        self.admin.servers.reset_state(self.server_id)
        self.assertStatus('ERROR', host=HOST)
        self.admin.servers.reset_state(self.server_id, 'active')
        self.assertStatus('ACTIVE', host=HOST)

    def test_reset_state_refused(self):
        self.assertRaises(nc_exc.BadRequest, self.admin.servers.reset_state,
                          self.server_id, 'bogus')
        self.assertRaises(sdk_exc.ForbiddenException,
                          self.compute.reset_server_state, self.server_id,
                          'error')
        self.assertStatus('ACTIVE', host=HOST)


class TestCrashDump(ActionsTestCase):

    def test_novaclient_trigger_crash_dump(self):
        self.client.servers.trigger_crash_dump(self.server_id)
        self.assertStatus('ACTIVE', host=HOST)
        self.assertIn('trigger_crash_dump', self.action_names())

    def test_sdk_trigger_crash_dump(self):
        self.compute.trigger_server_crash_dump(self.server_id)
        self.assertStatus('ACTIVE', host=HOST)

    def test_crash_dump_of_stopped_server_is_conflict(self):
        server_id = self.new_server(status='SHUTOFF')
        self.assertRaises(nc_exc.Conflict,
                          self.client.servers.trigger_crash_dump, server_id)
        self.assertRaises(sdk_exc.ConflictException,
                          self.compute.trigger_server_crash_dump, server_id)

    def test_crash_dump_before_2_17(self):
        # novaclient refuses client-side below 2.17 (no method version);
        # the sdk's Server action is not microversion-gated, so the fake's
        # 404 comes through.
        client = self.nova.novaclient('2.16')
        self.assertRaises(nc_exc.VersionNotFoundForAPIMethod,
                          client.servers.trigger_crash_dump, self.server_id)
        compute = self.nova.connection(compute_api_version='2.16').compute
        self.assertRaises(sdk_exc.NotFoundException,
                          compute.trigger_server_crash_dump, self.server_id)


class TestConsoles(ActionsTestCase):

    def test_sdk_console_output(self):
        output = self.compute.get_server_console_output(self.server_id)
        self.assertIn('output', output)
        self.assertTrue(output['output'])
        tail = self.compute.get_server_console_output(self.server_id,
                                                      length=2)
        self.assertEqual(2, len(tail['output'].splitlines()))

    def test_novaclient_console_output(self):
        output = self.client.servers.get_console_output(self.server_id)
        self.assertTrue(output)
        tail = self.client.servers.get_console_output(self.server_id,
                                                      length=1)
        self.assertEqual(1, len(tail.splitlines()))

    def test_console_output_of_offloaded_server_is_conflict(self):
        self.client.servers.shelve(self.server_id)
        self.assertRaises(nc_exc.Conflict,
                          self.client.servers.get_console_output,
                          self.server_id)
        self.assertRaises(sdk_exc.ConflictException,
                          self.compute.get_server_console_output,
                          self.server_id)

    def test_sdk_remote_console(self):
        console = self.compute.create_server_remote_console(
            self.server_id, protocol='vnc', type='novnc')
        self.assertEqual(('vnc', 'novnc'), (console.protocol, console.type))
        self.assertTrue(console.url.startswith('http'))
        # create_console picks remote-consoles at 2.6+.
        url = self.compute.create_console(self.server_id, 'novnc')
        self.assertEqual(('vnc', 'novnc'), (url['protocol'], url['type']))
        self.assertTrue(url['url'].startswith('http'))

    def test_sdk_get_server_console_url_is_legacy_only(self):
        # sdk limitation: get_server_console_url always sends the legacy
        # os-getVNCConsole action, which Nova (and the fake) removed at
        # 2.6, so on a negotiated microversion it is a 404.
        self.assertRaises(sdk_exc.NotFoundException,
                          self.compute.get_server_console_url,
                          self.server_id, 'novnc')

    def test_sdk_legacy_console_url_2_5(self):
        compute = self.nova.connection(compute_api_version='2.5').compute
        url = compute.get_server_console_url(self.server_id, 'novnc')
        self.assertEqual('novnc', url['type'])
        self.assertEqual('os-getVNCConsole',
                         next(iter(self.nova.calls[-1].body)))

    def test_novaclient_console_url(self):
        console = self.client.servers.get_console_url(self.server_id,
                                                      'novnc')
        self.assertEqual('vnc', console['remote_console']['protocol'])
        self.assertTrue(console['remote_console']['url'].startswith('http'))
        path = self.nova.calls[-1].path
        self.assertEqual('/v2.1/servers/%s/remote-consoles' % self.server_id,
                         path)

    def test_spice_disabled_then_enabled(self):
        self.assertRaises(nc_exc.BadRequest,
                          self.client.servers.get_console_url,
                          self.server_id, 'spice-html5')
        self.assertRaises(sdk_exc.BadRequestException,
                          self.compute.create_server_remote_console,
                          self.server_id, protocol='spice',
                          type='spice-html5')
        self.store.consoles['spice'] = True
        console = self.client.servers.get_spice_console(self.server_id,
                                                        'spice-html5')
        self.assertEqual('spice', console['remote_console']['protocol'])


class TestVolumeAttachments(ActionsTestCase):

    def setUp(self):
        super().setUp()
        self.volume = self.nova.add_volume(name='data')

    def test_sdk_attach_list_detach(self):
        attachment = self.compute.create_volume_attachment(
            self.server_id, volume=self.volume.id)
        self.assertEqual(self.volume.id, attachment.volume_id)
        self.assertTrue(attachment.device.startswith('/dev/'))
        self.assertEqual(
            [self.volume.id],
            [a.volume_id for a in self.compute.volume_attachments(
                self.server_id)])
        self.assertEqual(
            [self.volume.id],
            [v['id'] for v in
             self.nova.server(self.server_id)[
                 'os-extended-volumes:volumes_attached']])
        self.assertEqual('in-use', self.volume.status)
        self.compute.delete_volume_attachment(self.server_id, self.volume.id)
        self.assertEqual([], list(self.compute.volume_attachments(
            self.server_id)))
        self.assertEqual('available', self.volume.status)
        self.assertStatus('ACTIVE', host=HOST)

    def test_novaclient_attach_list_detach(self):
        attachment = self.client.volumes.create_server_volume(
            self.server_id, self.volume.id)
        self.assertEqual(self.volume.id, attachment.volumeId)
        self.assertEqual(
            [self.volume.id],
            [a.volumeId for a in self.client.volumes.get_server_volumes(
                self.server_id)])
        self.client.volumes.delete_server_volume(self.server_id,
                                                 self.volume.id)
        self.assertEqual([], self.client.volumes.get_server_volumes(
            self.server_id))
        self.assertEqual([], self.nova.server(self.server_id)[
            'os-extended-volumes:volumes_attached'])

    def test_attach_twice_is_bad_request(self):
        self.client.volumes.create_server_volume(self.server_id,
                                                 self.volume.id)
        self.assertRaises(nc_exc.BadRequest,
                          self.client.volumes.create_server_volume,
                          self.server_id, self.volume.id)
        other = self.new_server()
        self.assertRaises(sdk_exc.BadRequestException,
                          self.compute.create_volume_attachment,
                          other, volume=self.volume.id)

    def test_detach_unattached_is_not_found(self):
        self.assertRaises(nc_exc.NotFound,
                          self.client.volumes.delete_server_volume,
                          self.server_id, self.volume.id)
        self.assertRaises(sdk_exc.NotFoundException,
                          self.compute.delete_volume_attachment,
                          self.server_id, self.volume.id,
                          ignore_missing=False)
