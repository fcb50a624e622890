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
