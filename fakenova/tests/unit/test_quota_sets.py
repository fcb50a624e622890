"""/os-quota-sets/{id}, /defaults and /detail: a project's quotas, read.

The expected bodies are the ones Nova 34 answered for the same requests
(with Nova's default limits; changing them: test_quotas).
"""

import os

import jsonschema
from tempest.lib.api_schema.response.compute.v2_1 import quotas as v21
from tempest.lib.api_schema.response.compute.v2_36 import quotas as v236
from tempest.lib.api_schema.response.compute.v2_57 import quotas as v257

from fakenova.compute import quotas
from fakenova import policy_matrix
from fakenova.tests.unit import base
from fakenova.tests.unit import test_security

ADMIN = base.ADMIN
OWNER = base.OWNER
ALT = base.ALT
PROJECT = base.OWNER_PROJECT
ALT_PROJECT = '9f8e7d6c'
PATH = '/v2.1/os-quota-sets/'
POLICY = ("Policy doesn't allow os_compute_api:os-quota-sets:%s to be "
          "performed.")

# Nova 34's limits at 2.57 and later.
LIMITS_V257 = {'cores': 20, 'instances': 10, 'key_pairs': 100,
               'metadata_items': 128, 'ram': 51200,
               'server_group_members': 10, 'server_groups': 10}
# 2.36 to 2.56: and the injected files.
LIMITS_V236 = dict(LIMITS_V257, injected_files=5,
                   injected_file_content_bytes=10240,
                   injected_file_path_bytes=255)
# 2.1 to 2.35: and the nova-network limits, unlimited.
LIMITS_V21 = dict(LIMITS_V236, fixed_ips=-1, floating_ips=-1,
                  security_groups=-1, security_group_rules=-1)

# (microversion, limits it shows, tempest's schemas for it)
VERSIONS = (
    ('2.1', LIMITS_V21, v21),
    ('2.35', LIMITS_V21, v21),
    ('2.36', LIMITS_V236, v236),
    ('2.56', LIMITS_V236, v236),
    ('2.57', LIMITS_V257, v257),
    ('latest', LIMITS_V257, v257),
)


class QuotaTestCase(base.APITestCase):

    def read(self, what='', project=PROJECT, token=OWNER, version=None,
             query=None, status=200):
        resp = self.get(PATH + project + what, token=token, version=version,
                        query=query)
        self.assertEqual(status, resp.status, resp.body)
        return resp

    def in_use(self, project=PROJECT, token=OWNER, query=None):
        """{resource: in_use} of the resources with some usage."""
        body = self.read('/detail', project, token, 'latest', query)
        return {name: value['in_use']
                for name, value in body.json['quota_set'].items()
                if name != 'id' and value['in_use']}


class BodiesTest(QuotaTestCase):

    def validate(self, schema, resp):
        self.assertIn(resp.status, schema['status_code'])
        jsonschema.validate(resp.json, schema['response_body'])

    def test_show_and_defaults_per_microversion(self):
        for version, limits, schemas in VERSIONS:
            for what in ('', '/defaults'):
                resp = self.read(what, version=version)
                self.assertEqual({'quota_set': dict(limits, id=PROJECT)},
                                 resp.json, (version, what))
                self.validate(schemas.get_quota_set, resp)
        # The id first, then the resources by name, as Nova lists them.
        keys = list(self.read(version='2.1').json['quota_set'])
        self.assertEqual(['id'] + sorted(LIMITS_V21), keys)

    def test_detail_per_microversion(self):
        for version, limits, schemas in VERSIONS:
            resp = self.read('/detail', version=version)
            expected = {name: {'in_use': 0, 'limit': limit, 'reserved': 0}
                        for name, limit in limits.items()}
            self.assertEqual({'quota_set': dict(expected, id=PROJECT)},
                             resp.json, version)
            self.validate(schemas.get_quota_set_details, resp)

    def test_limits_are_the_ones_the_model_enforces(self):
        from fakenova.compute import metadata
        from fakenova.compute import server_groups
        self.assertEqual(LIMITS_V21, quotas.defaults())
        self.assertEqual(128, metadata.METADATA_ITEMS)
        self.assertEqual(10, server_groups.MAX_GROUPS)
        self.assertEqual(10, server_groups.MAX_MEMBERS)

    def test_routes(self):
        # Under the legacy project prefix too; nothing without a project.
        resp = self.get('/v2.1/%s/os-quota-sets/%s/detail' % (
            PROJECT, PROJECT))
        self.assertEqual(200, resp.status, resp.body)
        for path in ('/v2.1/os-quota-sets', '/v2.1/os-quota-sets/'):
            resp = self.get(path)
            self.assertEqual(404, resp.status)
            self.assertIsNone(resp.json)


