"""/servers/{id}/metadata: list, merge, replace; one key: show, set, delete."""

from fakenova.tests.unit import base

ADMIN = base.ADMIN
ALT = base.ALT
OWNER = base.OWNER
UNKNOWN = '5c3a8f0e-1d2b-4c6a-9e7f-000000000bad'


class MetadataTestCase(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.sid = self.create_server(metadata={'k': 'v'})

    def url(self, key=None, sid=None):
        out = '/v2.1/servers/%s/metadata' % (sid or self.sid)
        return out + ('/%s' % key if key is not None else '')

    def merge(self, items, sid=None, token=OWNER):
        return self.post(self.url(sid=sid), {'metadata': items}, token=token)

    def replace(self, items, sid=None, token=OWNER):
        return self.request('PUT', self.url(sid=sid), {'metadata': items},
                            token=token)

    def set_item(self, key, items, sid=None, token=OWNER):
        return self.request('PUT', self.url(key, sid), {'meta': items},
                            token=token)

    def delete_item(self, key, sid=None, token=OWNER):
        return self.request('DELETE', self.url(key, sid), token=token)

    def listed(self, sid=None, token=OWNER):
        resp = self.get(self.url(sid=sid), token=token)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['metadata']

    def writes(self, sid=None):
        """One request of every write route (each a valid one)."""
        return [
            ('create', lambda **kw: self.merge({'a': '1'}, sid, **kw)),
            ('update_all', lambda **kw: self.replace({'a': '1'}, sid, **kw)),
            ('update', lambda **kw: self.set_item('k', {'k': '2'}, sid,
                                                  **kw)),
            ('delete', lambda **kw: self.delete_item('k', sid, **kw)),
        ]


class MetadataTest(MetadataTestCase):

    def test_list(self):
        self.assertEqual({'k': 'v'}, self.listed())
        sid = self.create_server()
        self.assertEqual({}, self.listed(sid))

    def test_post_merges_and_answers_200_with_the_whole_metadata(self):
        resp = self.merge({'k': 'v2', 'a': '1'})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual({'metadata': {'k': 'v2', 'a': '1'}}, resp.json)
        resp = self.merge({'b': '2'})
        self.assertEqual({'metadata': {'k': 'v2', 'a': '1', 'b': '2'}},
                         resp.json)
        self.assertEqual({'k': 'v2', 'a': '1', 'b': '2'}, self.listed())
        self.assertEqual({'k': 'v2', 'a': '1', 'b': '2'},
                         self.show(self.sid)['metadata'])

    def test_put_replaces(self):
        self.merge({'a': '1'})
        resp = self.replace({'b': '2'})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual({'metadata': {'b': '2'}}, resp.json)
        self.assertEqual({'b': '2'}, self.show(self.sid)['metadata'])
        resp = self.replace({})
        self.assertEqual({'metadata': {}}, resp.json)
        self.assertEqual({}, self.show(self.sid)['metadata'])

    def test_show_item(self):
        resp = self.get(self.url('k'))
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual({'meta': {'k': 'v'}}, resp.json)
        self.assertFault(self.get(self.url('nope')), 404,
                         'Metadata item was not found')

    def test_keys_with_dots_spaces_and_colons(self):
        self.assertEqual(200, self.merge({'a.b:c d': 'x'}).status)
        resp = self.get(self.url('a.b:c%20d'))
        self.assertEqual({'meta': {'a.b:c d': 'x'}}, resp.json)
        self.assertEqual(204, self.delete_item('a.b:c%20d').status)
        self.assertEqual({'k': 'v'}, self.listed())

    def test_put_item(self):
        resp = self.set_item('new', {'new': 'value'})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual({'meta': {'new': 'value'}}, resp.json)
        resp = self.set_item('k', {'k': 'changed'})
        self.assertEqual({'meta': {'k': 'changed'}}, resp.json)
        self.assertEqual({'k': 'changed', 'new': 'value'},
                         self.show(self.sid)['metadata'])

    def test_put_item_body_must_name_the_url_key(self):
        self.assertFault(self.set_item('k', {'other': 'v'}), 400,
                         'Request body and URI mismatch')
        self.assertEqual({'k': 'v'}, self.listed())

    def test_put_item_takes_exactly_one_item(self):
        self.assertFault(
            self.set_item('k', {'k': 'v', 'a': 'b'}), 400,
            "Invalid input for field/attribute meta. Value: "
            "{'k': 'v', 'a': 'b'}. {'k': 'v', 'a': 'b'} has too many "
            "properties")
        self.assertFault(
            self.set_item('k', {}), 400,
            "Invalid input for field/attribute meta. Value: {}. {} should "
            "be non-empty")
        self.assertEqual({'k': 'v'}, self.listed())

    def test_delete_item(self):
        resp = self.delete_item('k')
        self.assertEqual(204, resp.status, resp.body)
        self.assertEqual(b'', resp.body)
        self.assertEqual({}, self.listed())
        self.assertFault(self.delete_item('k'), 404,
                         'Metadata item was not found')

    def test_no_instance_action_is_recorded(self):
        path = '/v2.1/servers/%s/os-instance-actions' % self.sid
        before = self.get(path).json['instanceActions']
        for _rule, send in self.writes():
            self.assertIn(send().status, (200, 204))
        self.assertEqual(before, self.get(path).json['instanceActions'])

    def test_legacy_project_url(self):
        path = '/v2.1/%s/servers/%s/metadata' % (base.OWNER_PROJECT,
                                                 self.sid)
        resp = self.post(path, {'metadata': {'a': '1'}})
        self.assertEqual({'metadata': {'k': 'v', 'a': '1'}}, resp.json)

    def test_unknown_method_is_webobs_404(self):
        # As in Nova: its routes match path and method together.
        resp = self.request('DELETE', self.url())
        self.assertEqual(404, resp.status)
        self.assertTrue(resp.text.startswith('404 Not Found'))


class MetadataSchemaTest(MetadataTestCase):

    def test_keys_and_values(self):
        pattern = "'^[a-zA-Z0-9-_:. ]{1,255}$'"
        self.assertFault(
            self.merge({'a/b': 'v'}), 400,
            "Invalid input for field/attribute metadata. Value: "
            "{'a/b': 'v'}. 'a/b' does not match any of the regexes: "
            + pattern)
        self.assertFault(
            self.replace({'k' * 256: 'v'}), 400,
            "Invalid input for field/attribute metadata. Value: "
            "{'%s': 'v'}. '%s' does not match any of the regexes: %s"
            % ('k' * 256, 'k' * 256, pattern))
        self.assertFault(
            self.merge({'a': 'v' * 256}), 400,
            "Invalid input for field/attribute a. Value: %s. '%s' is too "
            "long" % ('v' * 256, 'v' * 256))
        self.assertFault(
            self.merge({'a': 1}), 400,
            "Invalid input for field/attribute a. Value: 1. 1 is not of "
            "type 'string'")
        self.assertEqual(200, self.merge({'k' * 255: 'v' * 255}).status)

    def test_envelopes(self):
        self.assertFault(self.post(self.url(), {'meta': {'a': 'b'}}), 400,
                         "'metadata' is a required property")
        self.assertFault(
            self.post(self.url(), {'metadata': {}, 'meta': {}}), 400,
            "Additional properties are not allowed ('meta' was unexpected)")
        self.assertFault(self.request('PUT', self.url(), {}), 400,
                         "'metadata' is a required property")
        self.assertFault(self.request('PUT', self.url('k'),
                                      {'metadata': {'k': 'v'}}), 400)
        self.assertFault(self.post(self.url()), 400,
                         'Malformed request body')

    def test_body_is_checked_before_the_server(self):
        self.assertFault(self.merge({'a/b': 'v'}, sid=UNKNOWN), 400)
        self.assertFault(self.merge({'a': 'b'}, sid=UNKNOWN), 404)


class MetadataAccessTest(MetadataTestCase):

    def test_other_project_and_missing_server_are_404(self):
        for token, sid in ((ALT, self.sid), (OWNER, UNKNOWN)):
            message = 'Instance %s could not be found.' % sid
            self.assertFault(self.get(self.url(sid=sid), token=token), 404,
                             message)
            self.assertFault(self.get(self.url('k', sid), token=token),
                             404, message)
            for _rule, send in self.writes(sid):
                self.assertFault(send(token=token), 404, message)
        self.assertEqual({'k': 'v'}, self.listed())

    def test_admin_reaches_any_project(self):
        self.assertEqual({'k': 'v'}, self.listed(token=ADMIN))
        self.assertEqual(200, self.merge({'a': '1'}, token=ADMIN).status)
        self.assertEqual({'k': 'v', 'a': '1'}, self.listed())

    def test_policy(self):
        rules = {'os_compute_api:server-metadata:%s' % name: 'rule:admin_api'
                 for name in ('index', 'show', 'create', 'update_all',
                              'update', 'delete')}
        self.cloud.set_policy(rules)
        checks = [('index', lambda **kw: self.get(self.url(), **kw)),
                  ('show', lambda **kw: self.get(self.url('k'), **kw))]
        for name, send in checks + self.writes():
            self.assertFault(
                send(), 403, "Policy doesn't allow "
                "os_compute_api:server-metadata:%s to be performed." % name)
        self.assertEqual({'k': 'v'}, self.show(self.sid)['metadata'])
        for name, send in checks + self.writes():
            self.assertIn(send(token=ADMIN).status, (200, 204), name)

    def test_policy_is_checked_before_the_url_key(self):
        self.cloud.set_policy({
            'os_compute_api:server-metadata:update': '!'})
        self.assertFault(self.set_item('k', {'other': 'v'}), 403)


class MetadataPreconditionTest(MetadataTestCase):

    def set_state(self, vm_state, task_state=None):
        with self.store.lock:
            server = self.store.get_server(self.sid)  # settled first
            server.vm_state = vm_state
            server.task_state = task_state

    def test_locked_server_refuses_the_owner_not_the_admin(self):
        self.assertEqual(202, self.action(self.sid, {'lock': None}).status)
        for _rule, send in self.writes():
            self.assertFault(send(), 409,
                             'Instance %s is locked' % self.sid)
        self.assertEqual({'k': 'v'}, self.listed())
        self.assertEqual(200, self.get(self.url('k')).status)
        for _rule, send in self.writes():
            self.assertIn(send(token=ADMIN).status, (200, 204))
        self.assertEqual({'a': '1'}, self.listed())

    def test_locked_by_admin(self):
        self.assertEqual(202, self.action(self.sid, {'lock': None},
                                          token=ADMIN).status)
        self.assertFault(self.merge({'a': '1'}), 409,
                         'Instance %s is locked' % self.sid)

    def test_missing_key_is_404_before_the_lock(self):
        self.assertEqual(202, self.action(self.sid, {'lock': None}).status)
        self.assertFault(self.delete_item('nope'), 404,
                         'Metadata item was not found')

    def test_allowed_vm_states(self):
        for vm_state in ('active', 'paused', 'suspended', 'stopped'):
            self.set_state(vm_state)
            resp = self.merge({'state': vm_state})
            self.assertEqual(200, resp.status, resp.body)
            self.assertEqual(204, self.delete_item('state').status)

    def test_other_vm_states_conflict(self):
        for vm_state in ('error', 'rescued', 'resized', 'shelved',
                         'shelved_offloaded', 'soft-delete'):
            self.set_state(vm_state)
            for name, send in self.writes():
                action = ('delete metadata' if name == 'delete'
                          else 'update metadata')
                self.assertFault(
                    send(), 409,
                    "Cannot '%s' instance %s while it is in vm_state %s"
                    % (action, self.sid, vm_state))
            self.assertEqual({'k': 'v'}, self.listed())

    def test_building_server(self):
        self.store.pacing = 'manual'
        sid = self.create_server()
        self.assertEqual({}, self.listed(sid))
        self.assertFault(
            self.merge({'a': '1'}, sid), 409,
            "Cannot 'update metadata' instance %s while it is in vm_state "
            "building" % sid)

    def test_task_state_does_not_matter(self):
        # As Nova: the compute API checks no task_state for metadata.
        self.store.pacing = 'manual'
        self.assertEqual(202, self.action(self.sid, {'pause': None}).status)
        self.assertEqual('pausing',
                         self.show(self.sid)['OS-EXT-STS:task_state'])
        for _rule, send in self.writes():
            self.assertIn(send().status, (200, 204))

    def test_lock_is_checked_before_the_state(self):
        self.assertEqual(202, self.action(self.sid, {'lock': None}).status)
        self.set_state('error')
        self.assertFault(self.merge({'a': '1'}), 409,
                         'Instance %s is locked' % self.sid)


class MetadataQuotaTest(MetadataTestCase):

    def test_128_items_at_most(self):
        items = {'key%03d' % n: 'v' for n in range(128)}
        self.assertEqual(200, self.replace(items).status)
        message = 'Maximum number of metadata items exceeds 128'
        self.assertFault(self.merge({'one-more': 'v'}), 403, message)
        self.assertFault(self.set_item('one-more', {'one-more': 'v'}),
                         403, message)
        # Changing an existing key keeps the count.
        self.assertEqual(200, self.merge({'key000': 'w'}).status)
        self.assertEqual(200, self.set_item('key001', {'key001': 'w'})
                         .status)
        self.assertEqual(128, len(self.listed()))
        items['one-more'] = 'v'
        self.assertFault(self.replace(items), 403, message)
        self.assertEqual(128, len(self.listed()))
