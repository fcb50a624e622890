"""/os-server-groups, the 'group' scheduler hint and group placement."""

import os

import testtools

from fakenova.compute import states as st
from fakenova.control import seed
from fakenova.fixture import FakeNova
from fakenova import policy_matrix
from fakenova.tests.unit import base
from fakenova.tests.unit import test_control

PATH = '/v2.1/os-server-groups'
ADMIN = base.ADMIN
OWNER = base.OWNER
ALT = base.ALT
POLICY = ("Policy doesn't allow os_compute_api:os-server-groups:%s to be "
          "performed.")
NO_VALID_HOST = ('No valid host was found. There are not enough hosts '
                 'available.')
UNKNOWN_ID = '2b1c3b5e-8e88-4e8b-9a33-3e1a4c5d6e7f'


class GroupTestCase(base.APITestCase):

    def create_group(self, name='group', policy='anti-affinity',
                     version='2.64', token=OWNER, rules=None, status=200):
        if tuple(int(part) for part in version.split('.')) >= (2, 64):
            spec = {'name': name, 'policy': policy}
            if rules is not None:
                spec['rules'] = rules
        else:
            spec = {'name': name, 'policies': [policy]}
        resp = self.post(PATH, {'server_group': spec}, version=version,
                         token=token)
        self.assertEqual(status, resp.status, resp.body)
        return resp.json['server_group'] if status == 200 else resp

    def show_group(self, group_id, version='2.64', token=OWNER):
        resp = self.get('%s/%s' % (PATH, group_id), version=version,
                        token=token)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['server_group']

    def list_groups(self, version='2.64', token=OWNER, query=None):
        resp = self.get(PATH, version=version, token=token, query=query)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['server_groups']

    def boot(self, group_id, token=OWNER, key='os:scheduler_hints',
             name='vm'):
        body = {'server': {'name': name, 'imageRef': base.IMAGE,
                           'flavorRef': '1'},
                key: {'group': group_id}}
        resp = self.post('/v2.1/servers', body, token=token)
        self.assertEqual(202, resp.status, resp.body)
        return resp.json['server']['id']

    def admin_view(self, server_id, version='2.71'):
        return self.show(server_id, token=ADMIN, version=version)

    def host_of(self, server_id):
        return self.admin_view(server_id)['OS-EXT-SRV-ATTR:host']


