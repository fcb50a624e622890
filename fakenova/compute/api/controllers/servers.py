"""/servers: list, detail, show, create, update, delete."""

import ipaddress

from fakenova.common import regex
from fakenova.common import times
from fakenova.compute.api.schemas import server_queries as query_schemas
from fakenova.compute.api.schemas import servers as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import views as api_views
from fakenova.compute.api.views import servers as views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import flavors as flavor_model
from fakenova.compute import lifecycle
from fakenova.compute import metadata as server_metadata
from fakenova.compute import servers as compute_servers
from fakenova.compute import states as st
from fakenova.policies import servers as servers_policies

Response = wsgi.Response
MAX_LIMIT = api_views.MAX_LIMIT


def image_endpoint(req):
    """Where createImage's Location points (the image service)."""
    return req.app.image_endpoint or (req.host_url + '/image')


def _target(server):
    return {'project_id': server.project_id, 'user_id': server.user_id}


def _own_target(req):
    return {'project_id': req.context.project_id,
            'user_id': req.context.user_id}


# -- list ------------------------------------------------------------------

def _status_filter(req, values):
    vm_states, task_states = set(), set()
    any_task = False
    for value in values:
        entry = st.STATUS_FILTERS.get(value.upper())
        if entry is None:
            if req.version >= (2, 38):
                raise exception.BadRequest('Invalid status value')
            return None
        if value.upper() == 'DELETED' and not req.context.is_admin:
            raise exception.Forbidden(
                'Only administrators may list deleted instances')
        vms, tasks = entry
        vm_states |= vms
        if tasks is None:
            any_task = True
        else:
            task_states |= tasks
    return vm_states, (None if any_task else task_states)


# sort_key -> attribute of the server model
_SORT_ATTRS = {
    'access_ip_v4': 'access_ipv4', 'access_ip_v6': 'access_ipv6',
    'auto_disk_config': 'disk_config',
    'availability_zone': 'availability_zone', 'config_drive': 'config_drive',
    'created_at': 'created', 'display_description': 'description',
    'display_name': 'name', 'host': 'host', 'hostname': 'hostname',
    'image_ref': 'image_id', 'instance_type_id': 'flavor_id',
    'key_name': 'key_name', 'launch_index': 'launch_index',
    'launched_at': 'launched_at', 'locked_by': 'locked_by',
    'locked': 'locked_by', 'node': 'node', 'power_state': 'power_state',
    'progress': 'progress', 'project_id': 'project_id',
    'task_state': 'task_state', 'terminated_at': 'terminated_at',
    'updated_at': 'updated', 'user_id': 'user_id', 'uuid': 'id',
    'vm_state': 'vm_state',
}


def _check_query(req):
    """Nova's query checks: times always, unknown names from 2.75."""
    params = req.params
    validation.validate_query(query_schemas.schema(req.version),
                              validation.query_values(params))


def _sort(req, servers):
    keys = req.params.getall('sort_key')
    dirs = req.params.getall('sort_dir')
    if not keys:
        # Nova's default: created_at, then id (descending by default).
        servers.sort(key=lambda s: (s.created, s.id),
                     reverse=not dirs or dirs[0] != 'asc')
        return
    for key in keys:
        if key in query_schemas.ADMIN_SORT_KEYS and not req.context.is_admin:
            raise exception.Forbidden(
                'Only administrators can sort servers by %s' % key)
    # Stable sorts from the least to the most significant key.
    for index in reversed(range(len(keys))):
        attr = _SORT_ATTRS.get(keys[index])
        if attr is None:
            continue  # accepted but ignored (before 2.75)
        descending = (dirs[index] if index < len(dirs)
                      else (dirs[-1] if dirs else 'desc')) != 'asc'
        servers.sort(key=lambda s: _sortable(getattr(s, attr)),
                     reverse=descending)


def _sortable(value):
    return (value is not None, value if value is not None else 0)


_TAG_FILTERS = ('tags', 'tags-any', 'not-tags', 'not-tags-any')


def _tag_filters(req):
    """{filter: set of tags} of the 2.26 tag filters given (comma lists)."""
    if req.version < (2, 26):
        return None
    params = req.params
    return {name: set(params[name].split(',')) for name in _TAG_FILTERS
            if name in params} or None


def _tags_match(server, filters):
    """tags: all present; tags-any: one; not-tags: not all; not-tags-any:
    none.
    """
    have = set(server.tags or ())
    for name, wanted in filters.items():
        if name == 'tags' and not wanted <= have:
            return False
        if name == 'tags-any' and not wanted & have:
            return False
        if name == 'not-tags' and wanted <= have:
            return False
        if name == 'not-tags-any' and wanted & have:
            return False
    return True


