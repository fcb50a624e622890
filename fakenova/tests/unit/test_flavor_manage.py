"""Flavor management: create, describe, delete, access lists, extra specs.

The expected statuses and messages are the ones Nova 34 answered for the
same requests (compared with the oracle), except where a test says so.
"""

import uuid

import jsonschema
from tempest.lib.api_schema.response.compute.v2_1 import flavors as v21
from tempest.lib.api_schema.response.compute.v2_1 import flavors_access
from tempest.lib.api_schema.response.compute.v2_1 import flavors_extra_specs
from tempest.lib.api_schema.response.compute.v2_55 import flavors as v255
from tempest.lib.api_schema.response.compute.v2_61 import flavors as v261

from fakenova.compute import exception
from fakenova.compute import extra_specs
from fakenova.compute import seeding
from fakenova.tests.unit import base
from fakenova.tests.unit import test_control

ADMIN = base.ADMIN
OWNER = base.OWNER
ALT = base.ALT
PROJECT = base.OWNER_PROJECT
ALT_PROJECT = '9f8e7d6c'
FLAVORS = '/v2.1/flavors'
POLICY = "Policy doesn't allow %s to be performed."


def _flavor(name='f1', **extra):
    body = {'name': name, 'ram': 512, 'vcpus': 1, 'disk': 1}
    body.update(extra)
    return {'flavor': body}


def _check(schema, resp):
    jsonschema.validate(resp.json, schema['response_body'])
    return resp


class FlavorTestCase(base.APITestCase):

    def create(self, name='f1', version=None, status=200, token=ADMIN,
               **extra):
        resp = self.post(FLAVORS, _flavor(name, **extra), token=token,
                         version=version)
        self.assertEqual(status, resp.status, resp.body)
        return resp

    def private(self, name='private', projects=(PROJECT,)):
        flavor = self.create(
            name, **{'os-flavor-access:is_public': False}).json['flavor']
        for project in projects:
            self.assertEqual(200, self.add_access(flavor['id'],
                                                  project).status)
        return flavor['id']

    def add_access(self, flavor_id, project, token=ADMIN, version=None):
        return self.post('%s/%s/action' % (FLAVORS, flavor_id),
                         {'addTenantAccess': {'tenant': project}},
                         token=token, version=version)

    def remove_access(self, flavor_id, project, token=ADMIN):
        return self.post('%s/%s/action' % (FLAVORS, flavor_id),
                         {'removeTenantAccess': {'tenant': project}},
                         token=token)


