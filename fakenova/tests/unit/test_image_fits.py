"""An image's min_ram, min_disk and size against the flavor (create, resize).

Nova refuses with 400 before anything is made: "Flavor's memory is too
small for requested image." and the two disk messages, in bytes.
"""

from fakenova.compute import model
from fakenova.tests.unit import base

GIB = 1024 ** 3


class ImageFitsTest(base.APITestCase):

    def image(self, **kw):
        image = model.Image('11111111-2222-4333-8444-%012d' % len(kw),
                            'needy', **kw)
        self.store.add_image(image)
        return image.id

    def create(self, image_id, flavor='1'):
        return self.post('/v2.1/servers', {'server': {
            'name': 'vm', 'imageRef': image_id, 'flavorRef': flavor}})

    def assertNothingMade(self):
        self.assertEqual({}, self.store.servers)

    def test_min_ram_above_the_flavors_memory(self):
        image_id = self.image(min_ram=513)
        self.assertFault(self.create(image_id), 400,
                         "Flavor's memory is too small for requested image.")
        self.assertNothingMade()
        # m1.small (2048 MB) runs it.
        self.assertEqual(202, self.create(image_id, flavor='2').status)

    def test_min_disk_above_the_flavors_disk(self):
        image_id = self.image(min_disk=2)
        self.assertFault(
            self.create(image_id), 400,
            "Flavor's disk is smaller than the minimum size specified in "
            "image metadata. Flavor disk is %d bytes, minimum size is %d "
            "bytes." % (GIB, 2 * GIB))
        self.assertNothingMade()

    def test_image_larger_than_the_flavors_disk(self):
        image_id = self.image(size=GIB + 1)
        self.assertFault(
            self.create(image_id), 400,
            "Flavor's disk is too small for requested image. Flavor disk "
            "is %d bytes, image is %d bytes." % (GIB, GIB + 1))

    def test_zero_disk_flavor_checks_memory_only(self):
        self.assertEqual(202, self.create(self.image(min_disk=50),
                                          flavor='6').status)

    def test_resize_to_a_flavor_the_image_does_not_fit(self):
        image_id = self.image(min_ram=1024)
        server_id = self.post('/v2.1/servers', {'server': {
            'name': 'vm', 'imageRef': image_id,
            'flavorRef': '2'}}).json['server']['id']
        resp = self.action(server_id, {'resize': {'flavorRef': '1'}})
        self.assertFault(resp, 400,
                         "Flavor's memory is too small for requested image.")
        self.assertEqual('ACTIVE', self.show(server_id)['status'])
        self.assertEqual(202, self.action(
            server_id, {'resize': {'flavorRef': '3'}}).status)
