"""Resize/confirm/revert, rebuild, createImage, floating IPs, security
groups and instance actions, checked against Nova's reference (vendored in
fakenova/tests/reference)."""

from fakenova.compute import model
from fakenova.tests.unit import base
from fakenova.tests.unit import keys

OWNER_PROJECT = base.OWNER_PROJECT
INVALID_NAME = ("An invalid 'name' value was provided. The name must be: "
                "printable characters. Can not start or end with "
                "whitespace.")


class ActionHelpers(base.APITestCase):

    def act(self, server_id, key, value=None, status=202, **kw):
        resp = self.action(server_id, {key: value}, **kw)
        self.assertEqual(status, resp.status, resp.body)
        return resp

    def server(self, **kw):
        return self.create_server(**kw)

    def stopped_server(self):
        server_id = self.server()
        self.act(server_id, 'os-stop')
        self.assertEqual('SHUTOFF', self.show(server_id)['status'])
        return server_id

    def conflict(self, server_id, key, value, attr, state):
        resp = self.action(server_id, {key: value})
        self.assertFault(resp, 409, "Cannot '%s' instance %s while it is in "
                         "%s %s" % (key, server_id, attr, state))


class ResizeTest(ActionHelpers):

    def resized(self, server_id=None):
        server_id = server_id or self.server()
        self.act(server_id, 'resize', {'flavorRef': '2'})
        return server_id

    def test_resize_verify_resize_and_flavor_views(self):
        server_id = self.resized()
        server = self.show(server_id, version='2.47')
        self.assertEqual('VERIFY_RESIZE', server['status'])
        self.assertEqual('m1.small', server['flavor']['original_name'])
        old = self.show(server_id, version='2.46')['flavor']
        self.assertEqual(['id', 'links'], sorted(old))
        self.assertEqual('2', old['id'])

    def test_resize_same_flavor(self):
        resp = self.action(self.server(), {'resize': {'flavorRef': '1'}})
        self.assertFault(resp, 400,
                         'When resizing, instances must change flavor!')

    def test_resize_unknown_flavor(self):
        resp = self.action(self.server(), {'resize': {'flavorRef': '99'}})
        self.assertFault(resp, 400, 'Flavor 99 could not be found.')

    def test_resize_stopped_keeps_power_off(self):
        server_id = self.resized(self.stopped_server())
        server = self.show(server_id)
        self.assertEqual('VERIFY_RESIZE', server['status'])
        self.assertEqual(4, server['OS-EXT-STS:power_state'])

    def test_resize_wrong_state(self):
        server_id = self.server()
        self.act(server_id, 'pause')
        self.conflict(server_id, 'resize', {'flavorRef': '2'},
                      'vm_state', 'paused')

    def test_resize_locked(self):
        server_id = self.server()
        self.act(server_id, 'lock')
        resp = self.action(server_id, {'resize': {'flavorRef': '2'}})
        self.assertFault(resp, 409, 'Instance %s is locked' % server_id)

    def test_confirm(self):
        server_id = self.resized()
        self.act(server_id, 'confirmResize', status=204)
        server = self.show(server_id, version='2.47')
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual('m1.small', server['flavor']['original_name'])
        self.conflict(server_id, 'confirmResize', None, 'vm_state', 'active')

    def test_confirm_stopped_ends_shutoff(self):
        server_id = self.resized(self.stopped_server())
        self.act(server_id, 'confirmResize', status=204)
        self.assertEqual('SHUTOFF', self.show(server_id)['status'])

    def test_confirm_not_resized(self):
        self.conflict(self.server(), 'confirmResize', None,
                      'vm_state', 'active')

    def test_revert(self):
        server_id = self.resized()
        self.act(server_id, 'revertResize')
        server = self.show(server_id, version='2.47')
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual('m1.tiny', server['flavor']['original_name'])