class CreateTest(GroupTestCase):

    def test_2_1_body(self):
        group = self.create_group(version='2.1')
        self.assertEqual({'id', 'name', 'policies', 'metadata', 'members'},
                         set(group))
        self.assertEqual(('group', ['anti-affinity'], {}, []),
                         (group['name'], group['policies'],
                          group['metadata'], group['members']))
        self.assertEqual(group, self.show_group(group['id'], version='2.1'))

    def test_2_13_adds_project_and_user(self):
        group = self.create_group(version='2.13', policy='affinity')
        self.assertEqual({'id', 'name', 'policies', 'metadata', 'members',
                          'project_id', 'user_id'}, set(group))
        self.assertEqual((base.OWNER_PROJECT, 'owner'),
                         (group['project_id'], group['user_id']))

    def test_soft_policies_from_2_15(self):
        for policy in ('soft-affinity', 'soft-anti-affinity'):
            resp = self.create_group(version='2.14', policy=policy,
                                     status=400)
            self.assertFault(
                resp, 400, "Invalid input for field/attribute 0. Value: "
                "%s. '%s' is not one of ['anti-affinity', 'affinity']"
                % (policy, policy))
            group = self.create_group(version='2.15', policy=policy)
            self.assertEqual([policy], group['policies'])

    def test_policies_hold_exactly_one_policy(self):
        for policies, end in ((['affinity', 'affinity'],
                               'has non-unique elements'),
                              (['affinity', 'anti-affinity'], 'is too long'),
                              ([], None), ('affinity', None),
                              (['wrong-policy'], 'is not one of')):
            resp = self.post(PATH, {'server_group': {
                'name': 'g', 'policies': policies}})
            message = self.assertFault(resp, 400)
            self.assertTrue(message.startswith(
                'Invalid input for field/attribute '), message)
            if end is not None:
                self.assertIn(end, message)
        self.assertEqual([], self.list_groups())

    def test_2_64_policy_and_rules_replace_policies_and_metadata(self):
        group = self.create_group(policy='affinity')
        self.assertEqual({'id', 'name', 'policy', 'rules', 'members',
                          'project_id', 'user_id'}, set(group))
        self.assertEqual(('affinity', {}), (group['policy'], group['rules']))
        # A string is accepted and shown as an integer.
        group = self.create_group(rules={'max_server_per_host': '3'})
        self.assertEqual({'max_server_per_host': 3}, group['rules'])
        # Before 2.64 the same group shows its policy as a list.
        old = self.show_group(group['id'], version='2.63')
        self.assertEqual(['anti-affinity'], old['policies'])
        self.assertEqual({}, old['metadata'])
        self.assertNotIn('rules', old)

    def test_2_64_body_keys(self):
        resp = self.post(PATH, {'server_group': {
            'name': 'g', 'policies': ['affinity']}}, version='2.64')
        self.assertFault(resp, 400, "Invalid input for field/attribute "
                         "server_group. Value: {'name': 'g', 'policies': "
                         "['affinity']}. 'policy' is a required property")
        resp = self.post(PATH, {'server_group': {
            'name': 'g', 'policy': 'affinity'}}, version='2.63')
        self.assertFault(resp, 400, "Invalid input for field/attribute "
                         "server_group. Value: {'name': 'g', 'policy': "
                         "'affinity'}. 'policies' is a required property")
        for rules, message in (
                ({'max_server_per_host': 0}, 'Invalid input for '
                 'field/attribute max_server_per_host. Value: 0. 0 is less '
                 'than the minimum of 1'),
                ({'other': 1}, "Invalid input for field/attribute rules. "
                 "Value: {'other': 1}. Additional properties are not "
                 "allowed ('other' was unexpected)")):
            self.assertFault(self.create_group(rules=rules, status=400),
                             400, message)

    def test_only_anti_affinity_takes_rules(self):
        for policy in ('affinity', 'soft-affinity', 'soft-anti-affinity'):
            resp = self.create_group(policy=policy, status=400,
                                     rules={'max_server_per_host': 2})
            self.assertFault(resp, 400,
                             'Only anti-affinity policy supports rules.')
        # Empty rules are no rules.
        self.create_group(policy='affinity', rules={})

    def test_name_checks(self):
        resp = self.create_group(name=' padded', status=400)
        self.assertFault(resp, 400, "An invalid 'name' value was provided. "
                         "The name must be: printable characters. Can not "
                         "start or end with whitespace.")
        resp = self.post(PATH, {'server_group': {'policy': 'affinity'}},
                         version='2.64')
        self.assertFault(resp, 400, "Invalid input for field/attribute "
                         "server_group. Value: {'policy': 'affinity'}. "
                         "'name' is a required property")

    def test_quota_of_ten_groups_per_project(self):
        for number in range(10):
            self.create_group(name='g%d' % number)
        resp = self.create_group(name='g10', status=403)
        self.assertFault(resp, 403, 'Quota exceeded, too many server groups.')
        # Nova checks the quota before the rules.
        resp = self.create_group(policy='affinity', status=403,
                                 rules={'max_server_per_host': 2})
        self.assertFault(resp, 403, 'Quota exceeded, too many server groups.')
        # Another user of the project counts against the same quota;
        # another project has its own.
        self.create_group(token=base.OTHER_USER_SAME_PROJECT, status=403)
        self.create_group(token=ALT)
        self.request('DELETE', '%s/%s' % (PATH, self.list_groups()[0]['id']))
        self.create_group(name='again')


