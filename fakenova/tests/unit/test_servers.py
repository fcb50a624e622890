"""/servers: create, list, detail, show, update, delete, legacy URLs."""

import json
import urllib.parse

from fakenova.compute import seeding
from fakenova.tests.unit import base

BAD_PROJECT_MSG = ("Malformed request URL: URL's project_id '9f8e7d6c' "
                   "doesn't match Context's project_id '0a1b2c3d'")


class TestCreate(base.APITestCase):

    def _create(self, **spec):
        server = {'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': '1'}
        server.update(spec)
        for key in [k for k, v in server.items() if v is None]:
            del server[key]
        return self.post('/v2.1/servers', {'server': server})

    def test_create_response(self):
        resp = self._create()
        self.assertEqual(202, resp.status, resp.body)
        server = resp.json['server']
        self.assertEqual({'id', 'links', 'OS-DCF:diskConfig',
                          'security_groups', 'adminPass'}, set(server))
        self.assertEqual([{'name': 'default'}], server['security_groups'])
        self.assertTrue(server['adminPass'])
        self.assertEqual(['self', 'bookmark'],
                         [link['rel'] for link in server['links']])
        self.assertEqual(
            'http://localhost/v2.1/servers/%s' % server['id'],
            server['links'][0]['href'])
        self.assertEqual(server['links'][0]['href'],
                         resp.headers['Location'])

    def test_admin_pass_given_is_returned(self):
        resp = self._create(adminPass='s3cr3t')
        self.assertEqual('s3cr3t', resp.json['server']['adminPass'])

    def test_build_then_active(self):
        server_id = self._create().json['server']['id']
        # The create is accepted in BUILD; with instant pacing the next
        # read settles it.
        server = self.store.servers[server_id]
        self.assertEqual('building', server.vm_state)
        self.assertEqual('ACTIVE', self.show(server_id)['status'])

    def test_build_status_before_settling(self):
        self.app = base.load_app(pacing='manual')
        self.cloud = self.app.cloud
        self.router = self.cloud.compute
        server_id = self._create().json['server']['id']
        shown = self.show(server_id)
        self.assertEqual('BUILD', shown['status'])
        self.assertEqual({}, shown['addresses'])
        self.store.complete(server_id)
        self.assertEqual('ACTIVE', self.show(server_id)['status'])

    def test_bad_flavor(self):
        self.assertFault(self._create(flavorRef='999'), 400,
                         'Flavor 999 could not be found.')

    def test_unknown_image(self):
        resp = self._create(imageRef='11111111-2222-3333-4444-555555555555')
        self.assertFault(resp, 400, 'Can not find requested image')

    def test_missing_name(self):
        resp = self._create(name=None)
        msg = self.assertFault(resp, 400)
        self.assertIn("'name' is a required property", msg)

    def test_missing_flavor(self):
        msg = self.assertFault(self._create(flavorRef=None), 400)
        self.assertIn("'flavorRef' is a required property", msg)

    def test_base64_with_spaces_accepted(self):
        # Nova decodes with base64.decodebytes, which skips spaces.
        resp = self._create(user_data='ZWNobyAi aGVsbG8gd29ybGQi')
        self.assertEqual(202, resp.status, resp.body)
        self.assertFault(self._create(user_data='not base64!'), 400)

    def test_unknown_security_group(self):
        resp = self._create(security_groups=[{'name': 'nope'}])
        self.assertFault(resp, 400)


