"""Indexes, not scans (issue 14): the store's server index, paged lists
that walk it, the pending set, the quota usage counters, the hosts'
running totals and the control API's paged state view.

The randomized tests compare the indexed answers with what a full walk
(everything settled, sorted, filtered, then cut at the marker) answers.
"""

import random

import testtools

from fakenova.common import times
from fakenova.compute import hosts
from fakenova.compute import model
from fakenova.compute import quotas
from fakenova.compute import seeding
from fakenova.compute import states as st
from fakenova.compute import store as store_mod
from fakenova.compute import usage
from fakenova.tests.unit import base
from fakenova.tests.unit import test_control

OWNER = base.OWNER
PROJECT = base.OWNER_PROJECT
ADMIN = base.ADMIN


def _server(number, project='p1', created=0.0):
    return model.Server('%08d-0000-4000-8000-000000000000' % number,
                        'vm%d' % number, project, 'u1', '1', base.IMAGE,
                        created=created)


class ServerTableTest(testtools.TestCase):
    """The index follows every way a dict can be written."""

    def check(self, table):
        servers = list(table.values())
        self.assertEqual(sorted((s.created, s.id) for s in servers),
                         table.order)
        projects = {s.project_id for s in servers}
        self.assertEqual(projects, set(table.by_project))
        for project in projects:
            self.assertEqual(
                sorted((s.created, s.id) for s in servers
                       if s.project_id == project),
                table.by_project[project])

    def test_random_writes_keep_the_index(self):
        rng = random.Random(14)
        added, removed = [], []
        table = store_mod.ServerTable(on_add=added.append,
                                      on_remove=removed.append)
        for number in range(400):
            op = rng.random()
            if op < 0.6 or not table:
                # Few distinct times: many ties, broken by id.
                server = _server(rng.randrange(200),
                                 rng.choice(('p1', 'p2', 'p3')),
                                 float(rng.randrange(5)))
                table[server.id] = server
            elif op < 0.8:
                table.pop(rng.choice(list(table)))
            elif op < 0.9:
                del table[rng.choice(list(table))]
            else:
                table.pop('missing', None)
            self.check(table)
        self.assertRaises(KeyError, table.pop, 'missing')
        extra = _server(999)
        table.setdefault(extra.id, extra)
        self.assertIs(extra, table.setdefault(extra.id, _server(1)))
        extra = _server(998)
        table.update({extra.id: extra})
        self.check(table)
        table.clear()
        self.check(table)
        self.assertEqual([], table.order)
        self.assertEqual(len(added), len(removed))

    def test_walk_is_novas_order_from_a_marker(self):
        rng = random.Random(7)
        table = store_mod.ServerTable()
        for number in range(60):
            server = _server(number, rng.choice(('p1', 'p2')),
                             float(rng.randrange(6)))
            table[server.id] = server
        for project in (None, 'p1', 'p2'):
            expected = sorted(
                (s for s in table.values()
                 if project is None or s.project_id == project),
                key=lambda s: (s.created, s.id), reverse=True)
            self.assertEqual(expected, list(table.walk(project)))
            self.assertEqual(expected[::-1],
                             list(table.walk(project, descending=False)))
            for index, marker in enumerate(expected):
                self.assertEqual(expected[index + 1:],
                                 list(table.walk(project, marker.id)))
                self.assertEqual(
                    expected[:index][::-1],
                    list(table.walk(project, marker.id, descending=False)))
        other = next(s for s in table.values() if s.project_id == 'p2')
        self.assertRaises(ValueError, table.walk, 'p1', other.id)
        self.assertRaises(ValueError, table.walk, None, 'missing')
        # A server whose created time was changed is still found.
        everything = list(table.walk())
        moved = everything[3]
        moved.created += 100
        self.assertEqual(everything[4:], list(table.walk(None, moved.id)))
        table.pop(moved.id)
        self.assertNotIn(moved.id, [key[1] for key in table.order])


