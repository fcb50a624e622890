"""keystone v3's administration API in the cloud's fake identity.

Projects, users, roles, grants, role assignments and domains as
keystone 30 answers them for project-scoped tokens: bodies, status
codes, keystone's error envelope and messages, the admin-only defaults,
tokens of new users working on compute, revocation, and reset.
"""

import json

from fakenova.identity.api import admin
from fakenova.identity import model as identity_mod
from fakenova.tests.unit import state
from fakenova.tests.unit import test_identity

V3 = '/identity/v3'
HOST = test_identity.HOST


class AdminTestCase(test_identity.CloudTestCase):

    def setUp(self):
        super().setUp()
        self.admin, _ = self.login('admin', 'admin')
        self.demo, _ = self.login('demo', 'demo')

    def call(self, method, path, body=None, token='admin', **kw):
        token = {'admin': self.admin, 'demo': self.demo}.get(token, token)
        return self.request(method, V3 + path, body, token=token, **kw)

    def role(self, name):
        return self.cloud.identity.role_by_name(name).id

    def new_project(self, name='identity-p1', **fields):
        resp = self.call('POST', '/projects',
                         {'project': dict(name=name, **fields)})
        self.assertEqual(201, resp.status, resp.body)
        return resp.json['project']

    def new_user(self, name='identity-u1', password='secret', **fields):
        resp = self.call('POST', '/users', {'user': dict(
            name=name, password=password, **fields)})
        self.assertEqual(201, resp.status, resp.body)
        return resp.json['user']

    def grant(self, project, user, role='member'):
        resp = self.call('PUT', '/projects/%s/users/%s/roles/%s' % (
            project['id'], user['id'], self.role(role)))
        self.assertEqual(204, resp.status, resp.body)

    def tenant(self, role='member'):
        """A new project with a new user holding ``role`` on it."""
        project = self.new_project()
        user = self.new_user()
        self.grant(project, user, role)
        return project, user

    def assertForbidden(self, action, resp):
        error = self.assertKeystoneError(403, resp)
        self.assertEqual(
            'You are not authorized to perform the requested action: '
            'identity:%s.' % action, error['message'])
        self.assertEqual('Forbidden', error['title'])


class ProjectsTest(AdminTestCase):

    def test_create_answers_keystones_project(self):
        project = self.new_project(description='d', tags=['a'])
        self.assertEqual(32, len(project['id']))
        expected = {'id': project['id'], 'name': 'identity-p1',
                    'domain_id': 'default', 'description': 'd',
                    'enabled': True, 'parent_id': 'default',
                    'is_domain': False, 'tags': ['a'], 'options': {},
                    'links': {'self': HOST + V3 + '/projects/'
                              + project['id']}}
        self.assertEqual(expected, project)
        resp = self.call('GET', '/projects/' + project['id'])
        self.assertEqual(200, resp.status)
        self.assertEqual(expected, resp.json['project'])

    def test_extra_attributes_are_kept(self):
        project = self.new_project(color='blue')
        self.assertEqual('blue', project['color'])

    def test_duplicate_name_is_409(self):
        self.new_project()
        resp = self.call('POST', '/projects',
                         {'project': {'name': 'identity-p1'}})
        error = self.assertKeystoneError(409, resp)
        self.assertEqual('Conflict', error['title'])
        self.assertTrue(error['message'].startswith(
            'Conflict occurred attempting to store project - it is not '
            'permitted to have two projects with either the same name or '
            'same id in the same domain: name is identity-p1, project id '),
            error['message'])
        self.assertEqual(1, len(self.cloud.identity.list_projects(
            name='identity-p1')))

    def test_bad_bodies_are_400_without_change(self):
        before = state.dump(self.cloud)
        for body, message in (
                ({}, "'project' is a required property"),
                ({'project': {}},
                 "Invalid input for field/attribute project. Value: {}. "
                 "'name' is a required property"),
                ({'project': {'name': 5}},
                 'Invalid input for field/attribute name. Value: 5. 5 is '
                 "not of type 'string'"),
                ({'project': {'name': 'x', 'enabled': 'maybe'}}, None),
                ({'project': {'name': ''}}, None),
                ({'project': {'name': 'x'}, 'other': 1}, None)):
            resp = self.call('POST', '/projects', body)
            error = self.assertKeystoneError(400, resp)
            self.assertEqual('Bad Request', error['title'])
            if message:
                self.assertEqual(message, error['message'])
        resp = self.call('POST', '/projects', raw=b'{not json')
        self.assertKeystoneError(400, resp)
        self.assertEqual(before, state.dump(self.cloud))

    def test_unknown_domain_is_400(self):
        resp = self.call('POST', '/projects', {'project': {
            'name': 'x', 'domain_id': 'nope'}})
        error = self.assertKeystoneError(400, resp)
        self.assertEqual('Could not find domain: nope.', error['message'])

    def test_without_a_token_401(self):
        for method, path in (('GET', '/projects'), ('POST', '/projects'),
                             ('GET', '/users'), ('GET', '/roles'),
                             ('GET', '/role_assignments'),
                             ('GET', '/domains')):
            resp = self.call(method, path, {'project': {'name': 'x'}},
                             token=None)
            self.assertKeystoneError(401, resp)
            resp = self.call(method, path, {'project': {'name': 'x'}},
                             token='expired-or-bogus')
            self.assertKeystoneError(401, resp)

    def test_member_may_not_create_list_change_or_delete(self):
        before = state.dump(self.cloud)
        demo_project = identity_mod.stable_id('project', 'demo')
        alt = identity_mod.stable_id('project', 'alt_demo')
        self.assertForbidden('create_project', self.call(
            'POST', '/projects', {'project': {'name': 'x'}}, token='demo'))
        self.assertForbidden('list_projects', self.call(
            'GET', '/projects', token='demo'))
        self.assertForbidden('update_project', self.call(
            'PATCH', '/projects/' + demo_project,
            {'project': {'name': 'mine'}}, token='demo'))
        self.assertForbidden('delete_project', self.call(
            'DELETE', '/projects/' + alt, token='demo'))
        self.assertForbidden('get_project', self.call(
            'GET', '/projects/' + alt, token='demo'))
        self.assertEqual(before, state.dump(self.cloud))

    def test_member_reads_its_own_project(self):
        demo_project = identity_mod.stable_id('project', 'demo')
        resp = self.call('GET', '/projects/' + demo_project, token='demo')
        self.assertEqual(200, resp.status)
        self.assertEqual('demo', resp.json['project']['name'])

    def test_missing_project_is_404_for_admin_403_for_member(self):
        error = self.assertKeystoneError(404, self.call('GET',
                                                        '/projects/nope'))
        self.assertEqual('Could not find project: nope.', error['message'])
        self.assertKeystoneError(404, self.call(
            'PATCH', '/projects/nope', {'project': {'name': 'y'}}))
        self.assertKeystoneError(404, self.call('DELETE', '/projects/nope'))
        self.assertForbidden('get_project', self.call(
            'GET', '/projects/nope', token='demo'))

    def test_list_filters_by_name_and_domain(self):
        self.new_project('identity-a')
        self.new_project('identity-b')
        resp = self.call('GET', '/projects', query='name=identity-a')
        self.assertEqual(200, resp.status)
        self.assertEqual(['identity-a'],
                         [p['name'] for p in resp.json['projects']])
        self.assertEqual({'self', 'previous', 'next'},
                         set(resp.json['links']))
        names = {p['name'] for p in self.call(
            'GET', '/projects', query='domain_id=default').json['projects']}
        self.assertTrue({'identity-a', 'identity-b', 'demo', 'admin'}
                        <= names)
        self.assertEqual([], self.call(
            'GET', '/projects', query='domain_id=other').json['projects'])

    def test_update(self):
        project = self.new_project()
        resp = self.call('PATCH', '/projects/' + project['id'], {
            'project': {'name': 'identity-renamed', 'description': 'x',
                        'enabled': False}})
        self.assertEqual(200, resp.status, resp.body)
        body = resp.json['project']
        self.assertEqual(('identity-renamed', 'x', False),
                         (body['name'], body['description'],
                          body['enabled']))
        self.new_project('identity-other')
        resp = self.call('PATCH', '/projects/' + project['id'], {
            'project': {'name': 'identity-other'}})
        self.assertKeystoneError(409, resp)
        resp = self.call('PATCH', '/projects/' + project['id'], {
            'project': {'name': 5}})
        self.assertKeystoneError(400, resp)

    def test_delete(self):
        project = self.new_project()
        resp = self.call('DELETE', '/projects/' + project['id'])
        self.assertEqual(204, resp.status)
        self.assertEqual(b'', resp.body)
        self.assertKeystoneError(404, self.call('GET', '/projects/'
                                                + project['id']))

    def test_head_answers_without_a_body(self):
        project = self.new_project()
        resp = self.call('HEAD', '/projects/' + project['id'])
        self.assertEqual(200, resp.status)
        self.assertEqual(b'', resp.body)