class UsageTest(QuotaTestCase):

    def server(self, flavor='1', token=OWNER, **extra):
        return self.create_server(token=token, flavorRef=flavor, **extra)

    def delete(self, server_id, token=OWNER):
        resp = self.request('DELETE', '/v2.1/servers/%s' % server_id,
                            token=token)
        self.assertEqual(204, resp.status, resp.body)

    def boot(self, group):
        resp = self.post('/v2.1/servers', {
            'server': {'name': 'vm', 'imageRef': base.IMAGE,
                       'flavorRef': '1'},
            'os:scheduler_hints': {'group': group}})
        self.assertEqual(202, resp.status, resp.body)
        return resp.json['server']['id']

    def group(self, policy, token=OWNER):
        resp = self.post('/v2.1/os-server-groups', {'server_group': {
            'name': 'g', 'policies': [policy]}}, token=token)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['server_group']['id']

    def act(self, server_id, body, token=OWNER, status=202):
        resp = self.action(server_id, body, token=token)
        self.assertEqual(status, resp.status, resp.body)

    def test_servers_count_with_their_flavors(self):
        self.assertEqual({}, self.in_use())
        first = self.server('1')
        self.assertEqual({'instances': 1, 'cores': 1, 'ram': 512},
                         self.in_use())
        self.server('3')
        self.assertEqual({'instances': 2, 'cores': 3, 'ram': 4608},
                         self.in_use())
        # Another user's server counts in the project; another project's
        # does not.
        self.server('2', token=base.OTHER_USER_SAME_PROJECT)
        self.server('5', token=ALT)
        self.assertEqual({'instances': 3, 'cores': 4, 'ram': 6656},
                         self.in_use())
        self.assertEqual({'instances': 1, 'cores': 8, 'ram': 16384},
                         self.in_use(ALT_PROJECT, ALT))
        self.delete(first)
        self.assertEqual({'instances': 2, 'cores': 3, 'ram': 6144},
                         self.in_use())
        # show gives the limits only, whatever is used.
        self.assertEqual(dict(LIMITS_V257, id=PROJECT),
                         self.read(version='latest').json['quota_set'])

    def test_user_id_counts_one_user(self):
        self.server('1')
        self.server('3')
        self.server('2', token=base.OTHER_USER_SAME_PROJECT)
        self.group('affinity', token=base.OTHER_USER_SAME_PROJECT)
        self.assertEqual({'instances': 2, 'cores': 3, 'ram': 4608},
                         self.in_use(query='user_id=owner'))
        self.assertEqual({'instances': 1, 'cores': 1, 'ram': 2048,
                          'server_groups': 1},
                         self.in_use(query='user_id=colleague'))
        self.assertEqual({}, self.in_use(query='user_id=nobody'))
        # As Nova reads it: detail takes the last value, and a blank one
        # is no user.
        self.assertEqual({'instances': 1, 'cores': 1, 'ram': 2048,
                          'server_groups': 1},
                         self.in_use(query='user_id=owner&user_id=colleague'))
        self.assertEqual(4, self.in_use(query='user_id=')['cores'])
        # The limits stay the project's.
        self.assertEqual(dict(LIMITS_V257, id=PROJECT), self.read(
            version='latest', query='user_id=owner').json['quota_set'])

    def test_what_counts_as_nova_counts_it(self):
        resized = self.server('1')
        self.act(resized, {'resize': {'flavorRef': '3'}})
        # Waiting for its confirmation: the new flavor counts.
        self.assertEqual('VERIFY_RESIZE', self.show(resized)['status'])
        self.assertEqual({'instances': 1, 'cores': 2, 'ram': 4096},
                         self.in_use())
        self.act(resized, {'revertResize': None})
        self.assertEqual({'instances': 1, 'cores': 1, 'ram': 512},
                         self.in_use())
        # Shelved and offloaded (at once, by default), or stopped: still
        # counted.
        shelved = self.server('2')
        self.act(shelved, {'shelve': None})
        self.assertEqual('SHELVED_OFFLOADED', self.show(shelved)['status'])
        self.act(resized, {'os-stop': None})
        self.assertEqual({'instances': 2, 'cores': 2, 'ram': 2560},
                         self.in_use())
        # Soft-deleted: not counted, until restored.
        self.store.reclaim_instance_interval = 60
        self.delete(shelved)
        self.assertEqual('SOFT_DELETED', self.show(shelved)['status'])
        self.assertEqual({'instances': 1, 'cores': 1, 'ram': 512},
                         self.in_use())
        self.act(shelved, {'restore': None})
        self.assertEqual(2, self.in_use()['instances'])

    def test_a_failed_server_counts_and_a_deleting_one_until_deleted(self):
        group = self.group('anti-affinity')
        ids = [self.boot(group) for _ in range(3)]
        # Two hosts: the third member finds none.
        self.assertEqual('ERROR', self.show(ids[2])['status'])
        self.assertEqual({'instances': 3, 'cores': 3, 'ram': 1536,
                          'server_groups': 1}, self.in_use())
        self.store.pacing = 'manual'
        self.delete(ids[0])
        self.assertEqual('deleting',
                         self.show(ids[0])['OS-EXT-STS:task_state'])
        self.assertEqual(3, self.in_use()['instances'])
        self.store.complete(ids[0])
        self.assertEqual(2, self.in_use()['instances'])

    def test_key_pairs_and_members_show_no_usage(self):
        from fakenova.tests.unit import keys
        keys.add(self.store, 'key1', user_id='owner')
        self.boot(self.group('affinity'))
        self.group('affinity', token=ALT)
        # Nova counts key pairs and group members per user when they are
        # created; its usage report shows 0 for both, user or not.
        for query in (None, 'user_id=owner'):
            detail = self.read('/detail', version='2.1',
                               query=query).json['quota_set']
            self.assertEqual({'in_use': 0, 'limit': 100, 'reserved': 0},
                             detail['key_pairs'])
            self.assertEqual({'in_use': 0, 'limit': 10, 'reserved': 0},
                             detail['server_group_members'])
            self.assertEqual({'in_use': 1, 'limit': 10, 'reserved': 0},
                             detail['server_groups'])
            for name in ('metadata_items', 'injected_files', 'fixed_ips',
                         'security_groups'):
                self.assertEqual(0, detail[name]['in_use'], name)