class TestList(base.APITestCase):

    def _ids(self, resp):
        self.assertEqual(200, resp.status, resp.body)
        return [s['id'] for s in resp.json['servers']]

    def test_index_only_own_project(self):
        mine = self.create_server()
        theirs = self.create_server(token=base.ALT)
        resp = self.get('/v2.1/servers')
        self.assertEqual([mine], self._ids(resp))
        self.assertEqual({'id', 'name', 'links'},
                         set(resp.json['servers'][0]))
        self.assertEqual([theirs], self._ids(self.get('/v2.1/servers',
                                                      token=base.ALT)))

    def test_detail_only_own_project(self):
        mine = self.create_server()
        self.create_server(token=base.ALT)
        resp = self.get('/v2.1/servers/detail')
        self.assertEqual([mine], self._ids(resp))
        self.assertEqual('ACTIVE', resp.json['servers'][0]['status'])

    def test_detail_has_no_server_groups(self):
        self.create_server()
        resp = self.get('/v2.1/servers/detail', version='2.71')
        self.assertNotIn('server_groups', resp.json['servers'][0])

    def test_all_tenants_admin(self):
        mine = self.create_server()
        theirs = self.create_server(token=base.ALT)
        for path in ('/v2.1/servers?all_tenants=1',
                     '/v2.1/servers/detail?all_tenants=1',
                     '/v2.1/servers?all_tenants'):
            ids = self._ids(self.get(path, token=base.ADMIN))
            self.assertEqual({mine, theirs}, set(ids))

    def test_all_tenants_admin_with_project_filter(self):
        self.create_server()
        theirs = self.create_server(token=base.ALT)
        resp = self.get('/v2.1/servers?all_tenants=1&project_id=9f8e7d6c',
                        token=base.ADMIN)
        self.assertEqual([theirs], self._ids(resp))

    def test_all_tenants_non_admin(self):
        self.create_server()
        self.assertFault(self.get('/v2.1/servers?all_tenants=1'), 403)
        self.assertFault(self.get('/v2.1/servers/detail?all_tenants=1'), 403)

    def test_filter_name_regex(self):
        web1 = self.create_server(name='web-1')
        web2 = self.create_server(name='web-2')
        self.create_server(name='db-1')
        ids = self._ids(self.get('/v2.1/servers?name=web'))
        self.assertEqual({web1, web2}, set(ids))
        ids = self._ids(self.get('/v2.1/servers?name=%5Eweb-2%24'))
        self.assertEqual([web2], ids)

    def test_filter_status(self):
        running = self.create_server(name='a')
        paused = self.create_server(name='b')
        self.assertEqual(202, self.action(paused, {'pause': None}).status)
        self.assertEqual([running],
                         self._ids(self.get('/v2.1/servers?status=ACTIVE')))
        self.assertEqual([paused],
                         self._ids(self.get('/v2.1/servers?status=PAUSED')))

    def test_filter_invalid_status(self):
        self.create_server()
        resp = self.get('/v2.1/servers?status=FOO', version='2.38')
        self.assertFault(resp, 400, 'Invalid status value')
        resp = self.get('/v2.1/servers/detail?status=FOO', version='2.37')
        self.assertEqual([], self._ids(resp))
        self.assertEqual([], self._ids(self.get('/v2.1/servers?status=FOO')))

    def test_pagination(self):
        ids = [self.create_server(name='s%d' % i) for i in range(5)]
        newest_first = list(reversed(ids))
        resp = self.get('/v2.1/servers?limit=2')
        self.assertEqual(newest_first[:2], self._ids(resp))
        links = resp.json['servers_links']
        self.assertEqual('next', links[0]['rel'])
        href = links[0]['href']
        self.assertIn('marker=%s' % newest_first[1], href)
        url = urllib.parse.urlsplit(href)
        self.assertEqual('/v2.1/servers', url.path)
        query = urllib.parse.parse_qs(url.query)
        self.assertEqual(['2'], query['limit'])
        resp = self.get('/v2.1/servers?' + url.query)
        self.assertEqual(newest_first[2:4], self._ids(resp))
        resp = self.get('/v2.1/servers?limit=2&marker=%s' % newest_first[3])
        self.assertEqual(newest_first[4:], self._ids(resp))
        self.assertNotIn('servers_links', resp.json)

    def test_pagination_detail_link(self):
        self.create_server()
        self.create_server()
        resp = self.get('/v2.1/servers/detail?limit=1')
        href = resp.json['servers_links'][0]['href']
        self.assertIn('/v2.1/servers/detail?', href)
        self.assertIn('marker=', href)

    def test_no_links_without_limit(self):
        self.create_server()
        self.assertNotIn('servers_links', self.get('/v2.1/servers').json)

    def test_full_default_page_links_on(self):
        # As Nova: a page as long as [api] max_limit (1000) gets a link,
        # whether or not the caller gave a limit.
        for i in range(1000):
            seeding.create_server(self.store, 'vm%d' % i, base.OWNER_PROJECT,
                                  'owner')
        resp = self.get('/v2.1/servers')
        self.assertEqual(1000, len(resp.json['servers']))
        self.assertIn('servers_links', resp.json)
        # One more through the API: over Nova's default quotas.
        seeding.set_quotas(self.store, base.OWNER_PROJECT, instances=-1,
                           cores=-1, ram=-1)
        self.create_server()
        resp = self.get('/v2.1/servers?limit=2000')
        self.assertEqual(1000, len(resp.json['servers']))
        self.assertIn('limit=2000', resp.json['servers_links'][0]['href'])

    def test_next_link_replaces_the_marker_in_sorted_order(self):
        ids = [self.create_server(name='s%d' % i) for i in range(3)]
        resp = self.get('/v2.1/servers?name=s&marker=%s&limit=1' % ids[2])
        href = resp.json['servers_links'][0]['href']
        self.assertEqual('limit=1&marker=%s&name=s' % ids[1],
                         urllib.parse.urlsplit(href).query)

    def test_unknown_marker(self):
        self.create_server()
        resp = self.get('/v2.1/servers?marker=x')
        self.assertFault(resp, 400, 'marker [x] not found')