class HierarchyTest(AdminTestCase):
    """Projects under projects, with keystone's rules of the tree."""

    def test_children(self):
        top = self.new_project('identity-top')
        child = self.new_project('identity-child', parent_id=top['id'])
        self.assertEqual((top['id'], 'default'),
                         (child['parent_id'], child['domain_id']))
        listed = self.call('GET', '/projects',
                           query='parent_id=' + top['id']).json['projects']
        self.assertEqual([child['id']], [p['id'] for p in listed])
        error = self.assertKeystoneError(403, self.call(
            'DELETE', '/projects/' + top['id']))
        self.assertEqual(
            'Cannot delete the project %s since it is not a leaf in the '
            'hierarchy. Use the cascade option if you want to delete a '
            'whole subtree.' % top['id'], error['message'])
        error = self.assertKeystoneError(403, self.call(
            'PATCH', '/projects/' + top['id'],
            {'project': {'enabled': False}}))
        self.assertEqual('Cannot disable project %s since its subtree '
                         'contains enabled projects.' % top['id'],
                         error['message'])
        self.assertKeystoneError(403, self.call(
            'PATCH', '/projects/' + child['id'],
            {'project': {'parent_id': 'default'}}))
        self.call('PATCH', '/projects/' + child['id'],
                  {'project': {'enabled': False}})
        self.call('PATCH', '/projects/' + top['id'],
                  {'project': {'enabled': False}})
        error = self.assertKeystoneError(403, self.call(
            'PATCH', '/projects/' + child['id'],
            {'project': {'enabled': True}}))
        self.assertEqual('Cannot enable project %s since it has disabled '
                         'parents' % child['id'], error['message'])
        error = self.assertKeystoneError(400, self.call(
            'POST', '/projects', {'project': {'name': 'identity-x',
                                              'parent_id': top['id']}}))
        self.assertEqual('cannot create a project in a branch containing '
                         'a disabled project: %s' % top['id'],
                         error['message'])
        self.assertEqual(204, self.call('DELETE', '/projects/'
                                        + child['id']).status)
        self.assertEqual(204, self.call('DELETE', '/projects/'
                                        + top['id']).status)

    def test_depth_and_unknown_parent(self):
        parent = None
        for level in range(5):
            fields = {'parent_id': parent['id']} if parent else {}
            parent = self.new_project('identity-l%d' % level, **fields)
        error = self.assertKeystoneError(403, self.call(
            'POST', '/projects', {'project': {'name': 'identity-l5',
                                              'parent_id': parent['id']}}))
        self.assertEqual('Max hierarchy depth reached for %s branch.'
                         % parent['id'], error['message'])
        error = self.assertKeystoneError(400, self.call(
            'POST', '/projects', {'project': {'name': 'x',
                                              'parent_id': 'nope'}}))
        self.assertEqual('Could not find project: nope.', error['message'])


