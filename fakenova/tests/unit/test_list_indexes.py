"""Indexes, not scans (issue 14), of the paged lists other than the
servers': key pairs (per user, by name), images (newest first, per
bucket of visibility), migration records (newest first), server groups
and security groups (per project, in creation order) and flavors (by
flavor id).

The randomized tests make random creates, deletes, changes and resets,
then compare every page of a marker walk (and pages after random
markers) with what a full walk of the store answers: everything the
caller may see, filtered, sorted, then cut at the marker.
"""

import random
import types
import urllib.parse

import testtools
import webob
import webob.multidict

from fakenova.common import visibility
from fakenova.compute import indexes
from fakenova.compute import keypairs
from fakenova.compute import model
from fakenova.compute import quotas
from fakenova.compute import security_groups
from fakenova.compute import server_groups
from fakenova.control import api as control_api
from fakenova.control import seed
from fakenova.image import api as image_api
from fakenova.image import model as image_model
from fakenova.tests.unit import base
from fakenova.tests.unit import keys
from fakenova.tests.unit import test_identity

KEYPAIRS = '/v2.1/os-keypairs'
IMAGES = '/image/v2/images'
PATCH_TYPE = 'application/openstack-images-v2.1-json-patch'


def _image(number, project, created, visible='private', owner=None,
           hidden=False, name=None):
    """An image with a Glance record (``visible``: Glance's visibility)."""
    owner = owner if owner is not None else project
    image = model.Image('%08d-0000-4000-8000-%012d' % (number, number),
                        name or 'img%d' % (number % 7),
                        project_id=image_model.project_for(owner, visible),
                        created=created)
    image.glance = image_model.Record(owner, visible, 'raw', 'bare',
                                      os_hidden=hidden)
    return image


# -- the tables on their own ---------------------------------------------

class KeypairTableTest(testtools.TestCase):
    """The per-user names follow every way the dict is written."""

    def check(self, table):
        users = {user for user, _name in table}
        self.assertEqual(users, set(table.names))
        for user in users:
            self.assertEqual(sorted(n for u, n in table if u == user),
                             table.names[user])
            self.assertEqual(len(table.names[user]), table.count(user))

    def test_random_writes_keep_the_index(self):
        rng = random.Random(14)
        table = indexes.KeypairTable()
        for _ in range(500):
            op = rng.random()
            key = (rng.choice(('u1', 'u2', 'u3')),
                   rng.choice('abcdefghij') + rng.choice('xyz'))
            if op < 0.5 or not table:
                table[key] = object()
            elif op < 0.7:
                table.pop(rng.choice(list(table)))
            elif op < 0.8:
                del table[rng.choice(list(table))]
            elif op < 0.85:
                table.setdefault(key, object())
            elif op < 0.9:
                table.update({key: object()})
            elif op < 0.95:
                table.popitem()
            else:
                table.pop(('u9', 'missing'), None)
            self.check(table)
        self.assertRaises(KeyError, table.pop, ('u9', 'missing'))
        table.clear()
        self.check(table)
        self.assertEqual({}, table.names)
        self.assertEqual(0, table.count('u1'))

    def test_page(self):
        table = indexes.KeypairTable()
        for name in ('c', 'a', 'b', 'd'):
            table[('u1', name)] = name
        table[('u2', 'a2')] = 'a2'
        self.assertEqual(['a', 'b', 'c', 'd'], table.page('u1'))
        self.assertEqual(['b', 'c'], table.page('u1', 2, 'a'))
        self.assertEqual([], table.page('u1', 0))
        self.assertEqual(['d'], table.page('u1', 5, 'c'))
        # After a name that is not there: from the next name on.
        self.assertEqual(['c', 'd'], table.page('u1', None, 'bb'))
        self.assertEqual([], table.page('nobody', 10))