class TestShow(base.APITestCase):

    def _sample_keys(self, name):
        with open(base.reference_path('api_samples', 'servers', name)) as f:
            return set(json.load(f)['server'])

    def test_keys_2_1_admin(self):
        server_id = self.create_server(token=base.ADMIN)
        shown = self.show(server_id, token=base.ADMIN)
        self.assertEqual(self._sample_keys('server-get-resp.json'),
                         set(shown))

    def test_keys_2_1_owner_has_no_extended_attributes(self):
        server_id = self.create_server()
        shown = self.show(server_id)
        expected = {k for k in self._sample_keys('server-get-resp.json')
                    if not k.startswith('OS-EXT-SRV-ATTR:')}
        self.assertEqual(expected, set(shown))

    def test_keys_2_100(self):
        # The v2.100 sample was generated for a non-admin: no extended
        # attributes (except hostname, shown to all since 2.90) and no
        # host_status.
        server_id = self.create_server()
        shown = self.show(server_id, version='2.100')
        self.assertEqual(self._sample_keys('v2.100/server-get-resp.json'),
                         set(shown))

    def test_keys_2_100_admin(self):
        server_id = self.create_server(token=base.ADMIN)
        shown = self.show(server_id, token=base.ADMIN, version='2.100')
        expected = self._sample_keys('v2.100/server-get-resp.json')
        expected |= {'OS-EXT-SRV-ATTR:host', 'host_status',
                     'OS-EXT-SRV-ATTR:hypervisor_hostname',
                     'OS-EXT-SRV-ATTR:instance_name',
                     'OS-EXT-SRV-ATTR:kernel_id',
                     'OS-EXT-SRV-ATTR:launch_index',
                     'OS-EXT-SRV-ATTR:ramdisk_id',
                     'OS-EXT-SRV-ATTR:reservation_id',
                     'OS-EXT-SRV-ATTR:root_device_name',
                     'OS-EXT-SRV-ATTR:user_data'}
        self.assertEqual(expected, set(shown))

    def test_keys_by_microversion(self):
        server_id = self.create_server()
        cases = [('2.8', 'locked', False), ('2.9', 'locked', True),
                 ('2.18', 'description', False),
                 ('2.19', 'description', True), ('2.26', 'tags', True),
                 ('2.62', 'trusted_image_certificates', False),
                 ('2.63', 'trusted_image_certificates', True),
                 ('2.70', 'server_groups', False),
                 ('2.71', 'server_groups', True),
                 ('2.73', 'locked_reason', True),
                 ('2.89', 'OS-EXT-SRV-ATTR:hostname', False),
                 ('2.90', 'OS-EXT-SRV-ATTR:hostname', True),
                 ('2.96', 'pinned_availability_zone', True),
                 ('2.99', 'scheduler_hints', False),
                 ('2.100', 'scheduler_hints', True)]
        for version, key, present in cases:
            shown = self.show(server_id, version=version)
            self.assertEqual(present, key in shown, (version, key))

    def test_flavor_shape(self):
        server_id = self.create_server()
        self.assertEqual({'id', 'links'},
                         set(self.show(server_id, version='2.46')['flavor']))
        flavor = self.show(server_id, version='2.47')['flavor']
        self.assertEqual({'vcpus', 'ram', 'disk', 'ephemeral', 'swap',
                          'original_name', 'extra_specs'}, set(flavor))
        self.assertEqual('m1.tiny', flavor['original_name'])

    def test_security_groups_depend_on_data(self):
        server_id = self.create_server()
        self.store.servers[server_id].security_groups = []
        self.assertNotIn('security_groups', self.show(server_id))

    def test_other_project_is_404(self):
        server_id = self.create_server()
        resp = self.get('/v2.1/servers/%s' % server_id, token=base.ALT)
        self.assertFault(resp, 404,
                         'Instance %s could not be found.' % server_id)
        self.show(server_id, token=base.ADMIN)

    def test_links(self):
        server_id = self.create_server()
        links = self.show(server_id)['links']
        self.assertEqual(
            [{'rel': 'self',
              'href': 'http://localhost/v2.1/servers/%s' % server_id},
             {'rel': 'bookmark',
              'href': 'http://localhost/servers/%s' % server_id}], links)


