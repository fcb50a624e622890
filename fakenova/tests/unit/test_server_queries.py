"""GET /servers query parameters: unknown keys, sorting, show's query."""

from fakenova.tests.unit import base


class ServerQueryTest(base.APITestCase):

    def _names(self, resp):
        self.assertEqual(200, resp.status, resp.body)
        return [s['name'] for s in resp.json['servers']]

    def test_default_order_is_newest_first(self):
        for name in ('first', 'second', 'third'):
            self.create_server(name=name)
            # Distinct creation times even on a fast machine.
            server = list(self.store.servers.values())[-1]
            server.created += len(self.store.servers)
        self.assertEqual(['third', 'second', 'first'],
                         self._names(self.get('/v2.1/servers')))

    def test_sort_by_name_both_directions(self):
        for name in ('b', 'a', 'c'):
            self.create_server(name=name)
        self.assertEqual(['a', 'b', 'c'], self._names(self.get(
            '/v2.1/servers?sort_key=display_name&sort_dir=asc')))
        self.assertEqual(['c', 'b', 'a'], self._names(self.get(
            '/v2.1/servers/detail?sort_key=display_name&sort_dir=desc')))

    def test_unknown_parameter_ignored_before_2_75(self):
        self.create_server()
        resp = self.get('/v2.1/servers?foo=1', version='2.74')
        self.assertEqual(1, len(self._names(resp)))

    def test_unknown_parameter_refused_from_2_75(self):
        resp = self.get('/v2.1/servers?foo=1', version='2.75')
        self.assertFault(resp, 400, "Additional properties are not allowed "
                         "('foo' was unexpected)")

    def test_version_added_filter_known_from_its_version(self):
        self.assertEqual(200, self.get('/v2.1/servers?locked=true',
                                       version='2.75').status)
        self.assertEqual(200, self.get('/v2.1/servers?tags=a',
                                       version='2.75').status)

    def test_ignored_sort_key_accepted_then_refused(self):
        self.create_server()
        self.assertEqual(200, self.get('/v2.1/servers?sort_key=id',
                                       version='2.74').status)
        message = self.assertFault(
            self.get('/v2.1/servers?sort_key=id', version='2.75'), 400)
        self.assertIn("'id' is not one of", message)

    def test_locked_sort_key_from_2_73(self):
        message = self.assertFault(
            self.get('/v2.1/servers?sort_key=locked&sort_dir=asc&x=1',
                     version='2.75'), 400)
        self.assertIn("'x' was unexpected", message)
        self.assertEqual(200, self.get(
            '/v2.1/servers?sort_key=locked', version='2.75').status)

    def test_sort_by_host_is_admin_only(self):
        self.assertFault(self.get('/v2.1/servers?sort_key=host'), 403,
                         'Only administrators can sort servers by host')
        self.assertEqual(200, self.get('/v2.1/servers?sort_key=host',
                                       token=base.ADMIN).status)

    def test_show_refuses_query_from_2_102(self):
        sid = self.create_server()
        self.assertEqual(200, self.get('/v2.1/servers/%s?x=1' % sid,
                                       version='2.101').status)
        self.assertFault(self.get('/v2.1/servers/%s?x=1' % sid,
                                  version='2.102'), 400,
                         "Additional properties are not allowed ('x' was "
                         "unexpected)")


