"""What Nova checks of an image before a server runs it."""

from fakenova.compute import exception

_GIB = 1024 ** 3


def check_fits(flavor, image):
    """Nova's checks of an image against the flavor that runs it.

    The image's ``min_ram`` must fit the flavor's memory; its size and
    ``min_disk`` the flavor's root disk (a zero-disk flavor is not
    checked).
    """
    if flavor.ram < (image.min_ram or 0):
        raise exception.BadRequest(
            "Flavor's memory is too small for requested image.")
    disk = flavor.disk * _GIB
    if not disk:
        return
    if (image.size or 0) > disk:
        raise exception.BadRequest(
            "Flavor's disk is too small for requested image. Flavor disk "
            "is %d bytes, image is %d bytes." % (disk, image.size))
    if (image.min_disk or 0) * _GIB > disk:
        raise exception.BadRequest(
            "Flavor's disk is smaller than the minimum size specified in "
            "image metadata. Flavor disk is %d bytes, minimum size is %d "
            "bytes." % (disk, image.min_disk * _GIB))
