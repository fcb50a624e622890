"""Volumes: /servers/{id}/os-volume_attachments and the /os-volumes proxy
(until 2.35)."""

from fakenova.common import visibility
from fakenova.compute.api.controllers import server_actions as base
from fakenova.compute.api import validation
from fakenova.compute.api import views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import lifecycle
from fakenova.compute import moves
from fakenova.compute import seeding
from fakenova.compute import states as st
from fakenova.compute import volumes as volumes_mod
from fakenova.policies import volumes as volume_policies
from fakenova.policies import volumes_attachments as attachment_policies

Response = wsgi.Response
_DEVICE = {'type': ['string', 'null'],
           'pattern': '(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$'}
_SHELVED = (st.SHELVED, st.SHELVED_OFFLOADED)


def _attach_schema(version):
    props = {'volumeId': validation.image_id, 'device': _DEVICE}
    if version >= (2, 49):
        props['tag'] = validation.tag
    if version >= (2, 79):
        props['delete_on_termination'] = validation.boolean
    return {'type': 'object',
            'properties': {'volumeAttachment': {
                'type': 'object', 'properties': props,
                'required': ['volumeId'], 'additionalProperties': False}},
            'required': ['volumeAttachment'], 'additionalProperties': False}


def _update_schema(version):
    props = {'volumeId': validation.image_id}
    if version >= (2, 85):
        props.update(device=_DEVICE, tag=validation.tag,
                     delete_on_termination=validation.boolean,
                     serverId=validation.image_id, id=validation.image_id)
    return {'type': 'object',
            'properties': {'volumeAttachment': {
                'type': 'object', 'properties': props,
                'required': ['volumeId'], 'additionalProperties': False}},
            'required': ['volumeAttachment'], 'additionalProperties': False}


_ATTACH = {v: _attach_schema(v) for v in ((2, 1), (2, 49), (2, 79))}
_UPDATE = {v: _update_schema(v) for v in ((2, 1), (2, 85))}


def _pick(table, version):
    return table[max(v for v in table if v <= version)]


def _item(req, server, item, for_create=False):
    out = {'serverId': server.id, 'volumeId': item.volume_id}
    if req.version < (2, 89) or for_create:
        out['id'] = item.volume_id
    if item.device:
        out['device'] = item.device
    elif for_create:
        out['device'] = None
    if req.version >= (2, 70):
        out['tag'] = item.tag
    if req.version >= (2, 79):
        out['delete_on_termination'] = item.delete_on_termination
    if req.version >= (2, 89) and not for_create:
        out['attachment_id'] = item.attachment_id
        out['bdm_uuid'] = item.bdm_uuid
    return out


def _server(req, read=True):
    return req.store.get_server(req.urlvars['server_id'], req.context,
                                read=read)


INDEX_QUERY = {
    'type': 'object',
    'properties': {
        'limit': validation.multi_params(validation.non_negative_integer),
        'offset': validation.multi_params(validation.non_negative_integer),
    },
}


def index(req):
    params = req.params
    validation.validate_query(INDEX_QUERY, validation.query_values(params))
    with req.store.lock:
        server = _server(req)
        req.authorize(attachment_policies.INDEX, base.target_of(server))
        items = [_item(req, server, a)
                 for a in server.volumes_attached or ()]
    offset = params.get('offset')
    limit = params.get('limit')
    if offset is not None:
        items = items[int(offset):]
    if limit is not None:
        items = items[:int(limit)]
    return Response(200, {'volumeAttachments': items})


def show(req):
    with req.store.lock:
        server = _server(req)
        req.authorize(attachment_policies.SHOW, base.target_of(server))
        item = volumes_mod.attachment(server, req.urlvars['volume_id'])
        return Response(200, {'volumeAttachment': _item(req, server,
                                                        item)})


def _version_gate(req, server, label):
    if req.version < (2, 20) and server.vm_state in _SHELVED:
        raise exception.InvalidState(action=label, server_id=server.id,
                                     attr='vm_state',
                                     state=server.vm_state)


def create(req):
    body = req.json_body()
    validation.validate(_pick(_ATTACH, req.version), body)
    spec = body['volumeAttachment']
    with req.store.lock:
        server = _server(req, read=False)
        req.authorize(attachment_policies.CREATE, base.target_of(server))
        _version_gate(req, server, 'attach_volume')
        params = lifecycle.perform(
            req.store, req.context, server, 'attach_volume',
            {'volume_id': spec['volumeId'], 'device': spec.get('device'),
             'tag': spec.get('tag'),
             'multiattach_ok': req.version >= (2, 60),
             'delete_on_termination': validation.to_bool(
                 spec.get('delete_on_termination', False))})
        if req.version >= (2, 101):
            return Response(202)
        return Response(200, {'volumeAttachment': _item(
            req, server, params['attachment'], for_create=True)})


def update(req):
    body = req.json_body()
    validation.validate(_pick(_UPDATE, req.version), body)
    spec = body['volumeAttachment']
    volume_id = req.urlvars['volume_id']
    with req.store.lock:
        server = _server(req, read=False)
        if req.version >= (2, 85) and spec['volumeId'] == volume_id:
            req.authorize(attachment_policies.UPDATE, base.target_of(server))
            item = volumes_mod.attachment(server, volume_id)
            for key, current in (('device', item.device), ('tag', item.tag),
                                 ('serverId', server.id),
                                 ('id', item.volume_id)):
                if key in spec and spec[key] != current:
                    raise exception.BadRequest(
                        'The %s property is not mutable' % key)
            if 'delete_on_termination' in spec:
                item.delete_on_termination = validation.to_bool(
                    spec['delete_on_termination'])
            return Response(202)
        req.authorize(attachment_policies.SWAP, {})
        volumes_mod.check_swap(req.store, volume_id, spec['volumeId'],
                               req.context)
        volumes_mod.attachment(server, volume_id)
        lifecycle.perform(req.store, req.context, server, 'swap_volume')
        volumes_mod.swap(req.store, server, volume_id, spec['volumeId'],
                         req.context)
        return Response(202)