class RebuildTest(ActionHelpers):

    def rebuild(self, server_id, version=None, status=202, **extra):
        body = {'imageRef': base.OTHER_IMAGE}
        body.update(extra)
        return self.act(server_id, 'rebuild', body, status=status,
                        version=version)

    def test_rebuild_response(self):
        server_id = self.server()
        resp = self.rebuild(server_id, name='new', metadata={'k': 'v'})
        self.assertTrue(resp.headers['Location'].endswith(
            '/servers/%s' % server_id))
        body = resp.json['server']
        self.assertEqual('REBUILD', body['status'])
        self.assertEqual(12, len(body['adminPass']))
        self.assertNotIn('OS-EXT-STS:vm_state', body)
        server = self.show(server_id)
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual('new', server['name'])
        self.assertEqual({'k': 'v'}, server['metadata'])
        self.assertEqual(base.OTHER_IMAGE, server['image']['id'])

    def test_rebuild_full_body_from_2_75(self):
        body = self.rebuild(self.server(), version='2.75').json['server']
        self.assertEqual('rebuilding', body['OS-EXT-STS:task_state'])
        self.assertEqual('active', body['OS-EXT-STS:vm_state'])
        self.assertIn('adminPass', body)
        old = self.rebuild(self.server(), version='2.74').json['server']
        self.assertFalse([k for k in old if k.startswith('OS-EXT-STS')])

    def test_rebuild_full_body_leaves_out_extended_user_data(self):
        # From 2.75 rebuild answers the full view but, unlike GET and PUT,
        # without OS-EXT-SRV-ATTR:user_data (Nova's view builder is told
        # not to; the body's own user_data is there from 2.57).
        server_id = self.server()
        body = self.act(server_id, 'rebuild', {'imageRef': base.OTHER_IMAGE,
                                               'user_data': 'dXNlcg=='},
                        version='2.75', token=base.ADMIN).json['server']
        self.assertIn('OS-EXT-SRV-ATTR:host', body)
        self.assertNotIn('OS-EXT-SRV-ATTR:user_data', body)
        self.assertEqual('dXNlcg==', body['user_data'])
        put = self.request('PUT', '/v2.1/servers/%s' % server_id,
                           {'server': {'name': 'renamed'}}, token=base.ADMIN,
                           version='2.75').json['server']
        self.assertEqual('dXNlcg==', put['OS-EXT-SRV-ATTR:user_data'])

    def test_rebuild_unknown_image(self):
        resp = self.action(self.server(), {'rebuild': {
            'imageRef': '11111111-2222-3333-4444-555555555555'}})
        self.assertFault(resp, 400, 'Cannot find image for rebuild')

    def test_rebuild_stopped_ends_shutoff(self):
        server_id = self.stopped_server()
        self.rebuild(server_id)
        server = self.show(server_id)
        self.assertEqual('SHUTOFF', server['status'])
        self.assertEqual(4, server['OS-EXT-STS:power_state'])

    def test_rebuild_error_ends_active(self):
        server_id = self.server()
        self.show(server_id)
        self.store.servers[server_id].vm_state = 'error'
        self.assertEqual('ERROR', self.show(server_id)['status'])
        self.rebuild(server_id)
        self.assertEqual('ACTIVE', self.show(server_id)['status'])

    def test_description_by_version(self):
        server_id = self.server()
        body = self.rebuild(server_id, version='2.19',
                            description='d').json['server']
        self.assertEqual('d', body['description'])
        resp = self.action(server_id, {'rebuild': {
            'imageRef': base.IMAGE, 'description': 'd'}}, version='2.1')
        self.assertIn("'description' was unexpected",
                      self.assertFault(resp, 400))

    def test_personality_removed_at_2_57(self):
        server_id = self.server()
        self.rebuild(server_id, version='2.56', personality=[])
        resp = self.action(server_id, {'rebuild': {
            'imageRef': base.IMAGE, 'personality': []}}, version='2.57')
        self.assertIn("'personality' was unexpected",
                      self.assertFault(resp, 400))

    def test_key_name_from_2_54(self):
        server_id = self.server()
        resp = self.action(server_id, {'rebuild': {
            'imageRef': base.IMAGE, 'key_name': 'k'}}, version='2.53')
        self.assertIn("'key_name' was unexpected",
                      self.assertFault(resp, 400))
        keys.add(self.store, 'k')
        body = self.rebuild(server_id, version='2.54',
                            key_name='k').json['server']
        self.assertEqual('k', body['key_name'])