class CreateTest(FlavorTestCase):

    def test_create_per_microversion(self):
        cases = (
            # (version, keys absent, keys present, tempest's schema)
            ('2.1', {'description', 'extra_specs'}, {'rxtx_factor'}, v21),
            ('2.55', {'extra_specs'}, {'description'}, v255),
            ('2.61', set(), {'description', 'extra_specs'}, v261),
            ('2.75', set(), {'description', 'extra_specs'}, None),
            ('2.102', {'rxtx_factor', 'OS-FLV-DISABLED:disabled'},
             {'extra_specs'}, None),
        )
        for number, (version, absent, present, schema) in enumerate(cases):
            if version == '2.1':
                # 2.1 refuses the description (2.55).
                self.create('f%d' % number, version=version, status=400,
                            description='d')
                resp = self.create('f%d' % number, version=version)
            else:
                resp = self.create('f%d' % number, version=version,
                                   description='d')
            flavor = resp.json['flavor']
            if schema is not None:
                _check(schema.create_update_get_flavor_details, resp)
            self.assertFalse(absent & set(flavor), version)
            self.assertTrue(present <= set(flavor), version)
            uuid.UUID(flavor['id'])
            self.assertEqual(('f%d' % number, 512, 1, 1, 0, True),
                             (flavor['name'], flavor['ram'],
                              flavor['vcpus'], flavor['disk'],
                              flavor['OS-FLV-EXT-DATA:ephemeral'],
                              flavor['os-flavor-access:is_public']))
            # A swap of 0 is shown as '' before 2.75.
            self.assertEqual('' if version in ('2.1', '2.55', '2.61')
                             else 0, flavor['swap'])
            if 'extra_specs' in present:
                self.assertEqual({}, flavor['extra_specs'])
            if 'description' in present:
                self.assertEqual('d', flavor['description'])

    def test_create_refuses_2_1_description_with_nova_message(self):
        resp = self.create(version='2.54', description='x', status=400)
        self.assertIn("Additional properties are not allowed "
                      "('description' was unexpected)",
                      self.assertFault(resp, 400))

    def test_all_values_and_shown_after(self):
        flavor = self.create(
            'full', version='2.75', id='my-id',
            **{'OS-FLV-EXT-DATA:ephemeral': 2, 'swap': 3,
               'rxtx_factor': 2.5, 'os-flavor-access:is_public': 'false',
               'ram': '1024', 'vcpus': '2', 'disk': '0'}).json['flavor']
        self.assertEqual(('my-id', 1024, 2, 0, 2, 3, 2.5, False),
                         (flavor['id'], flavor['ram'], flavor['vcpus'],
                          flavor['disk'],
                          flavor['OS-FLV-EXT-DATA:ephemeral'],
                          flavor['swap'], flavor['rxtx_factor'],
                          flavor['os-flavor-access:is_public']))
        shown = self.get(FLAVORS + '/my-id', token=ADMIN, version='2.75')
        self.assertEqual(flavor, shown.json['flavor'])

    def test_ids(self):
        self.assertEqual('7', self.create('a', id=7).json['flavor']['id'])
        self.assertEqual('1.5', self.create('b', id=1.5).json['flavor']['id'])
        for name, value in (('c', None), ('d', 0)):
            uuid.UUID(self.create(name, id=value).json['flavor']['id'])

    def test_2_102_refuses_rxtx_factor(self):
        resp = self.create(version='2.102', rxtx_factor=1.0, status=400)
        self.assertIn("'rxtx_factor' was unexpected",
                      self.assertFault(resp, 400))

    def test_conflicts(self):
        self.create('dup', id='dup-id')
        resp = self.create('dup', status=409)
        self.assertFault(resp, 409, 'Flavor with name dup already exists.')
        resp = self.create('other', id='dup-id', status=409)
        self.assertFault(resp, 409, 'Flavor with ID dup-id already exists.')
        # Both taken: Nova names the name.
        resp = self.create('dup', id='dup-id', status=409)
        self.assertFault(resp, 409, 'Flavor with name dup already exists.')
        resp = self.create('again', id='1', status=409)
        self.assertFault(resp, 409, 'Flavor with ID 1 already exists.')

    def test_bad_bodies(self):
        cases = (
            ({'ram': 0},
             'Invalid input for field/attribute ram. Value: 0. 0 is less '
             'than the minimum of 1'),
            ({'ram': '1.5'},
             "Invalid input for field/attribute ram. Value: 1.5. '1.5' does "
             "not match '^[0-9]+$'"),
            ({'swap': -1}, None),
            ({'vcpus': 2 ** 31}, None),
            ({'name': ' lead'},
             "An invalid 'name' value was provided. The name must be: "
             "printable characters. Can not start or end with whitespace."),
            ({'name': 'x' * 256}, None),
            ({'id': ' a'},
             "Invalid input for field/attribute id. Value:  a. ' a' does not "
             "match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'"),
            ({'id': 'a/b'}, None),
            ({'rxtx_factor': 0},
             'Invalid input for field/attribute rxtx_factor. Value: 0. 0 is '
             'less than or equal to the minimum of 0'),
            ({'rxtx_factor': -1}, None),
            ({'os-flavor-access:is_public': 'maybe'}, None),
            ({'junk': 1}, None),
        )
        for extra, message in cases:
            resp = self.post(FLAVORS, {'flavor': dict(
                _flavor('bad')['flavor'], **extra)}, token=ADMIN)
            if message is not None:
                self.assertFault(resp, 400, message)
            else:
                self.assertFault(resp, 400)
        self.assertFault(self.post(FLAVORS, {'flavor': {'name': 'x'}},
                                   token=ADMIN), 400)
        self.assertFault(self.post(FLAVORS, [], token=ADMIN), 400)
        self.assertFault(self.create(version='2.55', status=400,
                                     description='x' * 65536), 400)
        self.assertNotIn('bad', [f.name for f in self.store.flavors.values()])

    def test_rxtx_factor_string_zero(self):
        # quirk: Nova's schema lets '0' through and then fails with a 500;
        # fakenova answers the 400 Nova's own check means.
        resp = self.create(rxtx_factor='0', status=400)
        self.assertFault(
            resp, 400, "Invalid input received: 'rxtx_factor' argument must "
            "be a float between 0 and 3.40282e+38")

    def test_members_may_not_create_but_bad_bodies_are_400_first(self):
        resp = self.create(token=OWNER, status=403)
        self.assertFault(resp, 403,
                         POLICY % 'os_compute_api:os-flavor-manage:create')
        self.create(token=OWNER, status=400, ram=0)

    def test_2_61_extra_specs_follow_the_index_policy(self):
        self.cloud.set_policy(
            {'os_compute_api:os-flavor-extra-specs:index': '!'})
        flavor = self.create(version='2.61').json['flavor']
        self.assertNotIn('extra_specs', flavor)