class ListShowDeleteTest(GroupTestCase):

    def setUp(self):
        super().setUp()
        self.mine = self.create_group(name='mine')
        self.theirs = self.create_group(name='theirs', token=ALT)

    def test_list_is_the_callers_project(self):
        self.assertEqual([self.mine], self.list_groups())
        self.assertEqual([self.theirs], self.list_groups(token=ALT))
        self.assertEqual([], self.list_groups(token=ADMIN))

    def test_all_projects_for_admins_only(self):
        for value in ('True', '0', ''):
            self.assertEqual(
                [self.mine, self.theirs],
                self.list_groups(token=ADMIN, query='all_projects=' + value))
        # Ignored for anyone else, as Nova does.
        self.assertEqual([self.mine],
                         self.list_groups(query='all_projects=True'))

    def test_all_projects_rule(self):
        self.cloud.set_policy({
            'os_compute_api:os-server-groups:index:all_projects': '!'})
        resp = self.get(PATH, token=ADMIN, query='all_projects=1')
        self.assertFault(resp, 403, POLICY % 'index:all_projects')
        self.assertEqual([], self.list_groups(token=ADMIN))

    def test_limit_and_offset(self):
        more = [self.create_group(name='g%d' % n) for n in range(3)]
        everything = [self.mine] + more
        self.assertEqual(everything, self.list_groups())
        self.assertEqual(everything[:2], self.list_groups(query='limit=2'))
        self.assertEqual(everything[1:3],
                         self.list_groups(query='limit=2&offset=1'))
        self.assertEqual(everything[3:], self.list_groups(query='offset=3'))
        self.assertEqual([], self.list_groups(query='offset=9'))
        # No next links: Nova's list has none.
        resp = self.get(PATH, query='limit=1', version='2.64')
        self.assertEqual(['server_groups'], list(resp.json))

    def test_query_checks(self):
        resp = self.get(PATH, query='limit=abc')
        self.assertFault(resp, 400, "Invalid input for query parameters "
                         "limit. Value: abc. 'abc' does not match "
                         "'^[0-9]*$'")
        resp = self.get(PATH, query='offset=-1')
        self.assertFault(resp, 400, "Invalid input for query parameters "
                         "offset. Value: -1. '-1' does not match "
                         "'^[0-9]*$'")
        resp = self.get(PATH, query='page_size=x', version='2.74')
        self.assertFault(resp, 400, 'Invalid input received: page_size '
                                    'must be an integer')
        self.assertEqual([self.mine], self.list_groups(version='2.74',
                                                       query='junk=1'))
        resp = self.get(PATH, query='junk=1', version='2.75')
        self.assertFault(resp, 400, "Additional properties are not allowed "
                                    "('junk' was unexpected)")

    def test_show_is_project_scoped(self):
        self.assertEqual(self.mine, self.show_group(self.mine['id']))
        resp = self.get('%s/%s' % (PATH, self.theirs['id']))
        self.assertFault(resp, 404, 'Instance group %s could not be found.'
                         % self.theirs['id'])
        self.assertEqual(self.theirs,
                         self.show_group(self.theirs['id'], token=ADMIN))
        resp = self.get('%s/%s' % (PATH, UNKNOWN_ID))
        self.assertFault(resp, 404, 'Instance group %s could not be found.'
                         % UNKNOWN_ID)

    def test_legacy_project_urls(self):
        resp = self.get('/v2.1/%s/os-server-groups/%s' % (
            base.OWNER_PROJECT, self.mine['id']), version='2.64')
        self.assertEqual(self.mine, resp.json['server_group'])

    def test_delete(self):
        resp = self.request('DELETE', '%s/%s' % (PATH, self.theirs['id']))
        self.assertFault(resp, 404, 'Instance group %s could not be found.'
                         % self.theirs['id'])
        resp = self.request('DELETE', '%s/%s' % (PATH, self.mine['id']))
        self.assertEqual(204, resp.status, resp.body)
        self.assertEqual(b'', resp.body)
        self.assertEqual([], self.list_groups())
        self.assertFault(self.get('%s/%s' % (PATH, self.mine['id'])), 404)
        resp = self.request('DELETE', '%s/%s' % (PATH, self.theirs['id']),
                            token=ADMIN)
        self.assertEqual(204, resp.status, resp.body)
        self.assertEqual([], self.list_groups(token=ALT))

    def test_policy_rules_and_targets(self):
        self.cloud.set_policy({
            'os_compute_api:os-server-groups:%s' % rule: '!'
            for rule in ('index', 'show', 'create', 'delete')})
        one = '%s/%s' % (PATH, self.mine['id'])
        for method, path, rule in (('GET', PATH, 'index'),
                                   ('POST', PATH, 'create'),
                                   ('GET', one, 'show'),
                                   ('DELETE', one, 'delete')):
            body = ({'server_group': {'name': 'g', 'policy': 'affinity'}}
                    if method == 'POST' else None)
            resp = self.request(method, path, body=body, version='2.64')
            self.assertFault(resp, 403, POLICY % rule)
        # The body is checked before the rule, the group found before it.
        resp = self.post(PATH, {'server_group': {}})
        self.assertFault(resp, 400)
        self.assertFault(self.get('%s/%s' % (PATH, UNKNOWN_ID)), 404)
        # show and delete are checked against the group's project (an
        # admin of another project is no member of it).
        self.cloud.set_policy({
            'os_compute_api:os-server-groups:%s' % rule:
                'project_id:%(project_id)s' for rule in ('show', 'delete')})
        self.assertEqual(self.mine, self.show_group(self.mine['id']))
        resp = self.get(one, token=ADMIN)
        self.assertFault(resp, 403, POLICY % 'show')
        resp = self.request('DELETE', one, token=ADMIN)
        self.assertFault(resp, 403, POLICY % 'delete')

    def test_policy_matrix(self):
        cases = [c for c in policy_matrix.all_cases()
                 if 'server-groups' in c.label]
        self.assertEqual(5, len(cases))
        default = policy_matrix.matrix('default', cases=cases)
        rbac = policy_matrix.matrix(os.path.join(
            base.REPO, 'etc', 'policy-rbac.yaml'), cases=cases)
        create, show = 'POST /os-server-groups', 'GET /os-server-groups/{id}'
        delete = 'DELETE /os-server-groups/{id}'
        self.assertEqual('allowed', default[create]['reader'])
        self.assertEqual('allowed', default[create]['no-role'])
        self.assertEqual('forbidden', rbac[create]['reader'])
        self.assertEqual('allowed', rbac[create]['member'])
        self.assertEqual('allowed', rbac[show]['reader'])
        self.assertEqual('forbidden', rbac[show]['no-role'])
        self.assertEqual('forbidden', rbac[delete]['reader'])
        for matrix in (default, rbac):
            self.assertEqual('not-found', matrix[show]['other-project'])
            self.assertEqual('not-found', matrix[delete]['other-project'])
            self.assertEqual('allowed', matrix[delete]['admin'])