class ImageTableTest(testtools.TestCase):
    """The order and the buckets follow writes and re-indexing."""

    def check(self, table):
        images = list(table.values())
        self.assertEqual(sorted((i.created, i.id) for i in images),
                         table.order)
        expected = {}
        for image in images:
            for bucket in indexes.buckets_of(image):
                expected.setdefault(bucket, []).append(
                    (image.created, image.id))
        self.assertEqual({b: sorted(k) for b, k in expected.items()},
                         table.buckets)

    def random_image(self, rng):
        return _image(rng.randrange(300), rng.choice(('p1', 'p2', 'p3')),
                      float(rng.randrange(6)),
                      rng.choice(image_api.VISIBILITIES),
                      owner=rng.choice(('p1', 'p2', None)))

    def test_random_writes_and_changes_keep_the_index(self):
        rng = random.Random(15)
        table = indexes.ImageTable()
        for _ in range(600):
            op = rng.random()
            if op < 0.45 or not table:
                image = self.random_image(rng)
                table[image.id] = image
            elif op < 0.6:
                table.pop(rng.choice(list(table)))
            elif op < 0.7:
                del table[rng.choice(list(table))]
            elif op < 0.9:
                # A PATCH: another owner, visibility or creation time.
                image = table[rng.choice(list(table))]
                other = self.random_image(rng)
                image.glance = other.glance
                image.project_id = other.project_id
                if rng.random() < 0.3:
                    image.created = other.created
                table.reindex(image)
            elif op < 0.95:
                table.popitem()
            else:
                image = self.random_image(rng)
                table.setdefault(image.id, image)
            self.check(table)
        table.clear()
        self.check(table)

    def test_walk_merges_buckets_newest_first_after_a_key(self):
        rng = random.Random(16)
        table = indexes.ImageTable()
        for number in range(200):
            image = self.random_image(rng)
            table[image.id] = image
        every = sorted(table.values(), key=lambda i: (i.created, i.id),
                       reverse=True)
        choices = [None, [indexes.PUBLIC], ['p1', indexes.COMMUNITY],
                   [indexes.PUBLIC, 'p2', (indexes.COMMUNITY, 'p2')],
                   ['nobody']]
        for buckets in choices:
            members = [i for i in every if buckets is None or any(
                b in buckets for b in indexes.buckets_of(i))]
            self.assertEqual(members, list(table.walk(buckets)))
            for marker in rng.sample(every, 20):
                key = (marker.created, marker.id)
                self.assertEqual(
                    [i for i in members if (i.created, i.id) < key],
                    list(table.walk(buckets, key)), marker.id)

    def test_walk_of_empty_or_unknown_buckets(self):
        table = indexes.ImageTable()
        self.assertEqual([], list(table.walk()))
        self.assertEqual([], list(table.walk(['p1'])))
        self.assertEqual([], list(table.walk([], (0.0, 'x'))))


# -- key pairs through the API ------------------------------------------------

class KeypairPagesTest(base.APITestCase):
    """GET /os-keypairs pages against a full walk of the store."""

    USERS = {base.OWNER: 'owner', base.ALT: 'alt',
             base.OTHER_USER_SAME_PROJECT: 'colleague'}

    def page(self, token, limit=None, marker=None, user_id=None,
             status=200):
        query = {}
        if limit is not None:
            query['limit'] = limit
        if marker is not None:
            query['marker'] = marker
        if user_id is not None:
            query['user_id'] = user_id
        resp = self.get(KEYPAIRS, token=token, version='2.35',
                        query=urllib.parse.urlencode(query))
        self.assertEqual(status, resp.status, resp.body)
        if status != 200:
            return resp
        return [k['keypair']['name'] for k in resp.json['keypairs']]

    def names_of(self, user):
        # The full walk: every user's pairs, sorted.
        return sorted(name for (owner, name) in dict.keys(
            self.store.keypairs) if owner == user)

    def check_pages(self, rng, token, user, as_admin=False):
        expected = self.names_of(user)
        limit = rng.randrange(1, 5)
        got, marker = [], None
        while True:
            page = self.page(base.ADMIN if as_admin else token, limit,
                             marker, user if as_admin else None)
            got.extend(page)
            if len(page) < limit:
                break
            marker = page[-1]
        self.assertEqual(expected, got)
        for marker in expected:
            self.assertEqual(
                [n for n in expected if n > marker][:limit],
                self.page(token, limit, marker))

    def test_random_creates_deletes_and_resets(self):
        rng = random.Random(17)
        users = list(self.USERS.items())
        for _ in range(300):
            op = rng.random()
            token, user = rng.choice(users)
            if op < 0.6:
                name = rng.choice('abcdefgh') + str(rng.randrange(4))
                if (user, name) not in self.store.keypairs:
                    keypairs.add(self.store, user, name, keys.ED25519)
            elif op < 0.9:
                mine = self.names_of(user)
                if mine:
                    keypairs.delete(self.store, user, rng.choice(mine))
            elif op < 0.93:
                self.cloud.reset()
            else:
                self.check_pages(rng, token, user, as_admin=True)
            if rng.random() < 0.3:
                self.check_pages(rng, token, user)
        for token, user in users:
            self.check_pages(rng, token, user)

    def test_marker_of_a_deleted_pair_or_of_another_user(self):
        for name in ('a', 'b', 'c'):
            keypairs.add(self.store, 'owner', name, keys.ED25519)
        keypairs.add(self.store, 'alt', 'z', keys.ED25519)
        keypairs.delete(self.store, 'owner', 'b')
        self.assertFault(self.page(base.OWNER, 2, 'b', status=400), 400,
                         'Marker b could not be found.')
        # Another user's name is no marker of this user's list.
        self.assertFault(self.page(base.OWNER, 2, 'z', status=400), 400,
                         'Marker z could not be found.')
        self.assertEqual(['z'], self.page(base.ALT))
        self.assertEqual(['a', 'c'], self.page(base.OWNER))
        self.assertEqual([], self.page(base.OWNER, 0))
        self.assertEqual([], self.page(base.OWNER, 0, 'a'))
        self.assertEqual([], self.page(base.OWNER, 5, 'c'))
        self.assertEqual([], self.page(base.OTHER_USER_SAME_PROJECT))

    def test_quota_counts_the_users_pairs(self):
        for name in ('a', 'b'):
            keypairs.add(self.store, 'owner', name, keys.ED25519)
        keypairs.add(self.store, 'alt', 'a', keys.ED25519)
        self.assertEqual(2, quotas.count_keypairs(self.store, 'owner'))
        self.assertEqual(1, quotas.count_keypairs(self.store, 'alt'))
        self.assertEqual(0, quotas.count_keypairs(self.store, 'nobody'))


