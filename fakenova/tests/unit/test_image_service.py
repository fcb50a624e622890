"""The fake glance (/image) of the cloud app: Glance v2's images API.

Loaded in-process as ``fakenova-api`` serves it, so the images made here
are the compute store's: Nova's image proxy shows them and servers boot
from them. Expected messages are Glance's own (its images and image data
controllers, request deserializer, domain model and default policy).
"""

import hashlib

from fakenova.image import api as image_api
from fakenova.image import model as image_model
from fakenova.tests.unit import base
from fakenova.tests.unit import state
from fakenova.tests.unit import test_identity

HOST = test_identity.HOST
IMAGES = '/image/v2/images'
PATCH_TYPE = 'application/openstack-images-v2.1-json-patch'
OLD_PATCH_TYPE = 'application/openstack-images-v2.0-json-patch'
OCTETS = 'application/octet-stream'


class ImageServiceTestCase(test_identity.CloudTestCase):

    def setUp(self):
        super().setUp()
        self.token, info = self.login()
        self.project = info['project']['id']
        self.admin, info = self.login('admin', 'admin')
        self.admin_project = info['project']['id']
        self.alt, _ = self.login('alt_demo', 'alt_demo')

    # -- requests ------------------------------------------------------------

    def images(self, query='', token=None):
        resp = self.request('GET', IMAGES + query, token=token or self.token)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['images']

    def ids(self, query='', token=None):
        return [i['id'] for i in self.images(query, token)]

    def create(self, token=None, expect=201, **body):
        resp = self.request('POST', IMAGES, body, token=token or self.token)
        self.assertEqual(expect, resp.status, resp.body)
        return resp.json if expect == 201 else resp

    def show(self, image_id, token=None):
        return self.request('GET', '%s/%s' % (IMAGES, image_id),
                            token=token or self.token)

    def update(self, image_id, ops, token=None, content_type=PATCH_TYPE):
        return self.request('PATCH', '%s/%s' % (IMAGES, image_id), ops,
                            token=token or self.token,
                            content_type=content_type)

    def upload(self, image_id, data, token=None, content_type=OCTETS):
        return self.request('PUT', '%s/%s/file' % (IMAGES, image_id),
                            raw=data, token=token or self.token,
                            content_type=content_type)

    def delete(self, image_id, token=None):
        return self.request('DELETE', '%s/%s' % (IMAGES, image_id),
                            token=token or self.token)

    def ready(self, data=b'0123456789', **body):
        """An active image of demo's, with ``data``."""
        spec = {'name': 'ready', 'disk_format': 'raw',
                'container_format': 'bare'}
        spec.update(body)
        image = self.create(**spec)
        resp = self.upload(image['id'], data)
        self.assertEqual(204, resp.status, resp.body)
        return image['id']

    # -- checks --------------------------------------------------------------

    def assertGlance(self, code, resp, message=None):
        """A Glance error: WebOb's text body, with ``message`` in it."""
        self.assertEqual(code, resp.status, resp.body)
        self.assertTrue(resp.headers['Content-Type'].startswith(
            'text/plain'), resp.headers)
        self.assertTrue(resp.text.startswith('%d ' % code), resp.text)
        if message is not None:
            self.assertIn(message, resp.text)

    def state(self):
        return state.dump(self.cloud)


