"""The image service (Glance v2) over the compute store's images.

Clients resolve image names and poll snapshots through the image service
(``openstack server create --image NAME``, ``openstack server image
create --wait``, openstacksdk's ``create_server_image(wait=True)``), and
tempest's compute tests make their own images here (create, upload,
update, boot from them). Mounted at /image, the cloud serves:

* version discovery (``/`` with 300, ``/versions``);
* ``GET /v2/images`` (filters, sorting and paging as Glance's) and
  ``POST /v2/images`` (a queued image, no data yet);
* ``GET``, ``PATCH`` (JSON patch) and ``DELETE /v2/images/{id}``;
* ``PUT`` and ``GET /v2/images/{id}/file`` (the data, kept in memory
  within :data:`fakenova.image.model.MAX_STORED_BYTES`);
* ``GET /v2/images/{id}/tasks`` (import tasks: there are none).

The images are the ones Nova's image proxy and server create read
(:mod:`fakenova.image.model` keeps what only Glance knows). Errors are
Glance's: WebOb's text/plain bodies, with Glance's messages. Who may do
what follows Glance's default policy: a project sees its own images and
the public and community ones; only the owner (or an admin) changes or
deletes an image; only an admin makes one public.
"""

import hashlib
import itertools
import logging
import re
import time
import urllib.parse
import uuid

import jsonschema
import webob

from fakenova.common import jsonbody
from fakenova.common import routing
from fakenova.common import wsgi as common_wsgi
from fakenova.compute.api import views
from fakenova.compute import indexes
from fakenova.compute import model as compute_model
from fakenova import context
from fakenova.image import model

_json = common_wsgi.json_response
LOG = logging.getLogger(__name__)

# Glance's defaults ([image_format], [DEFAULT] limits and quotas).
CONTAINER_FORMATS = ('ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker',
                     'compressed')
DISK_FORMATS = ('ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2',
                'vdi', 'iso', 'ploop')
VISIBILITIES = ('community', 'public', 'private', 'shared')
STATUSES = ('queued', 'saving', 'active', 'killed', 'deleted', 'uploading',
            'importing', 'pending_delete', 'deactivated')
LIMIT_DEFAULT = 25
LIMIT_MAX = 1000
PROPERTY_QUOTA = 128
TAG_QUOTA = 128

# Attributes a request may not set (read-only) or use at all (reserved).
# A create refuses the first group before it checks the body's types.
NEVER_SET = ('direct_url', 'self', 'file', 'schema', 'stores')
READ_ONLY = ('created_at', 'updated_at', 'status', 'checksum', 'size',
             'virtual_size', 'direct_url', 'self', 'file', 'schema', 'id',
             'os_hash_algo', 'os_hash_value')
RESERVED = ('location', 'deleted', 'deleted_at')
RESERVED_PREFIX = 'os_glance'
# A create's keys that are the image's own attributes, not properties.
BASE = ('checksum', 'created_at', 'container_format', 'disk_format', 'id',
        'min_disk', 'min_ram', 'name', 'size', 'virtual_size', 'status',
        'tags', 'owner', 'updated_at', 'visibility', 'protected',
        'os_hidden')
# What a JSON patch may set (besides properties), and may never remove.
SETTABLE = ('name', 'visibility', 'os_hidden', 'min_disk', 'min_ram',
            'protected', 'owner', 'disk_format', 'container_format', 'tags')
PATCH_TYPES = {'application/openstack-images-v2.0-json-patch': 4,
               'application/openstack-images-v2.1-json-patch': 10}
OPS = ('add', 'remove', 'replace')
SORT_KEYS = ('name', 'status', 'container_format', 'disk_format', 'size',
             'id', 'created_at', 'updated_at')

_UUID = ('^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}'
         '-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$')