class UsersTest(AdminTestCase):

    def test_create_answers_keystones_user_without_password(self):
        project = self.new_project()
        user = self.new_user(default_project_id=project['id'],
                             email='u@example.org')
        expected = {'id': user['id'], 'name': 'identity-u1',
                    'domain_id': 'default', 'enabled': True,
                    'password_expires_at': None, 'options': {},
                    'default_project_id': project['id'],
                    'email': 'u@example.org',
                    'links': {'self': HOST + V3 + '/users/' + user['id']}}
        self.assertEqual(expected, user)
        resp = self.call('GET', '/users/' + user['id'])
        self.assertEqual(expected, resp.json['user'])
        self.assertNotIn('secret', resp.text)

    def test_duplicate_name_is_409(self):
        self.new_user()
        error = self.assertKeystoneError(409, self.call(
            'POST', '/users', {'user': {'name': 'identity-u1'}}))
        self.assertEqual(
            'Conflict occurred attempting to store user - Duplicate entry '
            'found with name identity-u1 at domain ID default.',
            error['message'])

    def test_bad_bodies_are_400(self):
        before = state.dump(self.cloud)
        for body in ({}, {'user': {}}, {'user': {'name': ['x']}},
                     {'user': {'name': 'x', 'password': 5}},
                     {'user': {'name': 'x', 'enabled': 'yes'}}):
            self.assertKeystoneError(400, self.call('POST', '/users', body))
        self.assertEqual(before, state.dump(self.cloud))

    def test_member_may_read_itself_only(self):
        demo = identity_mod.stable_id('user', 'demo')
        alt = identity_mod.stable_id('user', 'alt_demo')
        resp = self.call('GET', '/users/' + demo, token='demo')
        self.assertEqual(200, resp.status)
        self.assertEqual('demo', resp.json['user']['name'])
        self.assertForbidden('get_user', self.call('GET', '/users/' + alt,
                                                   token='demo'))
        self.assertForbidden('list_users', self.call('GET', '/users',
                                                     token='demo'))
        self.assertForbidden('create_user', self.call(
            'POST', '/users', {'user': {'name': 'x'}}, token='demo'))
        self.assertForbidden('update_user', self.call(
            'PATCH', '/users/' + alt, {'user': {'password': 'mine'}},
            token='demo'))
        self.assertForbidden('delete_user', self.call(
            'DELETE', '/users/' + alt, token='demo'))
        # alt_demo's password is still its own.
        self.login('alt_demo', 'alt_demo')

    def test_list_filters_by_name(self):
        self.new_user('identity-x')
        resp = self.call('GET', '/users', query='name=identity-x')
        self.assertEqual(['identity-x'],
                         [u['name'] for u in resp.json['users']])
        resp = self.call('GET', '/users', query='domain_id=default')
        self.assertIn('demo', [u['name'] for u in resp.json['users']])

    def test_missing_user_is_404(self):
        error = self.assertKeystoneError(404, self.call('GET',
                                                        '/users/nope'))
        self.assertEqual('Could not find user: nope.', error['message'])
        self.assertKeystoneError(404, self.call('DELETE', '/users/nope'))
        self.assertKeystoneError(404, self.call(
            'PATCH', '/users/nope', {'user': {'name': 'z'}}))

    def test_password_update_revokes_tokens(self):
        project, user = self.tenant()
        token, _ = self.login('identity-u1', 'identity-p1', password='secret')
        resp = self.call('PATCH', '/users/' + user['id'],
                         {'user': {'password': 'new'}})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(401, self.request('GET', '/v2.1/servers',
                                           token=token).status)
        self.login('identity-u1', 'identity-p1', password='new')

    def test_disabling_refuses_login(self):
        project, user = self.tenant()
        token, _ = self.login('identity-u1', 'identity-p1', password='secret')
        self.call('PATCH', '/users/' + user['id'],
                  {'user': {'enabled': False}})
        self.assertEqual(401, self.request('GET', '/v2.1/servers',
                                           token=token).status)
        resp = self.request('POST', test_identity.TOKENS,
                            test_identity.password_auth(
                                'identity-u1', 'secret', 'identity-p1'))
        self.assertKeystoneError(401, resp)

    def test_a_token_without_scope_takes_the_default_project(self):
        project = self.new_project()
        user = self.new_user(default_project_id=project['id'])
        body = test_identity.password_auth('identity-u1', 'secret')
        resp = self.request('POST', test_identity.TOKENS, body)
        # No role there yet: unscoped.
        self.assertNotIn('project', resp.json['token'])
        self.grant(project, user)
        resp = self.request('POST', test_identity.TOKENS, body)
        self.assertEqual(project['id'], resp.json['token']['project']['id'])
        # An explicit "unscoped" stays unscoped.
        body['auth']['scope'] = 'unscoped'
        resp = self.request('POST', test_identity.TOKENS, body)
        self.assertEqual(201, resp.status, resp.body)
        self.assertNotIn('project', resp.json['token'])

    def test_own_password_change(self):
        project, user = self.tenant()
        path = '/users/%s/password' % user['id']
        resp = self.call('POST', path, {'user': {
            'original_password': 'wrong', 'password': 'x'}}, token=None)
        self.assertKeystoneError(401, resp)
        for body in ({'user': {'password': 'x'}},
                     {'user': {'original_password': 5, 'password': 'x'}},
                     {'user': {'original_password': 'secret',
                               'password': 'x', 'other': 1}}):
            self.assertKeystoneError(400, self.call('POST', path, body,
                                                    token=None))
        resp = self.call('POST', path, {'user': {
            'original_password': 'secret', 'password': 'changed'}},
            token=None)
        self.assertEqual(204, resp.status, resp.body)
        self.login('identity-u1', 'identity-p1', password='changed')

    def test_user_projects(self):
        project, user = self.tenant()
        token, _ = self.login('identity-u1', 'identity-p1', password='secret')
        resp = self.call('GET', '/users/%s/projects' % user['id'],
                         token=token)
        self.assertEqual(200, resp.status)
        self.assertEqual([project['id']],
                         [p['id'] for p in resp.json['projects']])
        self.assertForbidden('list_user_projects', self.call(
            'GET', '/users/%s/projects' % user['id'], token='demo'))
        resp = self.call('GET', '/auth/projects', token=token)
        self.assertEqual([project['id']],
                         [p['id'] for p in resp.json['projects']])
        # An unknown user has no assignments: an empty list (keystone).
        resp = self.call('GET', '/users/nope/projects')
        self.assertEqual((200, []), (resp.status, resp.json['projects']))


class RolesTest(AdminTestCase):

    def test_list_has_keystones_default_roles(self):
        resp = self.call('GET', '/roles')
        self.assertEqual(200, resp.status)
        names = {r['name'] for r in resp.json['roles']}
        self.assertTrue({'admin', 'manager', 'member', 'reader', 'service'}
                        <= names)
        role = [r for r in resp.json['roles'] if r['name'] == 'member'][0]
        self.assertEqual(identity_mod.stable_id('role', 'member'),
                         role['id'])
        self.assertEqual({'id', 'name', 'domain_id', 'description',
                          'options', 'links'}, set(role))

    def test_name_filter(self):
        resp = self.call('GET', '/roles', query='name=reader')
        self.assertEqual(['reader'], [r['name'] for r in resp.json['roles']])

    def test_token_role_ids_are_the_roles(self):
        _token_id, token = self.login()
        ids = {r['id'] for r in self.call('GET', '/roles').json['roles']}
        self.assertTrue({r['id'] for r in token['roles']} <= ids)

    def test_create_get_delete(self):
        resp = self.call('POST', '/roles', {'role': {'name': 'identity-r'}})
        self.assertEqual(201, resp.status, resp.body)
        role = resp.json['role']
        self.assertEqual((None, None), (role['domain_id'],
                                        role['description']))
        self.assertEqual(role, self.call('GET', '/roles/'
                                         + role['id']).json['role'])
        error = self.assertKeystoneError(409, self.call(
            'POST', '/roles', {'role': {'name': 'identity-r'}}))
        self.assertEqual('Conflict occurred attempting to store role - '
                         'Duplicate entry found with name identity-r.',
                         error['message'])
        self.assertKeystoneError(400, self.call('POST', '/roles',
                                                {'role': {}}))
        self.assertEqual(204, self.call('DELETE', '/roles/'
                                        + role['id']).status)
        error = self.assertKeystoneError(404, self.call('GET', '/roles/'
                                                        + role['id']))
        self.assertEqual('Could not find role: %s.' % role['id'],
                         error['message'])

    def test_deleting_a_role_removes_its_assignments(self):
        role = self.call('POST', '/roles',
                         {'role': {'name': 'identity-r'}}).json['role']
        project, user = self.tenant()
        self.grant(project, user, 'identity-r')
        self.call('DELETE', '/roles/' + role['id'])
        self.assertEqual(['member'], self.cloud.identity.users[
            user['id']].roles[project['id']])

    def test_member_is_refused(self):
        self.assertForbidden('list_roles', self.call('GET', '/roles',
                                                     token='demo'))
        self.assertForbidden('create_role', self.call(
            'POST', '/roles', {'role': {'name': 'x'}}, token='demo'))
        self.assertForbidden('delete_role', self.call(
            'DELETE', '/roles/' + self.role('admin'), token='demo'))
        self.assertIsNotNone(self.cloud.identity.role_by_name('admin'))