class MigrationTableTest(testtools.TestCase):
    """A server's records and a record by uuid without a walk."""

    def test_random_records_and_deletions(self):
        rng = random.Random(1402)
        table = store_mod.MigrationTable()
        kept = []
        servers = [_server(n) for n in range(20)]
        for number in range(1, 300):
            if rng.random() < 0.8:
                server = rng.choice(servers)
                record = model.Migration(number, 'uuid-%d' % number, server,
                                         'resize', 'compute1', 'compute2')
                table.append(record)
                kept.append(record)
            else:
                gone = rng.choice(servers).id
                table.forget_server(gone)
                kept = [m for m in kept if m.server_id != gone]
            self.assertEqual(kept, list(table))
            self.assertEqual(len(kept), len(table))
            for server in servers:
                self.assertEqual(
                    [m for m in kept if m.server_id == server.id],
                    table.of(server.id))
            self.assertEqual({m.server_id for m in kept},
                             set(table.servers()))
        for record in kept:
            self.assertIs(record, table.find(record.uuid))
        self.assertIsNone(table.find('uuid-0'))
        if kept:
            self.assertIs(kept[-1], table[-1])


class FloatingIPIndexTest(base.APITestCase):
    """A server's floating IPs and those at an address, without a walk."""

    def test_random_associations(self):
        rng = random.Random(1403)
        store = self.store
        servers = [self.create_server(name='f%d' % n) for n in range(6)]
        for server_id in servers:
            store.complete(server_id)
        addresses = []
        for step in range(400):
            roll = rng.random()
            live = [s for s in servers if s in store.servers]
            fips = list(store.floating_ips.values())
            if roll < 0.25 or not fips:
                # Some addresses twice (another project's pool).
                address = (rng.choice(addresses)
                           if addresses and rng.random() < 0.2 else None)
                fip = store.add_floating_ip(PROJECT, address=address)
                addresses.append(fip.address)
            elif roll < 0.55 and live:
                fip = rng.choice(fips)
                if fip.server_id is None:
                    server = store.servers[rng.choice(live)]
                    fip.server_id = server.id
                    fip.fixed_address = server.fixed_ips[0][1]
            elif roll < 0.75:
                fip = rng.choice(fips)
                fip.server_id = fip.fixed_address = None
            elif roll < 0.9:
                store.delete_floating_ip(rng.choice(fips))
            elif live:
                self.request('DELETE', '/v2.1/servers/' + rng.choice(live))
            for server_id in servers:
                self.assertEqual(
                    [f for f in store.floating_ips.values()
                     if f.server_id == server_id],
                    store.floating_ips_of(server_id), step)
            for address in set(addresses):
                self.assertEqual(
                    [f for f in store.floating_ips.values()
                     if f.address == address],
                    store.floating_ips_by_address(address), step)


class HostIndexTest(testtools.TestCase):
    """Servers that leave a host do not make its list grow for ever."""

    def test_moves_and_deletions_keep_the_lists_bounded(self):
        store = store_mod.Store()
        servers = []
        for number in range(20):
            server = _server(number)
            store.servers[server.id] = server
            store.place(server, 'compute1')
            servers.append(server)
        for _round in range(500):
            for server in servers[:5]:
                store.place(server, 'compute2')
                store.place(server, 'compute1')
            gone = _server(1000 + _round)
            store.servers[gone.id] = gone
            store.place(gone, 'compute2')
            del store.servers[gone.id]
        self.assertLessEqual(len(store._on_host['compute1']), 2 * 20 + 64)
        self.assertLessEqual(len(store._on_host['compute2']), 2 * 0 + 64)
        self.assertEqual([s.id for s in servers],
                         sorted(s.id for s in store.servers_on('compute1')))
        self.assertEqual([], store.servers_on('compute2'))
        self.assertNotIn('compute2', store._on_host)


class DefaultGroupTest(testtools.TestCase):
    """A project's default group is found without a walk, and the
    remembered one is never used once it is gone or renamed.
    """

    def test_hint_is_checked(self):
        from fakenova.compute import security_groups
        store = store_mod.Store()
        first = security_groups.ensure_default(store, 'p1')
        self.assertIs(first, security_groups.ensure_default(store, 'p1'))
        self.assertEqual(first.id, store.default_groups['p1'])
        # Gone (as a failed seed removes it): a new one is made.
        del store.security_groups[first.id]
        second = security_groups.ensure_default(store, 'p1')
        self.assertIsNot(first, second)
        self.assertIn(second.id, store.security_groups)
        # Renamed: not the default any more.
        second.name = 'renamed'
        third = security_groups.ensure_default(store, 'p1')
        self.assertNotIn(third, (first, second))
        self.assertEqual('default', third.name)
        self.assertEqual(
            [third], [g for g in store.security_groups.values()
                      if g.project_id == 'p1' and g.name == 'default'])