class AccessTest(QuotaTestCase):

    def test_member_reads_its_project_and_no_other(self):
        self.create_server(token=ALT)
        for what in ('', '/detail'):
            self.read(what)
            resp = self.read(what, ALT_PROJECT, status=403)
            self.assertFault(resp, 403, POLICY % (what[1:] or 'show'))
            self.assertNotIn(b'in_use', resp.body)
            self.assertFault(self.read(what, 'nope', status=403), 403)
        # Anyone reads the defaults of any project.
        resp = self.read('/defaults', ALT_PROJECT, version='2.57')
        self.assertEqual({'quota_set': dict(LIMITS_V257, id=ALT_PROJECT)},
                         resp.json)

    def test_admin_reads_any_project(self):
        self.create_server(token=ALT, flavorRef='4')
        self.assertEqual({'instances': 1, 'cores': 4, 'ram': 8192},
                         self.in_use(ALT_PROJECT, ADMIN))
        resp = self.read('', ALT_PROJECT, ADMIN, '2.1')
        self.assertEqual(dict(LIMITS_V21, id=ALT_PROJECT),
                         resp.json['quota_set'])
        # Behind noauth2 there is no identity service to ask whether the
        # project exists: Nova, unable to ask keystone, lets it through.
        self.assertEqual({}, self.in_use('nope', ADMIN))

    def test_policy_rules_and_targets(self):
        rules = ('show', 'defaults', 'detail')
        self.cloud.set_policy({'os_compute_api:os-quota-sets:' + rule: '!'
                               for rule in rules})
        for rule in rules:
            what = '' if rule == 'show' else '/' + rule
            self.assertFault(self.read(what, token=ADMIN, status=403), 403,
                             POLICY % rule)
        # The target is the URL's project, not the caller's.
        self.cloud.set_policy({
            'os_compute_api:os-quota-sets:' + rule:
                'project_id:%(project_id)s' for rule in rules})
        for rule in rules:
            what = '' if rule == 'show' else '/' + rule
            self.read(what, token=OWNER)
            self.read(what, token=ADMIN, status=403)

    def test_policy_matrix(self):
        cases = [c for c in policy_matrix.all_cases()
                 if c.label.startswith('GET /os-quota-sets')]
        self.assertEqual(3, len(cases))
        default = policy_matrix.matrix('default', cases=cases)
        rbac = policy_matrix.matrix(os.path.join(
            base.REPO, 'etc', 'policy-rbac.yaml'), cases=cases)
        show = 'GET /os-quota-sets/{id}'
        detail, defaults = show + '/detail', show + '/defaults'
        for matrix in (default, rbac):
            for label in (show, detail):
                self.assertEqual('forbidden', matrix[label]['other-project'])
                self.assertEqual('allowed', matrix[label]['admin'])
                self.assertEqual('allowed', matrix[label]['reader'])
            self.assertEqual({'allowed'}, set(matrix[defaults].values()))
        self.assertEqual('allowed', default[show]['no-role'])
        self.assertEqual('forbidden', rbac[show]['no-role'])
        self.assertEqual('forbidden', rbac[detail]['no-role'])


