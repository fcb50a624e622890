"""GET /v2.1/images and /images/detail: Nova's proxy's filters and paging.

Nova hands the filters to glance: ``name``, ``status``, ``server`` (the
snapshot's ``instance_uuid``, a URL's last segment too), ``type``
(``image_type``: snapshot or backup), ``minRam``/``minDisk``,
``changes-since`` and ``property-*``; ``limit``/``marker`` page.
"""

from fakenova.compute import model
from fakenova.tests.unit import base


class ImageProxyListTest(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.server_id = self.create_server()
        self.snapshot = self.snap(self.server_id, 'snap')

    def snap(self, server_id, name, **kw):
        resp = self.action(server_id, {'createImage': {'name': name}},
                           version='2.45', **kw)
        self.assertEqual(202, resp.status, resp.body)
        return resp.json['image_id']

    def ids(self, query='', detail=False, version='2.35', status=200,
            token=base.OWNER):
        path = '/v2.1/images%s%s' % ('/detail' if detail else '', query)
        resp = self.get(path, version=version, token=token)
        self.assertEqual(status, resp.status, resp.body)
        return [i['id'] for i in resp.json['images']]

    def test_name_and_status(self):
        self.assertEqual([self.snapshot], self.ids('?name=snap'))
        self.assertEqual([self.snapshot], self.ids('?name=snap',
                                                   detail=True))
        self.assertEqual([], self.ids('?name=sna'))
        self.assertIn(base.IMAGE, self.ids('?status=ACTIVE'))
        self.assertEqual([], self.ids('?status=queued&name=snap'))

    def test_server_and_type(self):
        other = self.create_server(name='other')
        theirs = self.snap(other, 'other-snap')
        self.assertEqual([self.snapshot],
                         self.ids('?server=%s' % self.server_id))
        self.assertEqual([theirs], self.ids(
            '?server=http://localhost/v2.1/servers/%s' % other))
        self.assertEqual({self.snapshot, theirs},
                         set(self.ids('?type=snapshot')))
        self.assertNotIn(base.IMAGE, self.ids('?type=snapshot'))
        self.assertEqual([], self.ids('?type=backup'))
        self.assertEqual([self.snapshot],
                         self.ids('?property-instance_uuid=%s'
                                  % self.server_id))

    def test_min_ram_and_disk(self):
        self.store.add_image(model.Image(
            'aaaaaaaa-2222-4333-8444-000000000001', 'big', min_ram=4096,
            min_disk=40))
        big = 'aaaaaaaa-2222-4333-8444-000000000001'
        self.assertEqual([big], self.ids('?minRam=4096'))
        self.assertEqual([big], self.ids('?minDisk=40'))
        self.assertEqual([], self.ids('?minRam=4097'))
        self.assertEqual(400, self.get('/v2.1/images?minRam=x').status)

    def test_limit_marker_and_next_link(self):
        everything = self.ids()
        self.assertGreater(len(everything), 2)
        resp = self.get('/v2.1/images?limit=1')
        self.assertEqual([everything[0]],
                         [i['id'] for i in resp.json['images']])
        link = resp.json['images_links'][0]
        self.assertEqual('next', link['rel'])
        self.assertIn('marker=%s' % everything[0], link['href'])
        self.assertEqual(everything[1:], self.ids('?marker=%s'
                                                  % everything[0]))
        for bad in ('-1', 'abc', '0'):
            self.assertFault(self.get('/v2.1/images?limit=%s' % bad), 400)
        self.assertFault(self.get('/v2.1/images?marker=nope'), 400)

    def test_changes_since(self):
        self.assertIn(self.snapshot,
                      self.ids('?changes-since=2011-01-01T00:00:00Z'))
        self.assertEqual([], self.ids('?changes-since=2999-01-01T00:00:00Z'))
        self.assertFault(self.get('/v2.1/images?changes-since=2011/01/01'),
                         400)

    def test_other_projects_snapshots_are_not_listed(self):
        self.assertNotIn(self.snapshot, self.ids(token=base.ALT))
        self.assertEqual([], self.ids('?server=%s' % self.server_id,
                                      token=base.ALT))
