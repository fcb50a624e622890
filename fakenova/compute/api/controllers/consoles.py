"""Consoles: console output, the legacy console actions (until 2.5),
POST /servers/{id}/remote-consoles (from 2.6) and the connection details
of a console URL's token, GET /os-console-auth-tokens/{console_token}."""

import re

from fakenova.compute.api.controllers import server_actions as base
from fakenova.compute.api.schemas import admin_actions as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import wsgi
from fakenova.compute import console_tokens
from fakenova.compute import exception
from fakenova.policies import console_auth_tokens as token_policies
from fakenova.policies import console_output as console_output_policies
from fakenova.policies import remote_consoles as console_policies

Response = wsgi.Response

# Nova's default proxy URLs per console type.
_URLS = {
    'novnc': 'http://127.0.0.1:6080/vnc_auto.html?path=%%3Ftoken%%3D%s',
    'xvpvnc': None,
    'spice-html5': 'http://127.0.0.1:6082/spice_auto.html?token=%s',
    'spice-direct': 'http://127.0.0.1:13002/nova?token=%s',
    'serial': 'ws://127.0.0.1:6083/?token=%s',
    'webmks': 'http://127.0.0.1:6090/?token=%s',
}
# protocol -> console kind switch on the computes, and valid types.
_PROTOCOLS = {
    'vnc': ('vnc', ('novnc',)),
    'spice': ('spice', ('spice-html5', 'spice-direct')),
    'serial': ('serial', ('serial',)),
    'mks': ('mks', ('webmks',)),
}
_BUSY_TASK_STATES = ('deleting', 'migrating')
_CONTROL = re.compile('[\x00-\x08\x0b-\x1f]')


def _console_log(server):
    lines = [
        '[    0.000000] Linux version 6.8.0 (fakenova) #1 SMP',
        '[    0.000000] Command line: root=/dev/vda1 console=ttyS0',
        '[    1.204311] EXT4-fs (vda1): mounted filesystem',
        'cloud-init: running modules for config',
        'cloud-init: hostname set to %s' % (server.hostname or server.name),
    ]
    for _net, addr, _mac in server.fixed_ips or ():
        lines.append('cloud-init: ci-info: eth0: %s' % addr)
    lines.append('%s login: ' % (server.hostname or server.name))
    return [_CONTROL.sub('', line) for line in lines]


def console_output(req, value):
    server = base.load_server(req)
    req.authorize(console_output_policies.BASE_POLICY_NAME,
                  base.target_of(server))
    if not server.host:
        raise exception.NotReady(server_id=server.id)
    length = value.get('length')
    lines = _console_log(server)
    if length is not None:
        length = int(length)
        if length < -1:
            raise exception.BadRequest(
                'Invalid input for field/attribute length. Value: %s. %s '
                'is less than the minimum of -1' % (length, length))
        if length == -1:
            # quirk: 'unlimited' slices off the first line in Nova.
            lines = lines[1:]
        else:
            lines = lines[-length:] if length else []
    return Response(200, {'output': '\n'.join(lines)})


def _console_url(req, server, kind, console_type, label):
    if not server.host:
        raise exception.NotReady(server_id=server.id)
    if server.task_state in _BUSY_TASK_STATES:
        raise exception.InvalidState(
            action=label, server_id=server.id, attr='task_state',
            state=server.task_state)
    if not req.store.consoles.get(kind):
        raise exception.BadRequest(
            'Unavailable console type %s.' % console_type)
    template = _URLS.get(console_type)
    if template is None:
        # Nova answers 500 for xvpvnc (an unmapped error); fakenova 400.
        raise exception.BadRequest('Invalid console type %s' % console_type)
    with req.store.lock:
        token = console_tokens.issue(req.store, server, console_type)
    return template % token


def _legacy(key, kind, label):
    """A console action of microversions 2.1 to 2.5."""
    def handler(req, value):
        # Nova checks this policy before looking the server up.
        ctx = req.context
        req.authorize(console_policies.BASE_POLICY_NAME,
                      {'project_id': ctx.project_id,
                       'user_id': ctx.user_id})
        server = base.load_server(req)
        console_type = value['type']
        url = _console_url(req, server, kind, console_type, label)
        return Response(200, {'console': {'type': console_type,
                                          'url': url}})
    handler.__name__ = label
    return handler


vnc_console = _legacy('os-getVNCConsole', 'vnc', 'get_vnc_console')
spice_console = _legacy('os-getSPICEConsole', 'spice', 'get_spice_console')
serial_console = _legacy('os-getSerialConsole', 'serial',
                         'get_serial_console')


def rdp_console(req, value):
    # Removed from Nova (29.0.0): a plain 400, no policy, no lookup.
    raise exception.BadRequest()


def create(req):
    """POST /servers/{server_id}/remote-consoles"""
    body = req.json_body()
    validation.validate(schemas.remote_console(req.version), body)
    spec = body['remote_console']
    protocol, console_type = spec['protocol'], spec['type']
    with req.store.lock:
        server = base.load_server(req)
        req.authorize(console_policies.BASE_POLICY_NAME,
                      base.target_of(server))
        if protocol == 'rdp':
            raise exception.BadRequest('Unavailable console type rdp.')
        kind, types = _PROTOCOLS[protocol]
        if console_type not in types:
            raise exception.BadRequest(
                'Invalid console type %s' % console_type)
        url = _console_url(req, server, kind, console_type,
                           'get_%s_console' % protocol)
    return Response(200, {'remote_console': {
        'protocol': protocol, 'type': console_type, 'url': url}})


# Nova's query schemas of the token: anything until 2.98, nothing after.
_TOKEN_QUERY = {'type': 'object', 'properties': {},
                'additionalProperties': True}
_TOKEN_QUERY_V299 = dict(_TOKEN_QUERY, additionalProperties=False)


def auth_token_show(req):
    """GET /os-console-auth-tokens/{console_token} (admins).

    Until 2.30 only RDP consoles had tokens, and RDP is gone from Nova: a
    plain 400 before anything else. From 2.31 the token of any console
    URL resolves while valid (see :mod:`fakenova.compute.console_tokens`);
    from 2.99 a SPICE direct console shows its TLS port too.
    """
    validation.validate_query(
        _TOKEN_QUERY_V299 if req.version >= (2, 99) else _TOKEN_QUERY,
        validation.query_values(req.params))
    if req.version < (2, 31):
        raise exception.BadRequest()
    ctx = req.context
    req.authorize(token_policies.BASE_POLICY_NAME,
                  {'project_id': ctx.project_id, 'user_id': ctx.user_id})
    token = req.path_param('console_token')
    if not token:
        raise exception.BadRequest('token not provided')
    with req.store.lock:
        record = console_tokens.resolve(req.store, token)
        if record is None:
            raise exception.NotFound('Token not found')
        console = {'instance_uuid': record.server_id,
                   'host': record.console_host, 'port': record.port,
                   'internal_access_path': record.internal_access_path}
        if record.console_type == 'spice-direct' and req.version >= (2, 99):
            console['tls_port'] = record.tls_port
    return Response(200, {'console': console})
