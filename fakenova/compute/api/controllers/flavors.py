"""/flavors, read: list, detail, show, and a flavor's extra specs.

A private flavor is seen by admins and the projects on its access list
only (others get 404 and do not find it listed); changing flavors is
:mod:`fakenova.compute.api.controllers.flavor_manage`.
"""

import itertools

from oslo_utils import strutils

from fakenova.common import regex
from fakenova.compute.api.schemas import flavors as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import flavors as flavor_model
from fakenova.policies import flavor_extra_specs as extra_specs_policies


def _summary(req, flavor):
    out = {'id': flavor.id, 'name': flavor.name,
           'links': views.links(req, 'flavors', flavor.id)}
    if req.version >= (2, 55):
        out['description'] = flavor.description
    return out


def _detail(req, flavor, extra_specs=None):
    """A flavor's body; ``extra_specs`` (2.61) when the caller may read
    them (None: ask the policy).
    """
    out = _summary(req, flavor)
    out.update({
        'ram': flavor.ram, 'disk': flavor.disk, 'vcpus': flavor.vcpus,
        'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral,
        # Before 2.75 a swap of 0 is shown as an empty string.
        'swap': flavor.swap if (flavor.swap or req.version >= (2, 75))
        else '',
        'os-flavor-access:is_public': flavor.is_public,
    })
    if req.version < (2, 102):
        out['OS-FLV-DISABLED:disabled'] = flavor.disabled
        out['rxtx_factor'] = flavor.rxtx_factor
    if req.version >= (2, 61):
        if extra_specs is None:
            extra_specs = req.authorize(extra_specs_policies.INDEX,
                                        _own_target(req), fatal=False)
        if extra_specs:
            out['extra_specs'] = dict(flavor.extra_specs)
    return out


# Sort keys of the query -> what each sorts by (Nova's columns).
_SORT = {
    'flavorid': lambda f, n: f.id, 'id': lambda f, n: n,
    'name': lambda f, n: f.name, 'memory_mb': lambda f, n: f.ram,
    'vcpus': lambda f, n: f.vcpus, 'root_gb': lambda f, n: f.disk,
    'ephemeral_gb': lambda f, n: f.ephemeral, 'swap': lambda f, n: f.swap,
    'rxtx_factor': lambda f, n: f.rxtx_factor,
    'is_public': lambda f, n: f.is_public,
    'disabled': lambda f, n: f.disabled,
    'description': lambda f, n: f.description or '',
}


def _min_filter(params, name):
    """minRam / minDisk as Nova reads them (any integer; 400 if not)."""
    value = params.get(name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise exception.BadRequest('Invalid %s filter [%s]' % (name, value))


def _is_public(req):
    """Which flavors by is_public: True, False or None (all); admins only.

    Others see the public ones and the private ones their project has
    access to (True), never the disabled ones.
    """
    if not req.context.is_admin:
        return True
    value = req.params.get('is_public')
    if value is None:
        return True
    if value.lower() == 'none':
        return None
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError:
        raise exception.BadRequest('Invalid is_public filter [%s]' % value)


def _flavors(req):
    """The page of flavors the query asks for.

    Nova's filters, sort (by ``sort_key``, then the internal id, both in
    ``sort_dir``) and paging.
    """
    params = req.params
    validation.validate_query(schemas.index_query(req.version),
                              validation.query_values(params))
    min_ram = _min_filter(params, 'minRam')
    min_disk = _min_filter(params, 'minDisk')
    public = _is_public(req)
    # 2.102: a regular expression searched in names (before, Nova's
    # query schema strips the parameter, or refuses it from 2.75).
    name = params.get('name') if req.version >= (2, 102) else None
    name = regex.compile_filter(name) if name is not None else None
    ctx = req.context
    store = req.store
    sort_key = params.get('sort_key') or 'flavorid'
    key = _SORT.get(sort_key, _SORT['id'])

    def selected(f):
        return ((min_ram is None or f.ram >= min_ram)
                and (min_disk is None or f.disk >= min_disk)
                and (name is None or name.search(f.name))
                and (public is None or f.is_public == public
                     or (public and ctx.project_id in f.projects))
                and (ctx.is_admin or not f.disabled))

    if sort_key == 'flavorid':
        # The default order is the index's (store.flavors keeps the ids
        # sorted): the walk starts after the marker and stops when the
        # page is full.
        marker = params.get('marker')
        with store.lock:
            if marker is not None:
                found = store.flavors.get(marker)
                if found is None or not flavor_model.visible(found, ctx):
                    raise exception.BadRequest(
                        'marker [%s] not found' % marker)
            walk = store.flavors.walk(marker,
                                      params.get('sort_dir') == 'desc')
            return list(itertools.islice(
                (f for f in walk
                 if flavor_model.visible(f, ctx) and selected(f)),
                views.limit_of(req)))
    with store.lock:
        # As Nova's database query: the flavors the caller may see at
        # all, the marker found among them, and the page the flavors
        # after it that pass the filters. is_public=True also takes the
        # private flavors the caller's project has access to.
        flavors = sorted(
            (f for f in store.flavors.values()
             if flavor_model.visible(f, ctx)),
            key=lambda f: (key(f, store.flavor_number(f.id)),
                           store.flavor_number(f.id)),
            reverse=params.get('sort_dir') == 'desc')
        flavors = [
            f for f in views.after_marker(req, flavors, lambda f: f.id)
            if selected(f)]
    return flavors[:views.limit_of(req)]


def _list(req, render, path):
    page = _flavors(req)
    body = {'flavors': [render(req, f) for f in page]}
    links = views.next_links(req, path, page, page[-1].id if page else None)
    if links:
        body['flavors_links'] = links
    return wsgi.Response(200, body)


def index(req):
    return _list(req, _summary, 'flavors')


def detail(req):
    return _list(req, _detail, 'flavors/detail')


def show(req):
    schemas.check_query(req)
    return wsgi.Response(200, {'flavor': _detail(req, _flavor(req))})


# -- extra specs (read; changing them is flavor management) ------------------

def _flavor(req):
    """The URL's flavor as the caller may see it (404 otherwise)."""
    return flavor_model.get(req.store, req.context,
                            req.path_param('flavor_id'))


def _own_target(req):
    return {'project_id': req.context.project_id}


def extra_specs_index(req):
    schemas.check_query(req)
    req.authorize(extra_specs_policies.INDEX, _own_target(req))
    flavor = _flavor(req)
    return wsgi.Response(200, {'extra_specs': dict(flavor.extra_specs)})


def extra_specs_show(req):
    schemas.check_query(req)
    req.authorize(extra_specs_policies.SHOW, _own_target(req))
    flavor = _flavor(req)
    key = req.path_param('key')
    if key not in flavor.extra_specs:
        raise exception.FlavorExtraSpecNotFound(flavor_id=flavor.id, key=key)
    return wsgi.Response(200, {key: flavor.extra_specs[key]})
