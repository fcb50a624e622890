"""/servers/{id}/tags (2.26): list, replace, clear; check, add, delete one.

As Nova: the server is found through its instance mapping (missing: 404
'has no mapping to a cell') and the policy is checked against the
mapping's project BEFORE any project-scoped lookup -- quirk: so another
project's server is a 403 here, not the 404 of other server routes. Changes
check the vm_state only (never the lock, never the task_state), with
Nova's 409 named 'update tag(s)' / 'delete tag(s)'.
"""

import urllib.parse

from fakenova.compute.api.controllers import server_actions as base
from fakenova.compute.api.schemas import server_tags as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import metadata
from fakenova.policies import server_tags as tag_policies

Response = wsgi.Response


def _server(req, rule, change=None):
    """The URL's server after the policy check (and ``change``'s state)."""
    server_id = req.urlvars['server_id']
    mapped = req.store.servers.get(server_id)
    if mapped is None:
        raise exception.ServerNotMapped(instance_id=server_id)
    req.authorize(rule, base.target_of(mapped))
    server = base.load_server(req)
    if change is not None:
        metadata.check_tag_change(req.context, server, change)
    return server


def index(req):
    with req.store.lock:
        server = _server(req, tag_policies.INDEX)
        return Response(200, {'tags': metadata.get_tags(server)})


def update_all(req):
    """PUT /tags: the given tags become the server's tags."""
    body = req.json_body()
    validation.validate(schemas.TAGS, body)
    with req.store.lock:
        server = _server(req, tag_policies.UPDATE_ALL, 'update_tags')
        return Response(200, {'tags': metadata.set_tags(server,
                                                        body['tags'])})


def delete_all(req):
    with req.store.lock:
        server = _server(req, tag_policies.DELETE_ALL, 'delete_tags')
        metadata.delete_tags(server)
    return Response(204)


def show(req):
    tag = req.path_param('tag')
    with req.store.lock:
        server = _server(req, tag_policies.SHOW)
        if not metadata.has_tag(server, tag):
            raise exception.NotFound("Server %s has no tag '%s'"
                                     % (server.id, tag))
    return Response(204)


def update(req):
    """PUT /tags/{tag}: 201 with a Location when added, 204 if present."""
    tag = req.path_param('tag')
    # The body, if any, must be JSON null.
    body = req.json_body() if req.raw_body() else None
    validation.validate(schemas.TAG, body)
    with req.store.lock:
        server = _server(req, tag_policies.UPDATE, 'update_tag')
        error = validation.first_error(validation.tag, tag)
        if error is not None:
            raise exception.BadRequest(
                "Tag '%s' is invalid. It must be a non empty string without "
                "characters '/' and ','. Validation error message: %s"
                % (tag, error))
        if not metadata.add_tag(server, tag):
            return Response(204)
        # Percent-encoded so that the header stays valid for any tag.
        location = '%s/servers/%s/tags/%s' % (
            req.api_url, server.id, urllib.parse.quote(tag))
    return Response(201, headers=[('Location', location)])


def delete(req):
    tag = req.path_param('tag')
    with req.store.lock:
        server = _server(req, tag_policies.DELETE, 'delete_tag')
        metadata.delete_tag(server, tag)
    return Response(204)
