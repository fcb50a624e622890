"""/servers/{id}/os-instance-actions: the action log of a server."""

from fakenova.common import times
from fakenova.compute.api.schemas import instance_actions as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.policies import instance_actions as instance_action_policies


def _target(server):
    return {'project_id': server.project_id, 'user_id': server.user_id}


def _action(req, action):
    out = {'action': action.action, 'instance_uuid': action.server_id,
           'message': action.message, 'project_id': action.project_id,
           'request_id': action.request_id,
           'start_time': views.usage_time(action.start_time),
           'user_id': action.user_id}
    if req.version >= (2, 58):
        out['updated_at'] = views.usage_time(action.updated_at)
    return out


def _event(req, event, server, admin, details):
    out = {'event': event.event,
           'start_time': views.usage_time(event.start_time),
           'finish_time': views.usage_time(event.finish_time),
           'result': event.result}
    if admin:
        out['traceback'] = event.traceback
    if req.version >= (2, 62):
        out['hostId'] = server.host_id
        if admin:
            out['host'] = event.host or ''
    if req.version >= (2, 84) and details:
        out['details'] = event.details
    return out


def _server(req):
    """The server; a deleted one too from 2.21 (its actions are kept)."""
    server_id = req.urlvars['server_id']
    try:
        return req.store.get_server(server_id, req.context)
    except exception.ServerNotFound:
        if req.version < (2, 21):
            raise
        return req.store.get_deleted_server(server_id, req.context)


def _page(req, actions):
    """Nova's filters and paging of the actions (newest first), 2.58+."""
    schema = schemas.index_query(req.version)
    if schema is None:
        return actions, None
    params = req.params
    validation.validate_query(schema, validation.query_values(params))
    since, before = validation.time_window(req)
    actions = [a for a in actions
               if (since is None or times.micros(a.updated_at) >= since)
               and (before is None
                    or times.micros(a.updated_at) <= before)]
    # Nova's message names no marker (it formats a None).
    actions = views.after_marker(req, actions, lambda a: a.request_id,
                                 'Marker None could not be found.')
    limit = views.limit_of(req)
    return actions[:limit], limit


def index(req):
    with req.store.lock:
        server = _server(req)
        req.authorize(instance_action_policies.LIST, _target(server))
        actions = list(req.store.actions.get(server.id, ()))
    actions.reverse()
    page, limit = _page(req, actions)
    body = {'instanceActions': [_action(req, a) for a in page]}
    links = None if limit is None else views.next_links(
        req, 'servers/%s/os-instance-actions' % server.id, page,
        page[-1].request_id if page else None)
    if links:
        body['links'] = links
    return wsgi.Response(200, body)


def show(req):
    request_id = req.urlvars['request_id']
    with req.store.lock:
        server = _server(req)
        target = _target(server)
        req.authorize(instance_action_policies.SHOW, target)
        found = [a for a in req.store.actions.get(server.id, ())
                 if a.request_id == request_id]
        if not found:
            raise exception.NotFound('Action %s not found' % request_id)
        action = found[-1]
        body = _action(req, action)
        admin = req.authorize(instance_action_policies.EVENTS,
                              target, fatal=False)
        details = req.authorize(instance_action_policies.EVENTS_DETAILS,
                                target, fatal=False)
        if admin or req.version >= (2, 51):
            body['events'] = [_event(req, e, server, admin, details)
                              for e in action.events]
    return wsgi.Response(200, {'instanceAction': body})
