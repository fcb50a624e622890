"""/os-aggregates: host aggregates and the zones they make (admin).

As Nova 34 answers them: create, update and the actions answer 200 (not
201/202), delete 200 with no body; ``uuid`` shows from 2.41 but the URL
takes the integer id only (anything else is a 400); create's answer has
no ``hosts`` or ``metadata``. Bodies are validated first, then the rule
(an empty target: admins only by default), then the URL's id; image
pre-caching (2.81) is accepted (202) once the aggregate and the images
are found. The rules of hosts and zones live in
:mod:`fakenova.compute.aggregates`.
"""

from oslo_utils import strutils

from fakenova.compute import aggregates
from fakenova.compute.api.schemas import aggregates as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.policies import aggregates as policies

Response = wsgi.Response
V2_41 = (2, 41)
V2_102 = (2, 102)


def _target(req):
    return {'project_id': req.context.project_id,
            'user_id': req.context.user_id}


def _query(req):
    if req.version >= V2_102:
        validation.validate_query(schemas.strict_query,
                                  validation.query_values(req.params))


def _id(req):
    """The URL's aggregate id, an integer (Nova's 400 otherwise)."""
    value = req.urlvars['aggregate_id']
    try:
        return strutils.validate_integer(value, 'id')
    except ValueError:
        raise exception.BadRequest(
            'Invalid input received: id must be an integer')


def view(req, aggregate, updated=None, brief=False):
    """An aggregate as Nova shows it (``brief``: create's answer)."""
    out = {'id': aggregate.id}
    if req.version >= V2_41:
        out['uuid'] = aggregate.uuid
    out['name'] = aggregate.name
    if not brief:
        out['hosts'] = list(aggregate.hosts)
        out['metadata'] = dict(aggregate.metadata)
    out.update({
        'created_at': views.usage_time(aggregate.created),
        'updated_at': views.usage_time(
            aggregate.updated if updated is None else updated),
        'deleted_at': None, 'deleted': False,
        'availability_zone': aggregate.availability_zone,
    })
    return {'aggregate': out}


def index(req):
    _query(req)
    req.authorize(policies.INDEX, _target(req))
    with req.store.lock:
        return Response(200, {'aggregates': [
            view(req, a)['aggregate']
            for a in aggregates.listed(req.store)]})


def create(req):
    body = req.json_body()
    validation.validate(schemas.create, body)
    req.authorize(policies.CREATE, _target(req))
    spec = body['aggregate']
    with req.store.lock:
        aggregate = aggregates.create(req.store, spec['name'],
                                      spec.get('availability_zone'))
        return Response(200, view(req, aggregate, brief=True))


def show(req):
    _query(req)
    req.authorize(policies.SHOW, _target(req))
    aggregate_id = _id(req)
    with req.store.lock:
        return Response(200, view(req, aggregates.get(req.store,
                                                      aggregate_id)))


def update(req):
    body = req.json_body()
    validation.validate(schemas.update, body)
    req.authorize(policies.UPDATE, _target(req))
    aggregate_id = _id(req)
    spec = body['aggregate']
    name = spec.get('name')
    with req.store.lock:
        aggregate, updated = aggregates.update(
            req.store, aggregate_id,
            name=name.strip() if name is not None else None,
            zone_given='availability_zone' in spec,
            zone=spec.get('availability_zone'))
        return Response(200, view(req, aggregate, updated))


def delete(req):
    req.authorize(policies.DELETE, _target(req))
    aggregate_id = _id(req)
    with req.store.lock:
        aggregates.delete(req.store, aggregate_id)
    return Response(200)


# POST /os-aggregates/{id}/action: one key, its schema, rule, function.
_ACTIONS = {
    'add_host': (schemas.add_host, policies.ADD_HOST),
    'remove_host': (schemas.remove_host, policies.REMOVE_HOST),
    'set_metadata': (schemas.set_metadata, policies.SET_METADATA),
}


def action(req):
    body = req.json_body()
    # Nova's one action dispatch, as for servers.
    key = validation.action_key(body, _ACTIONS)
    schema, rule = _ACTIONS[key]
    validation.validate(schema, body)
    req.authorize(rule, _target(req))
    aggregate_id = _id(req)
    store = req.store
    with store.lock:
        updated = None
        if key == 'set_metadata':
            aggregate, updated = aggregates.set_metadata(
                store, aggregate_id, body[key]['metadata'])
        elif key == 'add_host':
            aggregate = aggregates.add_host(store, aggregate_id,
                                            body[key]['host'])
        else:
            aggregate = aggregates.remove_host(store, aggregate_id,
                                               body[key]['host'])
        return Response(200, view(req, aggregate, updated))


def images(req):
    """POST /os-aggregates/{id}/images (2.81): pre-cache images, 202."""
    body = req.json_body()
    validation.validate(schemas.images, body)
    req.authorize(policies.IMAGES, _target(req))
    aggregate_id = _id(req)
    image_ids = [item['id'] for item in body['cache']]
    if len(set(image_ids)) != len(image_ids):
        raise exception.BadRequest('Duplicate images in request')
    with req.store.lock:
        aggregates.get(req.store, aggregate_id)
        for image_id in image_ids:
            if image_id not in req.store.images:
                raise exception.BadRequest(
                    'Image %s could not be found.' % image_id)
    return Response(202)