class RoutesTest(ImageServiceTestCase):

    def test_versions(self):
        for path in ('/image', '/image/'):
            resp = self.request('GET', path)
            self.assertEqual(300, resp.status, path)
            self.assertEqual(HOST + '/image/v2/',
                             resp.json['versions'][0]['links'][0]['href'])
        resp = self.request('GET', '/image/versions')
        self.assertEqual(200, resp.status)

    def test_needs_a_scoped_token(self):
        for path in (IMAGES, IMAGES + '/' + base.IMAGE,
                     IMAGES + '/' + base.IMAGE + '/tasks'):
            for token in (None, 'bogus'):
                self.assertGlance(401, self.request('GET', path,
                                                    token=token))
        unscoped = self.request('POST', test_identity.TOKENS,
                                test_identity.password_auth('demo'))
        resp = self.request('GET', IMAGES, token=unscoped.headers[
            'X-Subject-Token'])
        self.assertGlance(401, resp)

    def test_show_and_missing(self):
        resp = self.show(base.IMAGE)
        self.assertEqual(200, resp.status)
        self.assertEqual(base.IMAGE, resp.json['id'])
        self.assertGlance(404, self.show('nope'),
                          'No image found with ID nope')

    def test_unknown_paths_and_methods(self):
        for path in ('/image/v2', '/image/v3', IMAGES + '/x/y/z'):
            self.assertGlance(404, self.request('GET', path,
                                                token=self.token),
                              'The resource could not be found.')
        for method, path, allow in (
                ('PUT', IMAGES, 'GET, POST'),
                ('POST', IMAGES + '/' + base.IMAGE, 'GET, PATCH, DELETE'),
                ('DELETE', IMAGES + '/' + base.IMAGE + '/file', 'GET, PUT'),
                ('POST', IMAGES + '/' + base.IMAGE + '/tasks', 'GET')):
            resp = self.request(method, path, token=self.token)
            self.assertGlance(405, resp, 'The method %s is not allowed'
                              % method)
            self.assertEqual(allow, resp.headers['Allow'])
        resp = self.request('HEAD', IMAGES + '/' + base.IMAGE,
                            token=self.token)
        self.assertEqual(405, resp.status)

    def test_an_unexpected_error_is_glances_500_without_a_trace(self):
        def broken(image):
            raise RuntimeError('secret detail')
        self.patch(image_api, 'image_view', broken)
        resp = self.show(base.IMAGE)
        self.assertGlance(500, resp, 'The server has either erred')
        self.assertNotIn('secret', resp.text)
        self.assertNotIn('Traceback', resp.text)