class HintTest(GroupTestCase):

    def test_member_shows_its_group_from_2_71(self):
        group = self.create_group()
        sid = self.boot(group['id'])
        self.assertEqual([group['id']], self.show(sid,
                                                  version='2.71')
                         ['server_groups'])
        self.assertNotIn('server_groups', self.show(sid, version='2.70'))
        resp = self.get('/v2.1/servers/detail', version='2.71')
        self.assertNotIn('server_groups', resp.json['servers'][0])
        self.assertEqual([sid], self.show_group(group['id'])['members'])
        # PUT and rebuild carry it too (before 2.75 in their short body).
        resp = self.request('PUT', '/v2.1/servers/%s' % sid,
                            {'server': {'name': 'renamed'}}, version='2.71')
        self.assertEqual([group['id']], resp.json['server']['server_groups'])
        resp = self.action(sid, {'rebuild': {'imageRef': base.IMAGE}},
                           version='2.71')
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual([group['id']], resp.json['server']['server_groups'])
        # 2.100 shows the hint it was created with.
        self.assertEqual({'group': [group['id']]},  # Nova: lists
                         self.show(sid, version='2.100')['scheduler_hints'])

    def test_server_without_a_group(self):
        group = self.create_group()
        sid = self.create_server()
        self.assertEqual([], self.show(sid, version='2.71')['server_groups'])
        # Other hints are not a group.
        resp = self.post('/v2.1/servers', {
            'server': {'name': 'vm', 'imageRef': base.IMAGE,
                       'flavorRef': '1'},
            'os:scheduler_hints': {'same_host': sid}})
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual([], self.show_group(group['id'])['members'])

    def test_legacy_hint_key(self):
        group = self.create_group()
        sid = self.boot(group['id'], key='OS-SCH-HNT:scheduler_hints')
        self.assertEqual([sid], self.show_group(group['id'])['members'])

    def test_unknown_or_foreign_group_is_400(self):
        theirs = self.create_group(token=ALT)
        for group_id in (UNKNOWN_ID, theirs['id']):
            resp = self.post('/v2.1/servers', {
                'server': {'name': 'vm', 'imageRef': base.IMAGE,
                           'flavorRef': '1'},
                'os:scheduler_hints': {'group': group_id}})
            self.assertFault(resp, 400, 'Instance group %s could not be '
                                        'found.' % group_id)
        self.assertEqual([], list(self.store.servers))
        # An admin finds every project's groups.
        sid = self.boot(theirs['id'], token=ADMIN)
        self.assertEqual([sid], self.show_group(theirs['id'],
                                                token=ALT)['members'])

    def test_group_must_be_a_uuid(self):
        resp = self.post('/v2.1/servers', {
            'server': {'name': 'vm', 'imageRef': base.IMAGE,
                       'flavorRef': '1'},
            'os:scheduler_hints': {'group': 'my-group'}})
        self.assertFault(resp, 400, "Invalid input for field/attribute "
                         "group. Value: my-group. 'my-group' is not a "
                         "'uuid'")

    def test_ten_members_per_user(self):
        # Room for more than 10 servers (the instances quota is 10 too).
        resp = self.request('PUT', '/v2.1/os-quota-sets/' +
                            base.OWNER_PROJECT,
                            {'quota_set': {'instances': 20}},
                            token=base.ADMIN)
        self.assertEqual(200, resp.status, resp.body)
        group = self.create_group(policy='soft-affinity')
        for _ in range(10):
            self.boot(group['id'])
        resp = self.post('/v2.1/servers', {
            'server': {'name': 'vm', 'imageRef': base.IMAGE,
                       'flavorRef': '1'},
            'os:scheduler_hints': {'group': group['id']}})
        self.assertFault(resp, 403, 'Quota exceeded, too many servers in '
                                    'group')
        self.assertEqual(10, len(self.show_group(group['id'])['members']))
        # The quota counts the user's servers in the group.
        self.boot(group['id'], token=base.OTHER_USER_SAME_PROJECT)
        self.request('DELETE', '/v2.1/servers/%s' % self.show_group(
            group['id'])['members'][0])
        self.boot(group['id'])

    def test_deleting_a_server_leaves_its_group(self):
        group = self.create_group(policy='affinity')
        first, second = self.boot(group['id']), self.boot(group['id'])
        resp = self.request('DELETE', '/v2.1/servers/%s' % first)
        self.assertEqual(204, resp.status, resp.body)
        self.assertEqual([second], self.show_group(group['id'])['members'])
        self.assertEqual([second], self.show_group(
            group['id'], version='2.1')['members'])

    def test_deleting_the_group_keeps_its_servers(self):
        group = self.create_group()
        sid = self.boot(group['id'])
        resp = self.request('DELETE', '%s/%s' % (PATH, group['id']))
        self.assertEqual(204, resp.status, resp.body)
        server = self.show(sid, version='2.71')
        self.assertEqual(('ACTIVE', []),
                         (server['status'], server['server_groups']))


