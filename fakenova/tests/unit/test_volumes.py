"""Volume attachments (/servers/{id}/os-volume_attachments) and the
/os-volumes proxy."""

from fakenova.compute import seeding
from fakenova.tests.unit import base

ADMIN = base.ADMIN
OWNER = base.OWNER
UNKNOWN = '5c3a8f0e-1d2b-4c6a-9e7f-000000000bad'


class VolumesTestCase(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.sid = self.create_server()

    def volume(self, multiattach=False, **kw):
        return seeding.add_volume(self.store, base.OWNER_PROJECT,
                                  multiattach=multiattach, **kw).id

    def url(self, sid=None, vid=None):
        out = '/v2.1/servers/%s/os-volume_attachments' % (sid or self.sid)
        return out + ('/%s' % vid if vid else '')

    def attach(self, vid, sid=None, version=None, token=OWNER, **extra):
        spec = {'volumeId': vid}
        spec.update(extra)
        return self.post(self.url(sid), {'volumeAttachment': spec},
                         token=token, version=version)

    def attached(self, vid, sid=None, **kw):
        resp = self.attach(vid, sid, **kw)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['volumeAttachment']

    def attachments(self, sid=None, version=None, token=OWNER):
        resp = self.get(self.url(sid), version=version, token=token)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['volumeAttachments']

    def detach(self, vid, sid=None, version=None, token=OWNER):
        return self.request('DELETE', self.url(sid, vid), version=version,
                            token=token)

    def put(self, vid, spec, version=None, token=OWNER, sid=None):
        return self.request('PUT', self.url(sid, vid),
                            body={'volumeAttachment': spec}, token=token,
                            version=version)

    def shelve(self, sid=None):
        sid = sid or self.sid
        self.assertEqual(202, self.action(sid, {'shelve': None}).status)
        return self.show(sid)['OS-EXT-STS:vm_state']


class AttachTest(VolumesTestCase):

    def test_attach_body_per_version(self):
        vid = self.volume()
        item = self.attached(vid)
        self.assertEqual({'id': vid, 'volumeId': vid, 'serverId': self.sid,
                          'device': '/dev/vdb'}, item)
        self.assertEqual('in-use', self.store.volumes[vid].status)
        item = self.attached(self.volume(), version='2.70', tag='data')
        self.assertEqual('data', item['tag'])
        self.assertNotIn('delete_on_termination', item)
        self.assertEqual('/dev/vdc', item['device'])
        item = self.attached(self.volume(), version='2.79',
                             delete_on_termination=True)
        self.assertEqual(True, item['delete_on_termination'])
        self.assertIsNone(item['tag'])
        # 2.89 did not change the attach response.
        item = self.attached(self.volume(), version='2.89')
        self.assertIn('id', item)
        self.assertNotIn('attachment_id', item)
        self.assertNotIn('bdm_uuid', item)
        resp = self.attach(self.volume(), version='2.101')
        self.assertEqual(202, resp.status, resp.body)
        self.assertIsNone(resp.json)
        self.assertEqual(5, len(self.attachments()))

    def test_request_keys_per_version(self):
        vid = self.volume()
        self.assertFault(self.attach(vid, tag='x', version='2.48'), 400)
        self.assertFault(self.attach(vid, delete_on_termination=True,
                                     version='2.78'), 400)
        self.assertFault(self.attach(vid, device='floppy'), 400)
        self.assertFault(self.attach('not-a-uuid'), 400)
        self.assertFault(self.attach(vid, tag='a/b', version='2.49'), 400)
        self.assertEqual([], self.attachments())

    def test_given_device(self):
        vid = self.volume()
        self.assertEqual('/dev/vdd', self.attached(
            vid, device='/dev/vdd')['device'])
        resp = self.attach(self.volume(), device='/dev/vdd')
        self.assertFault(resp, 409, 'The supplied device path (/dev/vdd) is '
                                    'in use.')

    def test_unknown_volume_404(self):
        self.assertFault(self.attach(UNKNOWN), 404,
                         'Volume %s could not be found.' % UNKNOWN)

    def test_already_attached_400(self):
        vid = self.volume()
        self.attached(vid)
        self.assertFault(self.attach(vid), 400,
                         'Invalid volume: volume %s already attached' % vid)

    def test_attached_elsewhere_400(self):
        vid = self.volume()
        self.attached(vid)
        other = self.create_server(name='other')
        self.assertFault(self.attach(vid, other), 400,
                         'Invalid volume: volume %s is already attached to '
                         'instances: %s' % (vid, self.sid))

    def test_multiattach_from_2_60(self):
        vid = self.volume(multiattach=True)
        other = self.create_server(name='other')
        self.assertFault(self.attach(vid, version='2.59'), 400,
                         'Multiattach volumes are only supported starting '
                         'with compute API version 2.60.')
        self.attached(vid, version='2.60')
        self.attached(vid, other, version='2.60')
        self.assertEqual([self.sid, other],
                         self.store.volumes[vid].server_ids)
        self.assertEqual(202, self.detach(vid).status)
        self.assertEqual('detaching', self.store.volumes[vid].status)
        self.assertEqual([], self.attachments())  # settles the detach
        self.assertEqual('in-use', self.store.volumes[vid].status)
        self.assertEqual(202, self.detach(vid, other).status)
        self.assertEqual([], self.attachments(other))
        self.assertEqual('available', self.store.volumes[vid].status)

    def test_shelved_before_2_20_409(self):
        state = self.shelve()
        self.assertFault(self.attach(self.volume(), version='2.19'), 409,
                         "Cannot 'attach_volume' instance %s while it is in "
                         "vm_state %s" % (self.sid, state))

    def test_shelved_offloaded_from_2_20(self):
        self.assertEqual('shelved_offloaded', self.shelve())
        vid = self.volume()
        item = self.attached(vid, version='2.20')
        self.assertIsNone(item['device'])
        self.assertEqual('reserved', self.store.volumes[vid].status)
        [listed] = self.attachments()
        self.assertNotIn('device', listed)
        self.assertFault(self.attach(self.volume(), version='2.49',
                                     tag='x'), 400,
                         'Tagged volume attachment is not supported for '
                         'shelved-offloaded instances.')
        self.assertFault(
            self.attach(self.volume(multiattach=True), version='2.60'), 400,
            'Attaching multiattach volumes is not supported for '
            'shelved-offloaded instances.')
        self.assertFault(self.detach(vid, version='2.19'), 409)
        self.assertEqual(202, self.detach(vid, version='2.20').status)
        self.assertEqual([], self.attachments())
        self.assertEqual('available', self.store.volumes[vid].status)

    def test_unshelve_completes_the_reserved_attachment(self):
        self.assertEqual('shelved_offloaded', self.shelve())
        vid = self.volume()
        self.assertIsNone(self.attached(vid, version='2.20')['device'])
        resp = self.action(self.sid, {'unshelve': None})
        self.assertEqual(202, resp.status, resp.body)
        [listed] = self.attachments()
        self.assertEqual('/dev/vdb', listed['device'])
        self.assertEqual('in-use', self.store.volumes[vid].status)

    def test_locked_409(self):
        vid = self.volume()
        self.assertEqual(202, self.action(self.sid, {'lock': None},
                                          token=ADMIN).status)
        self.assertFault(self.attach(vid), 409,
                         'Instance %s is locked' % self.sid)

    def test_other_project_404(self):
        resp = self.attach(self.volume(), token=base.ALT)
        self.assertFault(resp, 404)

    def test_instance_actions_recorded(self):
        vid = self.volume()
        self.attached(vid)
        self.assertEqual(202, self.detach(vid).status)
        resp = self.get('/v2.1/servers/%s/os-instance-actions' % self.sid)
        names = [a['action'] for a in resp.json['instanceActions']]
        self.assertIn('attach_volume', names)
        self.assertIn('detach_volume', names)


class ListShowDetachTest(VolumesTestCase):

    def test_list_keys_per_version(self):
        vid = self.volume()
        self.attached(vid, version='2.79', tag='t',
                      delete_on_termination=True)
        [item] = self.attachments()
        self.assertEqual({'id', 'volumeId', 'serverId', 'device'}, set(item))
        [item] = self.attachments(version='2.70')
        self.assertEqual('t', item['tag'])
        self.assertNotIn('delete_on_termination', item)
        [item] = self.attachments(version='2.79')
        self.assertTrue(item['delete_on_termination'])
        [item] = self.attachments(version='2.89')
        self.assertNotIn('id', item)
        self.assertEqual({'volumeId', 'serverId', 'device', 'tag',
                          'delete_on_termination', 'attachment_id',
                          'bdm_uuid'}, set(item))
        self.assertNotEqual(item['attachment_id'], item['bdm_uuid'])

    def test_list_paging(self):
        vids = [self.volume() for _ in range(3)]
        for vid in vids:
            self.attached(vid)
        resp = self.get(self.url() + '?limit=1&offset=1')
        self.assertEqual([vids[1]], [a['volumeId'] for a in
                                     resp.json['volumeAttachments']])

    def test_show(self):
        vid = self.volume()
        self.attached(vid)
        resp = self.get(self.url(vid=vid))
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(vid, resp.json['volumeAttachment']['volumeId'])
        resp = self.get(self.url(vid=vid), version='2.89')
        self.assertIn('attachment_id', resp.json['volumeAttachment'])
        other = self.volume()
        self.assertFault(self.get(self.url(vid=other)), 404,
                         'Instance %s is not attached to volume %s' % (
                             self.sid, other))

    def test_detach(self):
        vid = self.volume()
        self.attached(vid)
        resp = self.detach(vid)
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual([], self.attachments())
        self.assertEqual('available', self.store.volumes[vid].status)
        self.assertEqual([], self.store.volumes[vid].server_ids)
        self.assertFault(self.detach(vid), 404,
                         'Instance %s is not attached to volume %s' % (
                             self.sid, vid))
        self.assertFault(self.detach(UNKNOWN), 404,
                         'Volume %s could not be found.' % UNKNOWN)
        # Attachable again.
        self.attached(vid)

    def test_detach_needs_the_compute_service(self):
        vid = self.volume()
        self.attached(vid)
        host = self.show(self.sid, token=ADMIN)['OS-EXT-SRV-ATTR:host']
        self.store.service_of(host).forced_down = True
        self.assertFault(self.detach(vid), 409,
                         'Service is unavailable at this time.')

    def test_detach_locked_409(self):
        vid = self.volume()
        self.attached(vid)
        self.assertEqual(202, self.action(self.sid, {'lock': None}).status)
        self.assertFault(self.detach(vid), 409)

    def test_server_view_volumes_attached(self):
        vid = self.volume()
        self.attached(vid, version='2.79', delete_on_termination=True)
        key = 'os-extended-volumes:volumes_attached'
        self.assertEqual([{'id': vid}], self.show(self.sid, version='2.2')[
            key])
        self.assertEqual([{'id': vid, 'delete_on_termination': True}],
                         self.show(self.sid, version='2.3')[key])

    def test_deleting_the_server_frees_its_volumes(self):
        keep, drop = self.volume(), self.volume()
        self.attached(keep, version='2.79')
        self.attached(drop, version='2.79', delete_on_termination=True)
        resp = self.request('DELETE', '/v2.1/servers/%s' % self.sid)
        self.assertEqual(204, resp.status, resp.body)
        self.assertEqual(404, self.get('/v2.1/servers/%s' % self.sid).status)
        self.assertEqual('available', self.store.volumes[keep].status)
        self.assertEqual([], self.store.volumes[keep].server_ids)
        self.assertNotIn(drop, self.store.volumes)


class UpdateTest(VolumesTestCase):

    def test_swap_is_admin_only(self):
        old, new = self.volume(), self.volume()
        self.attached(old)
        self.assertFault(self.put(old, {'volumeId': new}), 403)
        self.assertFault(self.put(old, {'volumeId': new}, version='2.85'),
                         403)

    def test_swap_needs_a_migrating_volume(self):
        old, new = self.volume(), self.volume()
        self.attached(old)
        resp = self.put(old, {'volumeId': new}, token=ADMIN)
        self.assertFault(resp, 409, 'volume %s is not migrating; this API '
                                    'should only be called by Cinder' % old)
        self.store.volumes[old].status = 'migrating'
        self.assertFault(self.put(old, {'volumeId': UNKNOWN}, token=ADMIN),
                         400, 'Volume %s could not be found.' % UNKNOWN)
        resp = self.put(old, {'volumeId': new}, token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual([new], [a['volumeId'] for a in self.attachments()])
        self.assertEqual('available', self.store.volumes[old].status)
        self.assertEqual('in-use', self.store.volumes[new].status)
        resp = self.get('/v2.1/servers/%s/os-instance-actions' % self.sid)
        self.assertIn('swap_volume', [a['action'] for a in
                                      resp.json['instanceActions']])

    def test_swap_checks(self):
        old, new, busy = self.volume(), self.volume(), self.volume()
        self.attached(old)
        other = self.create_server(name='other')
        self.attached(busy, other)
        self.store.volumes[old].status = 'migrating'
        self.assertFault(self.put(old, {'volumeId': busy}, token=ADMIN), 400,
                         'Invalid volume: New volume must be detached in '
                         'order to swap.')
        self.assertFault(self.put(old, {'volumeId': new}, token=ADMIN,
                                  sid=other), 404)
        self.assertFault(self.put(UNKNOWN, {'volumeId': new}, token=ADMIN),
                         404, 'Volume %s could not be found.' % UNKNOWN)
        self.assertEqual(202, self.action(self.sid, {'os-stop': None}).status)
        self.assertFault(self.put(old, {'volumeId': new}, token=ADMIN), 409,
                         "Cannot 'swap_volume' instance %s while it is in "
                         "vm_state stopped" % self.sid)
        resp = self.get('/v2.1/servers/%s/os-instance-actions' % self.sid)
        self.assertNotIn('swap_volume', [a['action'] for a in
                                         resp.json['instanceActions']])
        self.assertEqual([old], [a['volumeId'] for a in self.attachments()])

    def test_attach_in_a_bad_state_409(self):
        self.assertEqual(200, self.action(self.sid, {'rescue': None}).status)
        self.assertFault(self.attach(self.volume()), 409,
                         "Cannot 'attach_volume' instance %s while it is in "
                         "vm_state rescued" % self.sid)

    def test_swap_before_2_85_even_with_the_same_id(self):
        vid = self.volume()
        self.attached(vid)
        self.assertFault(self.put(vid, {'volumeId': vid}, version='2.84'),
                         403)
        self.assertFault(self.put(vid, {'volumeId': vid,
                                        'delete_on_termination': True},
                                  version='2.84', token=ADMIN), 400)

    def test_2_85_update_rule(self):
        vid = self.volume()
        self.attached(vid)
        body = {'volumeId': vid, 'delete_on_termination': True}
        # The in-code default is Train's rule:admin_api; Nova 34's is
        # project_member_or_admin (etc/policy-rbac.yaml).
        self.assertFault(self.put(vid, body, version='2.85'), 403)
        self.assertEqual(202, self.put(vid, body, version='2.85',
                                       token=ADMIN).status)
        self.cloud.set_policy({
            'os_compute_api:os-volumes-attachments:update':
                'rule:project_member_or_admin'})
        self.assertEqual(202, self.put(vid, body, version='2.85').status)
        self.assertFault(self.put(vid, body, version='2.85',
                                  token=base.ALT), 404)

    def test_2_85_updates_delete_on_termination(self):
        self.cloud.set_policy({
            'os_compute_api:os-volumes-attachments:update':
                'rule:project_member_or_admin'})
        vid = self.volume()
        item = self.attached(vid, version='2.79')
        self.assertFalse(item['delete_on_termination'])
        resp = self.put(vid, {'volumeId': vid,
                              'delete_on_termination': True},
                        version='2.85')
        self.assertEqual(202, resp.status, resp.body)
        self.assertIsNone(resp.json)
        [item] = self.attachments(version='2.85')
        self.assertTrue(item['delete_on_termination'])
        # Unchanged values may be sent back (tag is a string or absent).
        self.assertIsNone(item.pop('tag'))
        resp = self.put(vid, dict(item, delete_on_termination=False),
                        version='2.85')
        self.assertEqual(202, resp.status, resp.body)
        self.assertFalse(self.attachments(version='2.85')[0][
            'delete_on_termination'])

    def test_2_85_immutable_fields(self):
        vid = self.volume()
        self.attached(vid)
        for key, value in (('device', '/dev/vdz'), ('tag', 'new'),
                           ('serverId', UNKNOWN), ('id', UNKNOWN)):
            resp = self.put(vid, {'volumeId': vid, key: value},
                            version='2.85', token=ADMIN)
            self.assertFault(resp, 400, 'The %s property is not mutable'
                             % key)
        other = self.volume()
        self.assertFault(self.put(other, {'volumeId': other},
                                  version='2.85', token=ADMIN), 404,
                         'Instance %s is not attached to volume %s' % (
                             self.sid, other))


class ProxyTest(VolumesTestCase):

    def test_proxy_until_2_35(self):
        vid = self.volume(name='data', size=2)
        self.attached(vid)
        resp = self.get('/v2.1/os-volumes', version='2.35')
        self.assertEqual(200, resp.status, resp.body)
        [volume] = resp.json['volumes']
        self.assertEqual((vid, 'data', 2, 'in-use'), (
            volume['id'], volume['displayName'], volume['size'],
            volume['status']))
        self.assertEqual([{'id': vid, 'volumeId': vid, 'serverId': self.sid,
                           'device': '/dev/vdb'}], volume['attachments'])
        resp = self.get('/v2.1/os-volumes/detail', version='2.35')
        self.assertEqual([vid], [v['id'] for v in resp.json['volumes']])
        resp = self.get('/v2.1/os-volumes/%s' % vid, version='2.35')
        self.assertEqual(vid, resp.json['volume']['id'])
        self.assertFault(self.get('/v2.1/os-volumes/%s' % UNKNOWN,
                                  version='2.35'), 404)
        for path in ('', '/detail', '/' + vid):
            self.assertFault(self.get('/v2.1/os-volumes' + path,
                                      version='2.36'), 404)

    def test_other_projects_volumes_hidden(self):
        self.volume()
        resp = self.get('/v2.1/os-volumes', version='2.35', token=base.ALT)
        self.assertEqual([], resp.json['volumes'])
        resp = self.get('/v2.1/os-volumes', version='2.35', token=ADMIN)
        self.assertEqual(1, len(resp.json['volumes']))

    def test_proxy_shows_the_first_attachment_of_an_attached_volume(self):
        vid = self.volume(multiattach=True)
        other = self.create_server(name='other')
        self.attached(vid, version='2.60')
        self.attached(vid, other, version='2.60')

        def summary():
            resp = self.get('/v2.1/os-volumes/%s' % vid, version='2.35')
            self.assertEqual(200, resp.status, resp.body)
            return resp.json['volume']['attachments']
        self.assertEqual([{'id': vid, 'volumeId': vid, 'serverId': self.sid,
                           'device': '/dev/vdb'}], summary())
        spare = self.volume()
        self.assertEqual([{}], self.get(
            '/v2.1/os-volumes/%s' % spare, version='2.35').json['volume'][
                'attachments'])

    def test_proxy_reserved_volume_is_not_attached_yet(self):
        self.assertEqual('shelved_offloaded', self.shelve())
        vid = self.volume()
        self.attached(vid, version='2.20')
        resp = self.get('/v2.1/os-volumes/%s' % vid, version='2.35')
        self.assertEqual('reserved', resp.json['volume']['status'])
        self.assertEqual([{}], resp.json['volume']['attachments'])

    def test_proxy_create_and_delete(self):
        resp = self.post('/v2.1/os-volumes', {'volume': {
            'size': '2', 'display_name': 'data', 'display_description': 'd',
            'metadata': {'k': 'v'}, 'availability_zone': 'nova'}},
            version='2.35')
        self.assertEqual(200, resp.status, resp.body)
        volume = resp.json['volume']
        self.assertEqual(('data', 'd', 2, 'available', {'k': 'v'}, [{}]), (
            volume['displayName'], volume['displayDescription'],
            volume['size'], volume['status'], volume['metadata'],
            volume['attachments']))
        self.assertTrue(resp.headers['Location'].endswith(
            '/v2.1/os-volumes/' + volume['id']))
        vid = volume['id']
        self.attached(vid)   # a volume made here attaches like any other
        resp = self.request('DELETE', '/v2.1/os-volumes/' + vid,
                            version='2.35')
        self.assertFault(resp, 400)
        self.assertIn('Volume status must be available', resp.json[
            'badRequest']['message'])
        self.assertEqual(202, self.detach(vid).status)
        self.attachments()  # settles the detach
        resp = self.request('DELETE', '/v2.1/os-volumes/' + vid,
                            version='2.35')
        self.assertEqual(202, resp.status, resp.body)
        self.assertFault(self.get('/v2.1/os-volumes/' + vid,
                                  version='2.35'), 404)
        self.assertFault(self.request('DELETE', '/v2.1/os-volumes/' + vid,
                                      version='2.35'), 404)

    def test_proxy_create_bad_input(self):
        for body in ({}, {'volume': {'size': 0}}, {'volume': {'size': 'x'}},
                     {'volume': {'size': 1, 'bogus': 1}}, {'volume': []}):
            self.assertFault(self.post('/v2.1/os-volumes', body,
                                       version='2.35'), 400)
        self.assertFault(self.post('/v2.1/os-volumes', {'volume': {}},
                                   version='2.35'), 400)
        self.assertFault(self.post('/v2.1/os-volumes', {'volume': {
            'size': '0'}}, version='2.35'), 400)
        resp = self.post('/v2.1/os-volumes', {'volume': {
            'size': 1, 'snapshot_id': 'nope'}}, version='2.35')
        self.assertFault(resp, 404, 'Snapshot nope could not be found.')
        self.assertFault(self.post('/v2.1/os-volumes', {'volume': {
            'size': 1}}, version='2.36'), 404)
        self.assertEqual({}, self.store.volumes)

    def test_proxy_delete_other_projects_volume_is_404(self):
        vid = self.volume()
        resp = self.request('DELETE', '/v2.1/os-volumes/' + vid,
                            version='2.35', token=base.ALT)
        self.assertFault(resp, 404)
        self.assertIn(vid, self.store.volumes)


class BootVolumesTest(VolumesTestCase):
    """Block device mappings of a create attach the volumes they name."""

    def test_volumes_of_the_mappings_are_attached(self):
        root, data = self.volume(), self.volume()
        mappings = [{'uuid': root, 'source_type': 'volume',
                     'destination_type': 'volume', 'boot_index': 0,
                     'delete_on_termination': True},
                    {'uuid': data, 'source_type': 'volume',
                     'destination_type': 'volume', 'boot_index': 1}]
        sid = self.create_server(name='bfv', imageRef='',
                                 block_device_mapping_v2=mappings)
        listed = {a['volumeId']: a for a in self.attachments(
            sid, version='2.79')}
        self.assertEqual({root, data}, set(listed))
        self.assertEqual('/dev/vda', listed[root]['device'])
        self.assertEqual('/dev/vdb', listed[data]['device'])
        self.assertTrue(listed[root]['delete_on_termination'])
        self.assertFalse(listed[data]['delete_on_termination'])
        self.assertEqual('in-use', self.store.volumes[data].status)
        # Deleting the server keeps the one volume and deletes the other.
        self.assertEqual(204, self.request(
            'DELETE', '/v2.1/servers/%s' % sid).status)
        self.assertEqual(404, self.get('/v2.1/servers/%s' % sid).status)
        self.assertNotIn(root, self.store.volumes)
        self.assertEqual('available', self.store.volumes[data].status)

    def test_unusable_volumes_fail_the_create(self):
        in_use = self.volume()
        self.attached(in_use)
        for volume_id, message in (
                (UNKNOWN, 'Block Device Mapping is Invalid: failed to get '
                 'volume %s.' % UNKNOWN),
                (in_use, 'Invalid volume: volume %s status must be '
                 'available, but the current status is in-use.' % in_use)):
            before = set(self.store.servers)
            resp = self.post('/v2.1/servers', {'server': {
                'name': 'x', 'imageRef': base.IMAGE, 'flavorRef': '1',
                'block_device_mapping_v2': [{
                    'uuid': volume_id, 'source_type': 'volume',
                    'destination_type': 'volume', 'boot_index': 1}]}})
            self.assertFault(resp, 400, message)
            self.assertEqual(before, set(self.store.servers))