# -- images through Glance and Nova's proxy -----------------------------------

class ImagePagesTest(test_identity.CloudTestCase):
    """Glance's and the proxy's pages against a full walk of the store."""

    def setUp(self):
        super().setUp()
        self.tokens = {}
        for user in ('demo', 'alt_demo', 'admin'):
            token, info = self.login(user, user)
            self.tokens[user] = (token, types.SimpleNamespace(
                project_id=info['project']['id'],
                is_admin=user == 'admin'))
        self.projects = [ctx.project_id for _t, ctx in self.tokens.values()]
        self.projects.append('another-project')
        self.number = 0

    def add_random(self, rng):
        self.number += 1
        project = rng.choice(self.projects)
        image = _image(self.number, project,
                       1700000000.0 + rng.randrange(5),
                       rng.choice(image_api.VISIBILITIES),
                       owner=rng.choice((project, project, None)),
                       hidden=rng.random() < 0.1,
                       name=rng.choice(('a', 'b', 'c')))
        self.cloud.store.add_image(image)

    # The full walks (the store's plain dict, every image looked at).

    def glance_reference(self, ctx, query):
        wanted = query.get('visibility')
        hidden = query.get('os_hidden', 'false') == 'true'
        pairs = []
        for image in dict.values(self.cloud.store.images):
            if not visibility.visible(ctx, image.project_id):
                continue
            view = image_api.image_view(image)
            if wanted is None and view['visibility'] == 'community' and (
                    view['owner'] != ctx.project_id):
                continue
            if wanted not in (None, 'all') and (
                    view['visibility'] != wanted):
                continue
            if view['os_hidden'] != hidden:
                continue
            if 'name' in query and view['name'] != query['name']:
                continue
            pairs.append((image, view))
        sorting = image_api.ImageApp._sorting(_multidict(query))
        pairs = image_api.ImageApp._sorted(pairs, sorting)
        return [image.id for image, _view in pairs]

    def proxy_reference(self, ctx, query):
        images = [i for i in dict.values(self.cloud.store.images)
                  if visibility.visible(ctx, i.project_id)
                  and ('name' not in query or i.name == query['name'])]
        images.sort(key=lambda i: (i.created, i.id), reverse=True)
        return [i.id for i in images]

    def glance_page(self, token, query):
        resp = self.request('GET', IMAGES + '?' + urllib.parse.urlencode(
            query), token=token)
        self.assertEqual(200, resp.status, resp.body)
        return [i['id'] for i in resp.json['images']]

    def proxy_page(self, token, query):
        resp = self.request('GET', '/v2.1/images/detail?'
                            + urllib.parse.urlencode(query), token=token)
        self.assertEqual(200, resp.status, resp.body)
        return [i['id'] for i in resp.json['images']]

    GLANCE_QUERIES = ({}, {'visibility': 'community'},
                      {'visibility': 'all'}, {'visibility': 'private'},
                      {'os_hidden': 'true'}, {'name': 'a'},
                      {'sort_key': 'name', 'sort_dir': 'asc'},
                      {'sort': 'created_at:asc'})
    PROXY_QUERIES = ({}, {'name': 'b'})

    def check_all(self, rng):
        for user, (token, ctx) in self.tokens.items():
            for query in self.GLANCE_QUERIES:
                self.check_walk(rng, token, query,
                                self.glance_reference(ctx, query),
                                self.glance_page, glance=True)
            for query in self.PROXY_QUERIES:
                self.check_walk(rng, token, query,
                                self.proxy_reference(ctx, query),
                                self.proxy_page, glance=False)

    def check_walk(self, rng, token, query, expected, fetch, glance):
        limit = rng.randrange(1, 6)
        got, marker = [], None
        while True:
            args = dict(query, limit=limit)
            if marker is not None:
                args['marker'] = marker
            page = fetch(token, args)
            got.extend(page)
            if len(page) < limit:
                break
            marker = page[-1]
        self.assertEqual(expected, got, query)
        for marker in rng.sample(expected, min(len(expected), 4)):
            after = expected[expected.index(marker) + 1:]
            self.assertEqual(after[:limit], fetch(
                token, dict(query, limit=limit, marker=marker)), query)

    def test_random_creates_changes_deletes_and_resets(self):
        rng = random.Random(18)
        for round_ in range(12):
            for _ in range(rng.randrange(5, 25)):
                self.add_random(rng)
            store = self.cloud.store
            for image_id in rng.sample(list(store.images),
                                       min(3, len(store.images))):
                op = rng.random()
                if op < 0.4:
                    store.images.pop(image_id)
                else:
                    # A PATCH of the owner and visibility, as an admin.
                    resp = self.request(
                        'PATCH', '%s/%s' % (IMAGES, image_id), [
                            {'op': 'replace', 'path': '/visibility',
                             'value': rng.choice(image_api.VISIBILITIES)},
                            {'op': 'replace', 'path': '/owner',
                             'value': rng.choice(self.projects)}],
                        token=self.tokens['admin'][0],
                        content_type=PATCH_TYPE)
                    self.assertEqual(200, resp.status, resp.body)
            self.check_all(rng)
            if round_ == 6:
                self.cloud.reset()
                self.check_all(rng)

    def test_markers_glance_and_the_proxy_refuse(self):
        demo, _ctx = self.tokens['demo']
        alt_project = self.tokens['alt_demo'][1].project_id
        theirs = _image(1, alt_project, 1700000000.0)
        gone = _image(2, self.tokens['demo'][1].project_id, 1700000001.0)
        mine = _image(3, self.tokens['demo'][1].project_id, 1700000002.0,
                      name='mine')
        for image in (theirs, gone, mine):
            self.cloud.store.add_image(image)
        del self.cloud.store.images[gone.id]
        for marker in (theirs.id, gone.id, 'nothing'):
            resp = self.request('GET', IMAGES + '?limit=2&marker=' + marker,
                                token=demo)
            self.assertEqual(400, resp.status, resp.body)
            self.assertIn('No image found with ID %s' % marker, resp.text)
            resp = self.request('GET', '/v2.1/images?limit=2&marker='
                                + marker, token=demo)
            self.assertEqual(400, resp.status, resp.body)
            self.assertEqual('marker [%s] not found' % marker,
                             resp.json['badRequest']['message'])
        # The proxy's marker must pass the filters, Glance's need not.
        resp = self.request('GET', '/v2.1/images?name=other&marker='
                            + mine.id, token=demo)
        self.assertEqual(400, resp.status, resp.body)
        self.assertEqual([], self.glance_page(
            demo, {'name': 'other', 'marker': mine.id}))
        # limit=0: an empty page, no next link; the marker still checked.
        resp = self.request('GET', IMAGES + '?limit=0', token=demo)
        self.assertEqual([], resp.json['images'])
        self.assertNotIn('next', resp.json)
        resp = self.request('GET', IMAGES + '?limit=0&marker=' + gone.id,
                            token=demo)
        self.assertEqual(400, resp.status, resp.body)
        # Another project's private image is never listed.
        self.assertNotIn(theirs.id, self.glance_page(demo, {}))
        self.assertNotIn(theirs.id, self.proxy_page(demo, {}))
        self.assertIn(theirs.id, self.glance_page(
            self.tokens['alt_demo'][0], {}))

    def test_a_saving_snapshot_settles_when_listed(self):
        demo, ctx = self.tokens['demo']
        resp = self.request('POST', '/v2.1/servers', {'server': {
            'name': 'lists-vm', 'imageRef': base.IMAGE, 'flavorRef': '1'}},
            token=demo)
        self.assertEqual(202, resp.status, resp.body)
        server_id = resp.json['server']['id']
        self.cloud.set_pacing('manual')
        self.cloud.store.complete(server_id)
        resp = self.request('POST', '/v2.1/servers/%s/action' % server_id,
                            {'createImage': {'name': 'lists-snap'}},
                            token=demo,
                            headers={'OpenStack-API-Version':
                                     'compute 2.45'})
        self.assertEqual(202, resp.status, resp.body)
        image_id = resp.json['image_id']
        listed = {i['id']: i for i in self.request(
            'GET', IMAGES, token=demo).json['images']}
        self.assertEqual('saving', listed[image_id]['status'])
        self.cloud.store.complete(server_id)
        listed = {i['id']: i for i in self.request(
            'GET', IMAGES, token=demo).json['images']}
        self.assertEqual('active', listed[image_id]['status'])
        self.assertEqual({}, self.cloud.store._pending_images)