class UpdateDeleteTest(FlavorTestCase):

    def test_update_description(self):
        flavor_id = self.create().json['flavor']['id']
        path = FLAVORS + '/' + flavor_id
        body = {'flavor': {'description': 'new'}}
        resp = _check(v255.create_update_get_flavor_details,
                      self.request('PUT', path, body, token=ADMIN,
                                   version='2.55'))
        self.assertEqual('new', resp.json['flavor']['description'])
        resp = self.request('PUT', path, {'flavor': {'description': None}},
                            token=ADMIN, version='2.61')
        self.assertIsNone(resp.json['flavor']['description'])
        self.assertEqual({}, resp.json['flavor']['extra_specs'])
        # Not served before 2.55.
        self.assertEqual(404, self.request('PUT', path, body, token=ADMIN,
                                           version='2.54').status)
        self.assertFault(self.request(
            'PUT', path, {'flavor': {'name': 'x'}}, token=ADMIN,
            version='2.55'), 400)
        self.assertFault(self.request('PUT', path, body, token=OWNER,
                                      version='2.55'), 403)
        self.assertFault(self.request(
            'PUT', FLAVORS + '/nope', body, token=ADMIN, version='2.55'),
            404, 'Flavor nope could not be found.')

    def test_delete(self):
        flavor_id = self.create().json['flavor']['id']
        path = FLAVORS + '/' + flavor_id
        self.assertFault(self.request('DELETE', path, token=OWNER), 403,
                         POLICY % 'os_compute_api:os-flavor-manage:delete')
        resp = self.request('DELETE', path, token=ADMIN)
        self.assertEqual(202, resp.status)
        self.assertEqual(b'', resp.body)
        self.assertFault(self.request('DELETE', path, token=ADMIN), 404,
                         'Flavor %s could not be found.' % flavor_id)
        self.assertEqual(404, self.get(path, token=ADMIN).status)
        # The name and id are free again.
        self.create(id=flavor_id)

    def test_servers_keep_a_deleted_flavor(self):
        flavor = self.create('gone', id='gone', vcpus=3, ram=1024,
                             disk=5).json['flavor']
        server_id = self.create_server(flavorRef=flavor['id'])
        self.assertEqual(202, self.request(
            'DELETE', FLAVORS + '/gone', token=ADMIN).status)
        shown = self.show(server_id, version='2.47')['flavor']
        self.assertEqual(('gone', 3, 1024, 5),
                         (shown['original_name'], shown['vcpus'],
                          shown['ram'], shown['disk']))
        # A new flavor of the same id changes nothing of the server's.
        self.create('new', id='gone', vcpus=8)
        self.assertEqual(3, self.show(server_id,
                                      version='2.47')['flavor']['vcpus'])
        # Nor of its usage.
        usage = self.get('/v2.1/os-quota-sets/%s/detail' % PROJECT).json
        self.assertEqual(3, usage['quota_set']['cores']['in_use'])

    def test_revert_resize_to_a_deleted_flavor(self):
        self.create('old', id='old', vcpus=2)
        server_id = self.create_server(flavorRef='old')
        self.assertEqual(202, self.action(
            server_id, {'resize': {'flavorRef': '2'}}).status)
        self.assertEqual('VERIFY_RESIZE', self.show(server_id)['status'])
        self.request('DELETE', FLAVORS + '/old', token=ADMIN)
        self.assertEqual(202, self.action(server_id,
                                          {'revertResize': None}).status)
        server = self.show(server_id, version='2.47')
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual(('old', 2), (server['flavor']['original_name'],
                                      server['flavor']['vcpus']))
        self.assertEqual('old', self.show(server_id)['flavor']['id'])

    def test_resize_to_a_recreated_flavor_takes_the_new_one(self):
        self.create('one', id='x', vcpus=2)
        server_id = self.create_server(flavorRef='x')
        self.request('DELETE', FLAVORS + '/x', token=ADMIN)
        self.create('two', id='x', vcpus=4)
        self.assertEqual(2, self.show(server_id,
                                      version='2.47')['flavor']['vcpus'])
        self.action(server_id, {'resize': {'flavorRef': '2'}})
        self.action(server_id, {'confirmResize': None})
        self.assertEqual(202, self.action(
            server_id, {'resize': {'flavorRef': 'x'}}).status)
        flavor = self.show(server_id, version='2.47')['flavor']
        self.assertEqual(('two', 4), (flavor['original_name'],
                                      flavor['vcpus']))

    def test_server_list_flavor_filter(self):
        self.create('one', id='x')
        server_id = self.create_server(flavorRef='x')

        def listed(flavor):
            return [s['id'] for s in self.get(
                '/v2.1/servers?flavor=' + flavor).json['servers']]
        self.assertEqual([server_id], listed('x'))
        self.request('DELETE', FLAVORS + '/x', token=ADMIN)
        self.assertEqual([], listed('x'))
        # A new flavor of that id is not the server's.
        self.create('two', id='x')
        self.assertEqual([], listed('x'))

    def test_reset_forgets_embedded_flavors(self):
        self.create('gone', id='gone')
        self.create_server(flavorRef='gone')
        self.request('DELETE', FLAVORS + '/gone', token=ADMIN)
        self.assertTrue(self.store.embedded_flavors)
        self.cloud.reset()
        self.assertEqual({}, self.store.embedded_flavors)
        self.assertNotIn('gone', self.store.flavors)


