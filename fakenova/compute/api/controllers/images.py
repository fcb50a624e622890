"""/images: Nova's image proxy (removed at 2.36)."""

import itertools

from oslo_utils import timeutils

from fakenova.common import times
from fakenova.compute.api import validation
from fakenova.compute.api import views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import indexes
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


# Nova's proxy passes these filters to glance (and property-* ones, the
# image's own properties); status is glance's, in any case.
_QUERY = {
    'type': 'object',
    'properties': {
        'limit': {'type': 'array', 'items': validation.positive_integer},
        'page_size': {'type': 'array',
                      'items': validation.positive_integer},
        'offset': {'type': 'array', 'items': validation.positive_integer},
    },
    'additionalProperties': True,
}


def _filters(req):
    """Tests of an image for the list's query, as glance applies them."""
    params = req.params
    tests = []
    name = params.get('name')
    if name is not None:
        tests.append(lambda i: i.name == name)
    status = params.get('status')
    if status is not None:
        status = status.lower()
        # glance's status is the model's, in lower case.
        tests.append(lambda i: i.status.lower() == status)
    server = params.get('server')
    if server is not None:
        server = server.rsplit('/', 1)[-1]
        tests.append(lambda i: _property(i, 'instance_uuid') == server)
    kind = params.get('type')
    if kind is not None:
        tests.append(lambda i: _property(i, 'image_type') == kind)
    for key, attr in (('minRam', 'min_ram'), ('minDisk', 'min_disk')):
        if params.get(key) is not None:
            wanted = validation.int_query_param(params, key)
            tests.append(lambda i, a=attr, w=wanted: (getattr(i, a) or 0)
                         >= w)
    since = params.get('changes-since')
    if since is not None:
        try:
            since = times.micros_of(timeutils.normalize_time(
                timeutils.parse_isotime(since)))
        except ValueError:
            raise exception.BadRequest(
                'Invalid changes-since value: %s' % since)
        tests.append(lambda i: times.micros(i.updated) >= since)
    for key, value in params.items():
        if key.startswith('property-'):
            tests.append(lambda i, k=key[len('property-'):], v=value:
                         _property(i, k) == v)
    return tests


def _property(image, key):
    value = (image.metadata or {}).get(key)
    return None if value is None else str(value)


def _listed(req):
    """The visible images the query selects, one page of them.

    Newest first (created, then id): a walk of the image index's
    buckets the caller may see, from the marker on, that stops when the
    page is full (the filters are tested on the images it passes).
    """
    validation.validate_query(_QUERY, validation.query_values(req.params))
    tests = _filters(req)
    store = req.store
    ctx = req.context
    marker = req.params.get('marker')
    with store.lock:
        store.settle_snapshots()
        after = None
        if marker is not None:
            found = store.find_image(marker, ctx)
            if found is None or not all(t(found) for t in tests):
                raise exception.BadRequest('marker [%s] not found' % marker)
            after = store.images.key_of(marker)
        images = store.images.walk(indexes.visible_buckets(ctx), after)
        if tests:
            images = (i for i in images if all(t(i) for t in tests))
        return list(itertools.islice(images, views.limit_of(req)))


def _page(req, path, key, items):
    body = {key: items}
    links = views.next_links(req, path, items,
                             items[-1]['id'] if items else None)
    if links:
        body['images_links'] = links
    return body


def _get(req):
    image = req.store.find_image(req.urlvars['image_id'], req.context)
    if image is None:
        raise exception.NotFound('Image not found.')
    # A snapshot settles when its server does (instant pacing: the next
    # GET of the image already shows it ACTIVE).
    return req.store.settle_snapshot(image)


def index(req):
    return wsgi.Response(200, _page(req, 'images', 'images', [
        _summary(req, i) for i in _listed(req)]))


def detail(req):
    return wsgi.Response(200, _page(req, 'images/detail', 'images', [
        _detail(req, i) for i in _listed(req)]))


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