_NSTR = ['null', 'string']
_READ_ONLY_STR = {'type': 'string'}
# The image document a create (or one patch operation) must match: any
# key not named here is a property, whose value is a string.
SCHEMA = {
    'type': 'object',
    'properties': {
        'id': {'type': 'string', 'pattern': _UUID},
        'name': {'type': _NSTR, 'maxLength': 255},
        'status': {'type': 'string', 'enum': list(STATUSES)},
        'visibility': {'type': 'string', 'enum': list(VISIBILITIES)},
        'protected': {'type': 'boolean'},
        'os_hidden': {'type': 'boolean'},
        'checksum': {'type': _NSTR, 'maxLength': 32},
        'os_hash_algo': {'type': _NSTR, 'maxLength': 64},
        'os_hash_value': {'type': _NSTR, 'maxLength': 128},
        'owner': {'type': _NSTR, 'maxLength': 255},
        'size': {'type': ['null', 'integer']},
        'virtual_size': {'type': ['null', 'integer']},
        'container_format': {'enum': [None] + list(CONTAINER_FORMATS)},
        'disk_format': {'enum': [None] + list(DISK_FORMATS)},
        'created_at': _READ_ONLY_STR,
        'updated_at': _READ_ONLY_STR,
        'tags': {'type': 'array',
                 'items': {'type': 'string', 'maxLength': 255}},
        'direct_url': _READ_ONLY_STR,
        'min_ram': {'type': 'integer'},
        'min_disk': {'type': 'integer'},
        'self': _READ_ONLY_STR,
        'file': _READ_ONLY_STR,
        'stores': _READ_ONLY_STR,
        'schema': _READ_ONLY_STR,
        'locations': {'type': 'array', 'items': {'type': 'object'}},
    },
    'additionalProperties': {'type': 'string'},
}
_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# Model statuses are Nova's upper case; the image service shows Glance's.
QUEUED = 'QUEUED'


class ImageError(Exception):
    """An answer of Glance's: status, message, optional detail, headers."""

    def __init__(self, status, message, detail=None, headers=()):
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail
        self.headers = list(headers)


def _text(status, message, detail=None, headers=()):
    """Glance's error: WebOb's plain-text body for ``status``."""
    resp = webob.Response(status=status, content_type='text/plain',
                          charset='UTF-8')
    title = webob.Response(status=status).status.split(' ', 1)[1]
    resp.text = '%d %s\n\n%s' % (status, title, message) + (
        '\n\n%s' % detail if detail else '')
    for name, value in headers:
        resp.headers[name] = value
    return resp


def _forbidden(action):
    """Glance's policy refusal of ``action``."""
    return ImageError(403, 'You are not authorized to complete %s action.'
                      % action)


def _not_found(image_id):
    return ImageError(404, 'No image found with ID %s' % image_id)


def _isotime(ts):
    return views.isotime(ts)


def _status(image):
    return image.status.lower()


def image_view(image):
    """Glance's image document for ``image``."""
    record = model.record_of(image)
    body = dict(image.metadata or {})
    body.update({
        'id': image.id, 'name': image.name,
        'status': _status(image),
        'visibility': record.visibility,
        'owner': record.owner, 'protected': record.protected,
        'os_hidden': record.os_hidden, 'tags': list(record.tags),
        'size': image.size if image.status == 'ACTIVE' else None,
        'min_disk': image.min_disk, 'min_ram': image.min_ram,
        'disk_format': record.disk_format,
        'container_format': record.container_format,
        'checksum': record.checksum,
        'os_hash_algo': record.os_hash_algo,
        'os_hash_value': record.os_hash_value,
        'virtual_size': None,
        'created_at': _isotime(image.created),
        'updated_at': _isotime(image.updated),
        'self': '/v2/images/%s' % image.id,
        'file': '/v2/images/%s/file' % image.id,
        'schema': '/v2/schemas/image',
    })
    return body


def _validate(document):
    """400 unless ``document`` is an image document (or part of one)."""
    errors = list(_VALIDATOR.iter_errors(document))
    if errors:
        error = jsonschema.exceptions.best_match(errors)
        raise ImageError(400, "Provided object does not match schema "
                              "'image': %s" % error.message)


