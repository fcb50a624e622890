"""/servers/{id}/metadata: list, merge, replace; one key: show, set, delete.

As Nova: the body is validated first, then the server is looked up
(another project's is a 404) and the policy checked against it; writes
then go through the lock and vm_state checks of the compute API (409s
named 'update metadata' / 'delete metadata') and the metadata_items quota
(403).
"""

from fakenova.compute.api.controllers import server_actions as base
from fakenova.compute.api.schemas import server_metadata as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import metadata
from fakenova.policies import server_metadata as metadata_policies

Response = wsgi.Response


def _server(req, rule):
    server = base.load_server(req)
    req.authorize(rule, base.target_of(server))
    return server


def index(req):
    with req.store.lock:
        server = _server(req, metadata_policies.INDEX)
        return Response(200, {'metadata': metadata.get_metadata(server)})


def _write(req, rule, replace):
    body = req.json_body()
    validation.validate(schemas.METADATA, body)
    with req.store.lock:
        server = _server(req, rule)
        result = metadata.update_metadata(req.store, req.context, server,
                                          body['metadata'], replace=replace)
    # Nova answers 200 (not 201) to POST too.
    return Response(200, {'metadata': result})


def create(req):
    """POST: merge the given items into the metadata."""
    return _write(req, metadata_policies.CREATE, replace=False)


def update_all(req):
    """PUT: the given items become the whole metadata."""
    return _write(req, metadata_policies.UPDATE_ALL, replace=True)


def show(req):
    key = req.path_param('key')
    with req.store.lock:
        server = _server(req, metadata_policies.SHOW)
        return Response(200, {'meta': {key: metadata.get_item(server, key)}})


def update(req):
    """PUT /metadata/{key}: set one item (the body names the same key)."""
    key = req.path_param('key')
    body = req.json_body()
    validation.validate(schemas.META_ITEM, body)
    item = body['meta']
    with req.store.lock:
        server = _server(req, metadata_policies.UPDATE)
        if key not in item:
            raise exception.BadRequest('Request body and URI mismatch')
        metadata.update_metadata(req.store, req.context, server, item)
    return Response(200, {'meta': item})


def delete(req):
    key = req.path_param('key')
    with req.store.lock:
        server = _server(req, metadata_policies.DELETE)
        metadata.delete_item(req.context, server, key)
    return Response(204)