class TestUpdate(base.APITestCase):

    def _put(self, server_id, body, **kw):
        return self.request('PUT', '/v2.1/servers/%s' % server_id,
                            body={'server': body}, **kw)

    def test_rename(self):
        server_id = self.create_server()
        resp = self._put(server_id, {'name': 'renamed'})
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual('renamed', resp.json['server']['name'])
        self.assertEqual('renamed', self.show(server_id)['name'])

    def test_description_needs_2_19(self):
        server_id = self.create_server()
        self.assertFault(self._put(server_id, {'description': 'd'},
                                   version='2.18'), 400)
        resp = self._put(server_id, {'description': 'd'}, version='2.19')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual('d', resp.json['server']['description'])
        self.assertEqual('d', self.show(server_id,
                                        version='2.19')['description'])

    def test_reduced_body_before_2_75(self):
        server_id = self.create_server()
        body = self._put(server_id, {'name': 'x'},
                         version='2.74').json['server']
        self.assertNotIn('OS-EXT-STS:vm_state', body)
        self.assertNotIn('OS-EXT-AZ:availability_zone', body)
        self.assertIn('status', body)

    def test_full_body_from_2_75(self):
        server_id = self.create_server()
        body = self._put(server_id, {'name': 'x'},
                         version='2.75').json['server']
        shown = self.show(server_id, version='2.75')
        self.assertEqual(set(shown), set(body))

    def test_server_groups_from_2_71(self):
        server_id = self.create_server()
        body = self._put(server_id, {'name': 'x'},
                         version='2.70').json['server']
        self.assertNotIn('server_groups', body)
        body = self._put(server_id, {'name': 'x'},
                         version='2.71').json['server']
        self.assertEqual([], body['server_groups'])

    def test_pinned_availability_zone_2_104(self):
        server_id = self.create_server()
        spec = {'pinned_availability_zone': None}
        self.assertFault(self._put(server_id, spec, version='2.103'), 400)
        resp = self._put(server_id, spec, version='2.104')
        self.assertEqual(200, resp.status, resp.body)
        self.assertIsNone(resp.json['server']['pinned_availability_zone'])
        resp = self._put(server_id, {'pinned_availability_zone': 'az2'},
                         version='2.104')
        self.assertFault(
            resp, 409, "Server can only be pinned to its current "
            "availability zone 'nova', but 'az2' was requested.")

    def test_pin_unpin_and_repin(self):
        server_id = self.create_server(availability_zone='nova')

        def pinned(version='2.104'):
            return self.show(server_id, version=version)[
                'pinned_availability_zone']
        self.assertEqual('nova', pinned('2.96'))
        self.assertNotIn('pinned_availability_zone',
                         self.show(server_id, version='2.95'))
        resp = self._put(server_id, {'pinned_availability_zone': None},
                         version='2.104')
        self.assertEqual(200, resp.status, resp.body)
        self.assertIsNone(resp.json['server']['pinned_availability_zone'])
        self.assertIsNone(pinned())
        resp = self._put(server_id, {'pinned_availability_zone': 'nova'},
                         version='2.104')
        self.assertEqual('nova',
                         resp.json['server']['pinned_availability_zone'])
        # pinned: only null may change it
        resp = self._put(server_id, {'pinned_availability_zone': 'az2'},
                         version='2.104')
        self.assertFault(
            resp, 409, 'Cannot change pinned availability zone directly. '
            'Unpin first by setting pinned_availability_zone to null.')
        self.assertEqual('nova', pinned())
        resp = self._put(server_id, {'pinned_availability_zone': 'nova'},
                         version='2.104')
        self.assertEqual(200, resp.status, resp.body)

    def test_server_created_without_a_zone_is_not_pinned(self):
        server_id = self.create_server()
        server = self.show(server_id, version='2.96')
        self.assertIsNone(server['pinned_availability_zone'])
        self.assertEqual('nova', server['OS-EXT-AZ:availability_zone'])

    def test_other_project_is_404(self):
        server_id = self.create_server()
        resp = self._put(server_id, {'name': 'x'}, token=base.ALT)
        self.assertFault(resp, 404)