def _multidict(query):
    return webob.multidict.MultiDict(query)


# -- migration records --------------------------------------------------------

class MigrationIndexTest(base.APITestCase):
    """os-migrations pages (2.59+) against a full sort of the records."""

    def reference(self, query):
        # As a list does: the moves (and deletions) already due settle.
        with self.store.lock:
            self.store.settle_migrations()
        records = [m for m in self.store.migrations
                   if 'status' not in query
                   or m.status == query['status']]
        records.sort(key=lambda m: (m.created, m.id), reverse=True)
        return [m.uuid for m in records]

    def page(self, query, status=200):
        resp = self.get('/v2.1/os-migrations', token=base.ADMIN,
                        version='2.59', query=urllib.parse.urlencode(query))
        self.assertEqual(status, resp.status, resp.body)
        if status != 200:
            return resp
        return [m['uuid'] for m in resp.json['migrations']]

    def check(self, rng):
        for query in ({}, {'status': 'done'}):
            expected = self.reference(query)
            limit = rng.randrange(1, 6)
            got, marker = [], None
            while True:
                args = dict(query, limit=limit)
                if marker is not None:
                    args['marker'] = marker
                page = self.page(args)
                got.extend(page)
                if len(page) < limit:
                    break
                marker = page[-1]
            self.assertEqual(expected, got, query)
            # Any record is a marker, even one the filter leaves out.
            every = [m.uuid for m in self.store.migrations]
            for marker in rng.sample(every, min(len(every), 4)):
                found = self.store.migrations.find(marker)
                key = (found.created, found.id)
                after = [u for u in expected if (
                    self.store.migrations.find(u).created,
                    self.store.migrations.find(u).id) < key]
                self.assertEqual(after[:limit], self.page(
                    dict(query, limit=limit, marker=marker)))

    def test_random_records_times_and_deletions(self):
        rng = random.Random(19)
        servers = [self.create_server(name='lists-%d' % n)
                   for n in range(6)]
        for _ in range(8):
            for _ in range(rng.randrange(3, 12)):
                server = self.store.servers.get(rng.choice(servers))
                if server is None:
                    continue
                record = self.store.new_migration(server, 'resize',
                                                  'compute1', 'compute2')
                if rng.random() < 0.5:
                    record.set_status('done')
                if rng.random() < 0.3:
                    # Ties and times out of id order (as tests set them).
                    self.store.migrations.redate(
                        record, 1700000000.0 + rng.randrange(3))
            if rng.random() < 0.4:
                gone = rng.choice(servers)
                if gone in self.store.servers:
                    resp = self.request('DELETE', '/v2.1/servers/' + gone)
                    self.assertEqual(204, resp.status, resp.body)
            self.check(rng)

    def test_marker_of_a_forgotten_record(self):
        server_id = self.create_server(name='lists-gone')
        server = self.store.servers[server_id]
        record = self.store.new_migration(server, 'resize', 'compute1',
                                          'compute2')
        self.assertEqual([record.uuid], self.page({'limit': 5}))
        self.assertEqual([], self.page({'limit': 0}))
        self.assertEqual([], self.page({'limit': 5, 'marker': record.uuid}))
        resp = self.request('DELETE', '/v2.1/servers/' + server_id)
        self.assertEqual(204, resp.status, resp.body)
        self.assertFault(self.page({'marker': record.uuid}, status=400),
                         400, 'Marker %s could not be found.' % record.uuid)