class ListEquivalenceTest(base.APITestCase):
    """GET /servers(/detail) pages equal a full sort-filter-cut."""

    def setUp(self):
        super().setUp()
        rng = self.rng = random.Random(1414)
        statuses = ('ACTIVE', 'SHUTOFF', 'PAUSED', 'ERROR')
        for number in range(70):
            project = rng.choice((PROJECT, PROJECT, 'bbbbbbbb'))
            seeding.create_server(
                self.store, rng.choice(('web', 'db', 'cache')) + str(number),
                project, 'owner', status=rng.choice(statuses),
                # Few distinct times: ties are ordered by id (Nova's).
                created=1700000000.0 + rng.randrange(8))

    def reference(self, project, status=None, name=None, descending=True):
        servers = [s for s in self.store.servers.values()
                   if project is None or s.project_id == project]
        servers.sort(key=lambda s: (s.created, s.id), reverse=descending)
        return [s.id for s in servers
                if (status is None
                    or st.status_of(s.vm_state, s.task_state) == status)
                and (name is None or name in s.name)]

    def page(self, query, token=OWNER, detail=False):
        path = '/v2.1/servers%s?%s' % (
            '/detail' if detail else '',
            '&'.join('%s=%s' % kv for kv in query.items()))
        resp = self.get(path, token=token)
        self.assertEqual(200, resp.status, resp.body)
        return [s['id'] for s in resp.json['servers']]

    def test_random_pages(self):
        rng = self.rng
        for _ in range(150):
            query = {}
            status = name = None
            token, project = OWNER, PROJECT
            if rng.random() < 0.3:
                token, project = ADMIN, None
                query['all_tenants'] = '1'
            if rng.random() < 0.4:
                status = query['status'] = rng.choice(('ACTIVE', 'SHUTOFF'))
            if rng.random() < 0.3:
                name = query['name'] = rng.choice(('web', 'db'))
            descending = True
            if rng.random() < 0.2:
                query['sort_dir'] = 'asc'
                descending = False
            expected = self.reference(project, status, name, descending)
            limit = rng.choice((1, 3, 10, 1000))
            query['limit'] = str(limit)
            start = 0
            if expected and rng.random() < 0.7:
                start = rng.randrange(len(expected))
                query['marker'] = expected[start]
                start += 1
            self.assertEqual(expected[start:start + limit],
                             self.page(query, token,
                                       detail=rng.random() < 0.5), query)

    def test_walk_by_marker_sees_every_server_once(self):
        expected = self.reference(PROJECT)
        seen, query = [], {'limit': '7'}
        while True:
            page = self.page(query)
            seen.extend(page)
            if len(page) < 7:
                break
            query['marker'] = page[-1]
        self.assertEqual(expected, seen)

    def test_marker_must_match_the_filters(self):
        shutoff = self.reference(PROJECT, status='SHUTOFF')[0]
        resp = self.get('/v2.1/servers?status=ACTIVE&marker=' + shutoff)
        self.assertFault(resp, 400, 'marker [%s] not found' % shutoff)
        other = self.reference('bbbbbbbb')[0]
        resp = self.get('/v2.1/servers?marker=' + other)
        self.assertFault(resp, 400, 'marker [%s] not found' % other)

    def test_sort_keys_and_changes_since_agree_with_the_walk(self):
        walked = self.page({'limit': '1000'})
        sorted_ = self.page({'sort_key': 'created_at', 'sort_dir': 'desc',
                             'limit': '1000'})
        self.assertEqual(sorted(walked), sorted(sorted_))
        since = self.page({'changes-since': '2000-01-01T00:00:00Z'})
        self.assertEqual(walked, since)


class PendingSetTest(base.APITestCase):
    """Only servers with a pending transition are settled by a read."""

    def test_list_settles_only_the_projects_pending_servers(self):
        self.store.pacing = 'polls'
        self.store.polls = 1
        mine = self.create_server()
        theirs = self.create_server(token=base.ALT)
        pending = self.store._pending
        self.assertEqual([mine, theirs], pending.ids())
        self.assertEqual([mine], pending.ids(PROJECT))
        self.get('/v2.1/servers')             # one read of mine
        self.assertEqual(
            'ACTIVE', self.get('/v2.1/servers/detail').json[
                'servers'][0]['status'])
        self.assertEqual([theirs], pending.ids())
        self.assertEqual([], pending.ids(PROJECT))
        self.assertEqual('building', self.store.servers[theirs].vm_state)

    def test_delete_leaves_the_pending_set(self):
        server = self.create_server()
        self.assertEqual(204, self.request(
            'DELETE', '/v2.1/servers/' + server).status)
        self.assertEqual(404, self.get('/v2.1/servers/' + server).status)
        self.assertEqual(0, len(self.store._pending))
        self.assertNotIn(server, [k[1] for k in self.store.servers.order])