class ChangesAndHostTest(base.APITestCase):
    """changes-since, changes-before and the admin's host filter.

    As Nova 34 answers them (asked of the oracle).
    """

    def ids(self, query, token=base.OWNER, version=None):
        resp = self.get('/v2.1/servers/detail' + query, token=token,
                        version=version)
        self.assertEqual(200, resp.status, resp.body)
        return {s['id']: s for s in resp.json['servers']}

    def test_times_are_checked_at_every_version(self):
        for name, version in (('changes-since', None),
                              ('changes-before', '2.66')):
            resp = self.get('/v2.1/servers?%s=2011/01/01' % name,
                            version=version)
            self.assertFault(resp, 400, "Invalid input for query parameters "
                             "%s. Value: 2011/01/01. '2011/01/01' is not a "
                             "'date-time'" % name)
        # Before 2.66 changes-before is not a filter at all.
        self.assertEqual(200, self.get('/v2.1/servers?changes-before=x',
                                       version='2.65').status)
        self.assertFault(self.get(
            '/v2.1/servers?changes-since=2099-01-01&changes-before='
            '2011-01-01', version='2.66'), 400, 'The value of changes-since '
            'must be less than or equal to changes-before.')

    def test_changes_show_deleted_servers(self):
        kept = self.create_server(name='kept')
        gone = self.create_server(name='gone')
        self.assertEqual(204, self.request(
            'DELETE', '/v2.1/servers/%s' % gone).status)
        listed = self.ids('?changes-since=2011-01-01T00:00:00Z')
        self.assertEqual({kept, gone}, set(listed))
        self.assertEqual('DELETED', listed[gone]['status'])
        self.assertEqual({}, listed[gone]['addresses'])
        self.assertEqual(0, listed[gone]['OS-EXT-STS:power_state'])
        self.assertEqual({kept}, set(self.ids('')))
        self.assertEqual({}, self.ids('?changes-since=2099-01-01T00:00:00Z'))
        self.assertEqual({kept, gone}, set(self.ids(
            '?changes-before=2099-01-01', version='2.66')))
        self.assertEqual({}, self.ids(
            '?changes-before=2011-01-01T00:00:00Z', version='2.66'))
        # Another project sees none of it.
        self.assertEqual({}, self.ids('?changes-since=2011-01-01',
                                      token=base.ALT))
        # Its actions stay readable from 2.21.
        url = '/v2.1/servers/%s/os-instance-actions' % gone
        self.assertFault(self.get(url, version='2.20'), 404)
        actions = self.get(url, version='2.21').json['instanceActions']
        self.assertEqual(['delete', 'create'],
                         [a['action'] for a in actions])
        self.assertFault(self.get(url, version='2.21', token=base.ALT), 404)

    def test_host_filter_is_for_admins(self):
        mine = self.create_server()
        host = self.show(mine, token=base.ADMIN)['OS-EXT-SRV-ATTR:host']
        other = next(h for h in self.store.hosts if h != host)
        self.assertEqual({mine}, set(self.ids(
            '?all_tenants=1&host=%s' % host, token=base.ADMIN)))
        self.assertEqual({}, self.ids('?all_tenants=1&host=%s' % other,
                                      token=base.ADMIN))
        # Others' host filters are dropped, as Nova drops them.
        self.assertEqual({mine}, set(self.ids('?host=%s' % other)))


class ReservationAndIpFilterTest(base.APITestCase):

    def ids(self, query, token=base.OWNER, version=None):
        resp = self.get('/v2.1/servers' + query, token=token,
                        version=version)
        self.assertEqual(200, resp.status, resp.body)
        return {s['id'] for s in resp.json['servers']}

    def test_reservation_id_selects_one_multiple_create(self):
        self.create_server(name='alone')
        resp = self.post('/v2.1/servers', {'server': {
            'name': 'pair', 'imageRef': base.IMAGE, 'flavorRef': '1',
            'min_count': 2, 'return_reservation_id': True}})
        reservation = resp.json['reservation_id']
        pair = {s.id for s in self.store.servers.values()
                if s.name.startswith('pair-')}
        self.assertEqual(2, len(pair))
        self.assertEqual(pair, self.ids('?reservation_id=%s' % reservation))
        self.assertEqual(set(), self.ids('?reservation_id=r-none'))
        # Another project's filter finds nothing of this one's.
        self.assertEqual(set(), self.ids(
            '?reservation_id=%s' % reservation, token=base.ALT))

    def test_ip_filter_matches_part_of_a_fixed_ip(self):
        first = self.create_server(name='a')
        second = self.create_server(name='b')
        addr = self.store.servers[first].fixed_ips[0][1]
        other = self.store.servers[second].fixed_ips[0][1]
        self.assertNotEqual(addr, other)
        self.assertEqual({first}, self.ids('?ip=%s' % addr))
        prefix = addr.rsplit('.', 1)[0]
        self.assertEqual({first, second}, self.ids('?ip=%s' % prefix))
        self.assertEqual(set(), self.ids('?ip=192.0.2.250'))
        # An IPv4 address does not answer an ip6 filter.
        self.assertEqual(set(), self.ids('?ip6=%s' % addr, version='2.5'))