def _check_counts(properties, tags):
    """Glance's quotas on properties and tags (413)."""
    for what, count, maximum in (('properties', len(properties),
                                  PROPERTY_QUOTA),
                                 ('tags', len(tags), TAG_QUOTA)):
        if count > maximum:
            raise ImageError(413, 'The limit has been exceeded on the '
                                  'number of allowed image %s. Attempted: '
                                  '%d, Maximum: %d' % (what, count,
                                                       maximum))


def _size(name, value):
    """``value`` of min_ram or min_disk (an int); 400 if negative."""
    if value < 0:
        raise ImageError(400, "Invalid value '%s' for parameter '%s': "
                              "Cannot be a negative value" % (value, name))
    return int(value)  # JSON's 1.0 is an integer too


def _unique(tags):
    return list(dict.fromkeys(tags))


def _json_body(req):
    try:
        raw = jsonbody.read(req)
    except jsonbody.TooLarge:
        raise ImageError(413, 'Request is too large.')
    if not raw:
        raise ImageError(400, 'Body expected in request.')
    try:
        body = jsonbody.loads(raw)
    except jsonbody.Malformed:
        raise ImageError(400, 'Malformed JSON in request body.')
    if not isinstance(body, (dict, list)):
        raise ImageError(400, 'Unexpected body type. Expected list/dict.')
    return body


class _Draft:
    """An image's changeable attributes, changed by a patch, then kept.

    Every operation of a patch works on the draft; only when all of them
    succeeded does :meth:`commit` change the image (a refused patch
    changes nothing).
    """

    def __init__(self, image):
        record = model.record_of(image)
        self.status = _status(image)
        self.properties = dict(image.metadata or {})
        self.attrs = {
            'name': image.name, 'min_ram': image.min_ram,
            'min_disk': image.min_disk, 'owner': record.owner,
            'visibility': record.visibility,
            'protected': record.protected, 'os_hidden': record.os_hidden,
            'tags': list(record.tags), 'disk_format': record.disk_format,
            'container_format': record.container_format,
        }

    def set(self, name, value):
        if name in ('container_format', 'disk_format') and (
                self.status not in ('queued', 'importing')):
            raise ImageError(403, 'Attribute %s can be only replaced for a '
                                  'queued image.' % name)
        if name in ('min_ram', 'min_disk'):
            value = _size(name, value)
        if name == 'tags':
            value = _unique(value)
        self.attrs[name] = value

    def commit(self, image):
        attrs = self.attrs
        _check_counts(self.properties, attrs['tags'])
        record = image.glance
        if record is None:
            record = model.record_of(image)
        image.name = attrs['name']
        image.min_ram = attrs['min_ram']
        image.min_disk = attrs['min_disk']
        image.metadata = self.properties
        for name in ('owner', 'visibility', 'protected', 'os_hidden',
                     'tags', 'disk_format', 'container_format'):
            setattr(record, name, attrs[name])
        image.glance = record
        image.project_id = model.project_for(record.owner,
                                             record.visibility)
        image.updated = time.time()


