"""POST /servers/{server_id}/action: dispatch and one handler per action.

Handlers validate, look the server up (scoped to the caller), authorize
the policy rule with the server's project as target, and hand the state
change to :func:`fakenova.compute.lifecycle.perform`. Preconditions and
transitions are not restated here: they are rows of the lifecycle table.
"""


from fakenova.compute.api.controllers import servers as servers_ctl
from fakenova.compute.api import validation
from fakenova.compute.api.views import servers as server_views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import lifecycle
from fakenova.compute import operations
from fakenova.compute import quotas
from fakenova.policies import admin_password as password_policies
from fakenova.policies import floating_ips as floating_ip_policies
from fakenova.policies import lock_server as lock_policies
from fakenova.policies import rescue as rescue_policies
from fakenova.policies import security_groups as sg_policies
from fakenova.policies import servers as servers_policies

Response = wsgi.Response


def target_of(server):
    return {'project_id': server.project_id, 'user_id': server.user_id}


def load_server(req, mapped=False, read=False):
    """The URL's server, as the caller may see it (404 otherwise)."""
    server_id = req.urlvars['server_id']
    store = req.store
    if mapped and server_id not in store.servers:
        # os-start/os-stop look the server up through instance mappings.
        raise exception.ServerNotMapped(instance_id=server_id)
    return store.get_server(server_id, req.context, read=read)


def action(req):
    """Peek the action key, gate it by microversion, validate, dispatch.

    The actions are the app's declared operations
    (:mod:`fakenova.compute.api.operations`); from here on the request is the
    action's (faults, the call log and the lifecycle name it).
    """
    body = req.json_body()
    actions = req.app.operations.actions
    key = validation.action_key(body, actions)
    op = actions[key]
    if not op.available(req.version):
        raise exception.NotFound()
    schema = op.schema_for(req.version)
    if schema is not None:
        validation.validate(schema, body)
    req.serve(op)
    store = req.store
    if store.faults:
        store.faults.check(op.id, req.urlvars['server_id'])
    with store.lock:
        return op.handler(req, body[key])


def simple(key, rule, transition=None, status=202, mapped=False):
    """An action that is only a policy check plus a lifecycle row."""
    transition = transition or key

    def handler(req, value):
        server = load_server(req, mapped=mapped)
        req.authorize(rule, target_of(server))
        lifecycle.perform(req.store, req.context, server, transition)
        return Response(status)
    handler.__name__ = key.replace('-', '_')
    return handler


def reboot(req, value):
    server = load_server(req)
    req.authorize(servers_policies.REBOOT, target_of(server))
    kind = 'reboot_soft' if value['type'].upper() == 'SOFT' else 'reboot_hard'
    lifecycle.perform(req.store, req.context, server, kind)
    return Response(202)


def resize(req, value):
    server = load_server(req)
    req.authorize(servers_policies.RESIZE, target_of(server))
    params = {'flavor_id': str(value['flavorRef'])}
    if 'OS-DCF:diskConfig' in value:
        params['disk_config'] = value['OS-DCF:diskConfig']
    lifecycle.perform(req.store, req.context, server, 'resize', params)
    return Response(202)


_REBUILD_FIELDS = (
    ('name', 'name'), ('metadata', 'metadata'),
    ('accessIPv4', 'access_ipv4'), ('accessIPv6', 'access_ipv6'),
    ('OS-DCF:diskConfig', 'disk_config'), ('description', 'description'),
    ('key_name', 'key_name'), ('user_data', 'user_data'),
    ('hostname', 'hostname'),
    ('trusted_image_certificates', 'trusted_certs'),
)


