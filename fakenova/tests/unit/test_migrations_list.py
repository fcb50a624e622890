"""GET /os-migrations: fields per microversion, filters, order, paging.

The records come from the real moves (resize, migrate, os-migrateLive,
evacuate) under manual pacing, so that a live migration can stay running.
"""

import glob
import json
import os
import time
import urllib.parse

from fakenova import policy_matrix
from fakenova.tests.unit import base

ADMIN = base.ADMIN
OWNER = base.OWNER
ALT = base.ALT
INDEX = 'os_compute_api:os-migrations:index'
ALL_PROJECTS = 'os_compute_api:os-migrations:index:all_projects'
HOST = 'os_compute_api:os-migrations:index:host'
HOST_FIELDS = ('source_compute', 'source_node', 'dest_compute', 'dest_node',
               'dest_host')
RBAC_FILE = os.path.join(base.REPO, 'etc', 'policy-rbac.yaml')
T0 = 1466689322.0   # 2016-06-23T13:42:02Z


def iso(ts):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(ts))


class MigrationListTestCase(base.APITestCase):

    app_conf = {'pacing': 'manual'}

    def boot(self, token=OWNER):
        sid = self.create_server(token=token)
        self.store.complete(sid)
        return sid

    def move(self, sid, body, version=None, token=ADMIN, settle=True):
        resp = self.action(sid, body, token=token, version=version)
        self.assertIn(resp.status, (200, 202), resp.body)
        if settle:
            self.store.complete(sid)

    def make_moves(self):
        """One move of each type; {type: server id}.

        In this order (ids 1 to 4): a resize by the owner, a cold
        migration, a live migration of the other project's server that
        stays running, an evacuation.
        """
        servers = {'resize': self.boot(), 'migration': self.boot(),
                   'live-migration': self.boot(ALT),
                   'evacuation': self.boot()}
        self.move(servers['resize'], {'resize': {'flavorRef': '2'}},
                  token=OWNER)
        self.move(servers['migration'], {'migrate': None})
        self.move(servers['live-migration'], {'os-migrateLive': {
            'host': None, 'block_migration': 'auto'}}, version='2.25',
            settle=False)
        service = self.store.service_of(
            self.store.servers[servers['evacuation']].host)
        service.forced_down = True
        self.move(servers['evacuation'], {'evacuate': {}}, version='2.14')
        service.forced_down = False
        return servers

    def timed(self, *offsets):
        """Give the records (by id) created_at = updated_at = T0 + offset."""
        for record, offset in zip(self.store.migrations, offsets):
            self.store.migrations.redate(record, T0 + offset)
            record.updated = T0 + offset

    def list(self, query=None, version='2.80', token=ADMIN, status=200):
        if isinstance(query, dict):
            query = urllib.parse.urlencode(query)
        resp = self.get('/v2.1/os-migrations', token=token, version=version,
                        query=query)
        self.assertEqual(status, resp.status, resp.body)
        return resp

    def ids(self, query=None, version='2.80', token=ADMIN):
        return [m['id'] for m in self.list(query, version,
                                           token).json['migrations']]

    def by_type(self, version='2.80', token=ADMIN):
        return {m['migration_type']: m
                for m in self.list(None, version, token).json['migrations']}