class CreateTest(ImageServiceTestCase):

    def test_a_new_image_is_queued_and_shared_with_no_one(self):
        resp = self.request('POST', IMAGES, {
            'name': 'mine', 'min_ram': 64, 'tags': ['a', 'b', 'a'],
            'hw_disk_bus': 'scsi'}, token=self.token)
        self.assertEqual(201, resp.status, resp.body)
        image = resp.json
        self.assertEqual(HOST + '/image/v2/images/' + image['id'],
                         resp.headers['Location'])
        for key, value in (('status', 'queued'), ('size', None),
                           ('visibility', 'shared'),
                           ('owner', self.project), ('protected', False),
                           ('os_hidden', False), ('tags', ['a', 'b']),
                           ('disk_format', None), ('container_format', None),
                           ('checksum', None), ('os_hash_algo', None),
                           ('os_hash_value', None), ('min_ram', 64),
                           ('min_disk', 0), ('hw_disk_bus', 'scsi'),
                           ('file', '/v2/images/%s/file' % image['id'])):
            self.assertEqual(value, image[key], key)
        self.assertEqual(image, self.show(image['id']).json)
        self.assertIn(image['id'], self.ids())
        # Shared with no member: its owner's alone.
        self.assertNotIn(image['id'], self.ids(token=self.alt))
        self.assertGlance(404, self.show(image['id'], token=self.alt),
                          'No image found with ID %s' % image['id'])
        self.assertIn(image['id'], self.ids(token=self.admin))

    def test_an_id_may_be_chosen_once(self):
        wanted = '11111111-2222-3333-4444-555555555555'
        self.assertEqual(wanted, self.create(id=wanted)['id'])
        resp = self.create(id=wanted, expect=409)
        self.assertGlance(409, resp, 'Image ID %s already exists!' % wanted)
        # Even by a project that cannot see it.
        self.assertGlance(409, self.create(id=wanted, expect=409,
                                           token=self.alt))
        resp = self.create(id='not-a-uuid', expect=400)
        self.assertGlance(400, resp, "Provided object does not match "
                                     "schema 'image'")

    def test_bodies_glance_refuses_with_400(self):
        before = self.state()
        for body, message in (
                ({'disk_format': 'qcow3'}, "'qcow3' is not one of"),
                ({'container_format': 'zip'}, "'zip' is not one of"),
                ({'min_ram': '1'}, "'1' is not of type 'integer'"),
                ({'min_disk': True}, "True is not of type 'integer'"),
                ({'min_ram': -1}, "Invalid value '-1' for parameter "
                                  "'min_ram': Cannot be a negative value"),
                ({'name': 'n' * 256}, 'is too long'),
                ({'visibility': 'everyone'}, "'everyone' is not one of"),
                ({'protected': 'yes'}, "'yes' is not of type 'boolean'"),
                ({'tags': 'a'}, "'a' is not of type 'array'"),
                ({'tags': [1]}, "1 is not of type 'string'"),
                ({'hw_disk_bus': 1}, "1 is not of type 'string'"),
                ({'k' * 256: 'v'}, 'Custom property should not be greater '
                                   'than 255 characters.'),
                (['name'], "['name'] is not of type 'object'")):
            resp = self.request('POST', IMAGES, body, token=self.token)
            self.assertGlance(400, resp, message)
        for raw, message in ((b'', 'Body expected in request.'),
                             (b'{"name": ', 'Malformed JSON in request '
                                            'body.'),
                             (b'"name"', 'Unexpected body type. Expected '
                                         'list/dict.')):
            resp = self.request('POST', IMAGES, raw=raw, token=self.token)
            self.assertGlance(400, resp, message)
        self.assertEqual(before, self.state())

    def test_read_only_and_reserved_attributes_are_403(self):
        before = self.state()
        for key, value in (('status', 'active'), ('size', 5),
                           ('virtual_size', 5), ('checksum', 'abc'),
                           ('created_at', 'x'), ('updated_at', 'x'),
                           ('os_hash_algo', 'sha512'),
                           ('os_hash_value', 'ab'), ('self', 'x'),
                           ('file', 'x'), ('schema', 'x'),
                           ('direct_url', 'x')):
            resp = self.request('POST', IMAGES, {'name': 'x', key: value},
                                token=self.token)
            self.assertGlance(403, resp, "Attribute '%s' is read-only."
                              % key)
        for key, value in (('locations', []), ('location', 'x'),
                           ('deleted', 'x'), ('deleted_at', 'x'),
                           ('os_glance_stage_host', 'x')):
            resp = self.request('POST', IMAGES, {'name': 'x', key: value},
                                token=self.token)
            self.assertGlance(403, resp, "Attribute '%s' is reserved."
                              % key)
        self.assertEqual(before, self.state())

    def test_owner_and_visibility_follow_glances_policy(self):
        resp = self.create(visibility='public', expect=403)
        self.assertGlance(403, resp, 'You are not authorized to complete '
                                     'publicize_image action.')
        resp = self.create(owner=self.admin_project, expect=403)
        self.assertGlance(403, resp, "You are not permitted to create "
                                     "images owned by '%s'"
                          % self.admin_project)
        public = self.create(token=self.admin, visibility='public')
        self.assertEqual(self.admin_project, public['owner'])
        self.assertEqual(200, self.show(public['id'], token=self.alt).status)
        self.assertIn(public['id'], self.ids(token=self.alt))
        private = self.create(visibility='private')
        self.assertEqual(404, self.show(private['id'],
                                        token=self.alt).status)
        # An admin makes an image for another project.
        given = self.create(token=self.admin, owner=self.project)
        self.assertEqual(self.project, given['owner'])
        self.assertEqual(200, self.show(given['id']).status)
        # Community: anyone may use it, only its owner lists it unasked.
        community = self.create(visibility='community')
        self.assertEqual(200, self.show(community['id'],
                                        token=self.alt).status)
        self.assertNotIn(community['id'], self.ids(token=self.alt))
        self.assertIn(community['id'], self.ids())
        for query in ('?visibility=community', '?visibility=all'):
            self.assertIn(community['id'], self.ids(query, token=self.alt))

    def test_quotas_on_properties_and_tags(self):
        props = {'p%d' % i: 'v' for i in range(129)}
        resp = self.create(expect=413, **props)
        self.assertGlance(413, resp, 'The limit has been exceeded on the '
                                     'number of allowed image properties. '
                                     'Attempted: 129, Maximum: 128')
        resp = self.create(expect=413, tags=['t%d' % i for i in range(129)])
        self.assertGlance(413, resp, 'image tags. Attempted: 129')