def delete(req):
    with req.store.lock:
        server = _server(req, read=False)
        req.authorize(attachment_policies.DELETE, base.target_of(server))
        _version_gate(req, server, 'detach_volume')
        if server.host is not None:
            moves.check_service_up(req.store, server.host)
        lifecycle.perform(req.store, req.context, server, 'detach_volume',
                          {'volume_id': req.urlvars['volume_id']})
    return Response(202)


# -- /os-volumes (proxy) ---------------------------------------------------

def _volume(req, volume):
    return {
        'id': volume.id, 'status': volume.status, 'size': volume.size,
        'availabilityZone': volume.availability_zone,
        'createdAt': views.usage_time(volume.created),
        'displayName': volume.name,
        'displayDescription': volume.description,
        'volumeType': volume.volume_type, 'snapshotId': None,
        'metadata': dict(volume.metadata or {}),
        'attachments': [_attachment_summary(req, volume)],
    }


def _attachment_summary(req, volume):
    """One volume's attachments entry, as Nova's proxy shows it.

    The first attachment of an attached volume (``device`` only when it
    has one); an empty object otherwise.
    """
    if not volume.server_ids or volume.status not in ('in-use',
                                                      'detaching'):
        return {}  # Cinder's attach_status is not 'attached'
    server_id = volume.server_ids[0]
    out = {'id': volume.id, 'volumeId': volume.id, 'serverId': server_id}
    device = _device(req, server_id, volume.id)
    if device:
        out['device'] = device
    return out


def _device(req, server_id, volume_id):
    server = req.store.servers.get(server_id)
    for item in (server.volumes_attached or ()) if server else ():
        if item.volume_id == volume_id:
            return item.device
    return None


def _visible(req):
    ctx = req.context
    return [v for v in req.store.volumes.values()
            if visibility.owned(ctx, v.project_id)]


def _own(req):
    return {'project_id': req.context.project_id,
            'user_id': req.context.user_id}


def proxy_index(req):
    req.authorize(volume_policies.LIST, _own(req))
    with req.store.lock:
        return Response(200, {'volumes': [_volume(req, v)
                                          for v in _visible(req)]})


def proxy_detail(req):
    req.authorize(volume_policies.DETAIL, _own(req))
    with req.store.lock:
        return Response(200, {'volumes': [_volume(req, v)
                                          for v in _visible(req)]})


_PROXY_CREATE = {
    'type': 'object',
    'properties': {'volume': {
        'type': 'object',
        'properties': {
            'volume_type': {'type': 'string'},
            'metadata': {'type': 'object'},
            'snapshot_id': {'type': 'string'},
            'size': {'type': ['integer', 'string'], 'pattern': '^[0-9]+$',
                     'minimum': 1},
            'availability_zone': {'type': 'string'},
            'display_name': {'type': 'string'},
            'display_description': {'type': 'string'},
        },
        'additionalProperties': False}},
    'required': ['volume'],
    'additionalProperties': False,
}


def proxy_create(req):
    """POST /os-volumes: a volume, made at once (Cinder's part is fake)."""
    body = req.json_body()
    validation.validate(_PROXY_CREATE, body)
    spec = body['volume']
    req.authorize(volume_policies.CREATE, _own(req))
    if spec.get('snapshot_id') is not None:
        # fakenova keeps no volume snapshots.
        raise exception.NotFound(
            'Snapshot %s could not be found.' % spec['snapshot_id'])
    size = spec.get('size')
    if size is None or int(size) < 1:
        raise exception.BadRequest(
            "Invalid input received: Volume size '%s' must be an integer "
            "and greater than 0" % size)
    with req.store.lock:
        volume = seeding.add_volume(
            req.store, req.context.project_id,
            name=spec.get('display_name'), size=int(size),
            description=spec.get('display_description'),
            volume_type=spec.get('volume_type'))
        if spec.get('availability_zone'):
            volume.availability_zone = spec['availability_zone']
        if spec.get('metadata'):
            volume.metadata = dict(spec['metadata'])
        location = '%s/os-volumes/%s' % (req.api_url, volume.id)
        return Response(200, {'volume': _volume(req, volume)},
                        headers=[('Location', location)])


def proxy_delete(req):
    req.authorize(volume_policies.DELETE, _own(req))
    volume_id = req.urlvars['volume_id']
    with req.store.lock:
        volume = next((v for v in _visible(req) if v.id == volume_id), None)
        if volume is None:
            raise exception.NotFound(
                'Volume %s could not be found.' % volume_id)
        if volume.server_ids or volume.status != 'available':
            raise exception.BadRequest(
                'Invalid input received: Invalid volume: Volume status '
                'must be available or error or error_restoring or '
                'error_extending or error_managing and must not be '
                'migrating, attached, belong to a group, have snapshots, '
                'awaiting a transfer, or be disassociated from snapshots '
                'after volume transfer.')
        del req.store.volumes[volume.id]
    return Response(202)


def proxy_show(req):
    req.authorize(volume_policies.SHOW, _own(req))
    volume_id = req.urlvars['volume_id']
    with req.store.lock:
        for volume in _visible(req):
            if volume.id == volume_id:
                return Response(200, {'volume': _volume(req, volume)})
    raise exception.NotFound('Volume %s could not be found.' % volume_id)