class PolicyTest(MigrationListTestCase):

    def test_admin_only_by_default(self):
        self.make_moves()
        for version in ('2.1', '2.23', '2.59', '2.80', '2.104'):
            resp = self.list(version=version, token=OWNER, status=403)
            self.assertFault(
                resp, 403, "Policy doesn't allow %s to be performed."
                % INDEX)
        self.assertEqual([1, 2, 3, 4], self.ids(version='2.1'))

    def test_own_project_needs_only_index(self):
        self.make_moves()
        self.cloud.set_policy({INDEX: '@'})
        # All projects (no project_id, or another one): index:all_projects.
        for query in (None, {'project_id': 'adadadad'}):
            resp = self.list(query, token=OWNER, status=403)
            self.assertIn(ALL_PROJECTS, resp.json['forbidden']['message'])
        # project_id is a 2.80 filter: ignored before 2.59, refused after.
        resp = self.list({'project_id': base.OWNER_PROJECT}, '2.58',
                         OWNER, status=403)
        self.assertIn(ALL_PROJECTS, resp.json['forbidden']['message'])
        self.assertFault(self.list({'project_id': base.OWNER_PROJECT},
                                   '2.79', OWNER, status=400), 400)
        # Its own project: the owner's resize, without host fields.
        [record] = self.list({'project_id': base.OWNER_PROJECT},
                             token=OWNER).json['migrations']
        self.assertEqual(('resize', 'owner', base.OWNER_PROJECT),
                         (record['migration_type'], record['user_id'],
                          record['project_id']))
        for key in HOST_FIELDS:
            self.assertIsNone(record[key], key)

    def test_host_fields_need_index_host(self):
        self.make_moves()
        self.cloud.set_policy({HOST: '!'})
        for record in self.list().json['migrations']:
            for key in HOST_FIELDS:
                self.assertIsNone(record[key], key)
            self.assertIsNotNone(record['instance_uuid'])

    def test_policy_matrix_cases(self):
        cases = [c for c in policy_matrix.ROUTE_CASES
                 if c.label.startswith('GET /os-migrations')]
        self.assertEqual(2, len(cases))
        personas = [
            {'name': 'admin', 'roles': ['admin'], 'project': 'admin',
             'lock': 'none'},
            {'name': 'manager', 'roles': ['manager', 'member', 'reader'],
             'project': 'owner', 'lock': 'none'},
            {'name': 'member', 'roles': ['member', 'reader'],
             'project': 'owner', 'lock': 'none'},
        ]
        default = policy_matrix.matrix(None, personas, cases)
        rbac = policy_matrix.matrix(RBAC_FILE, personas, cases)
        for label, row in default.items():
            self.assertEqual({'admin': 'allowed', 'manager': 'forbidden',
                              'member': 'forbidden'}, dict(row), label)
        everyone, own = (dict(rbac[c.label]) for c in cases)
        self.assertEqual({'admin': 'allowed', 'manager': 'forbidden',
                          'member': 'forbidden'}, everyone)
        self.assertEqual({'admin': 'allowed', 'manager': 'allowed',
                          'member': 'forbidden'}, own)


