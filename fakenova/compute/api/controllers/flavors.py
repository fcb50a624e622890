"""/flavors (read-only): list, detail, show."""

from fakenova.compute.api import validation
from fakenova.compute.api import views
from fakenova.compute.api import wsgi
from fakenova.compute import exception


def _summary(req, flavor):
    out = {'id': flavor.id, 'name': flavor.name,
           'links': views.links(req, 'flavors', flavor.id)}
    if req.version >= (2, 55):
        out['description'] = flavor.description
    return out


def _detail(req, flavor):
    out = _summary(req, flavor)
    out.update({
        'ram': flavor.ram, 'disk': flavor.disk, 'vcpus': flavor.vcpus,
        'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral,
        'OS-FLV-DISABLED:disabled': flavor.disabled,
        # Before 2.75 a swap of 0 is shown as an empty string.
        'swap': flavor.swap if (flavor.swap or req.version >= (2, 75))
        else '',
        'rxtx_factor': flavor.rxtx_factor,
        'os-flavor-access:is_public': flavor.is_public,
    })
    if req.version >= (2, 61):
        out['extra_specs'] = dict(flavor.extra_specs)
    return out


def _order(flavor):
    """Numeric ids in numeric order, then the others by id."""
    number = int(flavor.id) if validation.is_digits(flavor.id) else 0
    return (number, flavor.id)


def _flavors(req):
    flavors = sorted(req.store.flavors.values(), key=_order)
    return [f for f in flavors if not f.disabled]


def index(req):
    return wsgi.Response(200, {'flavors': [_summary(req, f)
                                           for f in _flavors(req)]})


def detail(req):
    return wsgi.Response(200, {'flavors': [_detail(req, f)
                                           for f in _flavors(req)]})


def show(req):
    flavor_id = req.urlvars['flavor_id']
    flavor = req.store.flavors.get(flavor_id)
    if flavor is None:
        raise exception.FlavorNotFound(flavor_id=flavor_id)
    return wsgi.Response(200, {'flavor': _detail(req, flavor)})