def rebuild(req, value):
    server = load_server(req)
    target = target_of(server)
    req.authorize(servers_policies.REBUILD, target)
    if 'trusted_image_certificates' in value:
        req.authorize(servers_policies.REBUILD_TRUSTED_CERTS, target)
    params = {'image_id': value['imageRef'],
              'admin_pass': value.get('adminPass')}
    for key, attr in _REBUILD_FIELDS:
        if key in value:
            params[attr] = value[key]
    if 'name' in params:
        params['name'] = params['name'].strip()
    if params.get('metadata') is not None:
        params['metadata'] = dict(params['metadata'])
    if value.get('personality'):
        params['files'] = [(item['path'], item['contents'])
                           for item in value['personality']]
    params = lifecycle.perform(req.store, req.context, server, 'rebuild',
                               params)
    body = server_views.changed(req, server, user_data=False)
    # Nova adds these after building the view, at every version since.
    if req.version >= (2, 54):
        body['key_name'] = server.key_name
    if req.version >= (2, 57):
        body['user_data'] = server.user_data
    body['adminPass'] = params['admin_pass']
    location = server_views.views.links(req, 'servers', server.id)[0]
    return Response(202, {'server': body},
                    headers=[('Location', location['href'])])


def create_image(req, value):
    server = load_server(req)
    target = target_of(server)
    req.authorize(servers_policies.CREATE_IMAGE, target)
    # Until 2.39 the image's metadata counts against metadata_items.
    if req.version < (2, 39):
        quotas.check_image_metadata(req.store, req.context,
                                    value.get('metadata'))
    if not server.image_id:
        req.authorize(servers_policies.CREATE_IMAGE_ALLOW_VOLUME_BACKED,
                      target)
    params = lifecycle.perform(
        req.store, req.context, server, 'createImage',
        {'name': value['name'].strip(), 'metadata': value.get('metadata')})
    image = params['image']
    if req.version >= (2, 45):
        return Response(202, {'image_id': image.id})
    return Response(202, headers=[
        ('Location', '%s/images/%s' % (servers_ctl.image_endpoint(req),
                                       image.id))])


def change_password(req, value):
    server = load_server(req)
    req.authorize(password_policies.BASE_POLICY_NAME, target_of(server))
    lifecycle.perform(req.store, req.context, server, 'changePassword',
                      {'admin_pass': value['adminPass']})
    return Response(202)


def rescue(req, value):
    server = load_server(req)
    req.authorize(rescue_policies.BASE_POLICY_NAME, target_of(server))
    value = value or {}
    params = lifecycle.perform(
        req.store, req.context, server, 'rescue',
        {'admin_pass': value.get('adminPass'),
         'rescue_image_ref': value.get('rescue_image_ref')})
    return Response(200, {'adminPass': params['admin_pass']})


def lock(req, value):
    server = load_server(req)
    req.authorize(lock_policies.LOCK, target_of(server))
    reason = None
    if req.version >= (2, 73) and isinstance(value, dict):
        reason = value.get('locked_reason')
    operations.lock(req.store, req.context, server, reason)
    return Response(202)


def unlock(req, value):
    server = load_server(req)
    target = target_of(server)
    req.authorize(lock_policies.UNLOCK, target)
    if operations.unlock_needs_override(req.context, server):
        req.authorize(lock_policies.UNLOCK_OVERRIDE, target)
    operations.unlock(req.store, req.context, server)
    return Response(202)


def add_floating_ip(req, value):
    server = load_server(req)
    req.authorize(floating_ip_policies.ADD, target_of(server))
    operations.add_floating_ip(req.store, server, value['address'],
                               value.get('fixed_address'), req.context)
    return Response(202)


def remove_floating_ip(req, value):
    # quirk: Nova finds the floating IP first and authorizes against the
    # server that holds it, not the server in the URL.
    fip, holder = operations.find_floating_ip(req.store, value['address'],
                                              req.context)
    target = target_of(holder) if holder is not None else {}
    req.authorize(floating_ip_policies.REMOVE, target)
    operations.remove_floating_ip(req.store, fip, req.urlvars['server_id'],
                                  value['address'])
    return Response(202)


def add_security_group(req, value):
    server = load_server(req)
    req.authorize(sg_policies.ADD, target_of(server))
    operations.add_security_group(req.store, req.context, server,
                                  value['name'])
    return Response(202)


def remove_security_group(req, value):
    server = load_server(req)
    req.authorize(sg_policies.REMOVE, target_of(server))
    operations.remove_security_group(req.store, req.context, server,
                                     value['name'])
    return Response(202)