class CreateImageTest(ActionHelpers):

    def snapshot(self, server_id, version=None, status=202, **extra):
        body = {'name': 'snap'}
        body.update(extra)
        return self.act(server_id, 'createImage', body, status=status,
                        version=version)

    def test_before_2_45_location(self):
        resp = self.snapshot(self.server(), version='2.44',
                             metadata={'a': 'b'})
        self.assertEqual(b'', resp.body)
        location = resp.headers['Location']
        image_id = location.rsplit('/', 1)[1]
        self.assertTrue(location.endswith('/images/%s' % image_id))
        image = self.get('/v2.1/images/%s' % image_id).json['image']
        self.assertEqual('ACTIVE', image['status'])
        self.assertEqual('snap', image['name'])
        self.assertEqual('b', image['metadata']['a'])

    def test_from_2_45_image_id(self):
        server_id = self.server()
        resp = self.snapshot(server_id, version='2.45')
        self.assertNotIn('Location', resp.headers)
        image_id = resp.json['image_id']
        self.assertEqual(['image_id'], list(resp.json))
        self.show(server_id)
        resp = self.get('/v2.1/images/%s' % image_id, version='2.35')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual('ACTIVE', resp.json['image']['status'])

    def test_properties_and_metadata_that_override_them(self):
        server_id = self.server()
        resp = self.snapshot(server_id, version='2.45',
                             metadata={'image_type': 'golden', 'k': 'v'})
        image = self.get('/v2.1/images/%s' % resp.json['image_id'],
                         version='2.35').json['image']
        self.assertEqual({'image_type': 'golden', 'k': 'v',
                          'instance_uuid': server_id, 'user_id': 'owner'},
                         image['metadata'])
        backup = self.act(server_id, 'createBackup', {
            'name': 'b', 'backup_type': 'daily', 'rotation': 1,
            'metadata': {'backup_type': 'weekly', 'k': 'v'}},
            version='2.45').json['image_id']
        image = self.get('/v2.1/images/%s' % backup,
                         version='2.35').json['image']
        self.assertEqual({'image_type': 'backup', 'backup_type': 'daily',
                          'k': 'v', 'instance_uuid': server_id,
                          'user_id': 'owner'}, image['metadata'])

    def test_bad_name(self):
        resp = self.action(self.server(), {'createImage': {'name': ' x'}})
        self.assertFault(resp, 400, INVALID_NAME)

    def test_locked_still_allowed(self):
        server_id = self.server()
        self.act(server_id, 'lock', token=base.ADMIN)
        self.snapshot(server_id)
        resp = self.action(server_id, {'pause': None})
        self.assertFault(resp, 409, 'Instance %s is locked' % server_id)

    def test_paused_allowed_rescued_conflict(self):
        server_id = self.server()
        self.act(server_id, 'pause')
        self.snapshot(server_id)
        other = self.server(name='vm2')
        self.act(other, 'rescue', status=200)
        self.conflict(other, 'createImage', {'name': 'snap'},
                      'vm_state', 'rescued')