class DataTest(ImageServiceTestCase):

    def test_upload_makes_it_active_and_download_returns_the_bytes(self):
        data = bytes(range(256)) * 4
        image_id = self.ready(data)
        image = self.show(image_id).json
        self.assertEqual('active', image['status'])
        self.assertEqual(len(data), image['size'])
        self.assertEqual(hashlib.md5(data).hexdigest(), image['checksum'])
        self.assertEqual('sha512', image['os_hash_algo'])
        self.assertEqual(hashlib.sha512(data).hexdigest(),
                         image['os_hash_value'])
        resp = self.request('GET', '%s/%s/file' % (IMAGES, image_id),
                            token=self.token)
        self.assertEqual(200, resp.status)
        self.assertEqual(data, resp.body)
        self.assertEqual(OCTETS, resp.headers['Content-Type'])
        self.assertEqual(image['checksum'], resp.headers['Content-MD5'])
        # Anyone who sees it downloads it; only the owner uploads.
        resp = self.upload(image_id, b'again')
        self.assertGlance(409, resp, 'Image status transition from active '
                                     'to saving is not allowed')

    def test_no_data_is_204(self):
        queued = self.create(name='empty')['id']
        for image_id in (queued, base.IMAGE):
            resp = self.request('GET', '%s/%s/file' % (IMAGES, image_id),
                                token=self.token)
            self.assertEqual(204, resp.status)
            self.assertEqual(b'', resp.body)

    def test_upload_refusals_leave_the_image_queued(self):
        bare = self.create(name='bare')['id']
        half = self.create(name='half', disk_format='raw')['id']
        before = self.state()
        resp = self.upload(bare, b'x')
        self.assertGlance(400, resp, 'Properties disk_format, '
                                     'container_format must be set prior '
                                     'to saving data.')
        resp = self.upload(half, b'x')
        self.assertGlance(400, resp, 'Property container_format must be '
                                     'set prior to saving data.')
        resp = self.upload(half, b'x', content_type='application/json')
        self.assertGlance(415, resp, 'Invalid content type '
                                     'application/json')
        self.assertGlance(404, self.upload(half, b'x', token=self.alt),
                          'No image found with ID %s' % half)
        resp = self.upload(base.IMAGE, b'x')
        self.assertGlance(403, resp, 'You are not authorized to complete '
                                     'upload_image action.')
        resp = self.upload(base.IMAGE, b'x', token=self.admin)
        self.assertGlance(409, resp, 'Image status transition from active '
                                     'to saving is not allowed')
        self.assertEqual(before, self.state())
        self.assertEqual('queued', self.show(half).json['status'])

    def test_stored_bytes_are_bounded_and_freed_on_delete(self):
        self.patch(image_model, 'MAX_STORED_BYTES', 100)
        first = self.ready(b'a' * 60)
        second = self.create(name='second', disk_format='raw',
                             container_format='bare')['id']
        before = self.state()
        resp = self.upload(second, b'b' * 60)
        self.assertGlance(413, resp, 'Image storage media is full')
        self.assertEqual(before, self.state())
        image = self.show(second).json
        self.assertEqual(('queued', None), (image['status'], image['size']))
        self.assertEqual(204, self.delete(first).status)
        self.assertEqual(204, self.upload(second, b'b' * 60).status)
        self.assertEqual(60, image_model.stored_bytes(self.cloud.store))


