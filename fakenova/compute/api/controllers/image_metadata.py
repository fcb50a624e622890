"""/images/{image_id}/metadata: Nova's image metadata proxy (until 2.38).

The metadata is the image's properties (``Image.metadata``, which the
image service shows too). As Nova: no policy rule of its own; the body
is validated first, then the image looked up as the caller may see it
(404 'Image not found.'), the metadata_items quota checked on the
resulting properties (403 'Image metadata limit exceeded'), then the
image service's refusal to change an image of another project (403 'Not
authorized for image <id>.'; its owner and admins may).
"""

from fakenova.compute.api.schemas import server_metadata as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import quotas
from fakenova.image import model as image_model

Response = wsgi.Response


def _image(req):
    image = req.store.find_image(req.urlvars['image_id'], req.context)
    if image is None:
        raise exception.NotFound('Image not found.')
    return req.store.settle_snapshot(image)


def _save(req, image, properties):
    """The image service's update of ``image``'s properties."""
    if properties and len(properties) > quotas.METADATA_ITEMS:
        raise exception.Forbidden('Image metadata limit exceeded')
    if not image_model.may_modify(req.context, image):
        raise exception.Forbidden('Not authorized for image %s.' % image.id)
    image.metadata = dict(properties)
    image.updated = req.store.now()


def index(req):
    with req.store.lock:
        return Response(200, {'metadata': dict(_image(req).metadata)})


def show(req):
    key = req.path_param('key')
    with req.store.lock:
        metadata = _image(req).metadata
        if key not in metadata:
            raise exception.NotFound()
        return Response(200, {'meta': {key: metadata[key]}})


def create(req):
    """POST: merge the given items into the properties."""
    body = req.json_body()
    validation.validate(schemas.METADATA, body)
    with req.store.lock:
        image = _image(req)
        properties = dict(image.metadata)
        properties.update(body['metadata'])
        _save(req, image, properties)
        return Response(200, {'metadata': dict(image.metadata)})


def update_all(req):
    """PUT: the given items become the whole properties."""
    body = req.json_body()
    validation.validate(schemas.METADATA, body)
    with req.store.lock:
        _save(req, _image(req), body['metadata'])
    return Response(200, {'metadata': body['metadata']})


def update(req):
    """PUT /metadata/{key}: set one item (the body names the same key)."""
    key = req.path_param('key')
    body = req.json_body()
    validation.validate(schemas.META_ITEM, body)
    if key not in body['meta']:
        raise exception.BadRequest('Request body and URI mismatch')
    with req.store.lock:
        image = _image(req)
        properties = dict(image.metadata)
        properties[key] = body['meta'][key]
        _save(req, image, properties)
    return Response(200, {'meta': body['meta']})


def delete(req):
    key = req.path_param('key')
    with req.store.lock:
        image = _image(req)
        if key not in image.metadata:
            raise exception.NotFound('Invalid metadata key')
        properties = dict(image.metadata)
        del properties[key]
        _save(req, image, properties)
    return Response(204)