class GrantsTest(AdminTestCase):

    def url(self, project, user, role=None):
        path = '/projects/%s/users/%s/roles' % (project['id'], user['id'])
        return path + ('/' + self.role(role) if role else '')

    def test_grant_check_list_revoke(self):
        project = self.new_project()
        user = self.new_user()
        resp = self.call('GET', self.url(project, user, 'member'))
        error = self.assertKeystoneError(404, resp)
        self.assertEqual(
            'Could not find role assignment with role: %s, user or group: '
            '%s, project, domain, or system: %s.' % (
                self.role('member'), user['id'], project['id']),
            error['message'])
        self.assertEqual(204, self.call('PUT', self.url(
            project, user, 'member')).status)
        # Granting again changes nothing.
        self.assertEqual(204, self.call('PUT', self.url(
            project, user, 'member')).status)
        self.assertEqual(204, self.call('GET', self.url(
            project, user, 'member')).status)
        self.assertEqual(204, self.call('HEAD', self.url(
            project, user, 'member')).status)
        resp = self.call('GET', self.url(project, user))
        self.assertEqual(['member'], [r['name'] for r in resp.json['roles']])
        self.assertEqual(204, self.call('DELETE', self.url(
            project, user, 'member')).status)
        self.assertKeystoneError(404, self.call('DELETE', self.url(
            project, user, 'member')))
        self.assertEqual([], self.call('GET', self.url(
            project, user)).json['roles'])

    def test_unknown_role_user_project_are_404(self):
        project = self.new_project()
        user = self.new_user()
        for path, message in (
                ('/projects/%s/users/%s/roles/nope' % (project['id'],
                                                       user['id']),
                 'Could not find role: nope.'),
                ('/projects/%s/users/nope/roles/%s' % (
                    project['id'], self.role('member')),
                 'Could not find user: nope.'),
                ('/projects/nope/users/%s/roles/%s' % (
                    user['id'], self.role('member')),
                 'Could not find project: nope.')):
            error = self.assertKeystoneError(404, self.call('PUT', path))
            self.assertEqual(message, error['message'])

    def test_revoking_for_an_unknown_user_is_no_such_assignment(self):
        project = self.new_project()
        error = self.assertKeystoneError(404, self.call(
            'DELETE', '/projects/%s/users/nope/roles/%s' % (
                project['id'], self.role('member'))))
        self.assertEqual(
            'Could not find role assignment with role: %s, user or group: '
            'nope, project, domain, or system: %s.' % (
                self.role('member'), project['id']), error['message'])

    def test_member_may_not_grant_itself_admin(self):
        before = state.dump(self.cloud)
        demo_project = {'id': identity_mod.stable_id('project', 'demo')}
        demo_user = {'id': identity_mod.stable_id('user', 'demo')}
        for method, action in (('PUT', 'create_grant'),
                               ('GET', 'check_grant'),
                               ('DELETE', 'revoke_grant')):
            self.assertForbidden(action, self.call(
                method, self.url(demo_project, demo_user, 'admin'),
                token='demo'))
        self.assertForbidden('list_grants', self.call(
            'GET', self.url(demo_project, demo_user), token='demo'))
        self.assertEqual(before, state.dump(self.cloud))

    def test_revoking_the_last_role_invalidates_tokens(self):
        project, user = self.tenant()
        token, _ = self.login('identity-u1', 'identity-p1', password='secret')
        self.assertEqual(200, self.request('GET', '/v2.1/servers',
                                           token=token).status)
        self.call('DELETE', self.url(project, user, 'member'))
        self.assertEqual(401, self.request('GET', '/v2.1/servers',
                                           token=token).status)

    def test_a_new_grant_shows_in_a_live_token(self):
        project, user = self.tenant('reader')
        token, body = self.login('identity-u1', 'identity-p1',
                                 password='secret')
        self.assertEqual(['reader'], [r['name'] for r in body['roles']])
        self.grant(project, user, 'member')
        resp = self.request('GET', test_identity.TOKENS, token=self.admin,
                            headers={'X-Subject-Token': token})
        self.assertEqual({'member', 'reader'},
                         {r['name'] for r in resp.json['token']['roles']})


class RoleAssignmentsTest(AdminTestCase):

    def test_filters(self):
        project, user = self.tenant()
        resp = self.call('GET', '/role_assignments',
                         query='scope.project.id=' + project['id'])
        self.assertEqual(200, resp.status)
        self.assertEqual([{
            'role': {'id': self.role('member')},
            'user': {'id': user['id']},
            'scope': {'project': {'id': project['id']}},
            'links': {'assignment': HOST + V3 + '/projects/%s/users/%s/'
                      'roles/%s' % (project['id'], user['id'],
                                    self.role('member'))}}],
            resp.json['role_assignments'])
        resp = self.call('GET', '/role_assignments',
                         query='user.id=' + user['id'])
        self.assertEqual(1, len(resp.json['role_assignments']))
        resp = self.call('GET', '/role_assignments', query='role.id=%s&'
                         'user.id=%s' % (self.role('admin'), user['id']))
        self.assertEqual([], resp.json['role_assignments'])

    def test_effective_adds_implied_roles(self):
        project, user = self.tenant()
        resp = self.call('GET', '/role_assignments',
                         query='effective&user.id=' + user['id'])
        rows = resp.json['role_assignments']
        self.assertEqual([self.role('member'), self.role('reader')],
                         [r['role']['id'] for r in rows])
        self.assertEqual(
            HOST + V3 + '/prior_role/%s/implies/%s' % (
                self.role('reader'), self.role('member')),
            rows[1]['links']['prior_role'])

    def test_include_names(self):
        project, user = self.tenant()
        resp = self.call('GET', '/role_assignments',
                         query='include_names=true&user.id=' + user['id'])
        row = resp.json['role_assignments'][0]
        domain = {'id': 'default', 'name': 'Default'}
        self.assertEqual({'id': self.role('member'), 'name': 'member'},
                         row['role'])
        self.assertEqual({'id': user['id'], 'name': 'identity-u1',
                          'domain': domain}, row['user'])
        self.assertEqual({'id': project['id'], 'name': 'identity-p1',
                          'domain': domain}, row['scope']['project'])

    def test_contradictory_filters_are_400(self):
        for query in ('user.id=a&group.id=b',
                      'scope.project.id=a&scope.domain.id=b',
                      'effective&group.id=b'):
            self.assertKeystoneError(400, self.call(
                'GET', '/role_assignments', query=query))

    def test_member_is_refused(self):
        self.assertForbidden('list_role_assignments', self.call(
            'GET', '/role_assignments', token='demo'))