class PatchTest(ImageServiceTestCase):

    def test_add_replace_and_remove(self):
        image_id = self.create(name='old', color='red')['id']
        resp = self.update(image_id, [
            {'op': 'replace', 'path': '/name', 'value': 'new'},
            {'op': 'add', 'path': '/size_hint', 'value': 'big'},
            {'op': 'replace', 'path': '/color', 'value': 'blue'},
            {'op': 'add', 'path': '/min_ram', 'value': 128},
            {'op': 'replace', 'path': '/tags', 'value': ['x', 'x', 'y']},
            {'op': 'replace', 'path': '/visibility', 'value': 'private'},
            {'op': 'replace', 'path': '/protected', 'value': True},
            {'op': 'add', 'path': '/disk_format', 'value': 'qcow2'},
            {'op': 'remove', 'path': '/size_hint'}])
        self.assertEqual(200, resp.status, resp.body)
        image = resp.json
        for key, value in (('name', 'new'), ('color', 'blue'),
                           ('min_ram', 128), ('tags', ['x', 'y']),
                           ('visibility', 'private'), ('protected', True),
                           ('disk_format', 'qcow2')):
            self.assertEqual(value, image[key], key)
        self.assertNotIn('size_hint', image)
        self.assertEqual(image, self.show(image_id).json)
        # The 2.0 patch format.
        resp = self.update(image_id, [{'replace': '/name', 'value': 'v2.0'}],
                           content_type=OLD_PATCH_TYPE)
        self.assertEqual('v2.0', resp.json['name'])
        resp = self.update(image_id, [{'add': '/name', 'value': 'again'}],
                           content_type=OLD_PATCH_TYPE)
        self.assertGlance(409, resp, 'Property name already present.')

    def test_an_admin_publishes_and_gives_away(self):
        image_id = self.create(name='img')['id']
        resp = self.update(image_id, [{'op': 'replace', 'path': '/visibility',
                                       'value': 'public'}])
        self.assertGlance(403, resp, 'You are not authorized to complete '
                                     'publicize_image action.')
        resp = self.update(image_id, [{'op': 'replace', 'path': '/owner',
                                       'value': self.admin_project}])
        self.assertGlance(403, resp, "Owner can't be updated by non admin.")
        resp = self.update(image_id, [{'op': 'replace', 'path': '/visibility',
                                       'value': 'public'}], token=self.admin)
        self.assertEqual('public', resp.json['visibility'])
        self.assertEqual(200, self.show(image_id, token=self.alt).status)
        resp = self.request('GET', '/v2.1/images/' + image_id,
                            token=self.alt)
        self.assertEqual(200, resp.status)
        # Public, its owner still changes it; another project may not.
        resp = self.update(image_id, [{'op': 'add', 'path': '/k',
                                       'value': 'v'}], token=self.alt)
        self.assertGlance(403, resp, 'You are not authorized to complete '
                                     'modify_image action.')
        self.assertEqual(200, self.update(image_id, [
            {'op': 'add', 'path': '/k', 'value': 'v'}]).status)
        resp = self.update(image_id, [
            {'op': 'replace', 'path': '/owner', 'value': self.alt_project()},
            {'op': 'replace', 'path': '/visibility', 'value': 'private'}],
            token=self.admin)
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(404, self.show(image_id).status)
        self.assertEqual(200, self.show(image_id, token=self.alt).status)

    def alt_project(self):
        _token, info = self.login('alt_demo', 'alt_demo')
        return info['project']['id']

    def test_refusals(self):
        image_id = self.create(name='img', color='red')['id']
        url = '%s/%s' % (IMAGES, image_id)
        before = self.state()
        resp = self.update(image_id, [], content_type='application/json')
        self.assertGlance(415, resp, 'Image PATCH expects Content-Type one '
                                     'of: %s, %s' % (OLD_PATCH_TYPE,
                                                     PATCH_TYPE))
        self.assertEqual('%s, %s' % (OLD_PATCH_TYPE, PATCH_TYPE),
                         resp.headers['Accept-Patch'])
        for ops, code, message in (
                ({'op': 'add'}, 400, 'Request body must be a JSON array of '
                                     'operation objects.'),
                (['add'], 400, 'Operations must be JSON objects.'),
                ([{'path': '/name', 'value': 'x'}], 400,
                 'Unable to find `op` in JSON Schema change. It must be one '
                 'of the following: add, remove, replace.'),
                ([{'op': 'move', 'path': '/name'}], 400,
                 'Invalid operation: `move`.'),
                ([{'op': 'add', 'value': 'x'}], 400,
                 "Unable to find 'path' in JSON Schema change"),
                ([{'op': 'add', 'path': 'name', 'value': 'x'}], 400,
                 'Pointer `name` does not start with "/".'),
                ([{'op': 'add', 'path': '/a//b', 'value': 'x'}], 400,
                 'contains adjacent "/".'),
                ([{'op': 'add', 'path': '/tags/-', 'value': 'x'}], 400,
                 "Invalid JSON pointer for this resource: '/tags/-'"),
                ([{'op': 'add', 'path': '/name'}], 400,
                 'Operation "add" requires a member named "value".'),
                ([{'op': 'add', 'path': '/min_ram', 'value': 'x'}], 400,
                 "Provided object does not match schema 'image'"),
                ([{'op': 'add', 'path': '/min_ram', 'value': -1}], 400,
                 "Invalid value '-1' for parameter 'min_ram'"),
                ([{'op': 'add', 'path': '/color', 'value': 1}], 400,
                 "1 is not of type 'string'"),
                ([{'op': 'replace', 'path': '/status', 'value': 'active'}],
                 403, "Attribute 'status' is read-only."),
                ([{'op': 'replace', 'path': '/id', 'value': 'x'}],
                 403, "Attribute 'id' is read-only."),
                ([{'op': 'remove', 'path': '/checksum'}],
                 403, "Attribute 'checksum' is read-only."),
                ([{'op': 'add', 'path': '/deleted', 'value': 'x'}],
                 403, "Attribute 'deleted' is reserved."),
                ([{'op': 'add', 'path': '/os_glance_x', 'value': 'x'}],
                 403, "Attribute 'os_glance_x' is reserved."),
                ([{'op': 'remove', 'path': '/name'}], 403,
                 'Property name may not be removed.'),
                ([{'op': 'remove', 'path': '/nope'}], 409,
                 'Property nope does not exist.'),
                ([{'op': 'replace', 'path': '/nope', 'value': 'x'}], 409,
                 'Property nope does not exist.'),
                ([{'op': 'replace', 'path': '/locations', 'value': []}],
                 403, 'Cannot set locations to empty list.'),
                ([{'op': 'add', 'path': '/locations/-',
                   'value': {'url': 'http://x', 'metadata': {}}}], 403,
                 "It's not allowed to add locations if locations are "
                 "invisible."),
                # All or nothing: the first operation is not kept.
                ([{'op': 'replace', 'path': '/name', 'value': 'kept?'},
                  {'op': 'remove', 'path': '/nope'}], 409,
                 'Property nope does not exist.')):
            resp = self.request('PATCH', url, ops, token=self.token,
                                content_type=PATCH_TYPE)
            self.assertGlance(code, resp, message)
        self.assertEqual(before, self.state())
        self.assertEqual('img', self.show(image_id).json['name'])

    def test_who_may_patch(self):
        image_id = self.create(name='img')['id']
        op = [{'op': 'replace', 'path': '/name', 'value': 'x'}]
        self.assertGlance(404, self.update(image_id, op, token=self.alt),
                          'No image found with ID %s' % image_id)
        self.assertGlance(403, self.update(base.IMAGE, op),
                          'You are not authorized to complete modify_image '
                          'action.')
        self.assertEqual(200, self.update(base.IMAGE, op,
                                          token=self.admin).status)
        self.assertEqual(200, self.update(image_id, op,
                                          token=self.admin).status)

    def test_formats_change_only_while_queued(self):
        image_id = self.ready()
        resp = self.update(image_id, [{'op': 'replace', 'path': '/disk_format',
                                       'value': 'qcow2'}])
        self.assertGlance(403, resp, 'Attribute disk_format can be only '
                                     'replaced for a queued image.')
        resp = self.update(base.IMAGE, [{'op': 'replace',
                                         'path': '/container_format',
                                         'value': 'ovf'}], token=self.admin)
        self.assertGlance(403, resp, 'Attribute container_format can be '
                                     'only replaced for a queued image.')