def assertHostsCounted(test, store):
    """The hosts' running totals equal a walk of each host's servers."""
    with store.lock:
        for host in store.hosts:
            test.assertEqual(hosts.recount(store, host),
                             hosts.usage(store, host), host)
            test.assertEqual(hosts.recount_projects(store, host),
                             hosts.project_rows(store, host), host)
        # No row outlives the servers it counts.
        on_hosts = {s.host for s in store.servers.values()}
        test.assertLessEqual(set(store.counters.hosts.hosts), on_hosts)
        test.assertLessEqual(set(store.counters.hosts.projects), on_hosts)


class CountersTest(base.APITestCase):
    """The quota counters always equal a recount, whatever happens."""

    app_conf = {'reclaim_instance_interval': '3600'}

    USERS = (OWNER, base.OTHER_USER_SAME_PROJECT, base.ALT)
    ACTIONS = (
        ('pause', None), ('unpause', None), ('os-stop', None),
        ('os-start', None), ('resize', {'flavorRef': '2'}),
        ('resize', {'flavorRef': '3'}), ('confirmResize', None),
        ('revertResize', None), ('shelve', None), ('unshelve', None),
        ('shelveOffload', None), ('restore', None), ('forceDelete', None),
        ('os-resetState', {'state': 'error'}),
        # Moves between hosts (admin, at the latest microversion).
        ('migrate', None), ('os-migrateLive', {'host': None,
                                               'block_migration': 'auto'}),
        ('evacuate', {}), ('unshelve', {'host': 'compute1'}),
        ('unshelve', {'host': 'compute3'}),
    )
    ADMIN_ACTIONS = frozenset(['forceDelete', 'os-resetState', 'migrate',
                               'os-migrateLive', 'evacuate'])

    def assertCounted(self):
        store = self.store
        with store.lock:
            # The by-host index is a walk's answer too.
            for host in store.hosts + [None]:
                self.assertEqual(
                    sorted(s.id for s in store.servers.values()
                           if s.host == host and host is not None),
                    sorted(s.id for s in store.servers_on(host)), host)
            assertHostsCounted(self, store)
            for token in self.USERS + (ADMIN,):
                user, project = token.split(':')
                for who in (None, user):
                    counted = quotas.count_servers(store, project, who)
                    self.assertEqual(
                        quotas.recount_servers(store, project, who),
                        counted, (project, who))

    def test_random_lifecycles(self):
        rng = random.Random(1401)
        self.request('PUT', '/v2.1/os-quota-sets/' + PROJECT, {
            'quota_set': {'instances': -1, 'cores': -1, 'ram': -1}},
            token=ADMIN)
        self.store.add_flavor(model.Flavor('77', 'scale.big', 6, 6000, 1))
        self.store.add_host('compute3', zone='other')
        servers = []
        for step in range(300):
            pacing = rng.choice(('instant', 'instant', 'polls', 'manual'))
            self.store.pacing = pacing
            token = rng.choice(self.USERS)
            roll = rng.random()
            if roll < 0.25 or not servers:
                resp = self.post('/v2.1/servers', {'server': {
                    'name': 'vm%d' % step, 'imageRef': base.IMAGE,
                    'flavorRef': rng.choice(('1', '2', '77'))}},
                    token=token)
                if resp.status == 202:
                    servers.append((resp.json['server']['id'], token))
            elif roll < 0.35:
                server, owner = rng.choice(servers)
                self.request('DELETE', '/v2.1/servers/' + server,
                             token=owner)
            elif roll < 0.45:
                server, _owner = rng.choice(servers)
                if server in self.store.servers:
                    self.store.complete(server)
            elif roll < 0.5:
                self.get('/v2.1/servers/detail', token=token)
            else:
                server, owner = rng.choice(servers)
                name, body = rng.choice(self.ACTIONS)
                version = None
                if name in self.ADMIN_ACTIONS or body and 'host' in body:
                    owner, version = ADMIN, 'latest'
                    if name == 'evacuate' and server in self.store.servers:
                        # Its host goes down first, as evacuate needs.
                        host = self.store.servers[server].host
                        if host is not None:
                            self.store.service_of(host).forced_down = True
                self.action(server, {name: body}, token=owner,
                            version=version)
                for service in self.store.services.values():
                    service.forced_down = False
            self.assertCounted()

    def test_replacing_a_flavor_counts_again(self):
        server = self.create_server()
        self.store.complete(server)
        flavor = self.store.flavors['1']
        self.store.add_flavor(model.Flavor('1', flavor.name, 3, 999, 1))
        self.assertCounted()
        with self.store.lock:
            self.assertEqual({'instances': 1, 'cores': 3, 'ram': 999},
                             quotas.count_servers(self.store, PROJECT))