class FloatingIpTest(ActionHelpers):

    def allocate(self):
        resp = self.post('/v2.1/os-floating-ips', {'pool': 'public'})
        self.assertEqual(200, resp.status, resp.body)
        fip = resp.json['floating_ip']
        self.assertEqual('public', fip['pool'])
        self.assertIsNone(fip['instance_id'])
        return fip

    def floating_entries(self, server_id):
        return [a for net in self.show(server_id)['addresses'].values()
                for a in net if a['OS-EXT-IPS:type'] == 'floating']

    def associated(self):
        server_id = self.server()
        fip = self.allocate()
        self.act(server_id, 'addFloatingIp', {'address': fip['ip']})
        return server_id, fip

    def test_add(self):
        server_id, fip = self.associated()
        self.assertEqual([fip['ip']],
                         [a['addr'] for a in self.floating_entries(server_id)])
        listed = self.get('/v2.1/os-floating-ips').json['floating_ips']
        self.assertEqual([server_id], [f['instance_id'] for f in listed])
        resp = self.action(server_id, {'addFloatingIp':
                                       {'address': fip['ip']}})
        self.assertFault(resp, 400, 'floating IP is already associated')

    def test_add_errors(self):
        server_id = self.server()
        resp = self.action(server_id, {'addFloatingIp':
                                       {'address': '172.24.99.99'}})
        self.assertFault(resp, 404, 'floating IP not found')
        fip = self.allocate()
        resp = self.action(server_id, {'addFloatingIp': {
            'address': fip['ip'], 'fixed_address': '192.168.77.77'}})
        self.assertFault(resp, 400,
                         'Specified fixed address not assigned to instance')

    def test_remove(self):
        server_id, fip = self.associated()
        self.act(server_id, 'removeFloatingIp', {'address': fip['ip']})
        self.assertEqual([], self.floating_entries(server_id))
        body = {'removeFloatingIp': {'address': fip['ip']}}
        # quirk: an unassociated IP is authorized against an empty target,
        # which only an admin passes.
        self.assertFault(self.action(server_id, body), 403)
        resp = self.action(server_id, body, token=base.ADMIN)
        self.assertFault(resp, 409, 'Floating IP %s is not associated '
                         'with instance %s.' % (fip['ip'], server_id))
        resp = self.action(server_id, {'removeFloatingIp':
                                       {'address': '172.24.99.99'}})
        self.assertFault(resp, 404, 'Floating IP not found for address '
                         '172.24.99.99.')

    def test_removed_at_2_44(self):
        server_id, fip = self.associated()
        for key in ('addFloatingIp', 'removeFloatingIp'):
            resp = self.action(server_id, {key: {'address': fip['ip']}},
                               version='2.44')
            self.assertFault(resp, 404, 'The resource could not be found.')
        self.assertEqual(1, len(self.floating_entries(server_id)))

    def test_proxy_removed_at_2_36_and_delete(self):
        fip = self.allocate()
        resp = self.get('/v2.1/os-floating-ips', version='2.36')
        self.assertFault(resp, 404)
        resp = self.request('DELETE', '/v2.1/os-floating-ips/%s' % fip['id'])
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual([], self.get('/v2.1/os-floating-ips').json[
            'floating_ips'])


class SecurityGroupTest(ActionHelpers):

    def setUp(self):
        super().setUp()
        self.store.add_security_group(
            model.SecurityGroup('sg-web', 'web', OWNER_PROJECT))

    def groups(self, server_id):
        return self.show(server_id)['security_groups']

    def test_add_and_list(self):
        server_id = self.server()
        self.act(server_id, 'addSecurityGroup', {'name': 'web'})
        self.assertEqual([{'name': 'default'}, {'name': 'web'}],
                         self.groups(server_id))
        resp = self.get('/v2.1/servers/%s/os-security-groups' % server_id)
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(['default', 'web'], [
            g['name'] for g in resp.json['security_groups']])

    def test_add_errors(self):
        server_id = self.server()
        resp = self.action(server_id, {'addSecurityGroup': {'name': 'nope'}})
        self.assertFault(resp, 404, 'Security group nope is not found for '
                         'project %s' % OWNER_PROJECT)
        resp = self.action(server_id, {'addSecurityGroup': {'name': '  '}})
        self.assertFault(resp, 400, 'Security group name cannot be empty')

    def test_remove(self):
        server_id = self.server()
        resp = self.action(server_id,
                           {'removeSecurityGroup': {'name': 'web'}})
        self.assertFault(resp, 404, 'Security group web not associated '
                         'with the instance %s' % server_id)
        self.act(server_id, 'removeSecurityGroup', {'name': 'default'},
                 version='2.104')
        # The key is omitted when the server has no groups.
        self.assertNotIn('security_groups', self.show(server_id))

    def test_available_at_2_104(self):
        server_id = self.server()
        self.act(server_id, 'addSecurityGroup', {'name': 'web'},
                 version='2.104')
        self.assertIn({'name': 'web'}, self.groups(server_id))

    def test_proxy_list_removed_at_2_36(self):
        resp = self.get('/v2.1/os-security-groups', version='2.35')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(['default', 'web'], [
            g['name'] for g in resp.json['security_groups']])
        self.assertFault(self.get('/v2.1/os-security-groups',
                                  version='2.36'), 404)


