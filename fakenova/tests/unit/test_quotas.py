"""Quotas changed and enforced: PUT/DELETE /os-quota-sets, the quota
classes, GET /limits, and Nova's 403s when a limit is reached.

Messages and codes are Nova 34's (its compute API, quota driver and
controllers); bodies are checked against tempest's response schemas.
"""

import os

import jsonschema
from tempest.lib.api_schema.response.compute.v2_1 import limits as lim21
from tempest.lib.api_schema.response.compute.v2_1 import quota_classes as \
    qc21
from tempest.lib.api_schema.response.compute.v2_1 import quotas as q21
from tempest.lib.api_schema.response.compute.v2_36 import limits as lim236
from tempest.lib.api_schema.response.compute.v2_36 import quotas as q236
from tempest.lib.api_schema.response.compute.v2_39 import limits as lim239
from tempest.lib.api_schema.response.compute.v2_50 import quota_classes as \
    qc250
from tempest.lib.api_schema.response.compute.v2_57 import limits as lim257
from tempest.lib.api_schema.response.compute.v2_57 import quota_classes as \
    qc257
from tempest.lib.api_schema.response.compute.v2_57 import quotas as q257

from fakenova.compute import quotas
from fakenova.compute import seeding
from fakenova.control import seed
from fakenova import policy_matrix
from fakenova.tests.unit import base
from fakenova.tests.unit import test_control
from fakenova.tests.unit import test_quota_sets as reads

ADMIN = base.ADMIN
OWNER = base.OWNER
COLLEAGUE = base.OTHER_USER_SAME_PROJECT
ALT = base.ALT
PROJECT = base.OWNER_PROJECT
ALT_PROJECT = reads.ALT_PROJECT
QS = '/v2.1/os-quota-sets/'
QCS = '/v2.1/os-quota-class-sets/'
POLICY = "Policy doesn't allow %s to be performed."
TOO_MANY = ('Quota exceeded for %s: Requested %s, but already used %s of '
            '%s %s')


def too_many(overs, req, used, allowed):
    return TOO_MANY % (overs, req, used, allowed, overs)


class QuotaCase(base.APITestCase):

    def put(self, limits, project=PROJECT, token=ADMIN, version=None,
            query=None, status=200, **extra):
        body = {'quota_set': dict(limits, **extra)}
        resp = self.request('PUT', QS + project, body, token=token,
                            version=version, query=query)
        self.assertEqual(status, resp.status, resp.body)
        return resp

    def show(self, project=PROJECT, token=ADMIN, version='latest',
             query=None):
        resp = self.get(QS + project, token=token, version=version,
                        query=query)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['quota_set']

    def boot(self, flavor='1', token=OWNER, status=202, version=None,
             **extra):
        spec = {'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': flavor}
        if version is not None:
            spec['networks'] = 'none'
        spec.update(extra)
        resp = self.post('/v2.1/servers', {'server': spec}, token=token,
                         version=version)
        self.assertEqual(status, resp.status, resp.body)
        return resp

    def limits(self, token=OWNER, version='latest', query=None, status=200):
        resp = self.get('/v2.1/limits', token=token, version=version,
                        query=query)
        self.assertEqual(status, resp.status, resp.body)
        return resp

    def validate(self, schema, resp):
        self.assertIn(resp.status, schema['status_code'])
        jsonschema.validate(resp.json, schema['response_body'])