class TestDelete(base.APITestCase):

    def test_delete(self):
        server_id = self.create_server()
        resp = self.request('DELETE', '/v2.1/servers/%s' % server_id)
        self.assertEqual(204, resp.status, resp.body)
        self.assertEqual(b'', resp.body)
        self.assertFault(self.get('/v2.1/servers/%s' % server_id), 404)
        self.assertEqual([], self.get('/v2.1/servers').json['servers'])

    def test_delete_other_project_is_404(self):
        server_id = self.create_server()
        resp = self.request('DELETE', '/v2.1/servers/%s' % server_id,
                            token=base.ALT)
        self.assertFault(resp, 404)

    def test_delete_locked(self):
        server_id = self.create_server()
        self.assertEqual(202, self.action(server_id, {'lock': None}).status)
        resp = self.request('DELETE', '/v2.1/servers/%s' % server_id)
        self.assertFault(resp, 409, 'Instance %s is locked' % server_id)
        resp = self.request('DELETE', '/v2.1/servers/%s' % server_id,
                            token=base.ADMIN)
        self.assertEqual(204, resp.status, resp.body)
        self.assertFault(self.get('/v2.1/servers/%s' % server_id), 404)


class TestLegacyURLs(base.APITestCase):

    def test_own_project_id(self):
        server_id = self.create_server()
        resp = self.get('/v2.1/0a1b2c3d/servers')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual([server_id], [s['id'] for s in resp.json['servers']])
        links = resp.json['servers'][0]['links']
        self.assertEqual(
            'http://localhost/v2.1/0a1b2c3d/servers/%s' % server_id,
            links[0]['href'])
        self.assertEqual(
            'http://localhost/0a1b2c3d/servers/%s' % server_id,
            links[1]['href'])

    def test_show_links_and_bookmarks(self):
        server_id = self.create_server()
        server = self.get('/v2.1/0a1b2c3d/servers/%s' % server_id).json[
            'server']
        self.assertEqual(
            'http://localhost/0a1b2c3d/images/%s' % base.IMAGE,
            server['image']['links'][0]['href'])
        self.assertEqual('http://localhost/0a1b2c3d/flavors/1',
                         server['flavor']['links'][0]['href'])
        # Without the project id in the URL, links do not carry it.
        server = self.show(server_id)
        self.assertEqual('http://localhost/images/%s' % base.IMAGE,
                         server['image']['links'][0]['href'])

    def test_create_with_project_id(self):
        resp = self.post('/v2.1/0a1b2c3d/servers',
                         {'server': {'name': 'vm', 'imageRef': base.IMAGE,
                                     'flavorRef': '1'}})
        self.assertEqual(202, resp.status, resp.body)
        self.assertIn('/v2.1/0a1b2c3d/servers/', resp.headers['Location'])

    def test_other_project_id(self):
        for method, path in (('GET', '/v2.1/9f8e7d6c/servers'),
                             ('GET', '/v2.1/9f8e7d6c/servers/detail')):
            resp = self.request(method, path)
            self.assertFault(resp, 400, BAD_PROJECT_MSG)

    def test_other_project_id_on_action(self):
        server_id = self.create_server()
        resp = self.post('/v2.1/9f8e7d6c/servers/%s/action' % server_id,
                         {'pause': None})
        self.assertFault(resp, 400, BAD_PROJECT_MSG)