class AccessTest(FlavorTestCase):

    def test_private_flavor_seen_only_with_access(self):
        flavor_id = self.private(projects=())
        path = FLAVORS + '/' + flavor_id
        self.assertFault(self.get(path), 404,
                         'Flavor %s could not be found.' % flavor_id)
        listed = [f['id'] for f in self.get(FLAVORS + '/detail').json[
            'flavors']]
        self.assertNotIn(flavor_id, listed)
        self.assertEqual(200, self.get(path, token=ADMIN).status)
        self.assertEqual(200, self.add_access(flavor_id, PROJECT).status)
        self.assertEqual(200, self.get(path).status)
        listed = [f['id'] for f in self.get(FLAVORS).json['flavors']]
        self.assertIn(flavor_id, listed)
        self.assertEqual(404, self.get(path, token=ALT).status)
        self.assertEqual(404, self.get(path + '/os-extra_specs',
                                       token=ALT).status)

    def test_boot_and_resize_need_access(self):
        flavor_id = self.private(projects=(PROJECT,))
        spec = {'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': flavor_id}
        resp = self.post('/v2.1/servers', {'server': spec}, token=ALT)
        self.assertFault(resp, 400,
                         'Flavor %s could not be found.' % flavor_id)
        self.assertEqual(202, self.post('/v2.1/servers', {'server': spec},
                                        token=OWNER).status)
        alt_server = self.create_server(token=ALT)
        resp = self.action(alt_server, {'resize': {'flavorRef': flavor_id}},
                           token=ALT)
        self.assertFault(resp, 400,
                         'Flavor %s could not be found.' % flavor_id)

    def test_boot_with_a_disabled_flavor(self):
        # Nova names a disabled flavor by its internal id.
        seeding.add_flavor(self.store, 'off', disabled=True)
        spec = {'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': 'off'}
        resp = self.post('/v2.1/servers', {'server': spec}, token=ADMIN)
        self.assertFault(resp, 400, 'Flavor %d could not be found.'
                         % self.store.flavor_number('off'))

    def test_list_add_remove(self):
        flavor_id = self.private(projects=())
        path = '%s/%s/os-flavor-access' % (FLAVORS, flavor_id)
        resp = _check(flavors_access.add_remove_list_flavor_access,
                      self.get(path, token=ADMIN))
        self.assertEqual({'flavor_access': []}, resp.json)
        resp = _check(flavors_access.add_remove_list_flavor_access,
                      self.add_access(flavor_id, PROJECT))
        self.add_access(flavor_id, ALT_PROJECT)
        expected = [{'flavor_id': flavor_id, 'tenant_id': p}
                    for p in (PROJECT, ALT_PROJECT)]
        self.assertEqual(expected, self.get(path, token=ADMIN).json[
            'flavor_access'])
        # The legacy default lets a project's users list (RBAC: admins).
        self.assertEqual(200, self.get(path).status)
        self.assertFault(self.add_access(flavor_id, PROJECT), 409,
                         'Flavor access already exists for flavor %s and '
                         'project %s combination.' % (flavor_id, PROJECT))
        resp = self.remove_access(flavor_id, ALT_PROJECT)
        self.assertEqual(expected[:1], resp.json['flavor_access'])
        self.assertFault(self.remove_access(flavor_id, ALT_PROJECT), 404,
                         'Flavor access not found for %s / %s combination.'
                         % (flavor_id, ALT_PROJECT))
        self.assertFault(self.remove_access('nope', PROJECT), 404,
                         'Flavor nope could not be found.')

    def test_public_flavors(self):
        path = FLAVORS + '/1/os-flavor-access'
        self.assertFault(self.get(path, token=ADMIN), 404,
                         'Access list not available for public flavors.')
        self.assertFault(self.add_access('1', PROJECT, version='2.7'), 409,
                         'Can not add access to a public flavor.')
        # Before 2.7 the access is added (and changes nothing).
        self.assertEqual(200, self.add_access('1', PROJECT,
                                              version='2.6').status)
        self.assertEqual([PROJECT], self.store.flavors['1'].projects)

    def test_policies(self):
        flavor_id = self.private(projects=(PROJECT,))
        self.assertFault(
            self.add_access(flavor_id, ALT_PROJECT, token=OWNER), 403,
            POLICY % 'os_compute_api:os-flavor-access:add_tenant_access')
        self.assertFault(
            self.remove_access(flavor_id, PROJECT, token=OWNER), 403,
            POLICY % 'os_compute_api:os-flavor-access:remove_tenant_access')
        self.cloud.set_policy({'os_compute_api:os-flavor-access': '!'})
        self.assertFault(
            self.get('%s/%s/os-flavor-access' % (FLAVORS, flavor_id)), 403,
            POLICY % 'os_compute_api:os-flavor-access')

    def test_action_bodies(self):
        flavor_id = self.private(projects=())
        path = '%s/%s/action' % (FLAVORS, flavor_id)
        self.assertFault(self.post(path, {'pause': None}, token=ADMIN), 400,
                         'There is no such action: pause')
        self.assertFault(self.post(path, {'addTenantAccess': {}},
                                   token=ADMIN), 400)
        self.assertFault(self.post(path, {'addTenantAccess': {
            'tenant': 'x' * 256}}, token=ADMIN), 400)
        self.assertFault(self.post(path, {'a': 1, 'b': 2}, token=ADMIN), 400,
                         'Malformed request body')
        self.assertFault(self.post(path, [1], token=ADMIN), 404)
        self.assertEqual([], self.store.flavors[flavor_id].projects)

    def test_is_public_filter(self):
        mine = self.private('mine', projects=(PROJECT,))
        other = self.private('other', projects=())
        admins = self.private('admins', projects=('adadadad',))

        def listed(query, token=ADMIN):
            return {f['id'] for f in self.get(
                FLAVORS + '?' + query, token=token).json['flavors']}
        public = {f.id for f in self.store.flavors.values() if f.is_public}
        self.assertEqual(public | {admins}, listed(''))
        self.assertEqual(public | {admins}, listed('is_public=true'))
        self.assertEqual({mine, other, admins}, listed('is_public=false'))
        self.assertEqual(public | {mine, other, admins},
                         listed('is_public=None'))
        self.assertFault(self.get(FLAVORS + '?is_public=maybe',
                                  token=ADMIN), 400,
                         'Invalid is_public filter [maybe]')
        # Non-admins: public and their own, whatever they ask.
        for query in ('', 'is_public=false', 'is_public=none'):
            self.assertEqual(public | {mine}, listed(query, OWNER))
            self.assertEqual(public, listed(query, ALT))
        # A marker the caller cannot see is not found.
        self.assertFault(self.get(FLAVORS + '?marker=' + other), 400,
                         'marker [%s] not found' % other)

    def test_name_filter_from_2_102(self):
        self.create('alpha-1')
        self.create('alpha-2')
        self.create('beta')

        def names(query, version):
            resp = self.get(FLAVORS + '?' + query, version=version)
            self.assertEqual(200, resp.status, resp.body)
            return sorted(f['name'] for f in resp.json['flavors'])
        self.assertEqual(['alpha-1', 'alpha-2'], names('name=^alpha',
                                                       '2.102'))
        self.assertEqual(['alpha-2'], names('name=a-2$', '2.102'))
        # Before 2.75 the parameter is dropped, from 2.75 refused.
        self.assertEqual(len(self.store.flavors), len(names('name=^alpha',
                                                            '2.74')))
        self.assertFault(self.get(FLAVORS + '?name=x', version='2.75'), 400)

    def test_2_102_views_and_queries(self):
        flavor = self.get(FLAVORS + '/1', version='2.102').json['flavor']
        self.assertNotIn('rxtx_factor', flavor)
        self.assertNotIn('OS-FLV-DISABLED:disabled', flavor)
        for path in ('/1', '/1/os-extra_specs', '/1/os-extra_specs/k'):
            self.assertFault(self.get(FLAVORS + path + '?x=1',
                                      version='2.102'), 400,
                             "Additional properties are not allowed ('x' "
                             "was unexpected)")
            self.assertNotEqual(400, self.get(FLAVORS + path + '?x=1',
                                              version='2.101').status)
        self.assertFault(self.get(FLAVORS + '?sort_key=rxtx_factor',
                                  version='2.102'), 400)


