"""/os-security-groups and /os-security-group-rules (the proxy, until
2.35) and the groups servers are in.

Nova 34's oracle has no Neutron that creates groups, so the answers here
are the ones Nova's proxy builds from real Neutron's: Nova's own checks
and messages, Neutron's messages passed on with Nova's status codes.
"""

import jsonschema
from tempest.lib.api_schema.response.compute.v2_1 import security_groups \
    as schemas

from fakenova.compute import security_groups as sg_model
from fakenova.tests.unit import base
from fakenova.tests.unit import test_control

OWNER = base.OWNER
ADMIN = base.ADMIN
ALT = base.ALT
GROUPS = '/v2.1/os-security-groups'
RULES = '/v2.1/os-security-group-rules'
NOT_FOUND = 'The resource could not be found.'
MISSING = '8a8c57a2-6e3e-4c1e-9d2b-8f3e2d1c0b9a'


class SecurityGroupTestCase(base.APITestCase):

    def create(self, name='web', description='HTTP', token=OWNER,
               status=200):
        resp = self.post(GROUPS, {'security_group': {
            'name': name, 'description': description}}, token=token)
        self.assertEqual(status, resp.status, resp.body)
        return resp.json.get('security_group')

    def add_rule(self, parent, token=OWNER, status=200, **rule):
        rule['parent_group_id'] = parent
        resp = self.post(RULES, {'security_group_rule': rule}, token=token)
        self.assertEqual(status, resp.status, resp.body)
        return resp

    def group(self, group_id, token=OWNER):
        resp = self.get(GROUPS + '/' + group_id, token=token)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['security_group']


