"""Moving servers: migrate, resize records, live migration, evacuate,
/servers/{id}/migrations, host_status, /os-services and /os-hypervisors."""

from fakenova.tests.unit import base

ADMIN = base.ADMIN
OWNER = base.OWNER


class MovesTestCase(base.APITestCase):

    def host_of(self, server_id):
        return self.show(server_id, token=ADMIN)['OS-EXT-SRV-ATTR:host']

    def other_host(self, host):
        return [h for h in self.store.hosts if h != host][0]

    def service_id(self, host, version='2.53'):
        resp = self.get('/v2.1/os-services', token=ADMIN, version=version)
        self.assertEqual(200, resp.status, resp.body)
        return [s['id'] for s in resp.json['services']
                if s['host'] == host][0]

    def put_service(self, host, body, version='2.53', token=ADMIN):
        return self.request('PUT', '/v2.1/os-services/%s' % self.service_id(
            host), body=body, token=token, version=version)

    def force_down(self, host, down=True):
        resp = self.put_service(host, {'forced_down': down})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(down, resp.json['service']['forced_down'])

    def migrations(self, server_id, token=ADMIN, version='2.23'):
        resp = self.get('/v2.1/servers/%s/migrations' % server_id,
                        token=token, version=version)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['migrations']


class MigrateTest(MovesTestCase):

    def test_owner_cannot_migrate_by_default(self):
        sid = self.create_server()
        resp = self.action(sid, {'migrate': None})
        self.assertFault(resp, 403)
        self.assertIn('os_compute_api:os-migrate-server:migrate',
                      resp.json['forbidden']['message'])

    def test_migrate_moves_to_another_host_and_confirm_keeps_it(self):
        sid = self.create_server()
        source = self.host_of(sid)
        resp = self.action(sid, {'migrate': None}, token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        server = self.show(sid, token=ADMIN)
        self.assertEqual('VERIFY_RESIZE', server['status'])
        self.assertEqual('1', server['flavor']['id'])
        dest = server['OS-EXT-SRV-ATTR:host']
        self.assertNotEqual(source, dest)
        records = self.store.migrations_of(sid)
        self.assertEqual(['migration'], [m.kind for m in records])
        self.assertEqual('finished', records[0].status)
        self.assertEqual((source, dest), (records[0].source_compute,
                                          records[0].dest_compute))
        resp = self.action(sid, {'confirmResize': None})
        self.assertEqual(204, resp.status, resp.body)
        server = self.show(sid, token=ADMIN)
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual(dest, server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual('confirmed', records[0].status)

    def test_revert_returns_to_the_source_host(self):
        sid = self.create_server()
        source = self.host_of(sid)
        self.assertEqual(202, self.action(sid, {'migrate': None},
                                          token=ADMIN).status)
        self.assertNotEqual(source, self.host_of(sid))
        resp = self.action(sid, {'revertResize': None})
        self.assertEqual(202, resp.status, resp.body)
        server = self.show(sid, token=ADMIN)
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual(source, server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual('reverted', self.store.migrations_of(sid)[0].status)

    def test_stopped_server_migrates_and_reverts_stopped(self):
        sid = self.create_server()
        self.assertEqual(202, self.action(sid, {'os-stop': None}).status)
        self.assertEqual(202, self.action(sid, {'migrate': None},
                                          token=ADMIN).status)
        self.assertEqual('VERIFY_RESIZE', self.show(sid)['status'])
        self.assertEqual(202, self.action(sid, {'revertResize': None}).status)
        self.assertEqual('SHUTOFF', self.show(sid)['status'])

    def test_2_56_host(self):
        sid = self.create_server()
        source = self.host_of(sid)
        resp = self.action(sid, {'migrate': {'host': source}}, token=ADMIN,
                           version='2.56')
        self.assertFault(resp, 400,
                         'Cannot migrate to the host where the server '
                         'exists.')
        resp = self.action(sid, {'migrate': {'host': 'nowhere'}},
                           token=ADMIN, version='2.56')
        self.assertFault(resp, 400, 'Compute host nowhere could not be '
                                    'found.')
        resp = self.action(sid, {'migrate': {'bogus': 1}}, token=ADMIN,
                           version='2.56')
        self.assertFault(resp, 400)
        dest = self.other_host(source)
        resp = self.action(sid, {'migrate': {'host': dest}}, token=ADMIN,
                           version='2.56')
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(dest, self.host_of(sid))
        resp = self.action(sid, {'migrate': None}, token=ADMIN,
                           version='2.56')
        self.assertFault(resp, 409)

    def test_owner_with_host_needs_migrate_host(self):
        sid = self.create_server()
        # Let owners migrate, but not to a host of their choice.
        self.cloud.set_policy({
            'os_compute_api:os-migrate-server:migrate': '@'})
        resp = self.action(sid, {'migrate': None}, version='2.56')
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(204, self.action(sid, {'confirmResize': None}).status)
        resp = self.action(sid, {'migrate': {'host': 'compute2'}},
                           version='2.56')
        self.assertFault(resp, 403)
        self.assertIn('migrate:host', resp.json['forbidden']['message'])

    def test_body_not_validated_before_2_56(self):
        sid = self.create_server()
        source = self.host_of(sid)
        resp = self.action(sid, {'migrate': {'host': source, 'junk': [1]}},
                           token=ADMIN, version='2.55')
        self.assertEqual(202, resp.status, resp.body)
        # The host is ignored: the scheduler picks another one.
        self.assertNotEqual(source, self.host_of(sid))

    def test_source_service_forced_down_409(self):
        sid = self.create_server()
        self.force_down(self.host_of(sid))
        resp = self.action(sid, {'migrate': None}, token=ADMIN)
        self.assertFault(resp, 409, 'Service is unavailable at this time.')

    def test_resize_leaves_a_migration_record_and_moves(self):
        sid = self.create_server()
        source = self.host_of(sid)
        resp = self.action(sid, {'resize': {'flavorRef': '2'}})
        self.assertEqual(202, resp.status, resp.body)
        server = self.show(sid, token=ADMIN)
        self.assertEqual('VERIFY_RESIZE', server['status'])
        self.assertEqual('2', server['flavor']['id'])
        self.assertNotEqual(source, server['OS-EXT-SRV-ATTR:host'])
        records = self.store.migrations_of(sid)
        self.assertEqual([('resize', 'finished', '1', '2')],
                         [(m.kind, m.status, m.old_flavor_id,
                           m.new_flavor_id) for m in records])
        self.assertEqual(202, self.action(sid, {'revertResize': None}).status)
        self.assertEqual(source, self.host_of(sid))
        self.assertEqual('1', self.show(sid)['flavor']['id'])


class LiveMigrateTest(MovesTestCase):

    def live(self, sid, body, version=None, token=ADMIN):
        return self.action(sid, {'os-migrateLive': body}, token=token,
                           version=version)

    def test_2_1_schema_requires_all_three_keys(self):
        sid = self.create_server()
        for body in ({'host': None, 'block_migration': False},
                     {'host': None, 'disk_over_commit': False},
                     {'block_migration': False, 'disk_over_commit': False},
                     {'host': None, 'block_migration': 'auto',
                      'disk_over_commit': False}):
            self.assertFault(self.live(sid, body), 400)
        resp = self.live(sid, {'host': None, 'block_migration': False,
                               'disk_over_commit': False})
        self.assertEqual(202, resp.status, resp.body)

    def test_2_25_auto_and_no_disk_over_commit(self):
        sid = self.create_server()
        source = self.host_of(sid)
        resp = self.live(sid, {'host': None, 'block_migration': 'auto',
                               'disk_over_commit': False}, '2.25')
        self.assertFault(resp, 400)
        self.assertFault(self.live(sid, {'block_migration': 'auto'},
                                   '2.25'), 400)
        resp = self.live(sid, {'host': None, 'block_migration': 'auto'},
                         '2.25')
        self.assertEqual(202, resp.status, resp.body)
        server = self.show(sid, token=ADMIN)
        self.assertEqual('ACTIVE', server['status'])
        self.assertNotEqual(source, server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual([('live-migration', 'completed')],
                         [(m.kind, m.status)
                          for m in self.store.migrations_of(sid)])

    def test_force_2_30_and_2_68(self):
        sid = self.create_server()
        dest = self.other_host(self.host_of(sid))
        resp = self.live(sid, {'host': None, 'block_migration': 'auto',
                               'force': True}, '2.30')
        self.assertFault(resp, 400, "Can't force to a non-provided "
                                    "destination")
        self.assertFault(self.live(sid, {'host': dest,
                                         'block_migration': 'auto',
                                         'force': True}, '2.68'), 400)
        self.assertFault(self.live(sid, {'host': dest,
                                         'block_migration': 'auto',
                                         'force': True}, '2.29'), 400)
        resp = self.live(sid, {'host': dest, 'block_migration': 'auto',
                               'force': True}, '2.30')
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(dest, self.host_of(sid))

    def test_unknown_host_400(self):
        sid = self.create_server()
        resp = self.live(sid, {'host': 'nowhere', 'block_migration': 'auto'},
                         '2.25')
        self.assertFault(resp, 400, 'Compute host nowhere could not be '
                                    'found.')

    def test_current_host_is_400_before_2_34(self):
        sid = self.create_server()
        host = self.host_of(sid)
        resp = self.live(sid, {'host': host, 'block_migration': 'auto'},
                         '2.33')
        self.assertFault(resp, 400, 'Unable to migrate instance (%s) to '
                         'current host (%s).' % (sid, host))
        self.assertEqual([], self.store.migrations_of(sid))

    def test_current_host_fails_after_the_202_from_2_34(self):
        sid = self.create_server()
        host = self.host_of(sid)
        resp = self.live(sid, {'host': host, 'block_migration': 'auto'},
                         '2.34')
        self.assertEqual(202, resp.status, resp.body)
        server = self.show(sid, token=ADMIN)
        self.assertEqual(('ACTIVE', None, host),
                         (server['status'], server['OS-EXT-STS:task_state'],
                          server['OS-EXT-SRV-ATTR:host']))
        self.assertEqual([('live-migration', 'error')],
                         [(m.kind, m.status)
                          for m in self.store.migrations_of(sid)])
        self.assertEqual([], self.migrations(sid))  # not in progress
        actions = self.get('/v2.1/servers/%s/os-instance-actions' % sid,
                           token=ADMIN).json['instanceActions']
        live = [a for a in actions if a['action'] == 'live-migration'][0]
        events = self.get('/v2.1/servers/%s/os-instance-actions/%s' % (
            sid, live['request_id']), token=ADMIN,
            version='2.51').json['instanceAction']['events']
        self.assertEqual(['Error'], [e['result'] for e in events])
        # the server can still be moved
        resp = self.live(sid, {'host': None, 'block_migration': 'auto'},
                         '2.34')
        self.assertEqual(202, resp.status, resp.body)
        self.assertNotEqual(host, self.host_of(sid))

    def test_paused_ok_stopped_409(self):
        sid = self.create_server()
        self.assertEqual(202, self.action(sid, {'pause': None}).status)
        body = {'host': None, 'block_migration': 'auto'}
        self.assertEqual(202, self.live(sid, body, '2.25').status)
        self.assertEqual('PAUSED', self.show(sid)['status'])
        other = self.create_server(name='other')
        self.assertEqual(202, self.action(other, {'os-stop': None}).status)
        self.assertFault(
            self.live(other, body, '2.25'), 409,
            "Cannot 'os-migrateLive' instance %s while it is in vm_state "
            "stopped" % other)

    def test_owner_forbidden(self):
        sid = self.create_server()
        body = {'host': None, 'block_migration': 'auto'}
        self.assertFault(self.live(sid, body, '2.25', token=OWNER), 403)
        self.cloud.set_policy({
            'os_compute_api:os-migrate-server:migrate_live': '@'})
        dest = self.other_host(self.host_of(sid))
        resp = self.live(sid, dict(body, host=dest), '2.25', token=OWNER)
        self.assertFault(resp, 403)
        self.assertIn('migrate_live:host', resp.json['forbidden']['message'])
        self.assertEqual(202, self.live(sid, body, '2.25',
                                        token=OWNER).status)


class ManualLiveMigrationTest(MovesTestCase):

    app_conf = {'pacing': 'manual'}

    def start(self):
        sid = self.create_server()
        self.store.complete(sid)
        self.source = self.host_of(sid)
        resp = self.action(sid, {'os-migrateLive': {
            'host': None, 'block_migration': 'auto'}}, token=ADMIN,
            version='2.25')
        self.assertEqual(202, resp.status, resp.body)
        return sid

    def test_running_migration_is_listed(self):
        sid = self.start()
        self.assertEqual('MIGRATING', self.show(sid)['status'])
        [migration] = self.migrations(sid)
        self.assertEqual('running', migration['status'])
        self.assertEqual(sid, migration['server_uuid'])
        self.assertEqual(self.source, migration['source_compute'])
        self.assertEqual(self.other_host(self.source),
                         migration['dest_compute'])
        self.assertNotIn('uuid', migration)
        resp = self.get('/v2.1/servers/%s/migrations/%s' % (
            sid, migration['id']), token=ADMIN, version='2.23')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(migration['id'], resp.json['migration']['id'])
        [migration] = self.migrations(sid, version='2.80')
        self.assertIn('uuid', migration)
        self.assertEqual('admin', migration['user_id'])

    def test_owner_sees_no_host_fields(self):
        sid = self.start()
        self.assertFault(self.get('/v2.1/servers/%s/migrations' % sid,
                                  version='2.23'), 403)
        self.cloud.set_policy({
            'os_compute_api:servers:migrations:index': '@'})
        [migration] = self.migrations(sid, token=OWNER)
        for key in ('source_compute', 'source_node', 'dest_compute',
                    'dest_node', 'dest_host'):
            self.assertIsNone(migration[key], key)
        self.assertEqual('running', migration['status'])

    def test_force_complete_needs_an_active_server(self):
        sid = self.create_server()
        self.store.complete(sid)
        self.assertEqual(202, self.action(sid, {'pause': None}).status)
        self.store.complete(sid)
        resp = self.action(sid, {'os-migrateLive': {
            'host': None, 'block_migration': 'auto'}}, token=ADMIN,
            version='2.25')
        self.assertEqual(202, resp.status, resp.body)
        mid = self.migrations(sid)[0]['id']
        resp = self.post('/v2.1/servers/%s/migrations/%s/action' % (
            sid, mid), {'force_complete': None}, token=ADMIN,
            version='2.22')
        self.assertFault(resp, 409, "Cannot 'force_complete' instance %s "
                                    "while it is in vm_state paused" % sid)
        # Abort does not look at the vm_state.
        resp = self.request('DELETE', '/v2.1/servers/%s/migrations/%s' % (
            sid, mid), token=ADMIN, version='2.24')
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual('PAUSED', self.show(sid)['status'])

    def test_force_complete_after_completion_409(self):
        sid = self.start()
        mid = self.migrations(sid)[0]['id']
        self.store.complete(sid)
        resp = self.post('/v2.1/servers/%s/migrations/%s/action' % (
            sid, mid), {'force_complete': None}, token=ADMIN,
            version='2.22')
        self.assertFault(resp, 409)
        resp = self.request('DELETE', '/v2.1/servers/%s/migrations/%s' % (
            sid, mid), token=ADMIN, version='2.24')
        self.assertFault(resp, 409)

    def test_versions_below_the_minimums_404(self):
        sid = self.start()
        mid = self.migrations(sid)[0]['id']
        base_url = '/v2.1/servers/%s/migrations' % sid
        self.assertFault(self.get(base_url, token=ADMIN, version='2.22'),
                         404)
        self.assertFault(self.get('%s/%s' % (base_url, mid), token=ADMIN,
                                  version='2.22'), 404)
        self.assertFault(self.post('%s/%s/action' % (base_url, mid),
                                   {'force_complete': None}, token=ADMIN,
                                   version='2.21'), 404)
        self.assertFault(self.request('DELETE', '%s/%s' % (base_url, mid),
                                      token=ADMIN, version='2.23'), 404)

    def test_unknown_migration_404(self):
        sid = self.start()
        base_url = '/v2.1/servers/%s/migrations/999' % sid
        msg = ('In-progress live migration 999 is not found for server '
               '%s.' % sid)
        self.assertFault(self.get(base_url, token=ADMIN, version='2.23'),
                         404, msg)
        self.assertFault(self.post(base_url + '/action',
                                   {'force_complete': None}, token=ADMIN,
                                   version='2.22'), 404, msg)
        self.assertFault(self.request('DELETE', base_url, token=ADMIN,
                                      version='2.24'), 404, msg)

    def test_force_complete(self):
        sid = self.start()
        mid = self.migrations(sid)[0]['id']
        resp = self.post('/v2.1/servers/%s/migrations/%s/action' % (
            sid, mid), {'force_complete': 1}, token=ADMIN, version='2.22')
        self.assertFault(resp, 400)
        resp = self.post('/v2.1/servers/%s/migrations/%s/action' % (
            sid, mid), {'force_complete': None}, token=ADMIN,
            version='2.22')
        self.assertEqual(202, resp.status, resp.body)
        server = self.show(sid, token=ADMIN)
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual(self.other_host(self.source),
                         server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual([], self.migrations(sid))
        resp = self.get('/v2.1/servers/%s/migrations/%s' % (sid, mid),
                        token=ADMIN, version='2.23')
        self.assertFault(resp, 404, 'Live migration %s for server %s is '
                                    'not in progress.' % (mid, sid))

    def test_abort(self):
        sid = self.start()
        mid = self.migrations(sid)[0]['id']
        resp = self.request('DELETE', '/v2.1/servers/%s/migrations/%s' % (
            sid, mid), token=ADMIN, version='2.24')
        self.assertEqual(202, resp.status, resp.body)
        server = self.show(sid, token=ADMIN)
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual(self.source, server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual('cancelled',
                         self.store.migrations_of(sid)[0].status)
        self.assertEqual([], self.migrations(sid))

    def test_cold_migration_is_not_live(self):
        sid = self.create_server()
        self.store.complete(sid)
        self.assertEqual(202, self.action(sid, {'migrate': None},
                                          token=ADMIN).status)
        mid = self.store.migrations_of(sid)[0].id
        self.assertEqual([], self.migrations(sid))
        resp = self.get('/v2.1/servers/%s/migrations/%s' % (sid, mid),
                        token=ADMIN, version='2.23')
        self.assertFault(resp, 404, 'Migration %s for server %s is not '
                                    'live-migration.' % (mid, sid))


class EvacuateTest(MovesTestCase):

    def evacuate(self, sid, body=None, version='2.14', token=ADMIN):
        return self.action(sid, {'evacuate': body or {}}, token=token,
                           version=version)

    def test_owner_forbidden(self):
        sid = self.create_server()
        self.force_down(self.host_of(sid))
        self.assertFault(self.evacuate(sid, token=OWNER), 403)

    def test_source_up_400(self):
        sid = self.create_server()
        host = self.host_of(sid)
        self.assertFault(self.evacuate(sid), 400,
                         'Compute service of %s is still in use.' % host)

    def test_evacuate_lands_elsewhere_with_empty_body(self):
        sid = self.create_server()
        source = self.host_of(sid)
        self.force_down(source)
        resp = self.evacuate(sid)
        self.assertEqual(200, resp.status, resp.body)
        self.assertIsNone(resp.json)
        server = self.show(sid, token=ADMIN)
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual(self.other_host(source),
                         server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual([('evacuation', 'done')],
                         [(m.kind, m.status)
                          for m in self.store.migrations_of(sid)])
        actions = self.get('/v2.1/servers/%s/os-instance-actions' % sid)
        self.assertIn('evacuate', [a['action'] for a in
                                   actions.json['instanceActions']])

    def test_before_2_14_admin_pass(self):
        sid = self.create_server()
        self.force_down(self.host_of(sid))
        self.assertFault(self.evacuate(sid, {}, '2.13'), 400)
        resp = self.evacuate(sid, {'onSharedStorage': True,
                                   'adminPass': 'x'}, '2.13')
        self.assertFault(resp, 400, "admin password can't be changed on "
                                    "existing disk")
        resp = self.evacuate(sid, {'onSharedStorage': True}, '2.13')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual({'adminPass': None}, resp.json)

    def test_before_2_14_generated_password(self):
        sid = self.create_server()
        self.force_down(self.host_of(sid))
        resp = self.evacuate(sid, {'onSharedStorage': 'False'}, '2.13')
        self.assertEqual(200, resp.status, resp.body)
        self.assertTrue(resp.json['adminPass'])

    def test_before_2_14_given_password_returned(self):
        sid = self.create_server()
        self.force_down(self.host_of(sid))
        resp = self.evacuate(sid, {'onSharedStorage': False,
                                   'adminPass': 'MySecretPass'}, '2.1')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual({'adminPass': 'MySecretPass'}, resp.json)

    def test_2_95_active_ends_shutoff(self):
        sid = self.create_server()
        self.force_down(self.host_of(sid))
        self.assertEqual(200, self.evacuate(sid, version='2.95').status)
        server = self.show(sid)
        self.assertEqual('SHUTOFF', server['status'])
        self.assertEqual('stopped', server['OS-EXT-STS:vm_state'])

    def test_before_2_95_active_stays_active(self):
        sid = self.create_server()
        self.force_down(self.host_of(sid))
        self.assertEqual(200, self.evacuate(sid, version='2.94').status)
        self.assertEqual('ACTIVE', self.show(sid)['status'])

    def test_error_ends_active(self):
        sid = self.create_server()
        resp = self.action(sid, {'os-resetState': {'state': 'error'}},
                           token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        self.force_down(self.host_of(sid))
        self.assertEqual(200, self.evacuate(sid, version='2.95').status)
        self.assertEqual('ACTIVE', self.show(sid)['status'])

    def test_stopped_stays_shutoff(self):
        sid = self.create_server()
        self.assertEqual(202, self.action(sid, {'os-stop': None}).status)
        self.force_down(self.host_of(sid))
        self.assertEqual(200, self.evacuate(sid).status)
        self.assertEqual('SHUTOFF', self.show(sid)['status'])

    def test_host_checks(self):
        sid = self.create_server()
        source = self.host_of(sid)
        self.force_down(source)
        self.assertFault(self.evacuate(sid, {'host': 'nowhere'}), 404,
                         'Compute host nowhere not found.')
        self.assertFault(self.evacuate(sid, {'host': source}), 400,
                         "The target host can't be the same one.")
        resp = self.evacuate(sid, {'force': True}, '2.29')
        self.assertFault(resp, 400, "Can't force to a non-provided "
                                    "destination")
        self.assertFault(self.evacuate(sid, {'host': self.other_host(
            source), 'force': True}, '2.68'), 400)
        resp = self.evacuate(sid, {'host': self.other_host(source)})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(self.other_host(source), self.host_of(sid))

    def test_shelved_409(self):
        sid = self.create_server()
        self.assertEqual(202, self.action(sid, {'shelve': None}).status)
        server = self.show(sid, token=ADMIN)
        self.assertIn(server['OS-EXT-STS:vm_state'],
                      ('shelved', 'shelved_offloaded'))
        # An offloaded server has no host; force every host down.
        for host in self.store.hosts:
            self.force_down(host)
        self.assertFault(self.evacuate(sid), 409,
                         "Cannot 'evacuate' instance %s while it is in "
                         "vm_state %s" % (sid,
                                          server['OS-EXT-STS:vm_state']))


class HostStatusTest(MovesTestCase):

    def host_status(self, sid, token=ADMIN, version='2.16'):
        return self.show(sid, token=token, version=version).get(
            'host_status')

    def test_host_status_follows_the_service(self):
        sid = self.create_server()
        host = self.host_of(sid)
        self.assertIsNone(self.host_status(sid, version='2.15'))
        self.assertIsNone(self.host_status(sid, token=OWNER))
        self.assertEqual('UP', self.host_status(sid))
        resp = self.put_service(host, {'status': 'disabled',
                                       'disabled_reason': 'upgrade'})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual('MAINTENANCE', self.host_status(sid))
        self.force_down(host)
        self.assertEqual('DOWN', self.host_status(sid))
        self.force_down(host, False)
        self.put_service(host, {'status': 'enabled'})
        self.assertEqual('UP', self.host_status(sid))

    def test_offloaded_server_has_empty_host_status(self):
        sid = self.create_server()
        self.assertEqual(202, self.action(sid, {'shelve': None}).status)
        self.assertEqual('', self.host_status(sid))


class ServicesTest(MovesTestCase):

    def services(self, version=None, token=ADMIN):
        resp = self.get('/v2.1/os-services', token=token, version=version)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['services']

    def test_keys_per_version(self):
        old = self.services('2.10')
        # Nova's conductor and scheduler first (ids 1 and 2, zone
        # 'internal'), then a nova-compute per host.
        self.assertEqual(
            [(1, 'nova-conductor', 'internal'),
             (2, 'nova-scheduler', 'internal'),
             (3, 'nova-compute', 'nova'), (4, 'nova-compute', 'nova')],
            [(s['id'], s['binary'], s['zone']) for s in old])
        old = old[2:]
        self.assertEqual(sorted(self.store.hosts),
                         sorted(s['host'] for s in old))
        self.assertEqual({'id', 'binary', 'host', 'zone', 'status', 'state',
                          'updated_at', 'disabled_reason'}, set(old[0]))
        self.assertIsInstance(old[0]['id'], int)
        self.assertEqual('nova-compute', old[0]['binary'])
        self.assertEqual(('enabled', 'up'), (old[0]['status'],
                                             old[0]['state']))
        # The hypervisors keep their own ids.
        self.assertEqual([1, 2], [h['id'] for h in self.get(
            '/v2.1/os-hypervisors', token=ADMIN).json['hypervisors']])

    def test_control_services_cannot_be_updated(self):
        services = self.services('2.53')
        scheduler = next(s for s in services
                         if s['binary'] == 'nova-scheduler')
        resp = self.request('PUT', '/v2.1/os-services/%s' % scheduler['id'],
                            {'status': 'disabled'}, token=ADMIN,
                            version='2.53')
        self.assertFault(resp, 400, 'Updating a nova-scheduler service is '
                         'not supported. Only nova-compute services can be '
                         'updated.')
        resp = self.request('PUT', '/v2.1/os-services/disable',
                            {'host': 'controller',
                             'binary': 'nova-conductor'}, token=ADMIN)
        self.assertFault(resp, 400, 'Updating a nova-conductor service is '
                         'not supported. Only nova-compute services can be '
                         'updated.')
        self.assertEqual(services, self.services('2.53'))
        new = self.services('2.11')
        self.assertFalse(new[0]['forced_down'])
        self.assertIsInstance(new[0]['id'], int)
        uuids = self.services('2.53')
        self.assertIsInstance(uuids[0]['id'], str)
        self.assertEqual(36, len(uuids[0]['id']))

    def test_non_admin_403(self):
        self.assertFault(self.get('/v2.1/os-services'), 403)
        self.assertFault(self.put_service('compute1', {'status': 'disabled'},
                                          token=OWNER), 403)
        for path in ('/v2.1/os-hypervisors', '/v2.1/os-hypervisors/detail'):
            self.assertFault(self.get(path), 403)

    def test_update_2_53(self):
        resp = self.put_service('compute1', {'status': 'disabled',
                                             'disabled_reason': 'maint'})
        self.assertEqual(200, resp.status, resp.body)
        service = resp.json['service']
        self.assertEqual(('disabled', 'maint'), (service['status'],
                                                 service['disabled_reason']))
        resp = self.put_service('compute1', {'forced_down': True})
        self.assertEqual('down', resp.json['service']['state'])
        self.assertFault(self.put_service('compute1', {
            'status': 'enabled', 'disabled_reason': 'x'}), 400)
        self.assertFault(self.put_service('compute1', {'bogus': 1}), 400)
        resp = self.request(
            'PUT', '/v2.1/os-services/00000000-0000-4000-8000-000000000000',
            body={'status': 'enabled'}, token=ADMIN, version='2.53')
        self.assertFault(resp, 404, 'Service 00000000-0000-4000-8000-'
                                    '000000000000 could not be found.')

    def legacy(self, verb, body, version='2.11'):
        return self.request('PUT', '/v2.1/os-services/' + verb, body=body,
                            token=ADMIN, version=version)

    def test_legacy_force_down(self):
        body = {'host': 'compute1', 'binary': 'nova-compute',
                'forced_down': True}
        self.assertFault(self.legacy('force-down', body, '2.10'), 404)
        resp = self.legacy('force-down', body, '2.52')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual({'host': 'compute1', 'binary': 'nova-compute',
                          'forced_down': True}, resp.json['service'])
        self.assertEqual('DOWN', self.store.host_status('compute1'))
        self.assertEqual('down', [s for s in self.services('2.11')
                                  if s['host'] == 'compute1'][0]['state'])
        resp = self.legacy('force-down', dict(body, forced_down=False))
        self.assertEqual(200, resp.status, resp.body)
        self.assertTrue(self.store.host_up('compute1'))
        # From 2.53 the path holds a service uuid: the body is checked
        # against the 2.53 schema first, then the id.
        self.assertFault(self.legacy('force-down', body, '2.53'), 400)
        self.assertFault(self.legacy('force-down', {'forced_down': True},
                                     '2.53'), 400,
                         'Invalid uuid force-down')

    def test_legacy_enable_disable(self):
        body = {'host': 'compute2', 'binary': 'nova-compute'}
        resp = self.legacy('disable', body, '2.1')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual({'host': 'compute2', 'binary': 'nova-compute',
                          'status': 'disabled'}, resp.json['service'])
        self.assertEqual('MAINTENANCE', self.store.host_status('compute2'))
        resp = self.legacy('disable-log-reason',
                           dict(body, disabled_reason='broken'), '2.1')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual('broken', resp.json['service']['disabled_reason'])
        resp = self.legacy('enable', body, '2.1')
        self.assertEqual('enabled', resp.json['service']['status'])
        self.assertEqual('UP', self.store.host_status('compute2'))
        self.assertFault(self.legacy('enable', {'host': 'nowhere',
                                                'binary': 'nova-compute'}),
                         404, 'Could not find binary nova-compute on host '
                         'nowhere.')

    def test_disabled_host_is_not_picked_by_the_scheduler(self):
        # Nova's scheduler skips disabled computes (ComputeFilter).
        body = {'host': 'compute2', 'binary': 'nova-compute'}
        self.assertEqual(200, self.legacy('disable', body, '2.1').status)
        for name in ('a', 'b', 'c'):
            sid = self.create_server(name=name)
            self.assertEqual('compute1', self.host_of(sid))

    def test_hypervisors(self):
        resp = self.get('/v2.1/os-hypervisors', token=ADMIN)
        self.assertEqual(200, resp.status, resp.body)
        hypervisors = resp.json['hypervisors']
        self.assertEqual(len(self.store.hosts), len(hypervisors))
        self.assertEqual({'id', 'hypervisor_hostname', 'state', 'status'},
                         set(hypervisors[0]))
        resp = self.get('/v2.1/os-hypervisors/detail', token=ADMIN)
        detail = resp.json['hypervisors'][0]
        self.assertIn('service', detail)
        self.assertIn('hypervisor_type', detail)
        resp = self.get('/v2.1/os-hypervisors/%s' % detail['id'],
                        token=ADMIN)
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(detail['hypervisor_hostname'],
                         resp.json['hypervisor']['hypervisor_hostname'])
        resp = self.get('/v2.1/os-hypervisors', token=ADMIN,
                        version='2.53')
        hid = resp.json['hypervisors'][0]['id']
        self.assertEqual(36, len(hid))
        resp = self.get('/v2.1/os-hypervisors/%s' % hid, token=ADMIN,
                        version='2.53')
        self.assertEqual(200, resp.status, resp.body)
        self.assertFault(self.get('/v2.1/os-hypervisors/%s' % detail['id'],
                                  token=OWNER), 403)
        self.assertFault(self.get('/v2.1/os-hypervisors/999', token=ADMIN),
                         404)
        self.force_down('compute1')
        states = {h['hypervisor_hostname']: h['state'] for h in self.get(
            '/v2.1/os-hypervisors', token=ADMIN).json['hypervisors']}
        self.assertEqual('down', states['compute1.example.com'])


class HypervisorListTest(base.APITestCase):
    """os-hypervisors figures, search and paging, as Nova 34 answers."""

    def setUp(self):
        super().setUp()
        self.sid = self.create_server()
        self.host = self.show(self.sid, token=base.ADMIN)[
            'OS-EXT-SRV-ATTR:host']

    def hypervisors(self, query='', version=None, detail=True):
        path = '/v2.1/os-hypervisors' + ('/detail' if detail else '')
        resp = self.get(path + query, token=base.ADMIN, version=version)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json

    def test_figures_until_2_88_then_uptime(self):
        mine = next(h for h in self.hypervisors()['hypervisors']
                    if h['service']['host'] == self.host)
        self.assertEqual((1, 512 + 512, 1, 1), (
            mine['vcpus_used'], mine['memory_mb_used'],
            mine['local_gb_used'], mine['running_vms']))
        self.assertEqual(mine['memory_mb'] - mine['memory_mb_used'],
                         mine['free_ram_mb'])
        self.assertIsInstance(mine['cpu_info'], str)
        later = self.hypervisors(version='2.28')['hypervisors'][0]
        self.assertIsInstance(later['cpu_info'], dict)
        newest = self.hypervisors(version='2.88')['hypervisors'][0]
        self.assertNotIn('vcpus', newest)
        self.assertIn('uptime', newest)

    def test_search_servers_and_paging(self):
        found = self.hypervisors('?hypervisor_hostname_pattern=%s'
                                 % self.host, '2.53', detail=False)
        self.assertEqual(1, len(found['hypervisors']))
        self.assertFault(self.get(
            '/v2.1/os-hypervisors?hypervisor_hostname_pattern=nomatch',
            token=base.ADMIN, version='2.53'), 404,
            "No hypervisor matching 'nomatch' could be found.")
        self.assertFault(self.get(
            '/v2.1/os-hypervisors?hypervisor_hostname_pattern=c&limit=1',
            token=base.ADMIN, version='2.53'), 400)
        listed = self.hypervisors('?with_servers=true', '2.53', False)
        servers = {h['hypervisor_hostname']: h.get('servers')
                   for h in listed['hypervisors']}
        self.assertIn([{'name': self.store.servers[self.sid].instance_name,
                        'uuid': self.sid}], servers.values())
        self.assertIn(None, servers.values())  # an empty host, before 2.75
        listed = self.hypervisors('?with_servers=true', '2.75', False)
        self.assertIn([], [h['servers'] for h in listed['hypervisors']])
        page = self.hypervisors('?limit=1', '2.33', False)
        self.assertEqual(1, len(page['hypervisors']))
        self.assertIn('marker=%s' % page['hypervisors'][0]['id'],
                      page['hypervisors_links'][0]['href'])
        self.assertEqual(2, len(self.hypervisors(
            '?limit=1', '2.32', False)['hypervisors']))
        self.assertFault(self.get('/v2.1/os-hypervisors?bogus=1',
                                  token=base.ADMIN, version='2.53'), 400)