class PlacementTest(GroupTestCase):

    def test_affinity_keeps_members_together(self):
        group = self.create_group(policy='affinity')
        hosts = {self.host_of(self.boot(group['id'])) for _ in range(4)}
        self.assertEqual(1, len(hosts))

    def test_affinity_fails_when_the_members_host_is_gone(self):
        group = self.create_group(policy='affinity')
        host = self.host_of(self.boot(group['id']))
        self.store.service_of(host).disabled = True
        sid = self.boot(group['id'])
        self.assertEqual('ERROR', self.show(sid)['status'])

    def test_anti_affinity_spreads_then_fails_with_nova_fault(self):
        group = self.create_group(version='2.1')
        first, second = self.boot(group['id']), self.boot(group['id'])
        self.assertNotEqual(self.host_of(first), self.host_of(second))
        third = self.boot(group['id'])
        server = self.admin_view(third)
        self.assertEqual(('ERROR', 'error', None, 0, None, None),
                         (server['status'], server['OS-EXT-STS:vm_state'],
                          server['OS-EXT-STS:task_state'],
                          server['OS-EXT-STS:power_state'],
                          server['OS-EXT-SRV-ATTR:host'],
                          server['OS-SRV-USG:launched_at']))
        fault = server['fault']
        self.assertEqual((500, NO_VALID_HOST),
                         (fault['code'], fault['message']))
        self.assertIn('NoValidHost', fault['details'])
        self.assertIn('created', fault)
        # The owner sees no details of a 500 fault.
        owner_view = self.show(third, version='2.71')
        self.assertNotIn('details', owner_view['fault'])
        self.assertEqual([group['id']], owner_view['server_groups'])
        # It stays a member, and the failed build is an errored action.
        self.assertEqual([first, second, third],
                         self.show_group(group['id'])['members'])
        [action] = self.store.actions[third]
        self.assertEqual('create', action.action)
        self.assertEqual(['Error'], [e.result for e in action.events])

    def test_anti_affinity_uses_a_new_host(self):
        group = self.create_group()
        hosts = [self.host_of(self.boot(group['id'])) for _ in range(2)]
        self.store.add_host('compute3')
        sid = self.boot(group['id'])
        self.assertEqual('compute3', self.host_of(sid))
        self.assertEqual(sorted(hosts + ['compute3']),
                         sorted(self.store.hosts))

    def test_max_server_per_host(self):
        group = self.create_group(rules={'max_server_per_host': 2})
        hosts = [self.host_of(self.boot(group['id'])) for _ in range(4)]
        self.assertEqual([2, 2], sorted(hosts.count(h) for h in set(hosts)))
        self.assertEqual('ERROR', self.show(self.boot(group['id']))['status'])

    def test_deleted_member_frees_its_host(self):
        group = self.create_group()
        first, second = self.boot(group['id']), self.boot(group['id'])
        freed = self.host_of(first)
        self.assertNotEqual(freed, self.host_of(second))
        self.request('DELETE', '/v2.1/servers/%s' % first)
        self.assertEqual(freed, self.host_of(self.boot(group['id'])))

    def test_soft_policies_never_fail(self):
        spread = self.create_group(policy='soft-anti-affinity')
        together = self.create_group(policy='soft-affinity')
        spread_hosts = [self.host_of(self.boot(spread['id']))
                        for _ in range(4)]
        self.assertEqual([2, 2], sorted(spread_hosts.count(h)
                                        for h in set(spread_hosts)))
        together_hosts = {self.host_of(self.boot(together['id']))
                          for _ in range(4)}
        self.assertEqual(1, len(together_hosts))
        # Its preferred host gone, soft affinity goes elsewhere.
        host = together_hosts.pop()
        self.store.service_of(host).disabled = True
        sid = self.boot(together['id'])
        self.assertEqual('ACTIVE', self.show(sid)['status'])
        self.assertNotEqual(host, self.host_of(sid))

    def test_error_shows_after_the_build_with_paced_transitions(self):
        group = self.create_group()
        self.boot(group['id'])
        self.boot(group['id'])
        self.store.pacing = 'manual'
        sid = self.boot(group['id'])
        self.assertEqual('BUILD', self.show(sid)['status'])
        self.store.complete(sid)
        self.assertEqual('ERROR', self.show(sid)['status'])