def _list(req, detail):
    params = req.params
    rules = servers_policies
    req.authorize(rules.DETAIL if detail else rules.INDEX, _own_target(req))
    _check_query(req)
    project_id = req.context.project_id
    if 'all_tenants' in params and validation.to_bool(
            params.get('all_tenants') or 'true'):
        req.authorize(rules.DETAIL_GET_ALL_TENANTS if detail
                      else rules.INDEX_GET_ALL_TENANTS, _own_target(req))
        project_id = (params.get('project_id') or params.get('tenant_id')
                      or None)
    limit = params.get('limit')
    if limit is not None:
        if not validation.is_digits(limit):
            raise exception.BadRequest(
                'Invalid input for query parameters limit. Value: %s.'
                % limit)
        limit = min(int(limit), MAX_LIMIT)
    else:
        limit = MAX_LIMIT
    status = params.getall('status')
    status_filter = _status_filter(req, status) if status else False
    if status_filter is None:
        return Response(200, {'servers': []})
    name = params.get('name')
    name_re = regex.compile_filter(name) if name else None
    image = params.get('image')
    flavor = params.get('flavor')
    reservation_id = params.get('reservation_id')
    # Nova asks neutron for the ports whose fixed IP contains the value
    # (ip_address_substr); ip6 is a non-admin filter from 2.5.
    ip4 = params.get('ip')
    ip6 = (params.get('ip6') if req.context.is_admin
           or req.version >= (2, 5) else None)
    # Admin-only filters: for the others Nova drops them.
    host = params.get('host') if req.context.is_admin else None
    since, before = validation.time_window(req)
    tag_filters = _tag_filters(req)
    with req.store.lock:
        store = req.store
        # The flavor filter names a flavor the caller can see (else no
        # server matches); servers match while they have that very flavor,
        # not a kept copy of a deleted one of the same id.
        wanted = (store.flavors.get(flavor.rsplit('/', 1)[-1])
                  if flavor else None)
        if wanted is not None and not flavor_model.visible(
                wanted, req.context):
            wanted = None
        image_id = image.rsplit('/', 1)[-1] if image else None

        # One check per filter given; a server matches all of them.
        checks = []
        if status_filter:
            vms, tasks = status_filter
            checks.append(lambda s: s.vm_state in vms and (
                tasks is None or s.task_state in tasks))
        if name_re is not None:
            checks.append(lambda s: name_re.search(s.name))
        if image:
            checks.append(lambda s: s.image_id == image_id)
        if flavor:
            checks.append(lambda s: wanted is not None
                          and store.flavor_of(s) is wanted)
        if host is not None:
            checks.append(lambda s: s.host == host)
        if reservation_id is not None:
            checks.append(lambda s: s.reservation_id == reservation_id)
        if ip4 or ip6:
            checks.append(lambda s: _ip_matches(s, ip4, ip6))
        if since is not None:
            checks.append(lambda s: times.micros(s.updated) >= since)
        if before is not None:
            checks.append(lambda s: times.micros(s.updated) <= before)
        if tag_filters:
            checks.append(lambda s: _tags_match(s, tag_filters))
        match = _all_of(checks)

        changes = since is not None or before is not None
        dirs = params.getall('sort_dir')
        if not changes and not params.getall('sort_key'):
            # Nova's default order is the store's: walk it from the
            # marker, filtering, until the page is full.
            page = store.page_servers(
                project_id, match, limit, params.get('marker'),
                descending=not dirs or dirs[0] != 'asc')
        else:
            # Nova lists deleted servers too when asked for changes.
            # Filtered first: only what matches is sorted (a stable
            # sort of the subset keeps the same order).
            selected = store.list_servers(project_id, deleted=changes)
            if match is not None:
                selected = list(filter(match, selected))
            _sort(req, selected)
            page = api_views.after_marker(
                req, selected, lambda s: s.id)[:limit]
        render = views.show if detail else views.summary
        if detail:
            items = [views.show(req, s, detail_list=True) for s in page]
        else:
            items = [render(req, s) for s in page]
    body = {'servers': items}
    links = api_views.next_links(
        req, 'servers/detail' if detail else 'servers', page,
        page[-1].id if page else None)
    if links:
        body['servers_links'] = links
    return Response(200, body)


def _all_of(checks):
    """A predicate true when every check is (None: no checks)."""
    if not checks:
        return None
    if len(checks) == 1:
        return checks[0]

    def match(server):
        for check in checks:
            if not check(server):
                return False
        return True
    return match


def _ip_matches(server, ip4, ip6):
    for _network, address, _mac in server.fixed_ips or ():
        wanted = ip6 if ':' in address else ip4
        if wanted and wanted in address:
            return True
    return False


def index(req):
    return _list(req, detail=False)


def detail(req):
    return _list(req, detail=True)


# -- one server ------------------------------------------------------------

def show(req):
    if req.version >= (2, 102) and req.environ.get('QUERY_STRING'):
        unknown = sorted(req.params.keys())
        if unknown:
            raise exception.BadRequest(
                'Additional properties are not allowed (%s %s unexpected)'
                % (', '.join(repr(k) for k in unknown),
                   'was' if len(unknown) == 1 else 'were'))
    with req.store.lock:
        server = req.store.get_server(req.urlvars['server_id'], req.context)
        req.authorize(servers_policies.SHOW, _target(server))
        return Response(200, {'server': views.show(req, server)})