class DeleteAndTasksTest(ImageServiceTestCase):

    def test_public_image_delete_is_admin_only(self):
        self.assertGlance(403, self.delete(base.IMAGE),
                          'You are not authorized to complete delete_image '
                          'action.')
        self.assertEqual(204, self.delete(base.IMAGE,
                                          token=self.admin).status)
        self.assertEqual(404, self.show(base.IMAGE, token=self.admin).status)

    def test_another_projects_image_is_not_found(self):
        image_id = self.create(name='img')['id']
        self.assertGlance(404, self.delete(image_id, token=self.alt),
                          'Failed to find image %s to delete' % image_id)
        self.assertEqual(200, self.show(image_id).status)

    def test_a_protected_image_is_not_deleted(self):
        image_id = self.create(name='img', protected=True)['id']
        self.assertGlance(403, self.delete(image_id),
                          'Image %s is protected and cannot be deleted.'
                          % image_id)
        self.assertGlance(403, self.delete(image_id, token=self.admin))
        resp = self.request('DELETE', '/v2.1/images/' + image_id,
                            token=self.token)
        self.assertEqual(403, resp.status)
        self.assertEqual('You are not allowed to delete the image.',
                         resp.json['forbidden']['message'])
        self.update(image_id, [{'op': 'replace', 'path': '/protected',
                                'value': False}])
        self.assertEqual(204, self.delete(image_id).status)
        self.assertEqual(404, self.show(image_id).status)

    def test_tasks_of_a_visible_image(self):
        image_id = self.create(name='img')['id']
        for an_id in (image_id, base.IMAGE):
            resp = self.request('GET', '%s/%s/tasks' % (IMAGES, an_id),
                                token=self.token)
            self.assertEqual(200, resp.status)
            self.assertEqual({'tasks': []}, resp.json)
        resp = self.request('GET', '%s/%s/tasks' % (IMAGES, image_id),
                            token=self.alt)
        self.assertGlance(404, resp)