class DomainsTest(AdminTestCase):

    def test_list_and_name_filter(self):
        resp = self.call('GET', '/domains', query='name=Default')
        self.assertEqual(200, resp.status)
        [domain] = resp.json['domains']
        self.assertEqual(('default', 'Default', True),
                         (domain['id'], domain['name'], domain['enabled']))
        self.assertEqual([], self.call('GET', '/domains',
                                       query='name=Other').json['domains'])

    def test_get(self):
        resp = self.call('GET', '/domains/default')
        self.assertEqual('Default', resp.json['domain']['name'])
        error = self.assertKeystoneError(404, self.call('GET',
                                                        '/domains/nope'))
        self.assertEqual('Could not find domain: nope.', error['message'])

    def test_member_reads_its_domain_only(self):
        resp = self.call('GET', '/domains/default', token='demo')
        self.assertEqual(200, resp.status)
        self.assertForbidden('list_domains', self.call('GET', '/domains',
                                                       token='demo'))
        self.assertForbidden('get_domain', self.call(
            'GET', '/domains/other', token='demo'))


class DomainAdminTest(AdminTestCase):
    """Domains besides Default: their projects and users, and deletion."""

    def new_domain(self, name='identity-d1', **fields):
        resp = self.call('POST', '/domains',
                         {'domain': dict(name=name, **fields)})
        self.assertEqual(201, resp.status, resp.body)
        return resp.json['domain']

    def test_create_show_update(self):
        domain = self.new_domain(description='d')
        expected = {'id': domain['id'], 'name': 'identity-d1',
                    'description': 'd', 'enabled': True, 'tags': [],
                    'options': {}, 'links': {
                        'self': HOST + V3 + '/domains/' + domain['id']}}
        self.assertEqual(expected, domain)
        self.assertEqual(expected, self.call(
            'GET', '/domains/' + domain['id']).json['domain'])
        names = [d['name'] for d in self.call('GET', '/domains').json[
            'domains']]
        self.assertEqual(['Default', 'identity-d1'], sorted(names))
        resp = self.call('PATCH', '/domains/' + domain['id'],
                         {'domain': {'name': 'identity-d2'}})
        self.assertEqual('identity-d2', resp.json['domain']['name'])
        error = self.assertKeystoneError(409, self.call(
            'POST', '/domains', {'domain': {'name': 'Default'}}))
        self.assertEqual(
            'Conflict occurred attempting to store project - it is not '
            'permitted to have two projects acting as domains with the same '
            'name: Default.', error['message'])
        for body in ({}, {'domain': {}}, {'domain': {'name': ''}},
                     {'domain': {'name': 'x', 'enabled': 'no'}}):
            self.assertKeystoneError(400, self.call('POST', '/domains', body))
        self.assertKeystoneError(400, self.call(
            'PATCH', '/domains/' + domain['id'], {'domain': {}}))
        self.assertKeystoneError(404, self.call(
            'PATCH', '/domains/nope', {'domain': {'name': 'z'}}))

    def test_users_and_projects_of_a_domain_log_in_there(self):
        domain = self.new_domain()
        project = self.new_project('identity-p1', domain_id=domain['id'])
        self.assertEqual(domain['id'], project['parent_id'])
        user = self.new_user('identity-u1', domain_id=domain['id'])
        self.grant(project, user)
        # The same names in Default are other objects.
        self.new_project('identity-p1')
        self.new_user('identity-u1')
        body = {'auth': {'identity': {'methods': ['password'], 'password': {
            'user': {'name': 'identity-u1', 'password': 'secret',
                     'domain': {'name': 'identity-d1'}}}},
            'scope': {'project': {'name': 'identity-p1',
                                  'domain': {'id': domain['id']}}}}}
        resp = self.request('POST', test_identity.TOKENS, body)
        self.assertEqual(201, resp.status, resp.body)
        token = resp.json['token']
        self.assertEqual({'id': domain['id'], 'name': 'identity-d1'},
                         token['user']['domain'])
        self.assertEqual(project['id'], token['project']['id'])
        self.assertEqual({'id': domain['id'], 'name': 'identity-d1'},
                         token['project']['domain'])
        token_id = resp.headers['X-Subject-Token']
        self.assertEqual(200, self.request('GET', '/v2.1/servers',
                                           token=token_id).status)
        listed = self.call('GET', '/projects',
                           query='domain_id=' + domain['id']).json
        self.assertEqual([project['id']],
                         [p['id'] for p in listed['projects']])
        # Disabling the domain ends its tokens; deleting needs it disabled.
        error = self.assertKeystoneError(403, self.call(
            'DELETE', '/domains/' + domain['id']))
        self.assertEqual('Cannot delete a domain that is enabled, please '
                         'disable it first.', error['message'])
        self.call('PATCH', '/domains/' + domain['id'],
                  {'domain': {'enabled': False}})
        self.assertEqual(401, self.request('GET', '/v2.1/servers',
                                           token=token_id).status)
        self.assertKeystoneError(401, self.request('POST',
                                                   test_identity.TOKENS,
                                                   body))
        self.assertEqual(204, self.call('DELETE',
                                        '/domains/' + domain['id']).status)
        self.assertKeystoneError(404, self.call('GET',
                                                '/domains/' + domain['id']))
        self.assertEqual(['Default'], [d['name'] for d in self.call(
            'GET', '/domains').json['domains']])
        self.assertKeystoneError(404, self.call('GET',
                                                '/projects/' + project['id']))
        self.assertKeystoneError(404, self.call('GET',
                                                '/users/' + user['id']))
        # Default's namesakes stay.
        self.assertEqual(1, len(self.call(
            'GET', '/projects', query='name=identity-p1').json['projects']))

    def test_names_mean_the_default_domains_first(self):
        domain = self.new_domain()
        self.new_project('demo', domain_id=domain['id'])
        self.new_user('demo', domain_id=domain['id'])
        demo = identity_mod.stable_id('project', 'demo')
        self.assertEqual(demo, self.cloud.identity.find_project(
            {'name': 'demo'}).id)
        self.assertEqual(demo, self.cloud.identity.add_project('demo').id)
        self.assertEqual(identity_mod.stable_id('user', 'demo'),
                         self.cloud.identity.find_user({'name': 'demo'}).id)
        # Logging in without a domain is the Default domain's demo.
        self.login()
        self.cloud.reset()
        self.login()

    def test_unknown_domain_in_credentials_is_401(self):
        body = test_identity.password_auth('demo', project='demo')
        body['auth']['scope']['project']['domain'] = {'name': 'nope'}
        self.assertKeystoneError(401, self.request(
            'POST', test_identity.TOKENS, body))

    def test_member_is_refused_and_reset_takes_domains_back(self):
        self.assertForbidden('create_domain', self.call(
            'POST', '/domains', {'domain': {'name': 'x'}}, token='demo'))
        self.assertForbidden('update_domain', self.call(
            'PATCH', '/domains/default', {'domain': {'name': 'x'}},
            token='demo'))
        before = state.dump(self.cloud)['identity']
        domain = self.new_domain()
        self.new_project('identity-p1', domain_id=domain['id'])
        self.call('PATCH', '/domains/default',
                  {'domain': {'description': 'changed'}})
        self.cloud.reset()
        self.assertEqual(before, state.dump(self.cloud)['identity'])
        self.assertEqual('The default domain', self.call(
            'GET', '/domains/default').json['domain']['description'])