def create(req):
    body = req.json_body()
    validation.validate(schemas.create(req.version), body)
    spec = body['server']
    req.authorize(servers_policies.CREATE, _own_target(req))
    store = req.store
    flavor_id = str(spec['flavorRef']).rsplit('/', 1)[-1]
    image_ref = spec.get('imageRef', '')
    image_id = image_ref.rsplit('/', 1)[-1] if image_ref else ''
    groups = [g['name'] for g in spec.get('security_groups') or
              [{'name': 'default'}]]
    hints = (body.get('os:scheduler_hints')
             or body.get('OS-SCH-HNT:scheduler_hints'))
    name = spec['name'].strip()
    min_count = int(spec.get('min_count', 1))
    max_count = int(spec.get('max_count', min_count))
    if min_count > max_count:
        raise exception.BadRequest('min_count must be <= max_count')
    reservation_id = 'r-%s' % store.new_short_id()
    with store.lock:
        made = compute_servers.create_many(
            store, req.context, name, flavor_id, image_id, count=max_count,
            min_count=min_count, personality=spec.get('personality'),
            security_groups=groups, key_name=spec.get('key_name'),
            availability_zone=spec.get('availability_zone'),
            scheduler_hints=hints, networks=spec.get('networks'),
            block_devices={key: spec[key] for key in (
                'block_device_mapping_v2', 'block_device_mapping')
                if spec.get(key)},
            metadata=dict(spec['metadata']) if spec.get('metadata') else None,
            access_ipv4=spec.get('accessIPv4', ''),
            access_ipv6=_ipv6(spec.get('accessIPv6', '')),
            disk_config=spec.get('OS-DCF:diskConfig', 'MANUAL'),
            description=spec.get('description'),
            user_data=spec.get('user_data'),
            tags=server_metadata.unique(spec.get('tags') or ()) or None,
            trusted_certs=spec.get('trusted_image_certificates'),
            hostname=spec.get('hostname'),
            config_drive='True' if validation.to_bool(
                spec.get('config_drive', False)) else '',
            reservation_id=reservation_id)
        if validation.to_bool(spec.get('return_reservation_id', False)):
            return Response(202, {'reservation_id': reservation_id})
        server = made[0]
        admin_pass = spec.get('adminPass') or lifecycle.generate_password()
        out = {'id': server.id,
               'links': views.views.links(req, 'servers', server.id),
               'OS-DCF:diskConfig': server.disk_config,
               'security_groups': [{'name': n} for n in groups],
               'adminPass': admin_pass}
    location = out['links'][0]['href']
    return Response(202, {'server': out}, headers=[('Location', location)])


def _ipv6(address):
    """An IPv6 address as Nova stores it (compressed: ``::babe:dc0c:1602``).
    """
    if not address:
        return address
    try:
        return ipaddress.IPv6Address(address).compressed
    except ValueError:  # the schema let it through: keep it as given
        return address


_UPDATE_FIELDS = (('name', 'name'), ('description', 'description'),
                  ('OS-DCF:diskConfig', 'disk_config'),
                  ('accessIPv4', 'access_ipv4'),
                  ('accessIPv6', 'access_ipv6'), ('hostname', 'hostname'))


def _pin(server, zone):
    """Pin ``server`` to ``zone`` (its current one only) or unpin (None)."""
    if zone is None or zone == server.pinned_az:
        server.pinned_az = zone
        return
    if server.pinned_az is not None:
        raise exception.Conflict(
            'Cannot change pinned availability zone directly. Unpin first '
            'by setting pinned_availability_zone to null.')
    if zone != server.availability_zone:
        raise exception.Conflict(
            "Server can only be pinned to its current availability zone "
            "'%s', but '%s' was requested." % (server.availability_zone,
                                               zone))
    server.pinned_az = zone


def update(req):
    body = req.json_body()
    validation.validate(schemas.update(req.version), body)
    spec = body['server']
    with req.store.lock:
        server = req.store.get_server(req.urlvars['server_id'], req.context)
        req.authorize(servers_policies.UPDATE, _target(server))
        if 'pinned_availability_zone' in spec:  # 2.104
            _pin(server, spec['pinned_availability_zone'])
        for key, attr in _UPDATE_FIELDS:
            if key in spec:
                value = spec[key]
                if key == 'name':
                    value = value.strip()
                elif key == 'accessIPv6':
                    value = _ipv6(value)
                setattr(server, attr, value)
        server.touch()
        out = views.changed(req, server)
    return Response(200, {'server': out})


def delete(req):
    with req.store.lock:
        server = req.store.get_server(req.urlvars['server_id'], req.context,
                                      read=False)
        req.authorize(servers_policies.DELETE, _target(server))
        # With [DEFAULT] reclaim_instance_interval > 0 a launched server is
        # only soft-deleted ('restore' undoes it, 'forceDelete' ends it).
        soft = (req.store.reclaim_instance_interval > 0
                and server.launched_at is not None)
        lifecycle.perform(req.store, req.context, server,
                          'soft_delete' if soft else 'delete')
    return Response(204)