class ListTest(ImageServiceTestCase):

    def test_list_and_filters(self):
        names = {i['name'] for i in self.images()}
        self.assertIn('cirros-0.6.2-x86_64-disk', names)
        cirros = self.images('?name=cirros-0.6.2-x86_64-disk')
        self.assertEqual([base.IMAGE], [i['id'] for i in cirros])
        self.assertEqual('active', cirros[0]['status'])
        self.assertEqual('public', cirros[0]['visibility'])
        self.assertEqual(len(self.images()), len(self.images(
            '?status=active')))
        self.assertEqual([], self.images('?status=queued'))
        self.assertEqual([], self.images('?name=nope'))

    def test_glance_filters(self):
        tagged = self.create(name='tagged', tags=['gold', 'x'],
                             color='red', visibility='private')['id']
        hidden = self.create(name='hidden', os_hidden=True)['id']
        shared = self.create(name='shared', disk_format='raw')['id']
        mine = {tagged, hidden, shared}
        for query, expected in (
                ('?tag=gold', {tagged}), ('?tag=gold&tag=y', set()),
                ('?color=red', {tagged}), ('?visibility=private', {tagged}),
                ('?visibility=shared', {shared}),
                ('?os_hidden=true', {hidden}), ('?disk_format=raw', {shared}),
                ('?name=in:tagged,shared', {tagged, shared}),
                ('?owner=%s' % self.project, {tagged, shared}),
                ('?status=queued', {tagged, shared}),
                ('?protected=false&status=queued', {tagged, shared})):
            self.assertEqual(expected, set(self.ids(query)) & mine, query)
        self.assertNotIn(hidden, self.ids())
        for query, message in (
                ('?visibility=bogus', 'Invalid visibility value: bogus'),
                ('?os_hidden=maybe', "Invalid value 'maybe' for 'os_hidden' "
                                     "filter."),
                ('?protected=1', "Invalid value '1' for 'protected'"),
                ('?size_min=big', 'Unable to filter on a range with a '
                                  'non-numeric value.'),
                ('?member_status=x', 'Invalid status: x'),
                ('?changes-since=2020', 'The "changes-since" filter is no '
                                        'longer available on v2.')):
            resp = self.request('GET', IMAGES + query, token=self.token)
            self.assertGlance(400, resp, message)

    def test_pages_follow_next_links_newest_first(self):
        made = [self.create(name='p%d' % n)['id'] for n in range(5)]
        everything = self.ids('?limit=1000')
        self.assertEqual(list(reversed(made)), everything[:5])
        created = [i['created_at'] for i in self.images()]
        self.assertEqual(sorted(created, reverse=True), created)
        seen, url, pages = [], IMAGES + '?limit=2', 0
        while url:
            resp = self.request('GET', url, token=self.token)
            self.assertEqual(200, resp.status, resp.body)
            self.assertEqual('/v2/images?limit=2', resp.json['first'])
            seen += [i['id'] for i in resp.json['images']]
            pages += 1
            self.assertLessEqual(len(resp.json['images']), 2)
            url = resp.json.get('next')
            if url:
                self.assertIn('marker=', url)
                url = '/image' + url
        self.assertEqual(everything, seen)
        self.assertGreaterEqual(pages, 3)

    def test_default_page_is_glances_25(self):
        for n in range(26):
            self.create(name='n%d' % n)
        resp = self.request('GET', IMAGES, token=self.token)
        self.assertEqual(25, len(resp.json['images']))
        self.assertIn('next', resp.json)
        self.assertEqual('/v2/images', resp.json['first'])

    def test_sorting_and_paging_refusals(self):
        for name in ('b', 'c', 'a'):
            self.create(name=name)
        names = [i['name'] for i in self.images(
            '?sort_key=name&sort_dir=asc&status=queued')]
        self.assertEqual(['a', 'b', 'c'], names)
        names = [i['name'] for i in self.images('?sort=name:desc'
                                                '&status=queued')]
        self.assertEqual(['c', 'b', 'a'], names)
        for query, message in (
                ('?limit=x', 'limit param must be an integer'),
                ('?limit=-1', 'limit param must be positive'),
                ('?marker=nope', 'No image found with ID nope'),
                ('?sort_key=owner', 'Invalid sort key: owner.'),
                ('?sort_dir=up', 'Invalid sort direction: up'),
                ('?sort=name&sort_key=id', 'Old and new sorting syntax '
                                           'cannot be combined')):
            resp = self.request('GET', IMAGES + query, token=self.token)
            self.assertGlance(400, resp, message)