class HostTotalsTest(base.APITestCase):
    """A host's figures (os-hypervisors, os-hosts, aggregates' checks)
    come from running totals that always equal a walk of its servers,
    whatever moves, resizes, deletes or seeds them.
    """

    app_conf = {'reclaim_instance_interval': '3600'}

    USERS = (OWNER, base.OTHER_USER_SAME_PROJECT, base.ALT)
    # Seeded servers also come in projects of their own (more rows to
    # order on each host).
    SEEDERS = USERS + ('seeder:5eed0003', 'seeder:5eed0004')
    FLAVORS = ('1', '2', '3', '77', '88')
    ACTIONS = CountersTest.ACTIONS + (
        ('rebuild', {'imageRef': base.IMAGE}), ('rescue', None),
        ('unrescue', None), ('os-resetState', {'state': 'active'}),
        ('resize', {'flavorRef': '88'}), ('createImage', {'name': 'i'}),
        ('suspend', None), ('resume', None), ('reboot', {'type': 'HARD'}),
    )
    ADMIN_ACTIONS = CountersTest.ADMIN_ACTIONS | {'shelveOffload'}
    SEED_STATES = (st.ACTIVE, st.STOPPED, st.PAUSED, st.ERROR,
                   st.SHELVED_OFFLOADED, st.SOFT_DELETED, st.RESIZED)

    def assertViews(self):
        """What the API shows equals what a walk adds up."""
        store = self.store
        with store.lock:
            expected = {host: hosts.recount(store, host)
                        for host in store.hosts}
            rows = {host: hosts.recount_projects(store, host)
                    for host in store.hosts}
            enabled = [s.host for s in store.services.values()
                       if not s.disabled]
        detail = self.get('/v2.1/os-hypervisors/detail', token=ADMIN,
                          version='2.87').json['hypervisors']
        self.assertEqual(len(expected), len(detail))
        for hypervisor in detail:
            host = hypervisor['service']['host']
            self.assertEqual(expected[host], {
                key: hypervisor[key] for key in expected[host]}, host)
        stats = self.get('/v2.1/os-hypervisors/statistics', token=ADMIN,
                         version='2.87').json['hypervisor_statistics']
        for key in expected[enabled[0]]:
            self.assertEqual(sum(expected[h][key] for h in enabled),
                             stats[key], key)
        for host in store.hosts:
            got = [r['resource'] for r in self.get(
                '/v2.1/os-hosts/' + host, token=ADMIN).json['host']]
            used = expected[host]
            self.assertEqual(
                [('(used_max)', used['vcpus_used'],
                  used['memory_mb_used'] - hosts.RESERVED_HOST_MEMORY_MB,
                  used['local_gb_used'])] + rows[host],
                [(r['project'], r['cpu'], r['memory_mb'], r['disk_gb'])
                 for r in got[2:]], host)

    SCENARIOS = (
        # (To another flavor than the server's.)
        (('resize', None), ('confirmResize', None)),
        (('resize', None), ('revertResize', None)),
        (('migrate', None), ('confirmResize', None)),
        (('migrate', None), ('revertResize', None)),
        (('shelve', None), ('shelveOffload', None),
         ('unshelve', {'host': 'compute3'})),
        (('shelve', None), ('shelveOffload', None), ('unshelve', None)),
        (('os-migrateLive', {'host': None, 'block_migration': 'auto'}),),
        (('evacuate', {}),),
    )

    def scenario(self, rng, step):
        """A server made and taken through one of :data:`SCENARIOS`
        (a move paced by hand, then ended or left under way), counted
        after each step.
        """
        store = self.store
        store.pacing = 'instant'
        store.shelved_offload_time = -1
        token = rng.choice(self.USERS)
        resp = self.post('/v2.1/servers', {'server': {
            'name': 'sc%d' % step, 'imageRef': base.IMAGE,
            'flavorRef': rng.choice(self.FLAVORS)}}, token=token)
        if resp.status != 202:
            return None
        server = resp.json['server']['id']
        self.show(server, token=token)
        for name, body in rng.choice(self.SCENARIOS):
            store.pacing = rng.choice(('instant', 'manual'))
            with store.lock:
                host = store.servers[server].host
                flavor = store.servers[server].flavor_id
            if name == 'evacuate':
                store.service_of(host).forced_down = True
            if name == 'resize':
                body = {'flavorRef': rng.choice(
                    [f for f in ('1', '2', '3', '77') if f != flavor])}
            resp = self.action(server, {name: body}, token=ADMIN,
                               version='latest')
            self.assertLess(resp.status, 300, (name, resp.body))
            for service in store.services.values():
                service.forced_down = False
            assertHostsCounted(self, store)
            if name == 'os-migrateLive' and store.pacing == 'manual':
                self.end_live_migration(rng)
            elif server in store.servers:
                store.complete(server)
            assertHostsCounted(self, store)
        return server, token

    def end_live_migration(self, rng):
        moving = [s.id for s in self.store.servers.values()
                  if s.task_state == 'migrating']
        if not moving:
            return
        server = rng.choice(moving)
        path = '/v2.1/servers/%s/migrations' % server
        resp = self.get(path, token=ADMIN, version='latest')
        # (A seeded server 'migrating' has no migration record.)
        found = resp.json.get('migrations') if resp.status == 200 else None
        if not found:
            return
        path += '/%s' % found[0]['id']
        if rng.random() < 0.5:
            self.request('DELETE', path, token=ADMIN, version='latest')
        else:
            self.post(path + '/action', {'force_complete': None},
                      token=ADMIN, version='latest')

    def seed(self, rng, step):
        user, project = rng.choice(self.SEEDERS).split(':')
        vm_state = rng.choice(self.SEED_STATES)
        host = rng.choice([None] + self.store.hosts)
        try:
            server = seeding.create_server(
                self.store, 'seeded%d' % step, project, user,
                flavor=rng.choice(self.FLAVORS), vm_state=vm_state,
                task_state=rng.choice((None, None, 'migrating')),
                host=None if vm_state == st.SHELVED_OFFLOADED else host)
        except ValueError:
            return None
        return server[0].id if isinstance(server, list) else server.id

    def test_random_lifecycles(self):
        self.random_lifecycles(random.Random(1))

    def test_random_lifecycles_again(self):
        self.random_lifecycles(random.Random(3))

    def random_lifecycles(self, rng):
        for project in (PROJECT, base.ALT.split(':')[1]):
            self.request('PUT', '/v2.1/os-quota-sets/' + project, {
                'quota_set': {'instances': -1, 'cores': -1, 'ram': -1}},
                token=ADMIN)
        store = self.store
        store.add_flavor(model.Flavor('77', 'scale.big', 6, 6000, 1))
        store.add_flavor(model.Flavor('88', 'scale.eph', 2, 1000, 3,
                                      ephemeral=4))
        store.add_host('compute3', zone='other')
        servers = []
        last = None
        for step in range(400):
            store.pacing = rng.choice(('instant',) * 5 + ('polls',
                                                          'manual'))
            store.shelved_offload_time = rng.choice((0, 0, -1))
            token = rng.choice(self.USERS)
            roll = rng.random()
            if roll < 0.15 or not servers:
                resp = self.post('/v2.1/servers', {'server': {
                    'name': 'vm%d' % step, 'imageRef': base.IMAGE,
                    'flavorRef': rng.choice(self.FLAVORS)}}, token=token)
                if resp.status == 202:
                    servers.append((resp.json['server']['id'], token))
            elif roll < 0.22:
                server = self.seed(rng, step)
                if server is not None:
                    owner = [t for t in self.SEEDERS
                             if t.split(':')[1] == store.servers[
                                 server].project_id][0]
                    servers.append((server, owner))
            elif roll < 0.3:
                server, owner = rng.choice(servers)
                self.request('DELETE', '/v2.1/servers/' + server,
                             token=owner)
            elif roll < 0.37:
                server, _owner = rng.choice(servers)
                if server in store.servers:
                    store.complete(server)
            elif roll < 0.4:
                self.get('/v2.1/servers/detail', token=token)
            elif roll < 0.43:
                # A flavor deleted (its servers keep a copy), made again
                # with other figures, or changed under its servers.
                which = rng.random()
                if which < 0.4:
                    self.request('DELETE', '/v2.1/flavors/88', token=ADMIN)
                elif which < 0.7:
                    self.post('/v2.1/flavors', {'flavor': {
                        'name': 'again%d' % step, 'id': '88',
                        'vcpus': rng.randint(1, 9), 'ram': 700,
                        'disk': rng.randint(0, 9),
                        'OS-FLV-EXT-DATA:ephemeral': rng.randint(0, 3)}},
                        token=ADMIN)
                else:
                    store.add_flavor(model.Flavor(
                        '77', 'scale.big', rng.randint(1, 9), 6000,
                        rng.randint(0, 5)))
            elif roll < 0.45:
                # A live migration under way is forced or aborted.
                self.end_live_migration(rng)
            elif roll < 0.48:
                made = self.scenario(rng, step)
                if made is not None:
                    servers.append(made)
            elif roll < 0.5:
                # The store's own move (what every move comes through).
                server, _owner = rng.choice(servers)
                with store.lock:
                    if server in store.servers:
                        store.place(store.servers[server],
                                    rng.choice(store.hosts))
            else:
                # Half the time the server acted on last (resize then
                # confirm, shelve then unshelve...).
                if (last is None or last[0] not in store.servers
                        or rng.random() < 0.5):
                    last = rng.choice(servers)
                server, owner = last
                name, body = rng.choice(self.ACTIONS)
                version = None
                if (name in self.ADMIN_ACTIONS
                        or body and 'host' in body):
                    owner, version = ADMIN, 'latest'
                    if name == 'evacuate' and server in store.servers:
                        host = store.servers[server].host
                        if host is not None:
                            store.service_of(host).forced_down = True
                self.action(server, {name: body}, token=owner,
                            version=version)
                for service in store.services.values():
                    service.forced_down = False
            assertHostsCounted(self, store)
            if step % 20 == 0:
                self.assertViews()
        self.assertViews()
        # Something was counted on every host, with several projects.
        with store.lock:
            self.assertTrue(all(store.counters.hosts.servers(h)
                                for h in store.hosts))

    def test_reset_and_seed_files_count_anew(self):
        self.create_server()
        self.assertViews()
        # What POST /_fakenova/reset does: a new store, nothing counted.
        self.cloud.reset()
        self.assertEqual({}, self.store.counters.hosts.hosts)
        with self.store.lock:
            seeding.create_server(self.store, 'a', PROJECT, 'u1',
                                  flavor='3', host='compute2')
            seeding.create_server(self.store, 'b', 'p2', 'u2',
                                  flavor='2', host='compute2',
                                  task_state='migrating')
        assertHostsCounted(self, self.store)
        self.assertViews()
        self.assertEqual(
            (2, 2 + 1, 4096 + 2048, 40 + 20, 1),
            self.store.counters.hosts.used('compute2'))

    def test_next_oldest_project_server_orders_the_rows(self):
        # p1's oldest server on compute1 leaves: its row then sorts by
        # its next one there, after p2's.
        store = self.store
        made = {}
        for number, (project, host) in enumerate((
                ('p1', 'compute1'), ('p1', 'compute2'), ('p2', 'compute1'),
                ('p1', 'compute2'), ('p1', 'compute1'))):
            made[number] = seeding.create_server(
                store, 'v%d' % number, project, 'u', host=host,
                created=1000.0 + number).id
        self.assertEqual(['p1', 'p2'], [
            row[0] for row in hosts.project_rows(store, 'compute1')])
        with store.lock:
            store.place(store.servers[made[0]], 'compute2')
        self.assertEqual(['p2', 'p1'], [
            row[0] for row in hosts.project_rows(store, 'compute1')])
        assertHostsCounted(self, store)
        with store.lock:
            store.place(store.servers[made[0]], 'compute1')
        self.assertEqual(['p1', 'p2'], [
            row[0] for row in hosts.project_rows(store, 'compute1')])
        assertHostsCounted(self, store)