class UpdateTest(QuotaCase):

    def test_update_per_microversion(self):
        for version, shown, schemas in (('2.1', reads.LIMITS_V21, q21),
                                        ('2.35', reads.LIMITS_V21, q21),
                                        ('2.36', reads.LIMITS_V236, q236),
                                        ('2.56', reads.LIMITS_V236, q236),
                                        ('2.57', reads.LIMITS_V257, q257)):
            resp = self.put({'cores': 7, 'ram': '1024'}, version=version)
            # No id in the answer (as Nova's v2 API).
            self.assertEqual({'quota_set': dict(shown, cores=7, ram=1024)},
                             resp.json, version)
            self.validate(schemas.update_quota_set, resp)
            self.assertEqual(7, self.show(version=version)['cores'])
        # The project's users see it; other projects do not.
        self.assertEqual(7, self.show(token=OWNER)['cores'])
        self.assertEqual(20, self.show(ALT_PROJECT)['cores'])

    def test_every_resource_and_unlimited(self):
        limits = dict(reads.LIMITS_V21)
        limits = {name: value + 5 for name, value in limits.items()}
        limits['instances'] = -1
        resp = self.put(limits, version='2.1', force=True)
        self.assertEqual(limits, resp.json['quota_set'])
        detail = self.get(QS + PROJECT + '/detail', token=ADMIN,
                          version='2.1').json['quota_set']
        self.assertEqual(-1, detail['instances']['limit'])
        # The largest value Nova's database keeps.
        self.put({'cores': 0x7FFFFFFF, 'ram': str(0x7FFFFFFF)})
        self.assertEqual(0x7FFFFFFF, self.show()['ram'])

    def test_bad_bodies(self):
        before = self.show()
        for version, body, message in (
                ('2.1', {'quota_set': {'instances': -2}},
                 'Invalid input for field/attribute instances. Value: -2. '
                 '-2 is less than the minimum of -1'),
                ('2.1', {'quota_set': {'instances': 'x'}},
                 "Invalid input for field/attribute instances. Value: x. "
                 "'x' does not match '^-?[0-9]+$'"),
                ('2.1', {'quota_set': {'ram': 2 ** 31}},
                 'Invalid input for field/attribute ram. Value: 2147483648.'
                 ' 2147483648 is greater than the maximum of 2147483647'),
                ('2.1', {'quota_set': {'instances': 1, 'foo': 2}},
                 "Invalid input for field/attribute quota_set. Value: "
                 "{'instances': 1, 'foo': 2}. Additional properties are "
                 "not allowed ('foo' was unexpected)"),
                ('2.36', {'quota_set': {'fixed_ips': 1}},
                 "Invalid input for field/attribute quota_set. Value: "
                 "{'fixed_ips': 1}. Additional properties are not allowed "
                 "('fixed_ips' was unexpected)"),
                ('2.57', {'quota_set': {'injected_files': 1}},
                 "Invalid input for field/attribute quota_set. Value: "
                 "{'injected_files': 1}. Additional properties are not "
                 "allowed ('injected_files' was unexpected)"),
                ('2.1', {'quota_set': {'instances': 1, 'force': 'maybe'}},
                 None),
                ('2.1', {'instances': 1},
                 "'quota_set' is a required property"),
                ('2.1', {'quota_set': {'instances': 1}, 'x': 1}, None)):
            resp = self.request('PUT', QS + PROJECT, body, token=ADMIN,
                                version=version)
            self.assertFault(resp, 400, message)
            self.assertEqual(before, self.show())
        # The body is checked before the rule.
        resp = self.request('PUT', QS + PROJECT, {}, token=OWNER)
        self.assertFault(resp, 400, "'quota_set' is a required property")

    def test_below_usage_refused_unless_forced(self):
        self.boot('3')  # 2 cores, 4096 MiB
        self.boot('1')
        resp = self.put({'instances': 1}, status=400)
        self.assertFault(resp, 400, 'Quota limit 1 for instances must be '
                         'greater than or equal to already used and '
                         'reserved 2.')
        # Checked in the body's order; nothing is written on a refusal.
        resp = self.put({'ram': 100000, 'cores': 2}, status=400)
        self.assertFault(resp, 400, 'Quota limit 2 for cores must be '
                         'greater than or equal to already used and '
                         'reserved 3.')
        self.assertEqual(51200, self.show()['ram'])
        # At the usage, unlimited, or forced: accepted.
        self.put({'instances': 2, 'cores': -1})
        for force in (True, 'true', 'yes', '1'):
            self.put({'instances': 0}, force=force)
            self.assertEqual(0, self.show()['instances'])
        self.put({'instances': 0}, force='false', status=400)
        # A limit no one uses: anything from 0.
        self.put({'key_pairs': 0, 'metadata_items': 0})

    def test_member_may_not(self):
        for token in (OWNER, ALT):
            resp = self.put({'instances': 1}, token=token, status=403)
            self.assertFault(resp, 403, POLICY % 'os_compute_api:'
                             'os-quota-sets:update')
            resp = self.request('DELETE', QS + PROJECT, token=token)
            self.assertFault(resp, 403, POLICY % 'os_compute_api:'
                             'os-quota-sets:delete')
        self.assertEqual(10, self.show()['instances'])

    def test_query(self):
        # Ignored until 2.74, a 400 from 2.75 (before the body's use).
        self.put({'instances': 3}, version='2.74', query='foo=1')
        resp = self.put({'instances': 4}, version='2.75', query='foo=1',
                        status=400)
        self.assertFault(resp, 400, "Additional properties are not allowed "
                         "('foo' was unexpected)")
        self.assertEqual(3, self.show()['instances'])
        resp = self.request('DELETE', QS + PROJECT, token=ADMIN,
                            version='2.75', query='foo=1')
        self.assertFault(resp, 400)
        self.assertEqual(3, self.show()['instances'])

    def test_delete_reverts_to_the_defaults(self):
        self.put({'ram': 5120, 'cores': 3})
        self.put({'ram': 2048}, query='user_id=colleague')
        resp = self.request('DELETE', QS + PROJECT, token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(b'', resp.body)
        self.assertEqual(dict(reads.LIMITS_V257, id=PROJECT), self.show())
        # The users' limits go with the project's.
        self.assertEqual(51200, self.show(query='user_id=colleague')['ram'])
        # Any project (Nova asks no one whether it exists).
        resp = self.request('DELETE', QS + 'nope', token=ADMIN)
        self.assertEqual(202, resp.status)

    def test_policy_matrix(self):
        cases = [c for c in policy_matrix.all_cases()
                 if c.label in ('PUT /os-quota-sets/{id}',
                                'DELETE /os-quota-sets/{id}',
                                'GET /os-quota-class-sets/{id}',
                                'PUT /os-quota-class-sets/{id}',
                                'GET /limits', 'GET /limits?tenant_id')]
        self.assertEqual(6, len(cases))
        default = policy_matrix.matrix('default', cases=cases)
        rbac = policy_matrix.matrix(os.path.join(
            base.REPO, 'etc', 'policy-rbac.yaml'), cases=cases)
        for matrix in (default, rbac):
            for label, row in matrix.items():
                if label == 'GET /limits':
                    self.assertEqual({'allowed'}, set(row.values()))
                    continue
                self.assertEqual('allowed', row['admin'], label)
                for persona in ('member', 'reader', 'no-role',
                                'other-project'):
                    self.assertEqual('forbidden', row[persona],
                                     (label, persona))


class UserQuotaTest(QuotaCase):

    def test_a_users_limits(self):
        self.put({'ram': 5120})
        resp = self.put({'ram': '2048'}, query='user_id=colleague')
        self.assertEqual(2048, resp.json['quota_set']['ram'])
        self.assertEqual(2048, self.show(query='user_id=colleague')['ram'])
        # Show reads the first value, detail the last one (as Nova).
        self.assertEqual(2048, self.show(
            query='user_id=colleague&user_id=owner')['ram'])
        detail = self.get(QS + PROJECT + '/detail', token=ADMIN,
                          query='user_id=owner&user_id=colleague').json
        self.assertEqual(2048, detail['quota_set']['ram']['limit'])
        # The project's limits and other users' are the project's.
        self.assertEqual(5120, self.show()['ram'])
        self.assertEqual(5120, self.show(query='user_id=owner')['ram'])
        self.assertEqual(5120, self.show(query='user_id=')['ram'])

    def test_user_limits_within_the_project(self):
        self.put({'instances': 5})
        self.put({'instances': 3}, query='user_id=colleague')
        # At most what the project has not given away (5 - 3) plus the
        # user's own.
        resp = self.put({'instances': 3}, query='user_id=owner',
                        status=400)
        self.assertFault(resp, 400, 'Quota limit 3 for instances must be '
                         'less than or equal to 2.')
        self.put({'instances': 5}, query='user_id=colleague')
        # The project cannot go below what its users were given.
        resp = self.put({'instances': 4}, status=400)
        self.assertFault(resp, 400, 'Quota limit 4 for instances must be '
                         'greater than or equal to already used and '
                         'reserved 5.')
        # Nor a user below what it uses.
        self.boot(token=COLLEAGUE)
        resp = self.put({'instances': 0}, query='user_id=colleague',
                        status=400)
        self.assertFault(resp, 400, 'Quota limit 0 for instances must be '
                         'greater than or equal to already used and '
                         'reserved 1.')
        # Delete with a user: only that user's.
        self.request('DELETE', QS + PROJECT, token=ADMIN,
                     query='user_id=colleague')
        self.assertEqual(5, self.show(query='user_id=colleague')[
            'instances'])
        self.assertEqual(5, self.show()['instances'])

    def test_a_users_limit_is_enforced(self):
        self.put({'instances': 1}, query='user_id=colleague')
        self.boot(token=COLLEAGUE)
        resp = self.boot(token=COLLEAGUE, status=403)
        self.assertFault(resp, 403, too_many('instances', '1', '1', '1'))
        # The project's other users are not limited by it.
        self.boot()
        self.boot()

    def test_network_limits_are_the_projects(self):
        self.put({'floating_ips': 7}, version='2.1',
                 query='user_id=colleague')
        self.assertEqual(7, self.show(version='2.1')['floating_ips'])


class QuotaClassTest(QuotaCase):

    def read(self, name='default', version=None, token=ADMIN, query=None):
        return self.get(QCS + name, token=token, version=version,
                        query=query)

    def write(self, limits, name='default', version=None, token=ADMIN):
        return self.request('PUT', QCS + name,
                            {'quota_class_set': limits}, token=token,
                            version=version)

    def test_show_per_microversion(self):
        groups = {'server_groups': 10, 'server_group_members': 10}
        v21 = {k: v for k, v in reads.LIMITS_V21.items() if k not in groups}
        for version, expected, schemas in (
                ('2.1', v21, qc21), ('2.49', v21, qc21),
                ('2.50', reads.LIMITS_V236, qc250),
                ('2.56', reads.LIMITS_V236, qc250),
                ('2.57', reads.LIMITS_V257, qc257),
                ('latest', reads.LIMITS_V257, qc257)):
            resp = self.read(version=version)
            self.assertEqual(
                {'quota_class_set': dict(expected, id='default')},
                resp.json, version)
            self.validate(schemas.get_quota_class_set, resp)

    def test_default_class_is_everybodys_defaults(self):
        resp = self.write({'instances': 50, 'server_groups': 3}, version='2.1')
        self.assertEqual(200, resp.status, resp.body)
        # Set before 2.50 but shown from 2.50 only; no id.
        self.assertNotIn('server_groups', resp.json['quota_class_set'])
        self.assertNotIn('id', resp.json['quota_class_set'])
        self.validate(qc21.update_quota_class_set, resp)
        self.assertEqual(3, self.read(version='2.50').json[
            'quota_class_set']['server_groups'])
        for project in (PROJECT, ALT_PROJECT, 'any'):
            self.assertEqual(50, self.show(project)['instances'])
            defaults = self.get(QS + project + '/defaults').json
            self.assertEqual(50, defaults['quota_set']['instances'])
        # A project's own limit wins over the class.
        self.put({'instances': 2}, ALT_PROJECT)
        self.assertEqual(2, self.show(ALT_PROJECT)['instances'])
        limits = self.limits().json['limits']['absolute']
        self.assertEqual(50, limits['maxTotalInstances'])
        self.assertEqual(3, limits['maxServerGroups'])
        # And it is enforced.
        self.write({'cores': 0})
        self.assertFault(self.boot(status=403), 403,
                         too_many('cores', 1, 0, 0))

    def test_other_classes_apply_to_nobody(self):
        resp = self.write({'instances': 3}, name='gold', version='2.57')
        self.assertEqual(200, resp.status, resp.body)
        self.validate(qc257.update_quota_class_set, resp)
        self.assertEqual(3, self.read('gold').json[
            'quota_class_set']['instances'])
        self.assertEqual(10, self.show()['instances'])
        # A class's missing limits are the options, not the defaults.
        self.write({'cores': 5})
        self.assertEqual(20, self.read('gold').json[
            'quota_class_set']['cores'])
        # Any name is a class.
        self.assertEqual(dict(reads.LIMITS_V257, id='unknown'), self.read(
            'unknown', version='2.57').json['quota_class_set'])

    def test_errors(self):
        for body, version in (({'instances': 'x'}, None),
                              ({'fixed_ips': 1}, '2.50'),
                              ({'injected_files': 1}, '2.57'),
                              ({'instances': 1, 'force': True}, None)):
            self.assertFault(self.write(body, version=version), 400)
        resp = self.write({'instances': 1}, name='x' * 256)
        self.assertFault(resp, 400, 'quota_class_name has 256 characters, '
                         'more than 255.')
        for token in (OWNER, ALT):
            self.assertFault(self.read(token=token), 403, POLICY % (
                'os_compute_api:os-quota-class-sets:show'))
            self.assertFault(self.write({'instances': 1}, token=token), 403,
                             POLICY % 'os_compute_api:os-quota-class-sets:'
                             'update')
        self.assertEqual(10, self.show()['instances'])
        # Any query until 2.101, none from 2.102.
        self.assertEqual(200, self.read(version='2.101', query='a=1').status)
        self.assertFault(self.read(version='2.102', query='a=1'), 400)


class LimitsTest(QuotaCase):

    def test_bodies_per_microversion(self):
        self.boot('3')
        self.post('/v2.1/os-server-groups', {'server_group': {
            'name': 'g', 'policies': ['affinity']}})
        used = {'totalInstancesUsed': 1, 'totalCoresUsed': 2,
                'totalRAMUsed': 4096, 'totalServerGroupsUsed': 1}
        v257 = dict(used, maxTotalInstances=10, maxTotalCores=20,
                    maxTotalRAMSize=51200, maxServerMeta=128,
                    maxTotalKeypairs=100, maxServerGroups=10,
                    maxServerGroupMembers=10)
        v239 = dict(v257, maxPersonality=5, maxPersonalitySize=10240)
        v236 = dict(v239, maxImageMeta=128)
        v21 = dict(v236, maxTotalFloatingIps=-1, maxSecurityGroups=-1,
                   maxSecurityGroupRules=-1, totalFloatingIpsUsed=0,
                   totalSecurityGroupsUsed=0)
        for version, expected, schemas in (
                (None, v21, lim21), ('2.35', v21, lim21),
                ('2.36', v236, lim236), ('2.38', v236, lim236),
                ('2.39', v239, lim239), ('2.56', v239, lim239),
                ('2.57', v257, lim257), ('latest', v257, lim257)):
            resp = self.limits(version=version)
            self.assertEqual({'limits': {'rate': [], 'absolute': expected}},
                             resp.json, version)
            self.validate(schemas.get_limit, resp)

    def test_the_projects_limits(self):
        self.put({'instances': 4, 'metadata_items': 7})
        # Never a user's.
        self.put({'instances': 1}, query='user_id=owner')
        absolute = self.limits().json['limits']['absolute']
        self.assertEqual(4, absolute['maxTotalInstances'])
        self.assertEqual(7, absolute['maxServerMeta'])
        self.assertEqual(10, self.limits(ALT).json['limits']['absolute'][
            'maxTotalInstances'])

    def test_another_project(self):
        self.boot(token=ALT)
        query = 'tenant_id=' + ALT_PROJECT
        absolute = self.limits(ADMIN, query=query).json['limits']['absolute']
        self.assertEqual(1, absolute['totalInstancesUsed'])
        self.assertEqual(0, self.limits(ADMIN).json['limits']['absolute'][
            'totalInstancesUsed'])
        resp = self.limits(OWNER, query=query, status=403)
        self.assertFault(resp, 403, POLICY % (
            'os_compute_api:limits:other_project'))
        self.assertNotIn(b'Used', resp.body)
        # Even naming its own project.
        self.limits(OWNER, query='tenant_id=' + PROJECT, status=403)

    def test_query(self):
        self.limits(query='reserved=1', version='2.74')
        resp = self.limits(query='reserved=1', version='2.75', status=400)
        self.assertFault(resp, 400, "Additional properties are not allowed "
                         "('reserved' was unexpected)")

    def test_policy(self):
        self.cloud.set_policy({'os_compute_api:limits': '!'})
        self.assertFault(self.limits(ADMIN, status=403), 403,
                         POLICY % 'os_compute_api:limits')


class InstancesTest(QuotaCase):

    def count(self, project=PROJECT):
        with self.store.lock:
            return quotas.count_servers(self.store, project)['instances']

    def test_instances_cores_ram(self):
        self.put({'instances': 2})
        self.boot()
        self.boot()
        resp = self.boot(status=403)
        self.assertFault(resp, 403, too_many('instances', '1', '2', '2'))
        self.put({'instances': 10, 'cores': 3})
        resp = self.boot('4', status=403)  # 4 vcpus
        self.assertFault(resp, 403, too_many('cores', 4, 2, 3))
        self.put({'cores': 20, 'ram': 2048})
        resp = self.boot('3', status=403)  # 4096 MiB
        self.assertFault(resp, 403, too_many('ram', 4096, 1024, 2048))
        self.put({'cores': 2, 'ram': 1024})
        resp = self.boot('5', status=403)
        self.assertFault(resp, 403, too_many('cores, ram', '8, 16384',
                                             '2, 1024', '2, 1024'))
        self.assertEqual(2, self.count())
        # Other projects are not concerned.
        self.boot('5', token=ALT)

    def test_multiple_create(self):
        self.put({'instances': 5})
        self.boot()
        # 3 fit of at most 6: Nova makes 4 (as many as fit).
        resp = self.boot(min_count=3, max_count=6)
        self.assertEqual(5, self.count())
        self.assertIn('server', resp.json)
        # Fewer than min_count fit: nothing.
        self.put({'instances': 7})
        resp = self.boot(min_count=3, max_count=4, status=403)
        self.assertFault(resp, 403, too_many('instances', '3-4', '5', '7'))
        resp = self.boot(min_count=3, max_count=3, status=403)
        self.assertFault(resp, 403, too_many('instances', '3', '5', '7'))
        self.assertEqual(5, self.count())
        # Cores limit how many fit too.
        self.put({'instances': 20, 'cores': 9})
        self.boot('3', min_count=1, max_count=5)  # 2 cores each: 2 fit
        self.assertEqual(7, self.count())
        # Reservation ids name what was made.
        self.put({'cores': -1, 'ram': -1, 'instances': 9})
        resp = self.boot(min_count=1, max_count=5,
                         return_reservation_id=True)
        self.assertIn('reservation_id', resp.json)
        self.assertEqual(9, self.count())

    def test_unlimited_and_deleted(self):
        self.put({'instances': -1, 'cores': -1, 'ram': -1})
        for _ in range(12):
            self.boot()
        self.assertEqual(12, self.count())
        self.put({'instances': 1}, force=True)
        server_id = self.boot(token=ALT).json['server']['id']
        with self.store.lock:
            ids = [s.id for s in self.store.servers.values()
                   if s.project_id == PROJECT]
        for sid in ids:
            self.request('DELETE', '/v2.1/servers/' + sid)
        self.boot()
        self.assertEqual(1, self.count())
        self.assertTrue(server_id)

    def test_admin_creates_in_its_own_project(self):
        self.put({'instances': 0}, ADMIN.split(':')[1])
        self.assertFault(self.boot(token=ADMIN, status=403), 403,
                         too_many('instances', '1', '0', '0'))
        self.boot()

    def test_seeds_pass_no_quota(self):
        self.put({'instances': 0}, force=True)
        seeding.create_server(self.store, 'seeded', PROJECT, 'owner')
        self.assertEqual(1, self.count())


class ActionsTest(QuotaCase):

    def server(self, flavor='1'):
        return self.boot(flavor).json['server']['id']

    def act(self, server_id, body, token=OWNER, status=202, version=None):
        resp = self.action(server_id, body, token=token, version=version)
        self.assertEqual(status, resp.status, resp.body)
        return resp

    def test_resize_checks_the_growth(self):
        sid = self.server('1')  # 1 vcpu, 512 MiB
        self.server('2')  # 1 vcpu, 2048 MiB
        self.put({'cores': 4, 'ram': 4096})
        resp = self.act(sid, {'resize': {'flavorRef': '4'}}, status=403)
        # 4 - 1 more cores with 2 used of 4; 8192 - 512 more MiB.
        self.assertFault(resp, 403, too_many('cores, ram', '3, 7680',
                                             '2, 2560', '4, 4096'))
        resp = self.act(sid, {'resize': {'flavorRef': '3'}}, status=403)
        self.assertFault(resp, 403, too_many('ram', 3584, 2560, 4096))
        with self.store.lock:
            server = self.store.servers[sid]
            self.assertEqual(('1', 'active', None), (
                server.flavor_id, server.vm_state, server.task_state))
        # A resize down always fits; the same flavor is Nova's 400 first.
        self.put({'cores': 1, 'ram': 512}, force=True)
        other = self.server_of_flavor('2')
        self.assertFault(self.act(other, {'resize': {'flavorRef': '2'}},
                                  status=400), 400,
                         'When resizing, instances must change flavor!')
        self.act(other, {'resize': {'flavorRef': '1'}})

    def server_of_flavor(self, flavor):
        with self.store.lock:
            return next(s.id for s in self.store.servers.values()
                        if s.flavor_id == flavor)

    def test_revert_of_a_resize_down_over_quota(self):
        sid = self.server('3')  # 2 vcpus
        self.act(sid, {'resize': {'flavorRef': '1'}})  # 1 vcpu
        self.server('2')  # 1 vcpu: 2 used
        self.put({'cores': 2})
        # Nova's revertResize answers a 500 (TooManyInstances, which it
        # does not expect); fakenova the 403 a resize gets.
        resp = self.act(sid, {'revertResize': None}, status=403)
        self.assertIn('Quota exceeded for cores: Requested 1, but already '
                      'used 2 of 2 cores', resp.json['forbidden']['message'])
        # Nothing changed: it still waits for its confirmation.
        self.assertEqual('VERIFY_RESIZE', self.show_server(sid)['status'])
        self.put({'cores': 3})
        self.act(sid, {'revertResize': None})
        self.assertEqual('3', self.show_server(sid)['flavor']['id'])

    def show_server(self, sid):
        return self.get('/v2.1/servers/' + sid).json['server']

    def test_restore_counts_again(self):
        self.app = base.load_app(reclaim_instance_interval=3600)
        self.cloud = self.app.cloud
        sid = self.server()
        self.request('DELETE', '/v2.1/servers/' + sid)
        self.assertEqual('SOFT_DELETED', self.show_server(sid)['status'])
        self.put({'instances': 1})
        self.server()
        resp = self.act(sid, {'restore': None}, status=403)
        self.assertFault(resp, 403, too_many('instances', '1', '1', '1'))
        self.assertEqual('SOFT_DELETED', self.show_server(sid)['status'])
        self.put({'instances': 2})
        self.act(sid, {'restore': None})

    def test_rebuild_metadata_and_files(self):
        sid = self.server()
        self.put({'metadata_items': 1, 'injected_files': 1,
                  'injected_file_path_bytes': 10}, version='2.1')
        rebuild = {'imageRef': base.OTHER_IMAGE}
        resp = self.act(sid, {'rebuild': dict(rebuild, metadata={
            'a': '1', 'b': '2'})}, status=403)
        self.assertFault(resp, 403, 'Maximum number of metadata items '
                         'exceeds 1')
        files = [{'path': '/a', 'contents': 'YQ=='}] * 2
        resp = self.act(sid, {'rebuild': dict(rebuild, personality=files)},
                        status=403)
        self.assertFault(resp, 403, 'Personality file limit exceeded')
        resp = self.act(sid, {'rebuild': dict(rebuild, personality=[
            {'path': '/' + 'x' * 10, 'contents': 'YQ=='}])}, status=403)
        self.assertFault(resp, 403, 'Personality file path exceeds '
                         'maximum 10')
        self.assertEqual(base.IMAGE, self.store.servers[sid].image_id)
        self.act(sid, {'rebuild': dict(rebuild, metadata={'a': '1'},
                                       personality=files[:1])})

    def test_image_metadata_until_239(self):
        sid = self.server()
        self.put({'metadata_items': 1})
        body = {'createImage': {'name': 'snap', 'metadata': {
            'a': '1', 'b': '2'}}}
        resp = self.act(sid, body, version='2.38', status=403)
        self.assertFault(resp, 403, 'Image metadata limit exceeded')
        backup = {'createBackup': {'name': 'b', 'backup_type': 'daily',
                                   'rotation': 1, 'metadata': {
                                       'a': '1', 'b': '2'}}}
        # The caller's project's limit (an admin's own).
        self.act(sid, backup, version='2.38', token=ADMIN)
        self.put({'metadata_items': 1}, ADMIN.split(':')[1])
        resp = self.act(sid, backup, version='2.38', status=403,
                        token=ADMIN)
        self.assertFault(resp, 403, 'Image metadata limit exceeded')
        self.act(sid, body, version='2.39')


class LimitedResourcesTest(QuotaCase):

    def test_key_pairs(self):
        self.put({'key_pairs': 1})
        resp = self.post('/v2.1/os-keypairs', {'keypair': {'name': 'k1'}})
        self.assertEqual(200, resp.status, resp.body)
        resp = self.post('/v2.1/os-keypairs', {'keypair': {'name': 'k2'}})
        self.assertFault(resp, 403, 'Quota exceeded, too many key pairs.')
        # Before the name's uniqueness (403, not 409) and the key's check.
        resp = self.post('/v2.1/os-keypairs', {'keypair': {
            'name': 'k1', 'public_key': 'junk'}})
        self.assertFault(resp, 403, 'Quota exceeded, too many key pairs.')
        # Counted per user: a colleague has room.
        resp = self.post('/v2.1/os-keypairs', {'keypair': {'name': 'k2'}},
                         token=COLLEAGUE)
        self.assertEqual(200, resp.status, resp.body)
        # An admin creating one for a user: the admin's limit, the user's
        # key pairs.
        self.put({'key_pairs': 1}, ADMIN.split(':')[1])
        resp = self.post('/v2.1/os-keypairs', {'keypair': {
            'name': 'k3', 'user_id': 'owner'}}, token=ADMIN, version='2.10')
        self.assertFault(resp, 403, 'Quota exceeded, too many key pairs.')
        self.put({'key_pairs': 2}, ADMIN.split(':')[1])
        resp = self.post('/v2.1/os-keypairs', {'keypair': {
            'name': 'k3', 'user_id': 'owner'}}, token=ADMIN, version='2.10')
        self.assertEqual(201, resp.status, resp.body)

    def test_server_groups_and_members(self):
        self.put({'server_groups': 1, 'server_group_members': 1})
        body = {'server_group': {'name': 'g', 'policies': ['affinity']}}
        resp = self.post('/v2.1/os-server-groups', body)
        self.assertEqual(200, resp.status, resp.body)
        group = resp.json['server_group']['id']
        self.assertFault(self.post('/v2.1/os-server-groups', body), 403,
                         'Quota exceeded, too many server groups.')
        hints = {'group': group}
        spec = {'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': '1'}
        resp = self.post('/v2.1/servers', {'server': spec,
                                           'os:scheduler_hints': hints})
        self.assertEqual(202, resp.status, resp.body)
        resp = self.post('/v2.1/servers', {'server': spec,
                                           'os:scheduler_hints': hints})
        self.assertFault(resp, 403, 'Quota exceeded, too many servers in '
                         'group')
        # A user's limit of groups.
        self.put({'server_groups': 5})
        self.put({'server_groups': 1}, query='user_id=colleague')
        resp = self.post('/v2.1/os-server-groups', body, token=COLLEAGUE)
        self.assertEqual(200, resp.status, resp.body)
        self.assertFault(self.post('/v2.1/os-server-groups', body,
                                   token=COLLEAGUE), 403,
                         'Quota exceeded, too many server groups.')

    def test_metadata_items(self):
        self.put({'metadata_items': 2})
        resp = self.boot(metadata={'a': '1', 'b': '2', 'c': '3'},
                         status=403)
        self.assertFault(resp, 403, 'Maximum number of metadata items '
                         'exceeds 2')
        sid = self.boot(metadata={'a': '1'}).json['server']['id']
        path = '/v2.1/servers/%s/metadata' % sid
        resp = self.post(path, {'metadata': {'b': '2', 'c': '3'}})
        self.assertFault(resp, 403, 'Maximum number of metadata items '
                         'exceeds 2')
        resp = self.request('PUT', path, {'metadata': {'b': '2', 'c': '3'}})
        self.assertEqual(200, resp.status, resp.body)
        resp = self.request('PUT', path + '/d', {'meta': {'d': '4'}})
        self.assertFault(resp, 403, 'Maximum number of metadata items '
                         'exceeds 2')
        self.assertEqual({'b': '2', 'c': '3'},
                         self.get(path).json['metadata'])

    def test_personality(self):
        files = [{'path': '/etc/f%d' % i, 'contents': 'YWJj'}
                 for i in range(6)]
        resp = self.boot(personality=files, status=403, version='2.56')
        self.assertFault(resp, 403, 'Personality file limit exceeded')
        self.boot(personality=files[:5], version='2.56')
        self.put({'injected_file_path_bytes': 4,
                  'injected_file_content_bytes': 4}, version='2.56')
        # The path first, then the contents (Nova's base64 text).
        resp = self.boot(personality=[{'path': '/abcd', 'contents': 'YWJj'}],
                         status=403, version='2.56')
        self.assertFault(resp, 403, 'Personality file path exceeds '
                         'maximum 4')
        resp = self.boot(personality=[
            {'path': '/abc', 'contents': 'YWJjZA=='}], status=403,
            version='2.56')
        self.assertFault(resp, 403, 'Personality file content exceeds '
                         'maximum 4')
        self.boot(personality=[{'path': '/abc', 'contents': 'YWJj'}],
                  version='2.56')
        # No personality from 2.57.
        self.assertFault(self.boot(personality=files, status=400,
                                   version='2.57'), 400)


class StateTest(QuotaCase):

    def test_reset_forgets_limits(self):
        self.put({'instances': 1})
        self.request('PUT', QCS + 'default', {'quota_class_set': {
            'cores': 1}}, token=ADMIN)
        self.cloud.reset()
        self.assertEqual(dict(reads.LIMITS_V257, id=PROJECT), self.show())

    def test_seeding(self):
        limits = seeding.set_quotas(self.store, PROJECT, instances=3)
        self.assertEqual(3, limits['instances'])
        seeding.set_quotas(self.store, PROJECT, 'owner', cores=2)
        self.assertEqual(2, self.show(query='user_id=owner')['cores'])
        seeding.set_quotas(self.store, quota_class='default', ram=10)
        self.assertEqual(10, self.show(ALT_PROJECT)['ram'])
        for kwargs in ({'instances': 'x'}, {'nope': 1}, {'cores': -2},
                       {'cores': True}, {'cores': 2 ** 31}):
            self.assertRaises(ValueError, seeding.set_quotas, self.store,
                              PROJECT, **kwargs)
        self.assertRaises(ValueError, seeding.set_quotas, self.store)
        self.assertRaises(ValueError, seeding.set_quotas, self.store,
                          PROJECT, quota_class='default', cores=1)


class TempestFlowsTest(QuotaCase):
    """What tempest's quota classes do (they need keystone's admin API
    for projects of their own; their quota logic is checked here).
    """

    def test_quotas_negative_flows(self):
        self.boot()
        for item, flavor in (('cores', '1'), ('ram', '1'),
                             ('instances', '1')):
            default = self.show(token=OWNER)[item]
            self.put({item: 0}, force=True)
            resp = self.boot(flavor, status=403)
            self.assertIn('Quota exceeded for %s' % item,
                          resp.json['forbidden']['message'])
            # The clean-up sets the default back, without force.
            self.put({item: default})
        self.boot()

    def test_get_updated_quotas_flow(self):
        for version in ('2.1', '2.36', '2.57'):
            self.put({'ram': '5120'}, 'fresh', version=version)
            detail = self.get(QS + 'fresh/detail', token=ADMIN,
                              version=version)
            self.assertEqual(5120, detail.json['quota_set']['ram']['limit'])
            self.put({'ram': '2048'}, 'fresh', version=version,
                     query='user_id=someone')
            self.assertEqual(2048, self.show(
                'fresh', version=version, query='user_id=someone')['ram'])
            resp = self.request('DELETE', QS + 'fresh', token=ADMIN,
                                version=version)
            self.assertEqual(202, resp.status)
            self.assertEqual(51200, self.show('fresh')['ram'])

    def test_update_all_then_restore_defaults(self):
        defaults = self.get(QS + PROJECT + '/defaults', version='2.1',
                            token=OWNER).json['quota_set']
        defaults.pop('id')
        new = {'metadata_items': 256, 'ram': 10240, 'key_pairs': 200,
               'instances': 20, 'server_groups': 20,
               'server_group_members': 20, 'cores': 2, 'fixed_ips': 10,
               'floating_ips': 20, 'security_group_rules': 20,
               'security_groups': 20, 'injected_file_content_bytes': 20480,
               'injected_file_path_bytes': 512, 'injected_files': 10}
        resp = self.put(new, version='2.1', force=True)
        self.assertEqual(new, resp.json['quota_set'])
        self.put(defaults, version='2.1')
        self.assertEqual(dict(defaults, id=PROJECT), self.show(
            version='2.1'))


class ControlAndSeedTest(test_control.ControlTestCase):

    def demo_limits(self):
        resp = self.request('GET', '/v2.1/limits', token=self.demo,
                            version='latest')
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['limits']['absolute']

    def test_control_api_sets_quotas(self):
        resp = self.control('PUT', '/quotas', {'project': 'demo',
                                               'instances': 2, 'cores': -1})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual((2, -1), (resp.json['quota_set']['instances'],
                                   resp.json['quota_set']['cores']))
        self.assertEqual(2, self.demo_limits()['maxTotalInstances'])
        resp = self.control('PUT', '/quotas', {'class': 'default',
                                               'key_pairs': 3})
        self.assertEqual(3, resp.json['quota_class_set']['key_pairs'])
        self.assertEqual(3, self.demo_limits()['maxTotalKeypairs'])
        resp = self.control('PUT', '/quotas', {'user': 'demo', 'ram': 64})
        self.assertEqual(64, resp.json['quota_set']['ram'])
        state = self.control('GET', '/state').json['quotas']
        self.assertEqual({'key_pairs': 3}, state['classes']['default'])
        self.assertEqual([64], [u['limits']['ram'] for u in state['users']])
        # Mistakes are 400s that change nothing; only admins may.
        for body in ({'instances': 'x'}, {'nope': 1}, {'instances': -2},
                     {'class': 'default', 'project': 'demo'},
                     {'project': 'no-such-project', 'instances': 1}):
            self.assertError(400, self.control('PUT', '/quotas', body))
        self.assertError(403, self.control('PUT', '/quotas', {
            'instances': 9}, token='demo'))
        self.assertEqual(2, self.demo_limits()['maxTotalInstances'])
        # A reset forgets them.
        self.control('POST', '/reset')
        self.assertEqual(10, self.demo_limits()['maxTotalInstances'])

    def test_seed_file_quotas(self):
        data = seed.validate({'quotas': [
            {'project': 'demo', 'instances': 1},
            {'class': 'default', 'cores': 7}]})
        seed.apply(self.cloud, data)
        limits = self.demo_limits()
        self.assertEqual((1, 7), (limits['maxTotalInstances'],
                                  limits['maxTotalCores']))
        self.assertRaises(seed.SeedError, seed.validate,
                          {'quotas': [{'instances': 'many'}]})
        self.assertRaises(seed.SeedError, seed.apply, self.cloud,
                          {'quotas': [{'project': 'nope', 'cores': 1}]})
