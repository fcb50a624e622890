"""/servers/{id}/tags (2.26) and the tag filters of GET /servers."""

import urllib.parse

from fakenova.tests.unit import base

ADMIN = base.ADMIN
ALT = base.ALT
OWNER = base.OWNER
UNKNOWN = '5c3a8f0e-1d2b-4c6a-9e7f-000000000bad'
V = '2.26'


class TagsTestCase(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.sid = self.create_server()
        self.assertEqual(200, self.set_tags(['t1']).status)

    def url(self, tag=None, sid=None):
        out = '/v2.1/servers/%s/tags' % (sid or self.sid)
        return out + ('/%s' % tag if tag is not None else '')

    def tags(self, sid=None, token=OWNER):
        resp = self.get(self.url(sid=sid), token=token, version=V)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['tags']

    def set_tags(self, tags, sid=None, token=OWNER, version=V):
        return self.request('PUT', self.url(sid=sid), {'tags': tags},
                            token=token, version=version)

    def add(self, tag, sid=None, token=OWNER, version=V, **kw):
        return self.request('PUT', self.url(tag, sid), token=token,
                            version=version, **kw)

    def check(self, tag, sid=None, token=OWNER, version=V):
        return self.get(self.url(tag, sid), token=token, version=version)

    def remove(self, tag, sid=None, token=OWNER, version=V):
        return self.request('DELETE', self.url(tag, sid), token=token,
                            version=version)

    def clear(self, sid=None, token=OWNER, version=V):
        return self.request('DELETE', self.url(sid=sid), token=token,
                            version=version)

    def routes(self, sid=None):
        """(rule, send) for every route, each a valid request."""
        return [
            ('index', lambda **kw: self.get(self.url(sid=sid), **kw)),
            ('show', lambda **kw: self.check('t1', sid, **kw)),
            ('update', lambda **kw: self.add('t2', sid, **kw)),
            ('delete', lambda **kw: self.remove('t1', sid, **kw)),
            ('update_all', lambda **kw: self.set_tags(['t3'], sid, **kw)),
            ('delete_all', lambda **kw: self.clear(sid, **kw)),
        ]

    def changes(self, sid=None):
        """(action name in Nova's 409, send) for every change."""
        return [
            ('update tag', lambda **kw: self.add('t2', sid, **kw)),
            ('delete tag', lambda **kw: self.remove('t1', sid, **kw)),
            ('update tags', lambda **kw: self.set_tags(['t3'], sid, **kw)),
            ('delete tags', lambda **kw: self.clear(sid, **kw)),
        ]


class TagsTest(TagsTestCase):

    def test_not_found_before_2_26(self):
        for _rule, send in self.routes():
            resp = send(version='2.25', token=OWNER)
            self.assertFault(resp, 404, 'The resource could not be found.')
        self.assertEqual(['t1'], self.tags())

    def test_list_and_replace(self):
        self.assertEqual(['t1'], self.tags())
        resp = self.set_tags(['b', 'a', 'b'])
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual({'tags': ['b', 'a']}, resp.json)
        self.assertEqual(['b', 'a'], self.tags())
        self.assertEqual(['b', 'a'], self.show(self.sid, version=V)['tags'])
        self.assertEqual({'tags': []}, self.set_tags([]).json)
        self.assertEqual([], self.show(self.sid, version=V)['tags'])

    def test_check_one(self):
        resp = self.check('t1')
        self.assertEqual(204, resp.status, resp.body)
        self.assertEqual(b'', resp.body)
        self.assertFault(self.check('t2'), 404,
                         "Server %s has no tag 't2'" % self.sid)

    def test_add_one(self):
        resp = self.add('t2')
        self.assertEqual(201, resp.status, resp.body)
        self.assertEqual(
            'http://localhost/v2.1/servers/%s/tags/t2' % self.sid,
            resp.headers['Location'])
        self.assertEqual(['t1', 't2'], self.tags())
        resp = self.add('t2')
        self.assertEqual(204, resp.status, resp.body)
        self.assertNotIn('Location', resp.headers)
        self.assertEqual(['t1', 't2'], self.tags())
        self.assertEqual(['t1', 't2'],
                         self.show(self.sid, version='2.90')['tags'])

    def test_add_one_with_a_null_body(self):
        resp = self.add('t2', raw=b'null')
        self.assertEqual(201, resp.status, resp.body)
        self.assertFault(self.add('t3', body={}), 400,
                         "{} is not of type 'null'")
        self.assertFault(self.add('t3', body={'tag': 't3'}), 400)
        self.assertEqual(['t1', 't2'], self.tags())

    def test_url_encoded_tags(self):
        tag = 'día 1'
        quoted = urllib.parse.quote(tag)
        resp = self.add(quoted)
        self.assertEqual(201, resp.status, resp.body)
        self.assertTrue(resp.headers['Location'].endswith('/tags/' + quoted))
        self.assertEqual(['t1', tag], self.tags())
        self.assertEqual(204, self.check(quoted).status)
        self.assertEqual(204, self.remove(quoted).status)
        self.assertEqual(['t1'], self.tags())

    def test_legacy_project_url_location(self):
        path = '/v2.1/%s/servers/%s/tags/t2' % (
            base.OWNER_PROJECT, self.sid)
        resp = self.request('PUT', path, version=V)
        self.assertEqual(201, resp.status, resp.body)
        self.assertEqual('http://localhost' + path, resp.headers['Location'])

    def test_invalid_tag_in_url(self):
        long = 'x' * 61
        self.assertFault(
            self.add('a,b'), 400,
            "Tag 'a,b' is invalid. It must be a non empty string without "
            "characters '/' and ','. Validation error message: 'a,b' does "
            "not match '^[^,/]*$'")
        self.assertFault(
            self.add(long), 400,
            "Tag '%s' is invalid. It must be a non empty string without "
            "characters '/' and ','. Validation error message: '%s' is too "
            "long" % (long, long))
        self.assertEqual(201, self.add('x' * 60).status)

    def test_delete_one(self):
        resp = self.remove('t1')
        self.assertEqual(204, resp.status, resp.body)
        self.assertEqual([], self.tags())
        self.assertFault(self.remove('t1'), 404,
                         "Instance %s has no tag 't1'" % self.sid)

    def test_delete_all(self):
        self.set_tags(['a', 'b'])
        resp = self.clear()
        self.assertEqual(204, resp.status, resp.body)
        self.assertEqual([], self.tags())
        self.assertEqual(204, self.clear().status)

    def test_no_instance_action_is_recorded(self):
        path = '/v2.1/servers/%s/os-instance-actions' % self.sid
        before = self.get(path).json['instanceActions']
        for _rule, send in self.routes():
            self.assertIn(send(version=V).status, (200, 201, 204))
        self.assertEqual(before, self.get(path).json['instanceActions'])


class TagsSchemaTest(TagsTestCase):

    def test_replace_body(self):
        self.assertFault(
            self.set_tags(['a/b']), 400,
            "Invalid input for field/attribute 0. Value: a/b. 'a/b' does "
            "not match '^[^,/]*$'")
        self.assertFault(
            self.set_tags(['']), 400,
            "Invalid input for field/attribute 0. Value: . '' should be "
            "non-empty")
        self.assertFault(self.set_tags('a'), 400,
                         "Invalid input for field/attribute tags. Value: a. "
                         "'a' is not of type 'array'")
        self.assertFault(self.request('PUT', self.url(), {}, version=V),
                         400, "'tags' is a required property")
        self.assertEqual(['t1'], self.tags())

    def test_body_is_checked_before_the_server(self):
        self.assertFault(self.set_tags(['a/b'], sid=UNKNOWN), 400)
        self.assertFault(self.set_tags(['a'], sid=UNKNOWN), 404)


class TagsLimitTest(TagsTestCase):

    def test_fifty_tags_at_most(self):
        fifty = ['tag%02d' % n for n in range(50)]
        resp = self.set_tags(fifty + ['extra'])
        self.assertEqual(400, resp.status, resp.body)
        self.assertIn('is too long', self.assertFault(resp, 400))
        self.assertEqual(200, self.set_tags(fifty).status)
        self.assertFault(self.add('extra'), 400,
                         'The number of tags exceeded the per-server limit '
                         '50')
        # quirk: Nova counts first, so even a tag already there is refused.
        self.assertFault(self.add('tag00'), 400,
                         'The number of tags exceeded the per-server limit '
                         '50')
        self.assertEqual(fifty, self.tags())
        self.assertEqual(204, self.remove('tag00').status)
        self.assertEqual(201, self.add('extra').status)


class TagsAccessTest(TagsTestCase):

    def test_other_project_is_403(self):
        # quirk: the policy is checked against the instance mapping before
        # any project-scoped lookup, so another project gets a 403.
        for rule, send in self.routes():
            self.assertFault(
                send(token=ALT, version=V), 403,
                "Policy doesn't allow os_compute_api:os-server-tags:%s to "
                "be performed." % rule)
        self.assertEqual(['t1'], self.tags())

    def test_missing_server_has_no_mapping(self):
        for _rule, send in self.routes(UNKNOWN):
            self.assertFault(send(token=OWNER, version=V), 404,
                             'Instance %s has no mapping to a cell.'
                             % UNKNOWN)

    def test_open_policy_still_scopes_to_the_project(self):
        self.cloud.set_policy({
            'os_compute_api:os-server-tags:index': '@'})
        self.assertFault(self.get(self.url(), token=ALT, version=V), 404,
                         'Instance %s could not be found.' % self.sid)

    def test_admin_reaches_any_project(self):
        self.assertEqual(['t1'], self.tags(token=ADMIN))
        self.assertEqual(201, self.add('t2', token=ADMIN).status)
        self.assertEqual(['t1', 't2'], self.tags())

    def test_policy(self):
        self.cloud.set_policy({
            'os_compute_api:os-server-tags:%s' % rule: 'rule:admin_api'
            for rule, _send in self.routes()})
        for rule, send in self.routes():
            self.assertFault(
                send(token=OWNER, version=V), 403,
                "Policy doesn't allow os_compute_api:os-server-tags:%s to "
                "be performed." % rule)
        self.assertEqual(['t1'], self.show(self.sid, version=V)['tags'])
        for rule, send in self.routes():
            self.assertIn(send(token=ADMIN, version=V).status,
                          (200, 201, 204), rule)


class TagsPreconditionTest(TagsTestCase):

    def set_state(self, vm_state, task_state=None):
        with self.store.lock:
            server = self.store.get_server(self.sid)  # settled first
            server.vm_state = vm_state
            server.task_state = task_state

    def test_lock_does_not_apply(self):
        self.assertEqual(202, self.action(self.sid, {'lock': None},
                                          token=ADMIN).status)
        for _action, send in self.changes():
            self.assertIn(send(token=OWNER, version=V).status,
                          (200, 201, 204))

    def test_allowed_vm_states(self):
        for vm_state in ('active', 'paused', 'suspended', 'stopped'):
            self.set_state(vm_state)
            self.assertEqual(201, self.add(vm_state).status)
            self.assertEqual(204, self.remove(vm_state).status)

    def test_other_vm_states_conflict(self):
        for vm_state in ('error', 'rescued', 'resized', 'shelved',
                         'shelved_offloaded', 'soft-delete'):
            self.set_state(vm_state)
            for action, send in self.changes():
                self.assertFault(
                    send(token=OWNER, version=V), 409,
                    "Cannot '%s' instance %s while it is in vm_state %s"
                    % (action, self.sid, vm_state))
            self.assertEqual(['t1'], self.tags())
            self.assertEqual(204, self.check('t1').status)

    def test_building_server(self):
        self.store.pacing = 'manual'
        sid = self.create_server()
        self.assertEqual([], self.tags(sid))
        self.assertFault(
            self.add('t', sid), 409,
            "Cannot 'update tag' instance %s while it is in vm_state "
            "building" % sid)

    def test_task_state_does_not_matter(self):
        self.store.pacing = 'manual'
        self.assertEqual(202, self.action(self.sid, {'pause': None}).status)
        for _action, send in self.changes():
            self.assertIn(send(token=OWNER, version=V).status,
                          (200, 201, 204))

    def test_state_is_checked_before_the_tag(self):
        self.set_state('error')
        self.assertFault(self.add('a,b'), 409)
        self.set_state('active')
        self.assertFault(self.add('a,b'), 400)


class CreateWithTagsTest(base.APITestCase):

    def test_repeated_tags_are_kept_once(self):
        resp = self.post('/v2.1/servers', {'server': {
            'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': '1',
            'tags': ['a', 'b', 'a'], 'networks': 'auto'}}, version='2.52')
        self.assertEqual(202, resp.status, resp.body)
        sid = resp.json['server']['id']
        self.assertEqual(['a', 'b'], self.show(sid, version='2.52')['tags'])


class TagFiltersTest(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.ids = {}
        for name, tags in (('ab', ['a', 'b']), ('a', ['a']),
                           ('c', ['c']), ('none', [])):
            self.ids[name] = self.create_server(name=name)
            resp = self.request('PUT', '/v2.1/servers/%s/tags'
                                % self.ids[name], {'tags': tags}, version=V)
            self.assertEqual(200, resp.status, resp.body)

    def names(self, query, version=V, detail=False):
        path = '/v2.1/servers' + ('/detail' if detail else '')
        resp = self.get(path, query=query, version=version)
        self.assertEqual(200, resp.status, resp.body)
        return sorted(s['name'] for s in resp.json['servers'])

    def test_tags_all_of(self):
        self.assertEqual(['a', 'ab'], self.names('tags=a'))
        self.assertEqual(['ab'], self.names('tags=a,b'))
        self.assertEqual([], self.names('tags=a,c'))

    def test_tags_any(self):
        self.assertEqual(['a', 'ab', 'c'], self.names('tags-any=a,c'))
        self.assertEqual(['ab'], self.names('tags-any=b,z'))

    def test_not_tags_excludes_servers_with_all(self):
        self.assertEqual(['a', 'c', 'none'], self.names('not-tags=a,b'))
        self.assertEqual(['c', 'none'], self.names('not-tags=a'))

    def test_not_tags_any_excludes_servers_with_one(self):
        self.assertEqual(['none'], self.names('not-tags-any=a,c'))
        self.assertEqual(['a', 'c', 'none'],
                         self.names('not-tags-any=b', detail=True))

    def test_combined(self):
        self.assertEqual(['a'], self.names('tags=a&not-tags=b'))

    def test_ignored_before_2_26(self):
        self.assertEqual(['a', 'ab', 'c', 'none'],
                         self.names('tags=a', version='2.25'))