class SystemScopeTest(AdminTestCase):
    """Role assignments on the system and system-scoped tokens."""

    def system_login(self, user='identity-u1', password='secret'):
        body = test_identity.password_auth(user, password)
        body['auth']['scope'] = {'system': {'all': True}}
        return self.request('POST', test_identity.TOKENS, body)

    def test_grant_log_in_list_revoke(self):
        user = self.new_user()
        path = '/system/users/%s/roles' % user['id']
        self.assertKeystoneError(401, self.system_login())
        error = self.assertKeystoneError(404, self.call(
            'GET', path + '/' + self.role('reader')))
        self.assertEqual(
            'Could not find role assignment with role: %s, user or group: '
            '%s, project, domain, or system: system.' % (
                self.role('reader'), user['id']), error['message'])
        self.assertEqual(204, self.call(
            'PUT', path + '/' + self.role('reader')).status)
        self.assertEqual(204, self.call(
            'HEAD', path + '/' + self.role('reader')).status)
        self.assertEqual(['reader'], [r['name'] for r in self.call(
            'GET', path).json['roles']])
        resp = self.system_login()
        self.assertEqual(201, resp.status, resp.body)
        token = resp.json['token']
        self.assertEqual({'all': True}, token['system'])
        self.assertNotIn('project', token)
        self.assertEqual(['reader'], [r['name'] for r in token['roles']])
        self.assertIn('catalog', token)
        reader = resp.headers['X-Subject-Token']
        # A system reader reads everything and changes nothing.
        self.assertEqual(200, self.call('GET', '/projects',
                                        token=reader).status)
        self.assertEqual(200, self.call('GET', '/role_assignments',
                                        token=reader).status)
        self.assertForbidden('create_project', self.call(
            'POST', '/projects', {'project': {'name': 'x'}}, token=reader))
        self.assertForbidden('create_system_grant_for_user', self.call(
            'PUT', path + '/' + self.role('admin'), token=reader))
        # compute takes project-scoped tokens only.
        self.assertEqual(401, self.request('GET', '/v2.1/servers',
                                           token=reader).status)
        rows = self.call('GET', '/role_assignments',
                         query='scope.system=all').json['role_assignments']
        self.assertEqual([{
            'role': {'id': self.role('reader')}, 'user': {'id': user['id']},
            'scope': {'system': {'all': True}},
            'links': {'assignment': HOST + V3 + '/system/users/%s/roles/%s'
                      % (user['id'], self.role('reader'))}}], rows)
        self.assertEqual(204, self.call(
            'DELETE', path + '/' + self.role('reader')).status)
        self.assertEqual(401, self.call('GET', '/projects',
                                        token=reader).status)
        self.assertKeystoneError(404, self.call(
            'DELETE', path + '/' + self.role('reader')))

    def test_system_admin_administers(self):
        user = self.new_user()
        self.call('PUT', '/system/users/%s/roles/%s' % (
            user['id'], self.role('admin')))
        admin = self.system_login().headers['X-Subject-Token']
        resp = self.call('POST', '/projects',
                         {'project': {'name': 'identity-p9'}}, token=admin)
        self.assertEqual(201, resp.status, resp.body)
        self.cloud.reset()
        self.assertNotIn(user['id'], self.cloud.identity.users)
        self.assertEqual([], self.cloud.identity.list_projects(
            name='identity-p9'))
        self.assertKeystoneError(401, self.call('GET', '/projects',
                                                token=admin))

    def test_reset_takes_a_system_grant_back(self):
        demo = identity_mod.stable_id('user', 'demo')
        self.call('PUT', '/system/users/%s/roles/%s' % (
            demo, self.role('reader')))
        self.assertEqual(['reader'],
                         self.cloud.identity.users[demo].system_roles)
        self.cloud.reset()
        self.assertEqual([], self.cloud.identity.users[demo].system_roles)

    def test_member_is_refused(self):
        demo = identity_mod.stable_id('user', 'demo')
        for method in ('PUT', 'DELETE', 'GET'):
            resp = self.call(method, '/system/users/%s/roles/%s' % (
                demo, self.role('admin')), token='demo')
            self.assertKeystoneError(403, resp)
        self.assertEqual([], self.cloud.identity.users[demo].system_roles)