class ComputeTest(ImageServiceTestCase):
    """Nova's image proxy and server create see the same images."""

    def boot(self, image_id):
        return self.request('POST', '/v2.1/servers', {'server': {
            'name': 'vm', 'flavorRef': '1', 'imageRef': image_id}},
            token=self.token)

    def test_an_uploaded_image_boots_a_server(self):
        image_id = self.ready(b'disk' * 100, min_ram=64,
                              hw_disk_bus='scsi')
        resp = self.request('GET', '/v2.1/images/' + image_id,
                            token=self.token)
        self.assertEqual(200, resp.status, resp.body)
        image = resp.json['image']
        self.assertEqual('ACTIVE', image['status'])
        self.assertEqual({'hw_disk_bus': 'scsi'}, image['metadata'])
        self.assertEqual(64, image['minRam'])
        self.assertEqual(400, image['OS-EXT-IMG-SIZE:size'])
        resp = self.boot(image_id)
        self.assertEqual(202, resp.status, resp.body)
        server = self.request('GET', '/v2.1/servers/%s'
                              % resp.json['server']['id'], token=self.token)
        self.assertEqual(image_id, server.json['server']['image']['id'])

    def test_a_queued_image_is_saving_and_boots_nothing(self):
        image_id = self.create(name='empty', disk_format='raw',
                               container_format='bare')['id']
        resp = self.request('GET', '/v2.1/images/' + image_id,
                            token=self.token)
        self.assertEqual('SAVING', resp.json['image']['status'])
        self.assertEqual(25, resp.json['image']['progress'])
        resp = self.boot(image_id)
        self.assertEqual(400, resp.status, resp.body)
        self.assertEqual('Image %s is not active.' % image_id,
                         resp.json['badRequest']['message'])

    def test_snapshot_appears_active_and_can_be_deleted(self):
        resp = self.boot(base.IMAGE)
        self.assertEqual(202, resp.status, resp.body)
        server_id = resp.json['server']['id']
        resp = self.request(
            'POST', '/v2.1/servers/%s/action' % server_id,
            {'createImage': {'name': 'snap1'}}, token=self.token,
            headers={'OpenStack-API-Version': 'compute 2.45'})
        self.assertEqual(202, resp.status, resp.body)
        image_id = resp.json['image_id']

        snaps = self.images('?name=snap1')
        self.assertEqual([image_id], [i['id'] for i in snaps])
        self.assertEqual('active', snaps[0]['status'])
        self.assertEqual('private', snaps[0]['visibility'])
        self.assertEqual(server_id, snaps[0]['instance_uuid'])
        # Another project does not see it.
        self.assertEqual([], self.images('?name=snap1', token=self.alt))
        self.assertEqual(404, self.delete(image_id, token=self.alt).status)
        # Its owner deletes it; compute no longer lists it either.
        self.assertEqual(204, self.delete(image_id).status)
        self.assertEqual([], self.images('?name=snap1'))
        resp = self.request('GET', '/v2.1/images/' + image_id,
                            token=self.token)
        self.assertEqual(404, resp.status)