# -- server groups and security groups ----------------------------------------

class ProjectTableTest(testtools.TestCase):
    """Each project's ids, in the order they came, follow every write."""

    def check(self, table):
        projects = {item.project_id for item in table.values()}
        self.assertEqual(projects, set(table.by_project))
        for project in projects:
            self.assertEqual(
                [i for i in table.values() if i.project_id == project],
                table.in_project(project))
        self.assertEqual([], table.in_project('nobody'))

    def test_random_writes_keep_the_index(self):
        rng = random.Random(20)
        table = indexes.ProjectTable()
        for number in range(500):
            op = rng.random()
            item = types.SimpleNamespace(
                project_id=rng.choice(('p1', 'p2', 'p3')))
            key = 'id%d' % rng.randrange(60)
            if op < 0.5 or not table:
                table[key] = item
            elif op < 0.65:
                table.pop(rng.choice(list(table)))
            elif op < 0.8:
                del table[rng.choice(list(table))]
            elif op < 0.85:
                table.setdefault(key, item)
            elif op < 0.9:
                table.update({key: item})
            elif op < 0.95:
                table.popitem()
            else:
                table.pop('missing', None)
            self.check(table)
        table.clear()
        self.check(table)


class GroupListsTest(base.APITestCase):
    """Server group and security group lists against full walks."""

    def test_random_groups_pages(self):
        rng = random.Random(21)
        projects = [base.OWNER_PROJECT, 'lists-a', 'lists-b']
        for _ in range(120):
            project = rng.choice(projects)
            op = rng.random()
            if op < 0.45:
                server_groups.add(self.store, 'g', project, 'u', 'affinity')
            elif op < 0.7:
                security_groups.new_group(self.store, project, 'sg', '')
            elif op < 0.85 and self.store.server_groups:
                del self.store.server_groups[
                    rng.choice(list(self.store.server_groups))]
            elif self.store.security_groups:
                self.store.security_groups.pop(
                    rng.choice(list(self.store.security_groups)))
            offset, limit = rng.randrange(4), rng.randrange(1, 6)
            query = 'offset=%d&limit=%d' % (offset, limit)
            resp = self.get('/v2.1/os-server-groups', query=query)
            self.assertEqual(200, resp.status, resp.body)
            mine = [g.id for g in dict.values(self.store.server_groups)
                    if g.project_id == base.OWNER_PROJECT]
            self.assertEqual(mine[offset:offset + limit],
                             [g['id'] for g in resp.json['server_groups']])
            resp = self.get('/v2.1/os-security-groups', query=query)
            self.assertEqual(200, resp.status, resp.body)
            mine = [g for g in dict.values(self.store.security_groups)
                    if g.project_id == base.OWNER_PROJECT]
            mine = sorted(mine[offset:offset + limit],
                          key=lambda g: (g.project_id, g.name))
            self.assertEqual([g.id for g in mine],
                             [g['id'] for g in resp.json['security_groups']])