class UsageWindowTest(testtools.TestCase):
    """A usage report's page is the first ``limit`` of the sorted walk
    (one pass, no sort of every server), for one project or all.
    """

    def test_random_pages(self):
        rng = random.Random(1440)
        store = store_mod.Store(keep_deleted_servers=30)
        made = []
        for number in range(120):
            server = seeding.create_server(
                store, 'u%d' % number, rng.choice(('p1', 'p2', 'p3')),
                'u1', status=rng.choice(('ACTIVE', 'SHUTOFF')))
            made.append(server)
            if rng.random() < 0.3:
                store.destroy_server(rng.choice(made))
        with store.lock:
            everything = list(store.servers.values()) + list(
                store.deleted_servers.values())
            for _case in range(60):
                project = rng.choice((None, 'p1', 'p2', 'p4'))
                begin = rng.choice((0, times.micros(
                    rng.choice(everything).launched_at)))
                end = begin + rng.choice((1, 10 ** 6, 10 ** 18))
                limit = rng.choice((None, 0, 1, 7, 1000))
                expected = sorted(
                    (s for s in everything
                     if (project is None or s.project_id == project)
                     and usage._active_in(s, begin, end)),
                    key=lambda s: (s.project_id, s.id))
                marker = None
                if expected and rng.random() < 0.5:
                    marker = rng.choice(expected).id
                    index = [s.id for s in expected].index(marker)
                    expected = expected[index + 1:]
                if limit is not None:
                    expected = expected[:limit]
                self.assertEqual(
                    [s.id for s in expected],
                    [s.id for s in usage.servers_in(
                        store, begin, end, project, limit, marker)],
                    (project, limit, marker))