class ImageApp:
    """Glance v2, mounted at /image."""

    # GET /identity (/image) answers the version list itself (300, as
    # keystone and glance do) instead of the urlmap's redirect to the
    # trailing slash.
    serves_bare_prefix = True

    def __init__(self, cloud):
        self.cloud = cloud
        self.router = routing.MethodRoutes(self.routes())

    def routes(self):
        """(path, {method: handler}) of every route past the versions."""
        return [
            ('/v2/images', {'GET': self.index, 'POST': self.create}),
            ('/v2/images/{image_id}', {'GET': self.show,
                                       'PATCH': self.update,
                                       'DELETE': self.delete}),
            ('/v2/images/{image_id}/file', {'GET': self.download,
                                            'PUT': self.upload}),
            ('/v2/images/{image_id}/tasks', {'GET': self.tasks}),
        ]

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        try:
            resp = self.dispatch(req)
        except ImageError as exc:
            resp = _text(exc.status, exc.message, exc.detail, exc.headers)
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
        found = self.router.match(path)
        if found is None:
            return _text(404, 'The resource could not be found.')
        match, handlers = found
        handler = handlers.get(req.method)
        if handler is None:
            allowed = ', '.join(m for m in ('GET', 'POST', 'PUT', 'PATCH',
                                            'DELETE') if m in handlers)
            raise ImageError(405, 'The method %s is not allowed for this '
                                  'resource.' % req.method,
                             headers=[('Allow', allowed)])
        kwargs = {k: v for k, v in match.items()
                  if k not in ('controller', 'action')}
        return handler(req, ctx, **kwargs)

    # -- lookups --------------------------------------------------------------

    def _find(self, image_id, ctx):
        """The image ``ctx`` may see (settled), or None; hold the lock."""
        store = self.cloud.store
        return store.settle_snapshot(store.find_image(image_id, ctx))

    def _get(self, image_id, ctx):
        image = self._find(image_id, ctx)
        if image is None:
            raise _not_found(image_id)
        return image

    # -- the collection -------------------------------------------------------

    def index(self, req, ctx):
        params = dict(req.GET)
        limit = self._limit(params.pop('limit', None))
        marker = params.pop('marker', None)
        member_status = params.pop('member_status', 'accepted')
        if member_status not in ('pending', 'accepted', 'rejected', 'all'):
            raise ImageError(400, 'Invalid status: %s' % member_status)
        sorting = self._sorting(req.GET)
        filters = {k: v for k, v in params.items()
                   if k not in ('sort', 'sort_key', 'sort_dir', 'tag')}
        wanted = filters.pop('visibility', None)
        if wanted and wanted not in VISIBILITIES + ('all',):
            raise ImageError(400, 'Invalid visibility value: %s' % wanted)
        if filters.get('changes-since'):
            raise ImageError(400, 'The "changes-since" filter is no longer '
                                  'available on v2.')
        hidden = filters.pop('os_hidden', 'false').lower()
        if hidden not in ('true', 'false'):
            raise ImageError(400, "Invalid value '%s' for 'os_hidden' "
                                  "filter. Valid values are 'true' or "
                                  "'false'." % hidden)
        protected = filters.pop('protected', None)
        if protected is not None and protected not in ('true', 'false'):
            raise ImageError(400, "Invalid value '%s' for 'protected' "
                                  "filter. Valid values are 'true' or "
                                  "'false'." % protected)
        ranges = {}
        for key in [k for k in filters if k.endswith(('_min', '_max'))]:
            try:
                ranges[key] = int(filters.pop(key))
            except ValueError:
                raise ImageError(400, 'Unable to filter on a range with a '
                                      'non-numeric value.')
        tags = req.GET.getall('tag')

        def keep(view):
            if wanted is None and view['visibility'] == 'community' and (
                    view['owner'] != ctx.project_id):
                return False
            if wanted not in (None, 'all') and view['visibility'] != wanted:
                return False
            if view['os_hidden'] != (hidden == 'true'):
                return False
            if protected is not None and (
                    view['protected'] != (protected == 'true')):
                return False
            if not set(tags) <= set(view['tags']):
                return False
            for key, bound in ranges.items():
                value = view.get(key[:-4])
                if not isinstance(value, int) or (
                        value < bound if key.endswith('_min')
                        else value > bound):
                    return False
            return all(self._matches(view, key, value)
                       for key, value in filters.items())

        store = self.cloud.store
        with store.lock:
            store.settle_snapshots()
            after = None
            if marker is not None:
                start = store.find_image(marker, ctx)
                if start is None:  # Glance's 400, with the lookup's message
                    raise ImageError(400, 'No image found with ID %s'
                                     % marker)
                after = store.images.key_of(marker)
            # Without a visibility filter, only the buckets Glance lists
            # by default; with one, every bucket ``ctx`` may see (other
            # projects' private images are never walked).
            buckets = (indexes.listed_buckets(ctx) if wanted is None
                       else indexes.visible_buckets(ctx))
            if sorting == [('created_at', 'desc')]:
                # Glance's default order is the index's (created_at desc,
                # then id desc): the walk starts at the marker and stops
                # when the page is full.
                views_of = ((image, image_view(image))
                            for image in store.images.walk(buckets, after))
                page = list(itertools.islice(
                    (pair for pair in views_of if keep(pair[1])), limit))
            else:
                # Another order: a sort of what the caller may see.
                images = [(image, view) for image, view in (
                    (i, image_view(i)) for i in store.images.walk(buckets))
                    if keep(view)]
                if marker is not None and marker not in [
                        i.id for i, _v in images]:
                    images.append((start, image_view(start)))
                images = self._sorted(images, sorting)
                if marker is not None:
                    ids = [i.id for i, _v in images]
                    images = images[ids.index(marker) + 1:]
                page = images[:limit]
        body = {'images': [view for _i, view in page],
                'first': '/v2/images', 'schema': '/v2/schemas/images'}
        query = {k: v for k, v in req.GET.items() if k != 'marker'}
        if query:
            body['first'] += '?' + urllib.parse.urlencode(query)
        if page and len(page) == limit:
            query['marker'] = page[-1][0].id
            body['next'] = '/v2/images?' + urllib.parse.urlencode(query)
        return _json(body)

    @staticmethod
    def _limit(value):
        if value is None:
            return LIMIT_DEFAULT
        try:
            limit = int(value)
        except ValueError:
            raise ImageError(400, 'limit param must be an integer')
        if limit < 0:
            raise ImageError(400, 'limit param must be positive')
        return min(limit, LIMIT_MAX)

    @staticmethod
    def _sorting(params):
        """[(key, direction)] of the query: Glance's two syntaxes."""
        def key_of(key):
            if key not in SORT_KEYS:
                raise ImageError(400, 'Invalid sort key: %s. It must be one '
                                      'of the following: %s.' % (
                                          key, ', '.join(SORT_KEYS)))
            return key

        def dir_of(direction):
            if direction not in ('asc', 'desc'):
                raise ImageError(400, 'Invalid sort direction: %s'
                                 % direction)
            return direction

        if 'sort' in params:
            if 'sort_key' in params or 'sort_dir' in params:
                raise ImageError(400, 'Old and new sorting syntax cannot be '
                                      'combined')
            out = []
            for part in params['sort'].strip().split(','):
                key, _sep, direction = part.partition(':')
                out.append((key_of(key.strip()),
                            dir_of(direction.strip() or 'desc')))
            return out
        keys = [key_of(k.strip()) for k in params.getall('sort_key')]
        dirs = [dir_of(d.strip()) for d in params.getall('sort_dir')]
        if len(dirs) > 1 and len(dirs) != len(keys):
            raise ImageError(400, 'Number of sort dirs does not match the '
                                  'number of sort keys')
        keys = keys or ['created_at']
        if len(dirs) <= 1:
            dirs = (dirs or ['desc']) * len(keys)
        return list(zip(keys, dirs))

    @staticmethod
    def _sorted(images, sorting):
        """``images`` ((image, view) pairs) in ``sorting``'s order."""
        def value(key):
            def get(pair):
                image, view = pair
                if key == 'created_at':
                    found = image.created
                elif key == 'updated_at':
                    found = image.updated
                else:
                    found = view.get(key)
                return (found is not None, found)
            return get

        # The id settles ties, in the first direction (as Glance pages).
        if 'id' not in [k for k, _d in sorting]:
            sorting = sorting + [('id', sorting[0][1])]
        for key, direction in reversed(sorting):
            images = sorted(images, key=value(key),
                            reverse=direction == 'desc')
        return images

    @staticmethod
    def _matches(view, key, wanted):
        if key in ('name', 'id', 'status', 'container_format',
                   'disk_format') and wanted.startswith('in:'):
            return view.get(key) in wanted[3:].split(',')
        if key in view and key not in ('tags',):
            value = view[key]
            return value is not None and str(value) == wanted
        return False

    def create(self, req, ctx):
        body = _json_body(req)
        if isinstance(body, dict):
            for key in NEVER_SET:
                if key in body:
                    raise ImageError(403, "Attribute '%s' is read-only."
                                     % key)
        _validate(body)
        properties = dict(body)
        tags = properties.pop('tags', [])
        base = {key: properties.pop(key) for key in BASE
                if key in properties}
        for key in properties:
            if len(key) > 255:
                raise ImageError(400, 'Custom property should not be '
                                      'greater than 255 characters.')
            if key in RESERVED or key.startswith(RESERVED_PREFIX):
                raise ImageError(403, "Attribute '%s' is reserved." % key)
        owner = base.pop('owner', ctx.project_id)
        if not ctx.is_admin and owner != ctx.project_id:
            raise ImageError(403, "You are not permitted to create images "
                                  "owned by '%s'" % owner)
        visible = base.pop('visibility', 'shared')
        if visible == 'public' and not ctx.is_admin:
            raise _forbidden('publicize_image')
        for key in ('created_at', 'updated_at', 'status', 'checksum',
                    'os_hash_algo', 'os_hash_value', 'size',
                    'virtual_size'):
            if key in base or key in properties:
                raise ImageError(403, "Attribute '%s' is read-only." % key)
        if 'locations' in properties:
            raise ImageError(403, "Attribute 'locations' is reserved.")
        sizes = {key: _size(key, base.get(key, 0))
                 for key in ('min_ram', 'min_disk')}
        tags = _unique(tags)
        _check_counts(properties, tags)
        image_id = base.pop('id', None) or str(uuid.uuid4())
        image = compute_model.Image(
            image_id, base.get('name'), status=QUEUED,
            project_id=model.project_for(owner, visible),
            min_disk=sizes['min_disk'], min_ram=sizes['min_ram'],
            size=None,
            metadata=properties)
        image.glance = model.Record(
            owner, visible, disk_format=base.get('disk_format'),
            container_format=base.get('container_format'),
            protected=base.get('protected', False),
            os_hidden=base.get('os_hidden', False), tags=tags)
        store = self.cloud.store
        with store.lock:
            if image_id in store.images:
                raise ImageError(409, 'Image ID %s already exists!'
                                 % image_id)
            store.add_image(image)
        resp = _json(image_view(image), 201)
        resp.headers['Location'] = '%s%s/v2/images/%s' % (
            req.host_url, req.script_name, image.id)
        return resp

    # -- one image ------------------------------------------------------------

    def show(self, req, ctx, image_id):
        with self.cloud.store.lock:
            return _json(image_view(self._get(image_id, ctx)))

    def tasks(self, req, ctx, image_id):
        with self.cloud.store.lock:
            if self._find(image_id, ctx) is None:
                raise ImageError(404, 'The resource could not be found.')
        return _json({'tasks': []})

    def delete(self, req, ctx, image_id):
        store = self.cloud.store
        with store.lock:
            image = self._find(image_id, ctx)
            if image is None:
                raise ImageError(404, 'Failed to find image %s to delete'
                                 % image_id)
            if not model.may_modify(ctx, image):
                raise _forbidden('delete_image')
            if model.record_of(image).protected:
                raise ImageError(403, 'Image %s is protected and cannot be '
                                      'deleted.' % image.id)
            store.images.pop(image.id, None)
        return webob.Response(status=204)

    # -- JSON patch -----------------------------------------------------------

    def update(self, req, ctx, image_id):
        draft = PATCH_TYPES.get(req.content_type)
        if draft is None:
            allowed = ', '.join(sorted(PATCH_TYPES))
            raise ImageError(
                415, 'The request media type %s is not supported by this '
                     'server.' % req.content_type,
                'Image PATCH expects Content-Type one of: %s' % allowed,
                [('Accept-Patch', allowed)])
        body = _json_body(req)
        if not isinstance(body, list):
            raise ImageError(400, 'Request body must be a JSON array of '
                                  'operation objects.')
        changes = [self._change(raw, draft) for raw in body]
        store = self.cloud.store
        with store.lock:
            image = self._get(image_id, ctx)
            work = _Draft(image)
            for op, name, value in changes:
                getattr(self, '_%s' % op)(ctx, image, work, name, value,
                                          draft)
            if changes:
                work.commit(image)
                # Its owner or visibility may have moved it to another
                # bucket of the list index.
                store.images.reindex(image)
            return _json(image_view(image))

    def _change(self, raw, draft):
        """(op, attribute, value) of one operation; 400/403 if wrong."""
        if not isinstance(raw, dict):
            raise ImageError(400, 'Operations must be JSON objects.')
        if draft == 10:
            op = raw.get('op')
            if op is None:
                raise ImageError(400, 'Unable to find `op` in JSON Schema '
                                      'change. It must be one of the '
                                      'following: %s.' % ', '.join(OPS))
            if not isinstance(op, str) or op not in OPS:
                raise ImageError(400, 'Invalid operation: `%s`. It must be '
                                      'one of the following: %s.' % (
                                          op, ', '.join(OPS)))
            if 'path' not in raw:
                raise ImageError(400, "Unable to find 'path' in JSON Schema "
                                      "change")
            pointer = raw['path']
        else:
            present = [key for key in OPS if key in raw]
            if len(present) > 1:
                raise ImageError(400, 'Operation objects must contain only '
                                      'one member named "add", "remove", or '
                                      '"replace".')
            if not present:
                raise ImageError(400, 'Operation objects must contain '
                                      'exactly one member named "add", '
                                      '"remove", or "replace".')
            op = present[0]
            pointer = raw[op]
        path = self._pointer(pointer)
        depth = 2 if path[0] == 'locations' and op != 'replace' else 1
        if len(path) != depth:
            raise ImageError(400, "Invalid JSON pointer for this resource: "
                                  "'/%s'" % '/'.join(path))
        value = None
        if op != 'remove':
            if 'value' not in raw:
                raise ImageError(400, 'Operation "%s" requires a member '
                                      'named "value".' % op)
            value = raw['value']
        name = path[0]
        if name in READ_ONLY:
            raise ImageError(403, "Attribute '%s' is read-only." % name)
        if name in RESERVED or name.startswith(RESERVED_PREFIX):
            raise ImageError(403, "Attribute '%s' is reserved." % name)
        if op != 'remove':
            _validate({name: [value] if len(path) > 1 else value})
        return op, name, value

    @staticmethod
    def _pointer(pointer):
        """The parts of a JSON pointer (Glance's limited form)."""
        if not isinstance(pointer, str) or not pointer.startswith('/'):
            raise ImageError(400, 'Pointer `%s` does not start with "/".'
                             % (pointer,))
        if re.search(r'/\s*?/', pointer[1:]):
            raise ImageError(400, 'Pointer `%s` contains adjacent "/".'
                             % pointer)
        if len(pointer) > 1 and pointer.endswith('/'):
            raise ImageError(400, 'Pointer `%s` end with "/".' % pointer)
        if re.search('~[^01]', pointer) or pointer.endswith('~'):
            raise ImageError(400, 'Pointer `%s` contains "~" not part of a '
                                  'recognized escape sequence.' % pointer)
        return [part.replace('~1', '/').replace('~0', '~').strip()
                for part in pointer.lstrip('/').split('/')]

    @staticmethod
    def _may_change(ctx, image, name, value=None):
        """Glance's policies on changing ``name`` of ``image``."""
        if name == 'visibility':
            if value == 'public' and not ctx.is_admin:
                raise _forbidden('publicize_image')
            if value == 'community' and not model.may_modify(ctx, image):
                raise _forbidden('communitize_image')
        if not model.may_modify(ctx, image):
            raise _forbidden('modify_image')

    @staticmethod
    def _locations(ctx, image, op):
        """Locations are hidden here (Glance's show_multiple_locations)."""
        if op == 'remove':
            if not ctx.is_admin:
                raise _forbidden('delete_image_location')
        elif not model.may_modify(ctx, image):
            raise _forbidden('set_image_location')
        verb = {'add': 'add', 'replace': 'update', 'remove': 'remove'}[op]
        raise ImageError(403, "It's not allowed to %s locations if locations "
                              "are invisible." % verb)

    def _replace(self, ctx, image, work, name, value, draft):
        if name == 'locations':
            if not value:
                raise ImageError(403, 'Cannot set locations to empty list.')
            self._locations(ctx, image, 'replace')
        if name == 'owner' and not ctx.is_admin:
            raise ImageError(403, "Owner can't be updated by non admin.")
        self._may_change(ctx, image, name, value)
        if name in SETTABLE:
            work.set(name, value)
        elif name in work.properties:
            work.properties[name] = value
        else:
            raise ImageError(409, 'Property %s does not exist.' % name)

    def _add(self, ctx, image, work, name, value, draft):
        if name == 'locations':
            self._locations(ctx, image, 'add')
        if name == 'owner' and not ctx.is_admin:
            raise ImageError(403, "Owner can't be updated by non admin.")
        self._may_change(ctx, image, name, value)
        if draft == 4 and (name in SETTABLE or name in work.properties):
            raise ImageError(409, 'Property %s already present.' % name)
        if name in SETTABLE:
            work.set(name, value)
        else:
            work.properties[name] = value

    def _remove(self, ctx, image, work, name, value, draft):
        if name == 'locations':
            self._locations(ctx, image, 'remove')
        self._may_change(ctx, image, name)
        if name in SETTABLE:
            raise ImageError(403, 'Property %s may not be removed.' % name)
        if name not in work.properties:
            raise ImageError(409, 'Property %s does not exist.' % name)
        del work.properties[name]

    # -- data -----------------------------------------------------------------

    def upload(self, req, ctx, image_id):
        if 'Content-Type' not in req.headers or (
                req.content_type != 'application/octet-stream'):
            shown = req.content_type if 'Content-Type' in req.headers \
                else None
            raise ImageError(415, 'The request media type %s is not '
                                  'supported by this server.'
                             % (req.content_type or ''),
                             'Invalid content type %s' % shown)
        try:
            data = jsonbody.read(req)
        except jsonbody.TooLarge:
            raise ImageError(413, 'Request is too large.')
        store = self.cloud.store
        with store.lock:
            image = self._get(image_id, ctx)
            if not model.may_modify(ctx, image):
                raise _forbidden('upload_image')
            status = _status(image)
            if status != 'queued':
                raise ImageError(409, 'Image status transition from %s to '
                                      'saving is not allowed' % status)
            record = model.record_of(image)
            missing = [name for name in ('disk_format', 'container_format')
                       if not getattr(record, name)]
            if missing:
                raise ImageError(400, '%s %s must be set prior to saving '
                                      'data.' % (
                                          'Property' if len(missing) == 1
                                          else 'Properties',
                                          ', '.join(missing)))
            if model.stored_bytes(store) + len(data) > (
                    model.MAX_STORED_BYTES):
                raise ImageError(413, 'Image storage media is full: There '
                                      'is not enough disk space on the '
                                      'image storage media.')
            record.data = data
            record.checksum = hashlib.md5(
                data, usedforsecurity=False).hexdigest()
            record.os_hash_value = hashlib.sha512(data).hexdigest()
            image.glance = record
            image.size = len(data)
            image.status = 'ACTIVE'
            image.updated = time.time()
        return webob.Response(status=204)

    def download(self, req, ctx, image_id):
        with self.cloud.store.lock:
            image = self._get(image_id, ctx)
            record = image.glance
            if record is None or record.data is None:
                return webob.Response(status=204)
            data, checksum = record.data, record.checksum
        resp = webob.Response(status=200,
                              content_type='application/octet-stream')
        resp.body = data
        resp.headers['Content-MD5'] = checksum
        return resp
