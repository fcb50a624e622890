"""Changing flavors: create, describe (2.55), delete, access, extra specs.

As Nova answers (os-flavor-manage, os-flavor-access, os-extra_specs):

- POST /flavors answers 200 with the flavor; 2.55 takes a
  ``description``; from 2.61 the body shows ``extra_specs`` (empty) when
  the caller may read them. 409 on a name or id taken.
- PUT /flavors/{id} (2.55) changes only the description; DELETE answers
  202 and servers keep their copy of the flavor.
- GET /flavors/{id}/os-flavor-access lists a private flavor's projects
  (a public flavor: 404 "Access list not available for public
  flavors."); POST /flavors/{id}/action ``addTenantAccess`` /
  ``removeTenantAccess`` change it and answer the new list (from 2.7 a
  public flavor refuses an addition with 409).
- POST /flavors/{id}/os-extra_specs merges specs, PUT .../{key} sets one
  (the body must name exactly that key), DELETE .../{key} drops one;
  POST and PUT answer the body as sent. From 2.86 known extra specs are
  checked (:mod:`fakenova.compute.extra_specs`).

Bodies are validated before the policy check, as Nova's decorators do;
the flavor is looked up as the caller may see it, after the policy
check. Every rule but the access list's is admin-only by default.
"""

from fakenova.compute.api.controllers import flavors as reads
from fakenova.compute.api.controllers import quota_sets
from fakenova.compute.api.schemas import flavors as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import extra_specs
from fakenova.compute import flavors
from fakenova.policies import flavor_access as access_policies
from fakenova.policies import flavor_extra_specs as specs_policies
from fakenova.policies import flavor_manage as manage_policies

Response = wsgi.Response


def _flavor_id(req):
    return req.path_param('flavor_id')


def _show(req, flavor, extra_specs=None):
    return Response(200, {'flavor': reads._detail(req, flavor, extra_specs)})


# -- /flavors -----------------------------------------------------------------

def create(req):
    body = req.json_body()
    validation.validate(schemas.create(req.version), body)
    req.authorize(manage_policies.CREATE, {})
    values = body['flavor']
    rxtx_factor = values.get('rxtx_factor', 1.0)
    try:
        rxtx_factor = float(rxtx_factor)
        if not 0 < rxtx_factor <= schemas.SQL_SP_FLOAT_MAX:
            raise ValueError()
    except ValueError:
        # quirk: Nova answers a 500 for a string of zero ('0', '0.0'),
        # which its schema lets through; the 400 it means is given here.
        raise exception.BadRequest(
            "Invalid input received: 'rxtx_factor' argument must be a "
            "float between 0 and %g" % schemas.SQL_SP_FLOAT_MAX)
    with req.store.lock:
        flavor = flavors.create(
            req.store, values['name'], values['ram'], values['vcpus'],
            values['disk'], flavor_id=values.get('id'),
            ephemeral=values.get('OS-FLV-EXT-DATA:ephemeral', 0),
            swap=values.get('swap', 0), rxtx_factor=rxtx_factor,
            is_public=validation.to_bool(
                values.get('os-flavor-access:is_public', True)),
            description=(values.get('description')
                         if req.version >= (2, 55) else None))
    return _show(req, flavor)


def update(req):
    body = req.json_body()
    validation.validate(schemas.UPDATE, body)
    req.authorize(manage_policies.UPDATE, {})
    with req.store.lock:
        flavor = flavors.get(req.store, req.context, _flavor_id(req))
        flavor.description = body['flavor']['description']
    return _show(req, flavor)


def delete(req):
    req.authorize(manage_policies.DELETE, {})
    with req.store.lock:
        flavors.delete(req.store, _flavor_id(req))
    return Response(202)


# -- os-flavor-access ---------------------------------------------------------

def _access(flavor):
    return Response(200, {'flavor_access': [
        {'flavor_id': flavor.id, 'tenant_id': project}
        for project in flavor.projects]})


def access_index(req):
    schemas.check_query(req)
    req.authorize(access_policies.INDEX,
                  {'project_id': req.context.project_id})
    with req.store.lock:
        flavor = flavors.get(req.store, req.context, _flavor_id(req))
        if flavor.is_public:
            raise exception.NotFound(
                'Access list not available for public flavors.')
        return _access(flavor)


def _add_tenant_access(req, value):
    req.authorize(access_policies.ADD, {})
    project_id = value['tenant']
    quota_sets._verify(req, project_id)
    with req.store.lock:
        flavor = flavors.get(req.store, req.context, _flavor_id(req))
        if req.version >= (2, 7) and flavor.is_public:
            raise exception.Conflict('Can not add access to a public flavor.')
        flavors.add_access(flavor, project_id)
        return _access(flavor)


def _remove_tenant_access(req, value):
    # Nova does not mind a project the identity service does not know.
    req.authorize(access_policies.REMOVE, {})
    with req.store.lock:
        flavor = flavors.get(req.store, req.context, _flavor_id(req))
        flavors.remove_access(flavor, value['tenant'])
        return _access(flavor)


_ACTIONS = {
    'addTenantAccess': (schemas.ADD_TENANT_ACCESS, _add_tenant_access),
    'removeTenantAccess': (schemas.REMOVE_TENANT_ACCESS,
                           _remove_tenant_access),
}


def action(req):
    """POST /flavors/{id}/action, dispatched on the body's one key."""
    body = req.json_body()
    key = validation.action_key(body, _ACTIONS)
    schema, handler = _ACTIONS[key]
    validation.validate(schema, body)
    return handler(req, body[key])


# -- os-extra_specs -----------------------------------------------------------

def _check_specs(req, specs):
    """Nova's checks of the values: numbers at most 255 digits long, and
    the known extra specs' rules from 2.86.
    """
    for name, value in specs.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
            if len(value) > 255:
                raise exception.BadRequest(
                    'extra_specs value has %d characters, more than 255.'
                    % len(value))
        if req.version >= (2, 86):
            extra_specs.validate(name, value)


def extra_specs_create(req):
    body = req.json_body()
    validation.validate(schemas.EXTRA_SPECS_CREATE, body)
    req.authorize(specs_policies.CREATE, {})
    specs = body['extra_specs']
    _check_specs(req, specs)
    with req.store.lock:
        flavor = flavors.get(req.store, req.context, _flavor_id(req))
        flavors.set_extra_specs(flavor, specs)
    return Response(200, body)


def extra_specs_update(req):
    body = req.json_body()
    validation.validate(schemas.EXTRA_SPECS_UPDATE, body)
    req.authorize(specs_policies.UPDATE, {})
    _check_specs(req, body)
    if req.path_param('key') not in body:
        raise exception.BadRequest('Request body and URI mismatch')
    with req.store.lock:
        flavor = flavors.get(req.store, req.context, _flavor_id(req))
        flavors.set_extra_specs(flavor, body)
    return Response(200, body)


def extra_specs_delete(req):
    req.authorize(specs_policies.DELETE, {})
    with req.store.lock:
        flavor = flavors.get(req.store, req.context, _flavor_id(req))
        flavors.delete_extra_spec(flavor, req.path_param('key'))
    return Response(200)