class NewTenantOnComputeTest(AdminTestCase):
    """A project and user made through keystone's API work on compute."""

    def test_new_users_token_works_on_compute_with_its_project(self):
        project, user = self.tenant()
        token, body = self.login('identity-u1', 'identity-p1',
                                 password='secret')
        self.assertEqual(project['id'], body['project']['id'])
        resp = self.request('GET', '/v2.1/servers', token=token)
        self.assertEqual(200, resp.status)
        resp = self.request('POST', '/v2.1/servers', {'server': {
            'name': 'identity-vm', 'imageRef':
            '70a599e0-31e7-49b7-b260-868f441e862b', 'flavorRef': '1',
            'networks': 'none'}}, token=token,
            headers={'OpenStack-API-Version': 'compute 2.37'})
        self.assertEqual(202, resp.status, resp.body)
        server_id = resp.json['server']['id']
        self.assertEqual(project['id'],
                         self.cloud.store.servers[server_id].project_id)
        self.assertEqual(user['id'],
                         self.cloud.store.servers[server_id].user_id)
        # The new project is known to Nova's quota API (asked of keystone).
        resp = self.request('GET', '/v2.1/os-quota-sets/' + project['id'],
                            token=self.admin)
        self.assertEqual(200, resp.status, resp.body)
        # ... and another project's user does not see the server.
        resp = self.request('GET', '/v2.1/servers/' + server_id,
                            token=self.demo)
        self.assertEqual(404, resp.status)

    def test_deleting_the_user_or_project_revokes_tokens(self):
        project, user = self.tenant()
        token, _ = self.login('identity-u1', 'identity-p1', password='secret')
        self.call('DELETE', '/users/' + user['id'])
        self.assertEqual(401, self.request('GET', '/v2.1/servers',
                                           token=token).status)
        self.assertNotIn(token, self.cloud.identity.tokens)
        user = self.new_user('identity-u2')
        self.grant(project, user)
        token, _ = self.login('identity-u2', 'identity-p1', password='secret')
        self.call('DELETE', '/projects/' + project['id'])
        self.assertEqual(401, self.request('GET', '/v2.1/servers',
                                           token=token).status)
        self.assertEqual(404, self.request(
            'GET', test_identity.TOKENS, token=self.admin,
            headers={'X-Subject-Token': token}).status)


class ResetTest(AdminTestCase):

    def test_reset_takes_back_every_admin_change(self):
        before = state.dump(self.cloud)['identity']
        project, user = self.tenant()
        token, _ = self.login('identity-u1', 'identity-p1', password='secret')
        self.call('POST', '/roles', {'role': {'name': 'identity-r'}})
        alt_user = identity_mod.stable_id('user', 'alt_demo')
        alt_project = identity_mod.stable_id('project', 'alt_demo')
        self.call('PATCH', '/users/' + alt_user,
                  {'user': {'name': 'renamed', 'email': 'x@y'}})
        self.call('DELETE', '/projects/' + alt_project)
        demo = identity_mod.stable_id('user', 'demo')
        demo_project = identity_mod.stable_id('project', 'demo')
        self.call('PUT', '/projects/%s/users/%s/roles/%s' % (
            demo_project, demo, self.role('manager')))

        self.cloud.reset()
        # The admin's and demo's tokens survive; the new user's does not.
        after = state.dump(self.cloud)['identity']
        self.assertEqual(before, after)
        self.assertKeystoneError(404, self.call('GET',
                                                '/projects/' + project['id']))
        self.assertKeystoneError(404, self.call('GET',
                                                '/users/' + user['id']))
        self.assertEqual(401, self.request('GET', '/v2.1/servers',
                                           token=token).status)
        self.assertEqual('alt_demo', self.call(
            'GET', '/users/' + alt_user).json['user']['name'])
        self.login('alt_demo', 'alt_demo')
        self.assertIsNone(self.cloud.identity.role_by_name('identity-r'))

    def test_control_state_shows_them(self):
        project, user = self.tenant()
        resp = self.request('GET', '/_fakenova/state', token=self.admin)
        self.assertEqual(200, resp.status, resp.body)
        body = resp.json
        self.assertIn({'id': project['id'], 'name': 'identity-p1',
                       'domain_id': 'default', 'enabled': True},
                      body['projects'])
        [shown] = [u for u in body['users'] if u['id'] == user['id']]
        self.assertEqual({project['id']: ['member']}, shown['roles'])
        self.assertNotIn('secret', resp.text)

    def test_control_reset_too(self):
        self.tenant()
        resp = self.request('POST', '/_fakenova/reset', token=self.admin)
        self.assertIn(resp.status, (200, 204), resp.body)
        self.assertEqual([], self.cloud.identity.list_projects(
            name='identity-p1'))


class AuthScopesTest(AdminTestCase):

    def test_catalog_domains_system(self):
        resp = self.call('GET', '/auth/catalog', token='demo')
        self.assertEqual(200, resp.status)
        _token_id, token = self.login()
        self.assertEqual(token['catalog'], resp.json['catalog'])
        self.assertEqual([], self.call('GET', '/auth/domains',
                                       token='demo').json['domains'])
        self.assertEqual([], self.call('GET', '/auth/system',
                                       token='demo').json['system'])
        unscoped = self.request('POST', test_identity.TOKENS,
                                test_identity.password_auth('demo'))
        resp = self.call('GET', '/auth/catalog',
                         token=unscoped.headers['X-Subject-Token'])
        error = self.assertKeystoneError(403, resp)
        self.assertEqual('A project-scoped token is required to produce a '
                         'service catalog.', error['message'])
        self.assertKeystoneError(401, self.call('GET', '/auth/catalog',
                                                token=None))


class JournalBoundTest(AdminTestCase):

    def test_created_then_deleted_leaves_no_undo_step(self):
        # tempest's dynamic credentials: a project, a user, grants, all
        # deleted at the end of the class, over and over.
        for _ in range(3):
            project, user = self.tenant()
            self.call('PATCH', '/users/' + user['id'],
                      {'user': {'email': 'a@b'}})
            self.call('DELETE', '/users/' + user['id'])
            self.call('DELETE', '/projects/' + project['id'])
        self.assertEqual([], self.cloud.identity._journal)

    def test_repeated_updates_save_the_fields_once(self):
        demo = identity_mod.stable_id('user', 'demo')
        for n in range(5):
            self.call('PATCH', '/users/' + demo,
                      {'user': {'email': 'x%d@y' % n}})
        self.assertEqual(1, len(self.cloud.identity._journal))
        self.cloud.reset()
        self.assertNotIn('email', self.call(
            'GET', '/users/' + demo).json['user'])