class InstanceActionsTest(ActionHelpers):

    def actions(self, server_id, version=None, token=base.OWNER):
        resp = self.get('/v2.1/servers/%s/os-instance-actions' % server_id,
                        version=version, token=token)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['instanceActions']

    def show_action(self, server_id, request_id, **kw):
        resp = self.get('/v2.1/servers/%s/os-instance-actions/%s' % (
            server_id, request_id), **kw)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['instanceAction']

    def busy_server(self):
        server_id = self.server()
        self.act(server_id, 'pause')
        self.show(server_id)
        self.act(server_id, 'unpause')
        self.show(server_id)
        return server_id

    def test_list_newest_first(self):
        server_id = self.busy_server()
        actions = self.actions(server_id)
        self.assertEqual(['unpause', 'pause', 'create'],
                         [a['action'] for a in actions])
        self.assertNotIn('updated_at', actions[0])
        self.assertIn('updated_at', self.actions(server_id, '2.58')[0])

    def test_show_events_visibility(self):
        server_id = self.busy_server()
        request_id = self.actions(server_id)[0]['request_id']
        admin = self.show_action(server_id, request_id, token=base.ADMIN)
        self.assertEqual('unpause', admin['action'])
        self.assertIn('traceback', admin['events'][0])
        self.assertEqual('compute_unpause_instance',
                         admin['events'][0]['event'])
        new = self.show_action(server_id, request_id, version='2.51')
        self.assertTrue(new['events'])
        self.assertNotIn('traceback', new['events'][0])
        old = self.show_action(server_id, request_id, version='2.50')
        self.assertNotIn('events', old)

    def test_unknown_request_id(self):
        server_id = self.server()
        resp = self.get('/v2.1/servers/%s/os-instance-actions/req-nope'
                        % server_id)
        self.assertFault(resp, 404, 'Action req-nope not found')


class InstanceActionsPagingTest(ActionHelpers):
    """Paging and time filters of os-instance-actions (2.58, 2.66).

    As Nova 34 answers them (asked of the oracle).
    """

    def setUp(self):
        super().setUp()
        self.sid = self.server()
        for name in ('pause', 'unpause', 'pause', 'unpause'):
            self.act(self.sid, name)
        self.url = '/v2.1/servers/%s/os-instance-actions' % self.sid

    def actions(self, query='', version='2.58'):
        resp = self.get(self.url + query, version=version)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json

    def test_paging(self):
        everything = self.actions()['instanceActions']
        self.assertEqual(['unpause', 'pause', 'unpause', 'pause', 'create'],
                         [a['action'] for a in everything])
        first = self.actions('?limit=2')
        self.assertEqual(everything[:2], first['instanceActions'])
        self.assertEqual(
            'http://localhost%s?limit=2&marker=%s' % (
                self.url, everything[1]['request_id']),
            first['links'][0]['href'])
        rest = self.actions('?limit=2&marker=%s'
                            % everything[1]['request_id'])
        self.assertEqual(everything[2:4], rest['instanceActions'])
        self.assertNotIn('links', self.actions())
        # Before 2.58 nothing is read.
        self.assertEqual(5, len(self.actions('?limit=2', '2.57')[
            'instanceActions']))
        self.assertFault(self.get(self.url + '?marker=req-nope',
                                  version='2.58'), 400,
                         'Marker None could not be found.')
        self.assertFault(self.get(self.url + '?bogus=1', version='2.58'),
                         400, "Additional properties are not allowed "
                         "('bogus' was unexpected)")

    def test_time_filters(self):
        everything = self.actions()['instanceActions']
        since = everything[1]['updated_at']
        self.assertEqual(everything[:2], self.actions(
            '?changes-since=%s' % since)['instanceActions'])
        before = everything[2]['updated_at']
        self.assertEqual(everything[2:], self.actions(
            '?changes-before=%s' % before, '2.66')['instanceActions'])
        self.assertFault(self.get(self.url + '?changes-since=x',
                                  version='2.58'), 400)
        self.assertFault(self.get(
            self.url + '?changes-since=2099-01-01&changes-before=2011-01-01',
            version='2.66'), 400, 'The value of changes-since must be less '
            'than or equal to changes-before.')