class MoveTest(GroupTestCase):

    def two_members(self, policy='anti-affinity'):
        group = self.create_group(policy=policy)
        return group, self.boot(group['id']), self.boot(group['id'])

    def test_migrate_finds_no_host_for_hard_policies(self):
        for policy in ('affinity', 'anti-affinity'):
            group, first, second = self.two_members(policy)
            host = self.host_of(second)
            resp = self.action(second, {'migrate': None}, token=ADMIN)
            self.assertFault(resp, 400, 'No valid host was found. No valid '
                                        'host found for cold migrate')
            server = self.admin_view(second)
            self.assertEqual(('ACTIVE', host),
                             (server['status'],
                              server['OS-EXT-SRV-ATTR:host']))
            self.assertEqual([], self.store.migrations_of(second))

    def test_migrate_to_a_named_host_checks_the_policy(self):
        group, first, second = self.two_members()
        resp = self.action(second, {'migrate': {'host': self.host_of(first)}},
                           token=ADMIN, version='2.56')
        self.assertFault(resp, 400, 'No valid host was found. No valid '
                                    'host found for cold migrate')

    def test_migrate_avoids_the_other_members(self):
        group, first, second = self.two_members()
        self.store.add_host('compute3')
        resp = self.action(second, {'migrate': None}, token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual('compute3', self.host_of(second))

    def test_soft_policy_migrates_anyway(self):
        group, first, second = self.two_members('soft-anti-affinity')
        resp = self.action(second, {'migrate': None}, token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(self.host_of(first), self.host_of(second))

    def test_resize_finds_no_host(self):
        group, first, second = self.two_members()
        resp = self.action(second, {'resize': {'flavorRef': '2'}})
        self.assertFault(resp, 400, 'No valid host was found. No valid '
                                    'host found for resize')
        self.assertEqual('ACTIVE', self.show(second)['status'])

    def test_live_migration_before_2_34_is_a_400(self):
        group, first, second = self.two_members()
        resp = self.action(second, {'os-migrateLive': {
            'host': None, 'block_migration': 'auto'}}, token=ADMIN,
            version='2.25')
        self.assertFault(resp, 400, NO_VALID_HOST)
        self.assertEqual([], self.store.migrations_of(second))

    def test_live_migration_from_2_34_errs_after_the_202(self):
        group, first, second = self.two_members()
        host = self.host_of(second)
        resp = self.action(second, {'os-migrateLive': {
            'host': None, 'block_migration': 'auto'}}, token=ADMIN,
            version='2.34')
        self.assertEqual(202, resp.status, resp.body)
        server = self.admin_view(second)
        self.assertEqual(('ACTIVE', host), (server['status'],
                                            server['OS-EXT-SRV-ATTR:host']))
        self.assertEqual(['error'], [m.status for m in
                                     self.store.migrations_of(second)])

    def test_forced_live_migration_skips_the_policy(self):
        for version, body in (('2.30', {'force': True}), ('2.25', {})):
            group, first, second = self.two_members()
            target = self.host_of(first)
            body.update(host=target, block_migration='auto')
            resp = self.action(second, {'os-migrateLive': body},
                               token=ADMIN, version=version)
            self.assertEqual(202, resp.status, resp.body)
            self.assertEqual(target, self.host_of(second))
        # Named but not forced: the scheduler checks it.
        group, first, second = self.two_members()
        resp = self.action(second, {'os-migrateLive': {
            'host': self.host_of(first), 'block_migration': 'auto'}},
            token=ADMIN, version='2.30')
        self.assertFault(resp, 400, NO_VALID_HOST)

    def test_evacuation_without_a_host_errs(self):
        group, first, second = self.two_members()
        host = self.host_of(second)
        self.store.service_of(host).forced_down = True
        resp = self.action(second, {'evacuate': {}}, token=ADMIN,
                           version='2.29')
        self.assertEqual(200, resp.status, resp.body)
        server = self.admin_view(second)
        self.assertEqual(('ERROR', host, NO_VALID_HOST),
                         (server['status'], server['OS-EXT-SRV-ATTR:host'],
                          server['fault']['message']))
        self.assertEqual([('evacuation', 'error')],
                         [(m.kind, m.status)
                          for m in self.store.migrations_of(second)])

    def test_evacuation_avoids_the_other_members(self):
        group, first, second = self.two_members()
        self.store.service_of(self.host_of(second)).forced_down = True
        self.store.add_host('compute3')
        resp = self.action(second, {'evacuate': {}}, token=ADMIN,
                           version='2.29')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(('ACTIVE', 'compute3'),
                         (self.show(second)['status'],
                          self.host_of(second)))

    def test_forced_evacuation_skips_the_policy(self):
        group, first, second = self.two_members()
        self.store.service_of(self.host_of(second)).forced_down = True
        target = self.host_of(first)
        resp = self.action(second, {'evacuate': {
            'host': target, 'force': True}}, token=ADMIN, version='2.29')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(('ACTIVE', target),
                         (self.show(second)['status'],
                          self.host_of(second)))

    def test_unshelve_stays_offloaded_without_a_host(self):
        group, first, second = self.two_members()
        resp = self.action(first, {'shelve': None})
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual('SHELVED_OFFLOADED', self.show(first)['status'])
        # Its host taken by a new member, the first has nowhere to go.
        third = self.boot(group['id'])
        self.assertEqual('ACTIVE', self.show(third)['status'])
        resp = self.action(first, {'unshelve': None})
        self.assertEqual(202, resp.status, resp.body)
        server = self.admin_view(first)
        self.assertEqual(('SHELVED_OFFLOADED', None),
                         (server['status'], server['OS-EXT-SRV-ATTR:host']))
        # A new host lets it back.
        self.store.add_host('compute3')
        resp = self.action(first, {'unshelve': None})
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(('ACTIVE', 'compute3'),
                         (self.show(first)['status'], self.host_of(first)))


class FixtureTest(testtools.TestCase):

    def test_fixture(self):
        nova = self.useFixture(FakeNova())
        group = nova.add_server_group('web', 'anti-affinity')
        self.assertEqual(
            {'name': 'web', 'policy': 'anti-affinity', 'rules': {},
             'members': [], 'project_id': nova.project_id,
             'user_id': nova.user_id},
            {k: v for k, v in group.items() if k != 'id'})
        servers = [nova.create_server(name='vm%d' % n, group=group['id'])
                   for n in range(2)]
        self.assertEqual([[group['id']]] * 2,
                         [s['server_groups'] for s in servers])
        self.assertNotEqual(*[s['OS-EXT-SRV-ATTR:host'] for s in servers])
        error = self.assertRaises(ValueError, nova.create_server,
                                  group=group['id'])
        self.assertIn('no host fits the anti-affinity policy', str(error))
        self.assertEqual(2, len(nova.servers()))
        # An explicit host is the test's choice.
        nova.create_server(group=group['id'], host='compute1')
        self.assertRaises(ValueError, nova.add_server_group, 'x', 'nope')
        self.assertRaises(ValueError, nova.add_server_group, 'x', 'affinity',
                          rules={'max_server_per_host': 2})
        self.assertRaises(ValueError, nova.create_server, group=UNKNOWN_ID)
        rules = {'max_server_per_host': 2}
        other = nova.add_server_group('db', 'anti-affinity',
                                      project_id='other', rules=rules)
        self.assertEqual(('other', rules),
                         (other['project_id'], other['rules']))
        groups = nova.novaclient().server_groups.list()
        self.assertEqual(['web'], [g.name for g in groups])


class ControlAndSeedTest(test_control.ControlTestCase):

    def test_control_api(self):
        resp = self.control('POST', '/server-groups', {
            'name': 'web', 'policy': 'anti-affinity',
            'rules': {'max_server_per_host': 2}})
        self.assertEqual(201, resp.status, resp.body)
        group = resp.json['server_group']
        demo = self.cloud.identity.find_project({'name': 'demo'})
        self.assertEqual(
            (demo.id, {'max_server_per_host': 2}, []),
            (group['project_id'], group['rules'], group['members']))
        server = self.seed_server(group='web')
        self.assertEqual([group['id']], server['server_groups'])
        [state] = self.control('GET', '/state').json['server_groups']
        self.assertEqual([server['id']], state['members'])
        self.assertIn('unknown server group',
                      self.assertError(400, self.control(
                          'POST', '/servers', {'name': 'x', 'group': 'no'})))
        message = self.assertError(400, self.control(
            'POST', '/server-groups', {'name': 'x', 'policy': 'affinity',
                                       'rules': {'max_server_per_host': 2}}))
        self.assertEqual('Only anti-affinity policy supports rules.',
                         message)
        self.assertError(400, self.control('POST', '/server-groups',
                                           {'name': 'x', 'policy': 'bad'}))
        resp = self.request('GET', '/v2.1/os-server-groups/' + group['id'],
                            token=self.demo)
        self.assertEqual(200, resp.status, resp.body)

    def test_seed(self):
        data = seed.validate({
            'server_groups': [{'name': 'web', 'policy': 'anti-affinity',
                               'project': 'alt_demo'}],
            'servers': [{'name': 'a', 'project': 'alt_demo', 'group': 'web'},
                        {'name': 'b', 'project': 'alt_demo', 'group': 'web'}],
        })
        seed.apply(self.cloud, data)
        store = self.cloud.store
        [group] = store.server_groups.values()
        servers = sorted(store.servers.values(), key=lambda s: s.name)
        self.assertEqual([s.id for s in servers], group.members)
        self.assertNotEqual(servers[0].host, servers[1].host)
        self.assertEqual(st.ACTIVE, servers[1].vm_state)
        error = self.assertRaises(seed.SeedError, seed.apply, self.cloud,
                                  seed.validate({'servers': [{
                                      'name': 'c', 'project': 'alt_demo',
                                      'group': 'web'}]}))
        self.assertIn('servers[0]', str(error))
        self.assertRaises(seed.SeedError, seed.validate, {
            'server_groups': [{'name': 'x'}]})


class SameAndDifferentHostHintTest(base.APITestCase):
    """The same_host and different_host hints (Nova's two filters)."""

    def boot(self, **hints):
        resp = self.post('/v2.1/servers', {
            'server': {'name': 'vm', 'imageRef': base.IMAGE,
                       'flavorRef': '1'},
            'os:scheduler_hints': hints})
        self.assertEqual(202, resp.status, resp.body)
        return resp.json['server']['id']

    def host(self, server_id):
        host = self.show(server_id, token=ADMIN)['OS-EXT-SRV-ATTR:host']
        self.assertIsNotNone(host)
        return host

    def test_same_host_follows_the_named_server(self):
        first = self.create_server()
        for _ in range(3):
            self.assertEqual(self.host(first),
                             self.host(self.boot(same_host=first)))
            self.assertEqual(self.host(first),
                             self.host(self.boot(same_host=[first])))

    def test_different_host_avoids_each_named_server(self):
        first = self.create_server()
        for _ in range(3):
            other = self.boot(different_host=first)
            self.assertNotEqual(self.host(first), self.host(other))
            self.assertNotEqual(self.host(first), self.host(
                self.boot(different_host=[first])))

    def test_no_host_left_is_no_valid_host(self):
        # Two hosts, a server on each: nothing is different from both.
        first = self.create_server()
        second = self.boot(different_host=first)
        last = self.boot(different_host=[first, second])
        server = self.show(last)
        self.assertEqual('ERROR', server['status'])
        self.assertEqual(NO_VALID_HOST, server['fault']['message'])

    def test_hints_must_name_servers_by_uuid(self):
        # (Nova's schema checks a lone same_host string for its type only.)
        for hints in ({'same_host': ['not-a-uuid']},
                      {'different_host': 'not-a-uuid'},
                      {'different_host': ['not-a-uuid']},
                      {'different_host': 5}):
            resp = self.post('/v2.1/servers', {
                'server': {'name': 'vm', 'imageRef': base.IMAGE,
                           'flavorRef': '1'},
                'os:scheduler_hints': hints})
            self.assertEqual(400, resp.status, (hints, resp.body))
        self.assertEqual({}, self.store.servers)
