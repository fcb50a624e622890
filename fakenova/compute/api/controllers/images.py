"""/images: Nova's image proxy (removed at 2.36)."""

from fakenova.common import visibility
from fakenova.compute.api import views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.image import model as image_model

# Nova shows the image service's statuses as its own: a queued image (no
# data yet) is SAVING, as one being saved is.
STATUSES = {'QUEUED': 'SAVING'}


def _links(req, image):
    out = views.links(req, 'images', image.id)
    out.append({'rel': 'alternate', 'type': 'application/vnd.openstack.image',
                'href': '%s/images/%s' % (req.host_url + '/image', image.id)})
    return out


def _summary(req, image):
    return {'id': image.id, 'name': image.name, 'links': _links(req, image)}


def _detail(req, image):
    out = _summary(req, image)
    out.update({
        'status': STATUSES.get(image.status, image.status),
        'progress': 100 if image.status == 'ACTIVE' else 25,
        'minDisk': image.min_disk, 'minRam': image.min_ram,
        'metadata': dict(image.metadata),
        'created': views.isotime(image.created),
        'updated': views.isotime(image.updated),
        'OS-EXT-IMG-SIZE:size': image.size,
    })
    if image.server_id:
        out['server'] = {'id': image.server_id,
                         'links': views.links(req, 'servers',
                                              image.server_id)}
    return out


def _visible(req):
    with req.store.lock:
        return visibility.only_visible(req.context,
                                       list(req.store.images.values()))


def _get(req):
    image = req.store.find_image(req.urlvars['image_id'], req.context)
    if image is None:
        raise exception.NotFound('Image not found.')
    store = req.store
    if image.pending and image.server_id in store.servers:
        # A snapshot settles when its server does (instant pacing: the
        # next GET of the image already shows it ACTIVE).
        store.settle(store.servers[image.server_id])
    return image


def index(req):
    return wsgi.Response(200, {'images': [_summary(req, i)
                                          for i in _visible(req)]})


def detail(req):
    return wsgi.Response(200, {'images': [_detail(req, i)
                                          for i in _visible(req)]})


def show(req):
    with req.store.lock:
        return wsgi.Response(200, {'image': _detail(req, _get(req))})


def delete(req):
    with req.store.lock:
        image = _get(req)
        # Nova passes on the image service's refusal (its owner or an
        # admin deletes an image, unless it is protected) as its own.
        if not image_model.may_modify(req.context, image) or (
                image_model.record_of(image).protected):
            raise exception.Forbidden('You are not allowed to delete the '
                                      'image.')
        req.store.images.pop(image.id, None)
    return wsgi.Response(204)