class HostTotalsSeedTest(test_control.ControlTestCase):
    """Servers seeded through the control API and a seed file (applied
    again by a reset) count on their hosts like the API's.
    """

    def statistics(self):
        resp = self.request('GET', '/v2.1/os-hypervisors/statistics',
                            token=self.admin, version='2.87')
        self.assertEqual(200, resp.status, resp.body)
        stats = resp.json['hypervisor_statistics']
        return (stats['running_vms'], stats['vcpus_used'],
                stats['memory_mb_used'], stats['local_gb_used'],
                stats['current_workload'])

    def test_control_api_and_seed_file(self):
        self.seed_server(name='a', flavor='m1.medium', host='compute1')
        self.seed_server(name='b', flavor='m1.small', host='compute2',
                         project='demo', task_state='migrating')
        self.seed_server(name='c', status='SHELVED_OFFLOADED')
        assertHostsCounted(self, self.cloud.store)
        # Two hosts' reserved memory, two servers (one busy) on them.
        self.assertEqual((2, 2 + 1, 4096 + 2048 + 2 * 512, 40 + 20, 1),
                         self.statistics())
        seed = {'servers': [
            {'name': 's1', 'flavor': 'm1.large', 'host': 'compute2'},
            {'name': 's2', 'flavor': 'm1.tiny', 'project': 'demo',
             'host': 'compute2', 'status': 'SHUTOFF'}]}
        self.cloud.seed = seed
        self.cloud.reset()
        assertHostsCounted(self, self.cloud.store)
        self.assertEqual((2, 4 + 1, 8192 + 512 + 2 * 512, 80 + 1, 0),
                         self.statistics())
        self.assertEqual(
            [('(used_max)', 5, 8192 + 512, 81)],
            [(r['resource']['project'], r['resource']['cpu'],
              r['resource']['memory_mb'], r['resource']['disk_gb'])
             for r in self.request('GET', '/v2.1/os-hosts/compute2',
                                   token=self.admin).json['host'][2:3]])