class ExtraSpecsTest(FlavorTestCase):

    def setUp(self):
        super().setUp()
        self.flavor = self.create().json['flavor']['id']
        self.path = '%s/%s/os-extra_specs' % (FLAVORS, self.flavor)

    def specs(self):
        return self.get(self.path).json['extra_specs']

    def test_create_update_delete(self):
        body = {'extra_specs': {'hw:numa_nodes': 1, 'hw:cpu_policy': 'shared',
                                'ratio': 1.5}}
        resp = self.post(self.path, body, token=ADMIN)
        # The body as sent (numbers too); they are kept as their text.
        self.assertEqual(body, resp.json)
        _check(flavors_extra_specs.set_get_flavor_extra_specs,
               self.get(self.path))
        self.assertEqual({'hw:numa_nodes': '1', 'hw:cpu_policy': 'shared',
                          'ratio': '1.5'}, self.specs())
        resp = self.request('PUT', self.path + '/hw:numa_nodes',
                            {'hw:numa_nodes': '2'}, token=ADMIN)
        _check(flavors_extra_specs.set_get_flavor_extra_specs_key, resp)
        self.assertEqual({'hw:numa_nodes': '2'}, resp.json)
        self.assertEqual('2', self.get(self.path + '/hw:numa_nodes').json[
            'hw:numa_nodes'])
        resp = self.request('DELETE', self.path + '/hw:numa_nodes',
                            token=ADMIN)
        self.assertEqual((200, b''), (resp.status, resp.body))
        self.assertFault(self.request('DELETE', self.path + '/hw:numa_nodes',
                                      token=ADMIN), 404,
                         'Flavor %s has no extra specs with key '
                         'hw:numa_nodes.' % self.flavor)
        flavor = self.get(FLAVORS + '/' + self.flavor,
                          version='2.61').json['flavor']
        self.assertEqual({'hw:cpu_policy': 'shared', 'ratio': '1.5'},
                         flavor['extra_specs'])

    def test_update_needs_exactly_the_key(self):
        self.post(self.path, {'extra_specs': {'a': 'b'}}, token=ADMIN)
        one = self.path + '/a'
        self.assertFault(self.request('PUT', one, {'x': 'y'}, token=ADMIN),
                         400, 'Request body and URI mismatch')
        for body in ({'a': 'c', 'x': 'y'}, {}, {'a': None}, []):
            self.assertFault(self.request('PUT', one, body, token=ADMIN),
                             400)
        self.assertEqual({'a': 'b'}, self.specs())

    def test_bad_values(self):
        cases = (
            {'a/b': 'c'}, {'a': None}, {'a': 'x' * 256}, {'': 'x'},
            {'a': True}, {'a': {}},
        )
        for specs in cases:
            self.assertFault(self.post(self.path, {'extra_specs': specs},
                                       token=ADMIN), 400)
        self.assertFault(self.post(self.path, {'extra_specs': {
            'n': 10 ** 300}}, token=ADMIN), 400,
            'extra_specs value has 301 characters, more than 255.')
        self.assertFault(self.post(self.path, {'specs': {}}, token=ADMIN),
                         400)
        self.assertEqual({}, self.specs())

    def test_2_86_validation(self):
        cases = (
            ({'hw:numa_nodes': 'x'},
             "Validation failed; 'x' is not a valid integer value."),
            ({'hw:numa_nodes': '0'},
             "Validation failed; '0' is less than the min value of '1'."),
            ({'hw:redirected_usb_ports': '16'},
             "Validation failed; '16' is greater than the max value of "
             "'15'."),
            ({'hw:cpu_policy': 'x'},
             "Validation failed; 'x' is not one of: dedicated, shared, "
             "mixed."),
            ({'hw:pmu': 'maybe'},
             "Validation failed; 'maybe' is not a valid boolean-like value."),
            ({'hw:mem_page_size': 'huge'},
             "Validation failed; 'huge' is not of the format "
             "'(large|small|any|\\d+([kKMGT]i?)?(b|bit|B)?)'."),
            ({'hw:foo': 'x'},
             "Validation failed; extra spec 'hw:foo' does not appear to be "
             "a valid extra spec."),
            ({'resources1:FOO': '2'},
             "Validation failed; extra spec 'resources1:FOO' does not "
             "appear to be a valid extra spec."),
        )
        for specs, message in cases:
            self.assertFault(self.post(self.path, {'extra_specs': specs},
                                       token=ADMIN, version='2.86'),
                             400, message)
            # Before 2.86 anything goes.
            self.assertEqual(200, self.post(
                self.path, {'extra_specs': specs}, token=ADMIN,
                version='2.85').status)
        good = {'foo:bar': 'baz', 'hw:cpu_policy': 'shared',
                'resources1:VCPU': '2', 'trait:CUSTOM_X': 'required',
                'hw:numa_cpus.0': '0-1', 'hw:numa_nodes': 2,
                'aggregate_instance_extra_specs:ssd': 'true', 'plain': 'x'}
        self.assertEqual(200, self.post(self.path, {'extra_specs': good},
                                        token=ADMIN, version='2.86').status)
        self.assertFault(self.request('PUT', self.path + '/hw:numa_nodes',
                                      {'hw:numa_nodes': '0'}, token=ADMIN,
                                      version='2.86'), 400)

    def test_policies_and_visibility(self):
        rule = POLICY % 'os_compute_api:os-flavor-extra-specs:%s'
        self.assertFault(self.post(self.path, {'extra_specs': {'a': 'b'}}),
                         403, rule % 'create')
        self.assertFault(self.request('PUT', self.path + '/a', {'a': 'b'}),
                         403, rule % 'update')
        self.assertFault(self.request('DELETE', self.path + '/a'), 403,
                         rule % 'delete')
        private = self.private(projects=())
        path = '%s/%s/os-extra_specs' % (FLAVORS, private)
        self.assertEqual(404, self.get(path).status)
        # An admin writes any flavor's; a missing flavor is a 404.
        self.assertEqual(200, self.post(path, {'extra_specs': {'a': 'b'}},
                                        token=ADMIN).status)
        self.assertFault(self.post(FLAVORS + '/nope/os-extra_specs',
                                   {'extra_specs': {'a': 'b'}}, token=ADMIN),
                         404, 'Flavor nope could not be found.')