# -- flavors ----------------------------------------------------------------

class FlavorPagesTest(base.APITestCase):
    """GET /flavors pages (flavorid order) against a full sort."""

    def reference(self, ctx_admin, query):
        flavors = sorted(
            (f for f in dict.values(self.store.flavors)
             if ctx_admin or f.is_public
             or base.OWNER_PROJECT in f.projects),
            key=lambda f: f.id, reverse=query.get('sort_dir') == 'desc')
        return [f.id for f in flavors
                if f.ram >= int(query.get('minRam', 0))
                and (ctx_admin or not f.disabled)
                and (f.is_public or (not ctx_admin and base.OWNER_PROJECT
                                     in f.projects))]

    def page(self, token, query, status=200):
        resp = self.get('/v2.1/flavors', token=token,
                        query=urllib.parse.urlencode(query))
        self.assertEqual(status, resp.status, resp.body)
        if status != 200:
            return resp
        return [f['id'] for f in resp.json['flavors']]

    def test_random_flavors_pages(self):
        rng = random.Random(22)
        for number in range(150):
            if rng.random() < 0.75 or len(self.store.flavors) < 3:
                flavor = model.Flavor(
                    'lists-%03d' % rng.randrange(200), 'f%d' % number, 1,
                    rng.choice((256, 512, 1024)), 1,
                    is_public=rng.random() < 0.6,
                    disabled=rng.random() < 0.1,
                    projects=[rng.choice((base.OWNER_PROJECT, 'other'))])
                self.store.add_flavor(flavor)
            else:
                self.store.delete_flavor(rng.choice(list(self.store.flavors)))
            if number % 10:
                continue
            for token, admin in ((base.OWNER, False), (base.ADMIN, True)):
                for query in ({}, {'sort_dir': 'desc'}, {'minRam': 512}):
                    expected = self.reference(admin, query)
                    limit = rng.randrange(1, 6)
                    got, marker = [], None
                    while True:
                        args = dict(query, limit=limit)
                        if marker is not None:
                            args['marker'] = marker
                        page = self.page(token, args)
                        got.extend(page)
                        if len(page) < limit:
                            break
                        marker = page[-1]
                    self.assertEqual(expected, got, (token, query))

    def test_marker_not_visible_or_gone(self):
        self.store.add_flavor(model.Flavor('lists-private', 'p', 1, 64, 1,
                                           is_public=False))
        self.store.add_flavor(model.Flavor('lists-gone', 'g', 1, 64, 1))
        self.store.delete_flavor('lists-gone')
        for marker in ('lists-private', 'lists-gone'):
            resp = self.page(base.OWNER, {'marker': marker}, status=400)
            self.assertFault(resp, 400, 'marker [%s] not found' % marker)
        self.assertEqual([], self.page(base.OWNER, {'limit': 0}))
        self.assertEqual(['3', '4'], self.page(
            base.OWNER, {'marker': '2', 'limit': 2}))
        self.assertEqual(['1'], self.page(
            base.OWNER, {'marker': '2', 'limit': 2, 'sort_dir': 'desc'}))


