"""A minimal image service (Glance v2) over the compute store's images.

Clients resolve image names and poll snapshots through the image service
(``openstack server create --image NAME``, ``openstack server image
create --wait``, openstacksdk's ``create_server_image(wait=True)``), so
the standalone cloud serves ``GET /image/v2/images`` (``name`` and
``status`` filters), ``GET``/``DELETE /image/v2/images/{id}`` and version
discovery, backed by the same images as Nova's image proxy.
"""

import logging

import webob

from fakenova.common import visibility
from fakenova.common import wsgi as common_wsgi
from fakenova.compute.api import views
from fakenova import context

_json = common_wsgi.json_response
LOG = logging.getLogger(__name__)


def _isotime(ts):
    return views.isotime(ts)


def image_view(image):
    body = {
        'id': image.id, 'name': image.name,
        'status': image.status.lower(),
        'visibility': 'private' if image.project_id else 'public',
        'owner': image.project_id, 'protected': False,
        'os_hidden': False, 'tags': [],
        'size': image.size if image.status == 'ACTIVE' else None,
        'min_disk': image.min_disk, 'min_ram': image.min_ram,
        'disk_format': 'qcow2', 'container_format': 'bare',
        'checksum': None, 'virtual_size': None,
        'created_at': _isotime(image.created),
        'updated_at': _isotime(image.updated),
        'self': '/v2/images/%s' % image.id,
        'file': '/v2/images/%s/file' % image.id,
        'schema': '/v2/schemas/image',
    }
    for key, value in (image.metadata or {}).items():
        body.setdefault(key, value)
    return body


class ImageApp:
    """Glance v2, read and delete only, mounted at /image."""

    # GET /identity (/image) answers the version list itself (300, as
    # keystone and glance do) instead of the urlmap's redirect to the
    # trailing slash.
    serves_bare_prefix = True

    def __init__(self, cloud):
        self.cloud = cloud

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        try:
            resp = self.dispatch(req)
        except UnicodeDecodeError:
            # A path or query string that is not UTF-8.
            resp = _text(400, 'The request URL is not valid UTF-8.')
        except Exception:  # noqa: B902 -- answer glance's 500, not a trace
            LOG.exception('image API error on %s %s', req.method,
                          environ.get('PATH_INFO'))
            resp = _text(500, 'The server has either erred or is '
                         'incapable of performing the requested '
                         'operation.')
        return resp(environ, start_response)

    def _version(self, req):
        return {'id': 'v2.16', 'status': 'CURRENT',
                'links': [{'rel': 'self', 'href': '%s%s/v2/' % (
                    req.host_url, req.script_name)}]}

    def _context(self, req):
        """The caller's context (a glance admin has the admin role)."""
        token = req.headers.get('X-Auth-Token')
        info = self.cloud.identity.validate(token) if token else None
        if info is None or info.project is None:
            return None
        return context.RequestContext(
            user_id=info.user.id, project_id=info.project.id,
            roles=list(info.roles), is_admin='admin' in info.roles)

    def dispatch(self, req):
        path = req.path_info.rstrip('/')
        if path in ('', '/versions'):
            return _json({'versions': [self._version(req)]},
                         300 if path == '' else 200)
        ctx = self._context(req)
        if ctx is None:
            return _text(401, 'This server could not verify that you are '
                         'authorized to access the document you requested.')
        if path == '/v2/images' and req.method == 'GET':
            return self.index(req, ctx)
        if path.startswith('/v2/images/') and path.count('/') == 3:
            image_id = path.rsplit('/', 1)[1]
            if req.method == 'GET':
                return self.show(image_id, ctx)
            if req.method == 'DELETE':
                return self.delete(image_id, ctx)
            return _text(405, 'The method is not allowed for this resource.')
        return _text(404, 'The resource could not be found.')

    def _visible(self, ctx):
        store = self.cloud.store
        with store.lock:
            for image in list(store.images.values()):
                if image.pending and image.server_id in store.servers:
                    # A snapshot settles when its server does.
                    store.settle(store.servers[image.server_id])
            return visibility.only_visible(ctx, list(store.images.values()))

    def index(self, req, ctx):
        images = [image_view(i) for i in self._visible(ctx)]
        for key in ('name', 'status'):
            wanted = req.GET.get(key)
            if wanted is not None:
                images = [i for i in images if i[key] == wanted]
        images.sort(key=lambda i: i['created_at'], reverse=True)
        return _json({'images': images, 'first': '/v2/images',
                      'schema': '/v2/schemas/images'})

    def _get(self, image_id, ctx):
        store = self.cloud.store
        with store.lock:
            image = store.find_image(image_id, ctx)
            if image is not None and image.pending and (
                    image.server_id in store.servers):
                store.settle(store.servers[image.server_id])
            return image

    def show(self, image_id, ctx):
        image = self._get(image_id, ctx)
        if image is None:
            return _text(404, 'No image found with ID %s' % image_id)
        return _json(image_view(image))

    def delete(self, image_id, ctx):
        image = self._get(image_id, ctx)
        if image is None:
            return _text(404, 'No image found with ID %s' % image_id)
        if image.project_id is None and not ctx.is_admin:
            return _text(403, 'You are not permitted to delete this image.')
        with self.cloud.store.lock:
            self.cloud.store.images.pop(image.id, None)
        return webob.Response(status=204)


def _text(status, message):
    resp = webob.Response(status=status, content_type='text/plain',
                          charset='UTF-8')
    resp.text = '%d %s\n\n%s' % (status, webob.Response(
        status=status).status.split(' ', 1)[1], message)
    return resp