class ExtraSpecValidatorTest(base.testtools.TestCase):
    """The rules of compute/extra_specs.py.

    When written, 1508 (name, value) pairs over every namespace got the
    same answer (and message) from it as from Nova 34's validators.
    """

    def assertRefused(self, name, value):
        self.assertRaises(exception.BadRequest, extra_specs.validate, name,
                          value)

    def test_rules(self):
        for name, value in (('hw:cpu_policy', 'dedicated'),
                            ('hw:numa_mem.1', '512'),
                            ('hw:cpu_realtime', 'yes'),
                            ('capabilities:cpu_info:features', 'x'),
                            ('quota:cpu_quota', '-5'),
                            ('resources_G1:CUSTOM_FOO', '1'),
                            ('trait1:HW_CPU_X86_AVX', 'forbidden'),
                            ('unknown:thing', 'x'), ('nonamespace', 'x')):
            extra_specs.validate(name, value)
        for name, value in (('hw:numa_mem.1', '0'), ('hw:cpu_realtime', 'x'),
                            ('quota:cpu_limit', '-1'),
                            ('trait:CUSTOM_X', 'maybe'),
                            ('hw_rng:nope', '1'), ('os:secure_boot', 'on'),
                            ('pci_passthrough:alias', 'a')):
            self.assertRefused(name, value)

    def test_linear_time_on_nested_repetition(self):
        # hw:pmem's pattern repeats a repetition: Python's engine would
        # take exponential time on this value (Nova's does).
        self.assertRefused('hw:pmem', 'a' * 250 + '!')