class FieldsTest(MigrationListTestCase):

    def sample_entries(self, folder):
        where = base.reference_path('api_samples', 'os-migrations', folder)
        paths = glob.glob(os.path.join(where, '*.json'))
        if not paths:
            self.fail('no os-migrations samples in %s' % where)
        for path in paths:
            with open(path) as f:
                for entry in json.load(f)['migrations']:
                    yield os.path.basename(path), entry

    def test_keys_per_microversion_match_the_samples(self):
        self.make_moves()
        for folder, version in (('', '2.1'), ('v2.23', '2.23'),
                                ('v2.59', '2.59'), ('v2.66', '2.66'),
                                ('v2.80', '2.80')):
            ours = self.list(version=version).json['migrations']
            self.assertEqual(4, len(ours))
            linked = {frozenset(m) for m in ours if 'links' in m}
            plain = {frozenset(m) for m in ours if 'links' not in m}
            self.assertLessEqual(len(linked), 1, version)
            self.assertEqual(1, len(plain), version)
            for name, entry in self.sample_entries(folder):
                keys = linked if 'links' in entry else plain
                self.assertEqual({frozenset(entry)}, keys,
                                 '%s/%s' % (folder, name))

    def test_values(self):
        servers = self.make_moves()
        records = self.by_type()
        resize, cold = records['resize'], records['migration']
        live, evacuation = records['live-migration'], records['evacuation']
        self.assertEqual(servers['resize'], resize['instance_uuid'])
        self.assertEqual(('finished', 1, 2),
                         (resize['status'], resize['old_instance_type_id'],
                          resize['new_instance_type_id']))
        self.assertEqual(('owner', base.OWNER_PROJECT),
                         (resize['user_id'], resize['project_id']))
        self.assertEqual(('finished', 1, 1),
                         (cold['status'], cold['old_instance_type_id'],
                          cold['new_instance_type_id']))
        self.assertEqual(('admin', 'adadadad'),
                         (cold['user_id'], cold['project_id']))
        self.assertEqual(('running', 1, 1),
                         (live['status'], live['old_instance_type_id'],
                          live['new_instance_type_id']))
        # Nova records no flavors for an evacuation.
        self.assertEqual(('done', None, None),
                         (evacuation['status'],
                          evacuation['old_instance_type_id'],
                          evacuation['new_instance_type_id']))
        server = self.show(servers['migration'], token=ADMIN)
        self.assertEqual(server['OS-EXT-SRV-ATTR:host'], cold['dest_compute'])
        self.assertEqual(cold['dest_compute'] + '.example.com',
                         cold['dest_node'])
        self.assertNotEqual(cold['source_compute'], cold['dest_compute'])
        for record in records.values():
            self.assertEqual(36, len(record['uuid']))
            self.assertRegex(record['created_at'],
                             r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$')

    def test_links_of_the_running_live_migration_only(self):
        servers = self.make_moves()
        sid = servers['live-migration']
        live = self.by_type()['live-migration']
        self.assertEqual(
            [{'rel': 'self', 'href': 'http://localhost/v2.1/servers/%s/'
                                     'migrations/3' % sid},
             {'rel': 'bookmark', 'href': 'http://localhost/servers/%s/'
                                         'migrations/3' % sid}],
            live['links'])
        resp = self.get('/v2.1/servers/%s/migrations/3' % sid, token=ADMIN,
                        version='2.23')
        self.assertEqual(200, resp.status, resp.body)
        for version in ('2.1', '2.22'):
            old = self.list(version=version).json['migrations'][2]
            self.assertEqual(sid, old['instance_uuid'])
            self.assertNotIn('links', old)
            self.assertNotIn('migration_type', old)
        self.store.complete(sid)
        live = self.by_type()['live-migration']
        self.assertEqual('completed', live['status'])
        self.assertNotIn('links', live)

    def test_records_follow_the_moves(self):
        servers = self.make_moves()
        self.assertEqual(204, self.action(servers['resize'],
                                          {'confirmResize': None}).status)
        self.assertEqual('confirming', self.by_type()['resize']['status'])
        self.store.complete(servers['resize'])
        self.assertEqual(202, self.action(servers['migration'],
                                          {'revertResize': None}).status)
        self.store.complete(servers['migration'])
        records = self.by_type()
        self.assertEqual('confirmed', records['resize']['status'])
        self.assertEqual('reverted', records['migration']['status'])

    def test_a_due_transition_settles_before_listing(self):
        self.store.pacing = 'instant'
        sid = self.create_server()
        self.show(sid)
        resp = self.action(sid, {'resize': {'flavorRef': '2'}})
        self.assertEqual(202, resp.status, resp.body)
        # No read of the server in between.
        [record] = self.list().json['migrations']
        self.assertEqual('finished', record['status'])

    def test_a_deleted_servers_records_are_gone(self):
        servers = self.make_moves()
        self.store.pacing = 'instant'
        resp = self.request('DELETE', '/v2.1/servers/%s'
                            % servers['resize'])
        self.assertEqual(204, resp.status, resp.body)
        self.assertEqual([1], [m.id for m in
                               self.store.migrations_of(servers['resize'])])
        self.assertEqual([4, 3, 2], self.ids())
        self.assertEqual([], self.store.migrations_of(servers['resize']))

    def test_project_url_and_empty_list(self):
        resp = self.get('/v2.1/adadadad/os-migrations', token=ADMIN)
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual({'migrations': []}, resp.json)


class FilterTest(MigrationListTestCase):

    def setUp(self):
        super().setUp()
        self.servers = self.make_moves()

    def test_equality_filters(self):
        servers = self.servers
        self.assertEqual([3], self.ids(
            {'instance_uuid': servers['live-migration']}))
        self.assertEqual([2, 1], self.ids({'status': 'finished'}))
        self.assertEqual([4], self.ids({'migration_type': 'evacuation'}))
        self.assertEqual([1], self.ids({'migration_type': 'resize'},
                                       '2.1'))
        self.assertEqual([], self.ids({'status': 'FINISHED'}))
        self.assertEqual([1], self.ids({'user_id': 'owner'}))
        self.assertEqual([4, 3, 2], self.ids({'project_id': 'adadadad'}))
        # A repeated filter: the last value counts (as in Nova).
        self.assertEqual([3], self.ids('status=finished&status=running'))

    def test_host_is_either_end_source_compute_the_source(self):
        records = self.store.migrations
        host = records[0].source_compute
        both = [m.id for m in reversed(records)
                if host in (m.source_compute, m.dest_compute)]
        sources = [m.id for m in reversed(records)
                   if m.source_compute == host]
        self.assertEqual(both, self.ids({'host': host}))
        self.assertEqual(sources, self.ids({'source_compute': host}))
        self.assertNotEqual(both, sources)
        # host wins over source_compute.
        self.assertEqual(both, self.ids({'host': host,
                                         'source_compute': 'nowhere'}))
        self.assertEqual([], self.ids({'host': 'nowhere'}))

    def test_hidden(self):
        self.assertEqual([4, 3, 2, 1], self.ids({'hidden': 'false'}))
        self.assertEqual([4, 3, 2, 1], self.ids({'hidden': '0'}))
        self.assertEqual([], self.ids({'hidden': 'true'}))

    def test_filters_added_later_are_ignored_before_2_59(self):
        for query in ({'user_id': 'owner'}, {'limit': '1'},
                      {'marker': 'nope'}, {'changes-since': 'bad'},
                      {'changes-before': '2000-01-01'}, {'bogus': 'x'}):
            self.assertEqual([1, 2, 3, 4], self.ids(query, '2.58'), query)

    def test_order(self):
        self.assertEqual([1, 2, 3, 4], self.ids(version='2.58'))
        self.assertEqual([4, 3, 2, 1], self.ids(version='2.59'))
        # Newest created first, then the highest id.
        self.timed(300, 0, 300, 100)
        self.assertEqual([3, 1, 4, 2], self.ids(version='2.59'))
        self.assertEqual([1, 2, 3, 4], self.ids(version='2.58'))


class PagingTest(MigrationListTestCase):

    def setUp(self):
        super().setUp()
        self.make_moves()

    def uuid(self, migration_id):
        return self.store.migrations[migration_id - 1].uuid

    def test_limit_marker_and_next_link(self):
        resp = self.list({'limit': '2', 'status': 'finished'}, '2.59')
        self.assertEqual([2, 1], [m['id'] for m in resp.json['migrations']])
        self.assertEqual(
            [{'rel': 'next',
              'href': 'http://localhost/v2.1/os-migrations?limit=2&'
                      'status=finished&marker=%s' % self.uuid(1)}],
            resp.json['migrations_links'])
        resp = self.list({'limit': '3'})
        self.assertEqual([4, 3, 2], [m['id'] for m in
                                     resp.json['migrations']])
        href = resp.json['migrations_links'][0]['href']
        query = urllib.parse.urlsplit(href).query
        self.assertEqual('limit=3&marker=%s' % self.uuid(2), query)
        resp = self.list(query)
        self.assertEqual([1], [m['id'] for m in resp.json['migrations']])
        self.assertNotIn('migrations_links', resp.json)

    def test_an_existing_marker_is_kept_in_its_place(self):
        resp = self.list({'marker': self.uuid(4), 'limit': '1'})
        self.assertEqual([3], [m['id'] for m in resp.json['migrations']])
        self.assertEqual(
            'http://localhost/v2.1/os-migrations?limit=1&marker=%s'
            % self.uuid(3), resp.json['migrations_links'][0]['href'])

    def test_marker_filtered_out_still_places_the_page(self):
        self.assertEqual([2, 1], self.ids({'marker': self.uuid(3),
                                           'status': 'finished'}))

    def test_no_link_without_a_full_page(self):
        for query in ({}, {'limit': '5'}, {'limit': '0'}):
            self.assertNotIn('migrations_links', self.list(query).json,
                             query)
        self.assertEqual([], self.ids({'limit': '0'}))
        # A page exactly as long as the limit has one, even the last page.
        for query in ({'limit': '4'},
                      {'limit': '2', 'marker': self.uuid(3)}):
            self.assertIn('migrations_links', self.list(query).json, query)

    def test_project_url_next_link(self):
        resp = self.get('/v2.1/adadadad/os-migrations', token=ADMIN,
                        version='2.59', query='limit=1')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(
            'http://localhost/v2.1/adadadad/os-migrations?limit=1&marker=%s'
            % self.uuid(4), resp.json['migrations_links'][0]['href'])

    def test_unknown_marker_400(self):
        resp = self.list({'marker': 'nope'}, status=400)
        self.assertFault(resp, 400, 'Marker nope could not be found.')

    def test_limit_above_the_maximum(self):
        self.assertEqual([4, 3, 2, 1], self.ids({'limit': '100000'}))


class ChangesTest(MigrationListTestCase):

    def setUp(self):
        super().setUp()
        self.make_moves()
        self.timed(0, 60, 120, 180)

    def test_changes_since_is_inclusive(self):
        self.assertEqual([4, 3], self.ids({'changes-since': iso(T0 + 120)},
                                          '2.59'))
        self.assertEqual([4, 3, 2, 1], self.ids({'changes-since': iso(T0)}))
        self.assertEqual([], self.ids({'changes-since': iso(T0 + 181)}))

    def test_changes_since_with_microseconds_and_offsets(self):
        self.store.migrations[0].updated = T0 + 0.25
        self.assertEqual([4, 3, 2, 1], self.ids(
            {'changes-since': '2016-06-23T13:42:02.250000'}))
        self.assertEqual([4, 3, 2], self.ids(
            {'changes-since': '2016-06-23T13:42:02.250001Z'}))
        # 15:43 at +02:00 is 13:43 UTC.
        self.assertEqual([4, 3, 2], self.ids(
            {'changes-since': '2016-06-23T15:43:00+02:00'}))

    def test_a_shown_updated_at_selects_its_record(self):
        self.store.migrations[1].updated = T0 + 60.1234567
        shown = {m['id']: m['updated_at']
                 for m in self.list().json['migrations']}
        self.assertIn(2, self.ids({'changes-since': shown[2]}))
        self.assertIn(2, self.ids({'changes-before': shown[2]}))

    def test_changes_before_is_inclusive_from_2_66(self):
        self.assertEqual([2, 1], self.ids({'changes-before': iso(T0 + 60)},
                                          '2.66'))
        self.assertEqual([3, 2], self.ids({'changes-since': iso(T0 + 60),
                                           'changes-before': iso(T0 + 120)}))
        self.assertEqual([2], self.ids({'changes-since': iso(T0 + 60),
                                        'changes-before': iso(T0 + 60)}))
        resp = self.list({'changes-before': iso(T0)}, '2.65', status=400)
        self.assertFault(resp, 400, "Additional properties are not allowed "
                                    "('changes-before' was unexpected)")

    def test_since_after_before_400(self):
        resp = self.list({'changes-since': iso(T0 + 120),
                          'changes-before': iso(T0 + 60)}, status=400)
        self.assertFault(resp, 400, 'The value of changes-since must be '
                                    'less than or equal to changes-before.')


class BadQueryTest(MigrationListTestCase):

    def test_nova_messages(self):
        cases = (
            ('2.59', 'bogus=1', "Additional properties are not allowed "
                                "('bogus' was unexpected)"),
            ('2.59', 'limit=abc', "Invalid input for query parameters "
                                  "limit. Value: abc. 'abc' does not match "
                                  "'^[0-9]*$'"),
            ('2.59', 'limit=-1', "Invalid input for query parameters "
                                 "limit. Value: -1. '-1' does not match "
                                 "'^[0-9]*$'"),
            ('2.59', 'changes-since=yesterday',
             "Invalid input for query parameters changes-since. Value: "
             "yesterday. 'yesterday' is not a 'date-time'"),
            ('2.80', 'user_id=a&user_id=b',
             "Invalid input for query parameters user_id. Value: "
             "['a', 'b']. ['a', 'b'] is too long"),
        )
        for version, query, message in cases:
            resp = self.list(query, version, status=400)
            self.assertFault(resp, 400, message)

    def test_bad_queries_are_checked_before_policy(self):
        resp = self.list('bogus=1', '2.59', token=OWNER, status=400)
        self.assertFault(resp, 400)

    def test_odd_queries_never_fail_the_server(self):
        self.make_moves()
        queries = ('limit=', 'limit=1&limit=2', 'marker=', 'limit=01',
                   'limit=99999999999999999999', 'hidden=maybe', 'host=',
                   'status=&status=', 'changes-since=2016',
                   'changes-since=0001-01-01', 'changes-before=9999-12-31',
                   'changes-since=2016-13-45', 'instance_uuid=%00',
                   'migration_type=%FF', 'project_id=&user_id=',
                   'marker=%s' % self.store.migrations[0].uuid)
        for version in ('2.1', '2.23', '2.59', '2.66', '2.80', '2.104'):
            for query in queries:
                resp = self.get('/v2.1/os-migrations', token=ADMIN,
                                version=version, query=query)
                self.assertIn(resp.status, (200, 400),
                              '%s at %s: %s' % (query, version, resp.body))
                if resp.status == 400:
                    self.assertFault(resp, 400)
                else:
                    self.assertIsInstance(resp.json['migrations'], list)

    def test_methods(self):
        resp = self.request('POST', '/v2.1/os-migrations', body={},
                            token=ADMIN)
        # Nova's routes match path and method together: webob's 404.
        self.assertEqual(404, resp.status)
        self.assertTrue(resp.text.startswith('404 Not Found'))