# -- every way in: seeds, the control API, resets -----------------------------

class SeededIndexesTest(base.APITestCase):
    """What a seed file and the control API add is indexed, and a reset
    (which applies the seed again) starts the indexes afresh.
    """

    SEED = {
        'keypairs': [{'name': n, 'user_id': 'owner',
                      'public_key': keys.ED25519} for n in 'cab'],
        'images': [{'name': 'seeded-%d' % n} for n in range(4)],
        'flavors': [{'id': 'lists-%d' % n, 'name': 'lists-%d' % n,
                     'vcpus': 1, 'ram': 64, 'disk': 1} for n in range(3)],
    }

    def check(self):
        store = self.store
        KeypairTableTest.check(self, store.keypairs)
        ImageTableTest.check(self, store.images)
        self.assertEqual(sorted(dict.keys(store.flavors)),
                         store.flavors.keys_sorted)
        ProjectTableTest.check(self, store.server_groups)
        ProjectTableTest.check(self, store.security_groups)
        resp = self.get(KEYPAIRS, version='2.35', query='limit=2&marker=a')
        self.assertEqual(['b', 'c'], [k['keypair']['name']
                                      for k in resp.json['keypairs']])
        names = [i['name'] for i in self.get(
            '/v2.1/images?limit=4').json['images']]
        self.assertEqual(4, len(names))
        self.assertEqual(['lists-0', 'lists-1'], [f['id'] for f in self.get(
            '/v2.1/flavors?marker=6&limit=2').json['flavors']])

    def test_seed_control_api_and_reset(self):
        seed.apply(self.cloud, self.SEED)
        self.cloud.seed = self.SEED
        self.check()
        req = webob.Request.blank('/keypairs', method='POST')
        req.json_body = {'name': 'zz', 'user_id': 'owner',
                         'public_key': keys.ED25519}
        resp = control_api.ControlApp(self.cloud).add_keypair(req)
        self.assertEqual(201, resp.status_int, resp.body)
        self.assertEqual(['zz'], [k.name for k in keypairs.list_for(
            self.store, 'owner', 5, 'c')])
        self.check()
        self.cloud.reset()
        self.assertNotIn(('owner', 'zz'), self.store.keypairs)
        self.check()