class StatePageTest(test_control.ControlTestCase):
    """GET /_fakenova/state?limit=&marker= builds one page only."""

    def test_pages_walk_every_server_oldest_first(self):
        made = [self.seed_server(name='vm%d' % n)['id'] for n in range(7)]
        store = self.cloud.store
        expected = [s.id for s in sorted(
            store.servers.values(), key=lambda s: (s.created, s.id))]
        self.assertEqual(sorted(made), sorted(expected))
        whole = self.control('GET', '/state').json
        self.assertNotIn('next_marker', whole)
        self.assertEqual(7, len(whole['servers']))
        seen, query = [], '/state?limit=3'
        while True:
            body = self.control('GET', query).json
            seen.extend(s['id'] for s in body['servers'])
            self.assertIn('flavors', body)
            if body['next_marker'] is None:
                break
            self.assertEqual(body['servers'][-1]['id'], body['next_marker'])
            query = '/state?limit=3&marker=' + body['next_marker']
        self.assertEqual(expected, seen)

    def test_bad_page_is_400(self):
        self.seed_server()
        self.assertError(400, self.control('GET', '/state?limit=x'))
        self.assertError(400, self.control('GET', '/state?limit=-1'))
        message = self.assertError(400, self.control(
            'GET', '/state?limit=1&marker=nope'))
        self.assertEqual('marker [nope] not found', message)