class GroupsTest(SecurityGroupTestCase):

    def test_create_show_list(self):
        group = self.create()
        jsonschema.validate({'security_group': group},
                            schemas.create_security_group['response_body'])
        self.assertEqual({'id': group['id'], 'name': 'web',
                          'description': 'HTTP',
                          'tenant_id': base.OWNER_PROJECT, 'rules': []},
                         group)
        self.assertEqual(group, self.group(group['id']))
        resp = self.get(GROUPS, version='2.35')
        jsonschema.validate(resp.json,
                            schemas.list_security_groups['response_body'])
        self.assertEqual(['default', 'web'],
                         [g['name'] for g in resp.json['security_groups']])

    def test_default_group_as_neutron_makes_it(self):
        default = self.get(GROUPS).json['security_groups'][0]
        self.assertEqual('Default security group', default['description'])
        # Its ingress rules: from the group itself, any protocol.
        self.assertEqual(2, len(default['rules']))
        for rule in default['rules']:
            self.assertEqual({'name': 'default',
                              'tenant_id': base.OWNER_PROJECT},
                             rule['group'])
            self.assertEqual(({}, None, None, None), (
                rule['ip_range'], rule['ip_protocol'], rule['from_port'],
                rule['to_port']))

    def test_duplicate_names_are_neutrons_to_allow(self):
        first, second = self.create(), self.create()
        self.assertNotEqual(first['id'], second['id'])
        # ... but a server cannot be put into an ambiguous name.
        server = self.create_server()
        self.assertFault(self.action(server, {
            'addSecurityGroup': {'name': 'web'}}), 409)
        resp = self.action(server, {'addSecurityGroup': {
            'name': first['id']}})
        self.assertEqual(202, resp.status, resp.body)

    def test_default_cannot_be_made_again(self):
        for name in ('default', 'Default'):
            resp = self.post(GROUPS, {'security_group': {
                'name': name, 'description': ''}})
            self.assertFault(resp, 403,
                             'Default security group already exists.')

    def test_create_validation(self):
        for body in ({}, {'security_group': {'name': 'x'}},
                     {'security_group': {'description': 'x'}},
                     {'security_group': {'name': 1, 'description': ''}},
                     {'security_group': {'name': 'x' * 256,
                                         'description': ''}},
                     {'security_group': {'name': 'x',
                                         'description': None}}):
            self.assertFault(self.post(GROUPS, body), 400)
        # Empty texts and other keys are accepted, as Nova does.
        self.create(name='', description='')
        resp = self.post(GROUPS, {'security_group': {
            'name': 'x', 'description': '', 'extra': 1}, 'more': 2})
        self.assertEqual(200, resp.status, resp.body)

    def test_quota(self):
        self.get(GROUPS)
        for number in range(sg_model.MAX_GROUPS - 1):
            self.create(name='g%d' % number)
        resp = self.post(GROUPS, {'security_group': {
            'name': 'over', 'description': ''}})
        self.assertFault(resp, 403,
                         "Quota exceeded for resources: ['security_group'].")
        # Another project has its own.
        self.create(name='g', token=ALT)

    def test_bad_and_unknown_ids(self):
        for method, body in (('GET', None), ('DELETE', None),
                             ('PUT', {'security_group': {
                                 'name': 'x', 'description': 'y'}})):
            self.assertFault(self.request(method, GROUPS + '/1', body), 400,
                             'Security group id should be uuid')
            self.assertFault(
                self.request(method, GROUPS + '/' + MISSING, body), 404,
                'Security group %s does not exist' % MISSING)

    def test_update(self):
        group = self.create()
        resp = self.request('PUT', GROUPS + '/' + group['id'], {
            'security_group': {'name': 'www', 'description': 'web'}})
        self.assertEqual(200, resp.status, resp.body)
        jsonschema.validate(resp.json,
                            schemas.update_security_group['response_body'])
        self.assertEqual(('www', 'web'), (
            resp.json['security_group']['name'],
            resp.json['security_group']['description']))
        self.assertEqual('www', self.group(group['id'])['name'])
        # Both fields are required.
        self.assertFault(self.request('PUT', GROUPS + '/' + group['id'], {
            'security_group': {'name': 'x'}}), 400)

    def test_default_is_not_renamed_nor_named(self):
        default = self.get(GROUPS).json['security_groups'][0]
        resp = self.request('PUT', GROUPS + '/' + default['id'], {
            'security_group': {'name': 'x', 'description': 'y'}})
        self.assertFault(resp, 400,
                         'Updating default security group not allowed.')
        resp = self.request('PUT', GROUPS + '/' + default['id'], {
            'security_group': {'name': 'default', 'description': 'y'}})
        self.assertFault(resp, 400, 'Default security group already exists.')
        group = self.create()
        resp = self.request('PUT', GROUPS + '/' + group['id'], {
            'security_group': {'name': 'DEFAULT', 'description': 'y'}})
        self.assertFault(resp, 400, 'Default security group already exists.')
        self.assertEqual('web', self.group(group['id'])['name'])

    def test_delete(self):
        group = self.create()
        resp = self.request('DELETE', GROUPS + '/' + group['id'])
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(b'', resp.body)
        self.assertFault(self.get(GROUPS + '/' + group['id']), 404)

    def test_default_needs_an_admin_to_delete(self):
        default = self.get(GROUPS).json['security_groups'][0]
        resp = self.request('DELETE', GROUPS + '/' + default['id'])
        self.assertFault(
            resp, 400,
            'Insufficient rights for removing default security group.')
        resp = self.request('DELETE', GROUPS + '/' + default['id'],
                            token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        # Neutron makes it again on next use.
        self.assertEqual(['default'], [
            g['name'] for g in self.get(GROUPS).json['security_groups']])

    def test_group_in_use(self):
        group = self.create()
        server = self.create_server(security_groups=[{'name': 'web'}])
        resp = self.request('DELETE', GROUPS + '/' + group['id'])
        self.assertFault(resp, 400, 'Security Group %s in use.'
                         % group['id'])
        self.assertEqual(202, self.action(server, {
            'removeSecurityGroup': {'name': 'web'}}).status)
        self.assertEqual(202, self.request(
            'DELETE', GROUPS + '/' + group['id']).status)

    def test_renamed_group_stays_on_its_servers(self):
        group = self.create()
        server = self.create_server(security_groups=[{'name': 'web'}])
        self.request('PUT', GROUPS + '/' + group['id'], {
            'security_group': {'name': 'www', 'description': ''}})
        names = [g['name'] for g in self.show(server)['security_groups']]
        self.assertEqual(['www'], names)
        listed = self.get('/v2.1/servers/%s/os-security-groups' % server)
        self.assertEqual(['www'], [
            g['name'] for g in listed.json['security_groups']])

    def test_servers_use_created_groups(self):
        self.create(name='db')
        server = self.create_server(security_groups=[{'name': 'db'}])
        self.assertIn({'name': 'db'}, self.show(server)['security_groups'])
        self.create(name='cache')
        self.assertEqual(202, self.action(server, {
            'addSecurityGroup': {'name': 'cache'}}).status)
        listed = self.get('/v2.1/servers/%s/os-security-groups' % server)
        self.assertEqual(['cache', 'db'], [
            g['name'] for g in listed.json['security_groups']])

    def test_group_given_by_id_shows_its_name(self):
        group = self.create(name='db')
        server = self.create_server(security_groups=[{'name': group['id']}])
        self.assertEqual([{'name': 'db'}],
                         self.show(server)['security_groups'])
        resp = self.request('DELETE', GROUPS + '/' + group['id'])
        self.assertFault(resp, 400, 'Security Group %s in use.'
                         % group['id'])

    def test_server_without_ports_does_not_use_its_groups(self):
        group = self.create()
        resp = self.post('/v2.1/servers', {'server': {
            'name': 'x', 'imageRef': base.IMAGE, 'flavorRef': '1',
            'networks': 'none', 'security_groups': [{'name': 'web'}]}},
            version='2.37')
        self.assertEqual(202, resp.status, resp.body)
        resp = self.request('DELETE', GROUPS + '/' + group['id'])
        self.assertEqual(202, resp.status, resp.body)

    def test_server_without_ports_takes_no_group(self):
        self.create()
        resp = self.post('/v2.1/servers', {'server': {
            'name': 'x', 'imageRef': base.IMAGE, 'flavorRef': '1',
            'networks': 'none'}}, version='2.37')
        server = resp.json['server']['id']
        message = ('instance_id %s could not be found as device id on any '
                   'ports' % server)
        for action in ('addSecurityGroup', 'removeSecurityGroup'):
            self.assertFault(self.action(server, {action: {'name': 'web'}}),
                             404, message)
        # The group is looked up first.
        self.assertFault(self.action(server, {'addSecurityGroup': {
            'name': 'nope'}}), 404,
            'Security group nope is not found for project %s'
            % base.OWNER_PROJECT)

    def test_list_offset_limit_then_sorted(self):
        self.get(GROUPS)
        for name in ('c', 'a', 'b'):
            self.create(name=name)
        resp = self.get(GROUPS, query='offset=1&limit=2')
        # Creation order cut (a, c... default first), then sorted.
        self.assertEqual(['a', 'c'], [
            g['name'] for g in resp.json['security_groups']])
        self.assertEqual(4, len(self.get(GROUPS, query='limit=0').json[
            'security_groups']))
        for query in ('limit=-1', 'offset=x', 'limit=1&limit=y'):
            self.assertFault(self.get(GROUPS, query=query), 400)

    def test_projects_are_isolated(self):
        group = self.create()
        path = GROUPS + '/' + group['id']
        self.assertEqual(['default'], [
            g['name'] for g in self.get(GROUPS, token=ALT).json[
                'security_groups']])
        self.assertEqual(['default'], [g['name'] for g in self.get(
            GROUPS, query='all_tenants=1', token=ALT).json[
                'security_groups']])
        missing = 'Security group %s does not exist' % group['id']
        for method, body in (('GET', None), ('DELETE', None),
                             ('PUT', {'security_group': {
                                 'name': 'x', 'description': 'y'}})):
            self.assertFault(self.request(method, path, body, token=ALT),
                             404, missing)
        self.assertEqual('web', self.group(group['id'])['name'])
        alt_server = self.create_server(token=ALT)
        self.assertFault(self.action(alt_server, {
            'addSecurityGroup': {'name': 'web'}}, token=ALT), 404)
        resp = self.post('/v2.1/servers', {'server': {
            'name': 'x', 'imageRef': base.IMAGE, 'flavorRef': '1',
            'security_groups': [{'name': 'web'}]}}, token=ALT)
        self.assertFault(resp, 400)

    def test_admin_sees_all_with_all_tenants(self):
        self.create()
        self.create(name='alt-web', token=ALT)
        names = [g['name'] for g in self.get(
            GROUPS, query='all_tenants=1', token=ADMIN).json[
                'security_groups']]
        self.assertIn('web', names)
        self.assertIn('alt-web', names)
        self.assertNotIn('web', [g['name'] for g in self.get(
            GROUPS, token=ADMIN).json['security_groups']])

    def test_removed_at_236(self):
        group = self.create()
        for method, path, body in (
                ('GET', GROUPS, None),
                ('POST', GROUPS, {'security_group': {
                    'name': 'x', 'description': ''}}),
                ('GET', GROUPS + '/' + group['id'], None),
                ('PUT', GROUPS + '/' + group['id'], {'security_group': {
                    'name': 'x', 'description': ''}}),
                ('DELETE', GROUPS + '/' + group['id'], None),
                ('POST', RULES, {'security_group_rule': {
                    'parent_group_id': group['id'], 'ip_protocol': 'tcp',
                    'from_port': 1, 'to_port': 2}}),
                ('DELETE', RULES + '/' + MISSING, None)):
            self.assertFault(self.request(method, path, body,
                                          version='2.36'), 404, NOT_FOUND)
        self.assertEqual(('web', []), (self.group(group['id'])['name'],
                                       self.group(group['id'])['rules']))
        # A server's groups are served at any microversion.
        server = self.create_server()
        self.assertEqual(200, self.get(
            '/v2.1/servers/%s/os-security-groups' % server,
            version='latest').status)

    def test_server_groups_strict_query_from_2_102(self):
        server = self.create_server()
        path = '/v2.1/servers/%s/os-security-groups' % server
        self.assertEqual(200, self.get(path, query='x=1',
                                       version='2.101').status)
        self.assertFault(self.get(path, query='x=1', version='2.102'), 400)

    def test_policy(self):
        group = self.create()
        for rule, method, path, body in (
                ('get', 'GET', GROUPS, None),
                ('show', 'GET', GROUPS + '/' + group['id'], None),
                ('create', 'POST', GROUPS, {'security_group': {
                    'name': 'x', 'description': ''}}),
                ('update', 'PUT', GROUPS + '/' + group['id'], {
                    'security_group': {'name': 'x', 'description': ''}}),
                ('delete', 'DELETE', GROUPS + '/' + group['id'], None),
                ('rule:create', 'POST', RULES, {'security_group_rule': {
                    'parent_group_id': group['id'], 'ip_protocol': 'tcp',
                    'from_port': 1, 'to_port': 2}}),
                ('rule:delete', 'DELETE', RULES + '/' + MISSING, None)):
            name = 'os_compute_api:os-security-groups:' + rule
            self.cloud.set_policy({name: '!'})
            self.assertFault(self.request(method, path, body), 403,
                             "Policy doesn't allow %s to be performed."
                             % name)
            self.cloud.clear_policy()
        self.assertEqual(('web', []), (self.group(group['id'])['name'],
                                       self.group(group['id'])['rules']))


class RulesTest(SecurityGroupTestCase):

    def setUp(self):
        super().setUp()
        self.web = self.create()['id']

    def rules(self, group_id=None):
        return self.group(group_id or self.web)['rules']

    def test_cidr_rule(self):
        resp = self.add_rule(self.web, ip_protocol='tcp', from_port=22,
                             to_port='22', cidr='10.0.0.0/8')
        jsonschema.validate(resp.json,
                            schemas.create_security_group_rule[
                                'response_body'])
        rule = resp.json['security_group_rule']
        self.assertEqual({'id': rule['id'], 'parent_group_id': self.web,
                          'ip_protocol': 'tcp', 'from_port': 22,
                          'to_port': 22, 'group': {},
                          'ip_range': {'cidr': '10.0.0.0/8'}}, rule)
        self.assertEqual([rule], self.rules())

    def test_cidr_is_kept_as_given(self):
        # Neutron keeps the prefix given (and compares normalised ones).
        rule = self.add_rule(self.web, ip_protocol='tcp', from_port=1,
                             to_port=2, cidr='10.2.3.124/24').json[
            'security_group_rule']
        self.assertEqual({'cidr': '10.2.3.124/24'}, rule['ip_range'])
        self.assertEqual({'cidr': '10.2.3.124/24'},
                         self.rules()[0]['ip_range'])

    def test_defaults_of_a_cidr_rule(self):
        rule = self.add_rule(self.web, ip_protocol='ICMP', from_port=-1,
                             to_port=-1).json['security_group_rule']
        self.assertEqual(('icmp', -1, -1, {'cidr': '0.0.0.0/0'}), (
            rule['ip_protocol'], rule['from_port'], rule['to_port'],
            rule['ip_range']))
        rule = self.add_rule(self.web, ip_protocol='udp', from_port=53,
                             to_port=53, cidr='::/0').json[
            'security_group_rule']
        self.assertEqual({'cidr': '::/0'}, rule['ip_range'])

    def test_group_rule(self):
        db = self.create(name='db')['id']
        rule = self.add_rule(self.web, group_id=db, ip_protocol='tcp').json[
            'security_group_rule']
        self.assertEqual(('tcp', 1, 65535, {}, {
            'name': 'db', 'tenant_id': base.OWNER_PROJECT}), (
            rule['ip_protocol'], rule['from_port'], rule['to_port'],
            rule['ip_range'], rule['group']))
        rule = self.add_rule(self.web, group_id=db, ip_protocol='icmp').json[
            'security_group_rule']
        self.assertEqual((-1, -1), (rule['from_port'], rule['to_port']))
        rule = self.add_rule(self.web, group_id=db).json[
            'security_group_rule']
        self.assertEqual((None, None, None), (
            rule['ip_protocol'], rule['from_port'], rule['to_port']))
        # Deleting the remote group drops its rules, as Neutron does.
        self.request('DELETE', GROUPS + '/' + db)
        self.assertEqual([], self.rules())

    def test_rule_validation_messages(self):
        bad = 'Invalid port range %s:%s. %s'
        for rule, message in (
                ({'ip_protocol': 'tcp', 'from_port': 'a', 'to_port': 2},
                 'Invalid input received: To and From ports must be '
                 'integers'),
                ({'ip_protocol': 'icmp', 'from_port': 'a', 'to_port': 2},
                 'Invalid input received: Type and Code must be integers '
                 'for ICMP protocol type'),
                ({'ip_protocol': 'tcp', 'from_port': [1], 'to_port': 2},
                 'Invalid input received: To and From ports must be '
                 'integers'),
                ({'ip_protocol': 'gre', 'from_port': 1, 'to_port': 2},
                 'Invalid IP protocol gre.'),
                ({'ip_protocol': 'tcp', 'from_port': 20, 'to_port': 10},
                 bad % (20, 10,
                        'Former value cannot be greater than the later')),
                ({'ip_protocol': 'udp', 'from_port': 0, 'to_port': 10},
                 bad % (0, 10, 'Valid UDP ports should be between 1-65535')),
                ({'ip_protocol': 'TCP', 'from_port': 1, 'to_port': 65536},
                 bad % (1, 65536,
                        'Valid TCP ports should be between 1-65535')),
                ({'ip_protocol': 'icmp', 'from_port': 256, 'to_port': 0},
                 bad % (256, 0, 'For ICMP, the type:code must be valid')),
                ({'ip_protocol': 'tcp', 'from_port': 1},
                 'Not enough parameters to build a valid rule.'),
                ({'from_port': 1, 'to_port': 2},
                 'Not enough parameters to build a valid rule.'),
                ({'ip_protocol': 'tcp', 'from_port': 1, 'to_port': 2,
                  'cidr': '10.0.0.1'},
                 '10.0.0.1 is not a valid IP network.'),
                ({'ip_protocol': 'tcp', 'from_port': 1, 'to_port': 2,
                  'cidr': 'x/8'}, 'x/8 is not a valid IP network.'),
                ({'ip_protocol': 'tcp', 'from_port': 1, 'to_port': 2,
                  'cidr': '10.0.0.0/0'},
                 'Bad prefix for network in cidr 10.0.0.0/0'),
                ({'ip_protocol': 'icmp', 'from_port': -1, 'to_port': 3},
                 'ICMP code (port-range-max) 3 is provided but ICMP type '
                 '(port-range-min) is missing.')):
            resp = self.add_rule(self.web, status=400, **rule)
            self.assertFault(resp, 400, message)
        self.assertEqual([], self.rules())

    def test_schema_errors(self):
        for body in ({}, {'security_group_rule': {}},
                     {'security_group_rule': {'parent_group_id': 'x'}},
                     {'security_group_rule': {'parent_group_id': self.web,
                                              'group_id': 'x'}}):
            self.assertFault(self.post(RULES, body), 400)

    def test_unknown_groups(self):
        self.assertFault(self.add_rule(
            MISSING, status=404, ip_protocol='tcp', from_port=1, to_port=2),
            404, 'Security group %s does not exist' % MISSING)
        self.assertFault(self.add_rule(
            self.web, status=404, group_id=MISSING, ip_protocol='tcp'),
            404, 'Security group %s does not exist' % MISSING)

    def test_duplicates(self):
        spec = {'ip_protocol': 'tcp', 'from_port': 80, 'to_port': 80,
                'cidr': '10.0.0.0/24'}
        self.add_rule(self.web, **spec)
        # Nova sees the same rule: 400.
        self.assertFault(self.add_rule(self.web, status=400, **spec), 400,
                         'This rule already exists in group %s' % self.web)
        # Neutron sees it once it normalises the cidr: its 409, Nova's 403.
        first = self.rules()[0]['id']
        self.assertEqual({'cidr': '10.0.0.0/24'}, self.rules()[0]['ip_range'])
        resp = self.add_rule(self.web, status=403,
                             **dict(spec, cidr='10.0.0.5/24'))
        self.assertFault(resp, 403, 'Security group rule already exists. '
                         'Rule id is %s.' % first)
        # A group rule escapes Nova's check, never Neutron's.
        db = self.create(name='db')['id']
        rule = self.add_rule(self.web, group_id=db, ip_protocol='udp').json
        resp = self.add_rule(self.web, status=403, group_id=db,
                             ip_protocol='udp')
        self.assertFault(resp, 403, 'Security group rule already exists. '
                         'Rule id is %s.' % rule['security_group_rule']['id'])
        self.assertEqual(2, len(self.rules()))

    def test_rule_quota(self):
        used = sum(len(g.rules) for g in self.store.security_groups.values()
                   if g.project_id == base.OWNER_PROJECT)
        for port in range(1, sg_model.MAX_RULES - used + 1):
            self.add_rule(self.web, ip_protocol='tcp', from_port=port,
                          to_port=port)
        resp = self.add_rule(self.web, status=403, ip_protocol='udp',
                             from_port=1, to_port=1)
        self.assertFault(resp, 403, "Quota exceeded for resources: "
                         "['security_group_rule'].")

    def test_delete_rule(self):
        rule = self.add_rule(self.web, ip_protocol='tcp', from_port=1,
                             to_port=2).json['security_group_rule']
        self.assertFault(self.request('DELETE', RULES + '/x'), 400,
                         'Security group id should be uuid')
        self.assertFault(self.request('DELETE', RULES + '/' + rule['id'],
                                      token=ALT), 404,
                         'Security group rule %s does not exist'
                         % rule['id'])
        self.assertEqual(1, len(self.rules()))
        resp = self.request('DELETE', RULES + '/' + rule['id'])
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual([], self.rules())
        self.assertFault(self.request('DELETE', RULES + '/' + rule['id']),
                         404)

    def test_other_projects_groups_are_not_found(self):
        alt = self.create(name='alt-web', token=ALT)['id']
        self.add_rule(alt, token=OWNER, status=404, ip_protocol='tcp',
                      from_port=1, to_port=2)
        self.add_rule(self.web, status=404, group_id=alt, ip_protocol='tcp')
        self.assertEqual([], self.rules())
        self.assertEqual([], self.group(alt, token=ALT)['rules'])
        # An admin reaches any project's group.
        self.add_rule(alt, token=ADMIN, ip_protocol='tcp', from_port=1,
                      to_port=2)
        self.assertEqual(1, len(self.group(alt, token=ALT)['rules']))


class SeedTest(base.APITestCase):

    def test_seeded_rules_show(self):
        from fakenova.compute import seeding
        group = seeding.add_security_group(
            self.store, 'ssh', base.OWNER_PROJECT, rules=[
                {'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22,
                 'cidr': '10.0.0.0/8'}])
        rules = self.get(GROUPS + '/' + group.id).json['security_group'][
            'rules']
        self.assertEqual([('tcp', 22, 22, {'cidr': '10.0.0.0/8'})], [
            (r['ip_protocol'], r['from_port'], r['to_port'],
             r['ip_range']) for r in rules])
        self.assertEqual([{'id': rules[0]['id'], 'ip_protocol': 'tcp',
                           'from_port': 22, 'to_port': 22,
                           'cidr': '10.0.0.0/8', 'group_id': None}],
                         seeding.security_group_dict(group)['rules'])

    def test_bad_seeded_rule_is_a_value_error(self):
        from fakenova.compute import seeding
        before = len(self.store.security_groups)
        for rule in ({'ip_protocol': 'tcp', 'from_port': 2, 'to_port': 1},
                     {'ip_protocol': 'tcp', 'from_port': 1, 'to_port': 2,
                      'cidr': 'x'},
                     {'ip_protocol': 'tcp'}):
            self.assertRaises(ValueError, seeding.add_security_group,
                              self.store, 'bad', base.OWNER_PROJECT,
                              rules=[rule])
        self.assertEqual(before, len(self.store.security_groups))


class ControlSeedTest(test_control.ControlTestCase):

    def test_control_api_adds_rules(self):
        resp = self.control('POST', '/security-groups', {
            'name': 'ssh', 'project': 'demo', 'rules': [
                {'ip_protocol': 'icmp', 'from_port': -1, 'to_port': -1}]})
        self.assertEqual(201, resp.status, resp.body)
        self.assertEqual([('icmp', -1, -1, '0.0.0.0/0')], [
            (r['ip_protocol'], r['from_port'], r['to_port'], r['cidr'])
            for r in resp.json['security_group']['rules']])
        before = len(self.cloud.store.security_groups)
        resp = self.control('POST', '/security-groups', {
            'name': 'bad', 'project': 'demo', 'rules': [
                {'ip_protocol': 'gre', 'from_port': 1, 'to_port': 2}]})
        self.assertEqual(400, resp.status, resp.body)
        self.assertEqual(before, len(self.cloud.store.security_groups))