class SeedingTest(base.testtools.TestCase):

    def test_add_flavor_private_with_projects(self):
        from fakenova.compute import store as store_mod
        store = store_mod.Store()
        flavor = seeding.add_flavor(store, 'p', is_public=False,
                                    projects=['a'],
                                    extra_specs={'k': 'v'})
        self.assertEqual((False, ['a'], {'k': 'v'}),
                         (flavor.is_public, flavor.projects,
                          flavor.extra_specs))
        self.assertEqual(len(store_mod.DEFAULT_FLAVORS) + 1,
                         store.flavor_number('p'))


class StandaloneAccessTest(test_control.ControlTestCase):
    """The standalone cloud asks its identity service about the project."""

    def test_unknown_project(self):
        resp = self.request('POST', FLAVORS, _flavor(**{
            'os-flavor-access:is_public': False}), token=self.admin)
        path = '%s/%s/action' % (FLAVORS, resp.json['flavor']['id'])
        resp = self.request('POST', path, {'addTenantAccess': {
            'tenant': 'nope'}}, token=self.admin)
        self.assertEqual(400, resp.status)
        self.assertEqual('Project ID nope is not a valid project.',
                         resp.json['badRequest']['message'])
        demo = self.cloud.identity.find_project({'name': 'demo'}).id
        resp = self.request('POST', path, {'addTenantAccess': {
            'tenant': demo}}, token=self.admin)
        self.assertEqual(200, resp.status, resp.body)
        # Removing does not ask: an unknown project is only not there.
        resp = self.request('POST', path, {'removeTenantAccess': {
            'tenant': 'nope'}}, token=self.admin)
        self.assertEqual(404, resp.status)