class CreateRequestTest(base.APITestCase):
    """What a create asks for, checked as Nova checks it (issue 12)."""

    def post_server(self, version=None, **extra):
        spec = {'name': 'web', 'imageRef': base.IMAGE, 'flavorRef': '1'}
        spec.update(extra)
        return self.post('/v2.1/servers', {'server': spec}, version=version)

    def names(self):
        return sorted(s.name for s in self.store.servers.values())

    def test_min_and_max_count_are_checked(self):
        for extra, message in (
                ({'min_count': 0}, 'Invalid input for field/attribute '
                 'min_count. Value: 0. 0 is less than the minimum of 1'),
                ({'max_count': '0'}, 'Invalid input for field/attribute '
                 'max_count. Value: 0. 0 is less than the minimum of 1'),
                ({'min_count': 3, 'max_count': 2},
                 'min_count must be <= max_count')):
            self.assertFault(self.post_server(**extra), 400, message)
        self.assertEqual([], self.names())

    def test_multiple_create_names_and_reservation(self):
        resp = self.post_server(min_count=2, max_count='3')
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(['web-1', 'web-2', 'web-3'], self.names())
        first = resp.json['server']['id']
        self.assertEqual('web-1', self.store.servers[first].name)
        self.assertEqual(['web-1', 'web-2', 'web-3'], sorted(
            s.hostname for s in self.store.servers.values()))
        self.assertEqual(1, len({s.reservation_id for s in
                                 self.store.servers.values()}))
        resp = self.post_server(min_count=2, return_reservation_id=True)
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual(['reservation_id'], list(resp.json))
        made = [s for s in self.store.servers.values()
                if s.reservation_id == resp.json['reservation_id']]
        self.assertEqual(2, len(made))

    def test_access_ipv6_is_canonical(self):
        resp = self.post_server(
            accessIPv6='0000:0000:0000:0000:0000:babe:220.12.22.2')
        server = self.show(resp.json['server']['id'])
        self.assertEqual('::babe:dc0c:1602', server['accessIPv6'])
        resp = self.request('PUT', '/v2.1/servers/%s' % server['id'],
                            {'server': {'accessIPv6': 'fe80:0:0::1'}})
        self.assertEqual('fe80::1', resp.json['server']['accessIPv6'])

    def test_scheduler_hints_are_lists(self):
        # As Nova keeps them (asked of the oracle): every value a list.
        resp = self.post('/v2.1/servers', {'server': {
            'name': 'web', 'imageRef': base.IMAGE, 'flavorRef': '1',
            'networks': 'auto'}, 'os:scheduler_hints': {
                'same_host': '4c5c3a53-64f9-4de9-9a0d-2d0f1a3c7c1e',
                'query': '[]', 'foo': ['a', 'b']}}, version='2.100')
        hints = self.show(resp.json['server']['id'],
                          version='2.100')['scheduler_hints']
        self.assertEqual({'same_host': ['4c5c3a53-64f9-4de9-9a0d-'
                                        '2d0f1a3c7c1e'],
                          'query': ['[]'], 'foo': ['a', 'b']}, hints)

    def test_networks(self):
        none = self.post_server('2.37', networks='none').json['server']['id']
        self.assertEqual({}, self.show(none, version='2.37')['addresses'])
        # Neutron's security groups are the ports': none without a port.
        self.assertNotIn('security_groups', self.show(none))
        auto = self.post_server('2.37', networks='auto').json['server']['id']
        self.assertEqual(['private'], list(
            self.show(auto, version='2.37')['addresses']))
        given = self.post_server(networks=[{
            'uuid': 'e1882e38-38c2-4239-ade7-35d644cb963a',
            'fixed_ip': '10.0.0.200'}]).json['server']['id']
        (address,) = self.show(given)['addresses']['private']
        self.assertEqual('10.0.0.200', address['addr'])
        before = self.names()
        for version, networks, message in (
                ('2.37', None, "'networks' is a required property"),
                ('2.36', 'none', "'none' is not of type 'array'"),
                ('2.1', [{'uuid': 'not-a-uuid'}], 'Bad networks format: '
                 'network uuid is not in proper format (not-a-uuid)'),
                ('2.37', [{'uuid': 'not-a-uuid'}],
                 'is not valid under any of the given schemas'),
                ('2.1', [{'uuid': '3cb9bc59-5699-4588-a4b1-b87f96708bc7'}],
                 'Network 3cb9bc59-5699-4588-a4b1-b87f96708bc7 could not '
                 'be found.'),
                ('2.1', [{'fixed_ip': '10.0.0.5'}],
                 "Bad network format: missing 'uuid'"),
                ('2.1', [{'port': '3cb9bc59-5699-4588-a4b1-b87f96708bc6'}],
                 'Port id 3cb9bc59-5699-4588-a4b1-b87f96708bc6 could not be '
                 'found.')):
            extra = {} if networks is None else {'networks': networks}
            message_seen = self.assertFault(
                self.post_server(version, **extra), 400)
            self.assertIn(message, message_seen)
        self.assertEqual(before, self.names())