class QueryTest(QuotaTestCase):

    def test_unknown_parameters(self):
        # Ignored until 2.74, a 400 from 2.75 (before the policy check).
        for what in ('', '/detail'):
            self.read(what, version='2.74', query='foo=1')
            for project in (PROJECT, ALT_PROJECT):
                resp = self.read(what, project, version='2.75',
                                 query='foo=1&user_id=x', status=400)
                self.assertFault(resp, 400, "Additional properties are not "
                                 "allowed ('foo' was unexpected)")
            resp = self.read(what, version='latest', query='b=1&a=2',
                             status=400)
            self.assertFault(resp, 400, "Additional properties are not "
                             "allowed ('a', 'b' were unexpected)")
        # The defaults take anything, at every microversion.
        resp = self.read('/defaults', ALT_PROJECT, version='latest',
                         query='foo=1&user_id=x')
        self.assertEqual(dict(LIMITS_V257, id=ALT_PROJECT),
                         resp.json['quota_set'])

    def test_query_not_utf8(self):
        for what in ('', '/detail', '/defaults'):
            resp = self.read(what, query='user_id=%FF', status=400)
            self.assertFault(resp, 400, 'Query string is not UTF-8 encoded')


class IdentityTest(test_security.DemoCloudTestCase):
    """The standalone cloud: Nova asks keystone whether a project exists."""

    def read(self, project, token, what=''):
        return self.send('GET', '/v2.1/os-quota-sets/%s%s' % (project, what),
                         token=token, version='2.57')

    def test_unknown_project(self):
        demo = self.cloud.store.servers[self.server_named('demo-web')]
        # An admin is told the project does not exist (keystone's 404).
        for what in ('', '/defaults', '/detail'):
            self.assertNova(400, self.read('nope', self.admin, what),
                            'Project ID nope is not a valid project.')
            resp = self.read(demo.project_id, self.admin, what)
            self.assertEqual(200, resp.status, resp.body)
        detail = self.read(demo.project_id, self.admin, '/detail').json
        self.assertGreater(detail['quota_set']['instances']['in_use'], 0)
        # Anyone else gets keystone's 403 for another project, which Nova
        # takes as a yes: the defaults of any project, existing or not.
        for project in ('nope', demo.project_id):
            resp = self.read(project, self.alt, '/defaults')
            self.assertEqual(200, resp.status, resp.body)
            self.assertEqual(dict(LIMITS_V257, id=project),
                             resp.json['quota_set'])
            self.assertNova(403, self.read(project, self.alt),
                            POLICY % 'show')