class ProjectTagsTest(AdminTestCase):

    def test_add_check_list_replace_remove(self):
        project = self.new_project()
        path = '/projects/%s/tags' % project['id']
        resp = self.call('PUT', path + '/blue')
        self.assertEqual(201, resp.status, resp.body)
        self.assertEqual(HOST + V3 + path + '/blue', resp.headers['Location'])
        self.assertEqual(204, self.call('GET', path + '/blue').status)
        error = self.assertKeystoneError(404, self.call('GET', path + '/red'))
        self.assertEqual('Could not find project tag: red.', error['message'])
        self.assertKeystoneError(400, self.call('PUT', path + '/blue'))
        self.assertEqual(['blue'], self.call('GET', path).json['tags'])
        resp = self.call('PUT', path, {'tags': ['a', 'b']})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(['a', 'b'], resp.json['tags'])
        self.assertKeystoneError(400, self.call('PUT', path,
                                                {'tags': ['a', 'a']}))
        self.assertKeystoneError(400, self.call('PUT', path,
                                                {'tags': ['a,b']}))
        self.assertEqual(204, self.call('DELETE', path + '/a').status)
        self.assertKeystoneError(404, self.call('DELETE', path + '/a'))
        self.assertEqual(['b'], self.call('GET', '/projects/'
                                          + project['id']).json[
                                              'project']['tags'])
        self.assertEqual(204, self.call('DELETE', path).status)
        self.assertEqual([], self.call('GET', path).json['tags'])

    def test_member_reads_its_projects_tags_only(self):
        demo_project = identity_mod.stable_id('project', 'demo')
        alt = identity_mod.stable_id('project', 'alt_demo')
        resp = self.call('GET', '/projects/%s/tags' % demo_project,
                         token='demo')
        self.assertEqual(200, resp.status)
        self.assertForbidden('list_project_tags', self.call(
            'GET', '/projects/%s/tags' % alt, token='demo'))
        self.assertForbidden('create_project_tag', self.call(
            'PUT', '/projects/%s/tags/x' % demo_project, token='demo'))
        self.assertForbidden('update_project_tags', self.call(
            'PUT', '/projects/%s/tags' % demo_project, {'tags': []},
            token='demo'))
        self.assertForbidden('delete_project_tags', self.call(
            'DELETE', '/projects/%s/tags' % demo_project, token='demo'))


class BadInputTest(AdminTestCase):
    """Odd bodies and queries: a 4xx in keystone's envelope, no change."""

    BODIES = [None, [], 'x', 5, {}, {'project': None}, {'user': []},
              {'role': 'x'}, {'tags': 'x'}, {'tags': [5]},
              {'project': {'name': 'x', 'tags': 'a'}},
              {'project': {'name': 'x', 'options': 5}},
              {'project': {'name': 'x', 'domain_id': '../x'}},
              {'project': {'name': 'x', 'parent_id': 5}},
              {'project': {'name': ' '}},
              {'project': {'name': 'x' * 65}},
              {'project': {'name': 'x', 'enabled': None, 'is_domain': 1}},
              {'user': {'name': None}},
              {'user': {'name': 'x', 'default_project_id': 5}},
              {'user': {'name': 'x', 'domain_id': ''}},
              {'role': {'name': 'x', 'domain_id': 5}},
              {'role': {'name': ''}}]

    def test_no_500_and_no_change(self):
        project = self.new_project()
        user = self.new_user()
        self.grant(project, user)
        before = state.dump(self.cloud)
        paths = {
            'POST': ['/projects', '/users', '/roles',
                     '/users/%s/password' % user['id']],
            'PATCH': ['/projects/' + project['id'], '/users/' + user['id']],
            'PUT': ['/projects/%s/tags' % project['id']],
        }
        for method, urls in paths.items():
            for url in urls:
                for body in self.BODIES:
                    raw = b'' if body is None else json_bytes(body)
                    resp = self.call(method, url, raw=raw)
                    if resp.status < 300:
                        # Only a body that changes nothing passes: keystone
                        # requires no "project" in a PATCH, nor tags.
                        self.assertIn(body, (None, {}, {'tags': []}),
                                      (method, url))
                        self.assertIn(url, (paths['PUT'][0],
                                            paths['PATCH'][0]))
                        continue
                    error = self.assertKeystoneError(resp.status, resp)
                    self.assertLess(resp.status, 500, (method, url, body,
                                                       error))
        self.assertEqual(before, state.dump(self.cloud))

    def test_odd_queries_and_paths(self):
        for path in ('/projects?enabled=maybe', '/projects?name=',
                     '/users?enabled=0&name=%00', '/roles?name=%F0%9F%98%80',
                     '/role_assignments?effective=0&include_names=no',
                     '/role_assignments?scope.project.id=&user.id=',
                     '/projects/%20', '/users/%E2%98%83/projects',
                     '/projects/x/users/y/roles', '/domains?name='):
            resp = self.call('GET', path)
            self.assertLess(resp.status, 500, path)
            if resp.status >= 400:
                self.assertKeystoneError(resp.status, resp)

    def test_unknown_method_is_405(self):
        self.assertKeystoneError(405, self.call('PUT', '/projects'))
        self.assertKeystoneError(405, self.call('GET', '/users/x/password'))


def json_bytes(body):
    return json.dumps(body).encode()


class RouteWalkTest(AdminTestCase):
    """Every route of the administration API, without a token and as a
    member of another project: 401, then keystone's 403 (or 404 where
    keystone looks the grant's objects up first), and no change.
    """

    # Routes a token-less caller may use (keystone leaves them unenforced).
    NO_TOKEN = {('POST', '/v3/users/{user_id}/password')}

    def values(self):
        project, user = self.tenant()
        return {'project_id': project['id'], 'user_id': user['id'],
                'role_id': self.role('member'), 'domain_id': 'default',
                'tag': 'blue'}

    def routes(self):
        api = admin.AdminAPI(self.cloud.identity)
        for path, handlers in api.routes():
            for method, handler in sorted(handlers.items()):
                yield method, path, handler.__name__

    def test_every_route_needs_a_token(self):
        values = self.values()
        before = state.dump(self.cloud)
        for method, path, _name in self.routes():
            if (method, path) in self.NO_TOKEN:
                continue
            url = path.format(**values)[len('/v3'):]
            self.assertKeystoneError(401, self.call(
                method, url, {}, token=None))
        self.assertEqual(before, state.dump(self.cloud))

    def test_a_member_of_another_project_is_refused(self):
        values = self.values()
        before = state.dump(self.cloud)
        # The rules that let a member through: its own user, project,
        # domain and scopes (none of them are the new tenant's).
        open_to_self = {'auth_projects', 'auth_domains', 'auth_system',
                        'auth_catalog', 'get_domain', 'change_password'}
        for method, path, name in self.routes():
            if name in open_to_self:
                continue
            url = path.format(**values)[len('/v3'):]
            # A valid body: keystone checks it before the policy.
            body = {'create_project': {'project': {'name': 'x'}},
                    'update_project': {'project': {'name': 'y'}},
                    'create_user': {'user': {'name': 'x'}},
                    'update_user': {'user': {'name': 'y'}},
                    'create_role': {'role': {'name': 'x'}},
                    'update_project_tags': {'tags': []},
                    'create_domain': {'domain': {'name': 'x'}},
                    'update_domain': {'domain': {'name': 'y'}}}.get(name)
            resp = self.call(method, url, body, token='demo')
            error = self.assertKeystoneError(403, resp)
            self.assertTrue(error['message'].startswith(
                'You are not authorized to perform the requested action: '
                'identity:'), (method, path, error))
        self.assertEqual(before, state.dump(self.cloud))
