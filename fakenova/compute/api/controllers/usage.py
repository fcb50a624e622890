"""Usage reports: /os-simple-tenant-usage and /os-instance_usage_audit_log.

``GET /os-simple-tenant-usage`` (admins) lists every project's usage,
``/os-simple-tenant-usage/{tenant_id}`` one project's (its own users and
admins), as Nova answers them (see :mod:`fakenova.compute.usage`):

- the query is validated first (``limit`` a number from 2.40, unknown
  parameters refused from 2.75), then the rule is checked, then ``start``
  and ``end`` are read (Nova's formats, the first value of each; none is
  now; ``start`` must come before ``end``); ``end`` later than now is
  now;
- ``detailed=1`` lists each server's usage in the list (the show always
  does); from 2.40 the servers page with ``limit`` and ``marker`` (a
  server id) and a ``tenant_usages_links``/``tenant_usage_links`` next
  link when the page is full; before, the first 1000 servers count;
- a project without usage in the period shows an empty ``tenant_usage``.

``GET /os-instance_usage_audit_log`` and ``/{before_timestamp}`` (admins)
report the usage audit of the compute hosts for the last month before
now or the timestamp (``%Y-%m-%d %H:%M:%S[.%f]``).
"""

import urllib.parse

from fakenova.compute.api.schemas import usage as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import usage
from fakenova.policies import instance_usage_audit_log as audit_policies
from fakenova.policies import simple_tenant_usage as stu_policies

COLLECTION = 'os-simple-tenant-usage'


def _check_query(req, schema):
    try:
        values = req.webob.GET.dict_of_lists()
    except UnicodeDecodeError:
        raise exception.BadRequest('Query string is not UTF-8 encoded')
    validation.validate_query(schema, values)


def _period(req):
    """(start, stop, detailed, now) as Nova reads them from the raw query.

    Times in microseconds; ``stop`` is at most ``now``.
    """
    env = urllib.parse.parse_qs(req.environ.get('QUERY_STRING', ''))
    # Nova reads its clock for each default: a missing end is a moment
    # after a missing start.
    clock = usage.now_micros()
    start = usage.parse_time(env.get('start', [None])[0], clock)
    stop = usage.parse_time(env.get('end', [None])[0], clock + 1)
    if not start < stop:
        raise exception.BadRequest(
            'Invalid start time. The start time cannot occur after the end '
            'time.')
    detailed = env.get('detailed', ['0'])[0] == '1'
    # Nothing is billed past now (a future start then comes after the
    # stop, as in Nova).
    now = max(usage.now_micros(), clock + 1)
    return start, min(stop, now), detailed, now


def _page(req):
    """(limit, marker): from 2.40 the request's, else the first 1000."""
    if req.version < (2, 40):
        return views.MAX_LIMIT, None
    return views.limit_of(req), req.params.get('marker')


def _report(req, project_id, detailed):
    start, stop, detailed_asked, now = _period(req)
    limit, marker = _page(req)
    with req.store.lock:
        servers = usage.servers_in(req.store, start, stop, project_id,
                                   limit, marker)
        return usage.tenant_usages(
            req.store, servers, start, stop, now,
            detailed=detailed if detailed is not None else detailed_asked)


def _links(req, path, entries):
    if req.version < (2, 40):
        return None
    return views.next_links(req, path, entries,
                            entries[-1]['instance_id'] if entries else None)


def index(req):
    """GET /os-simple-tenant-usage"""
    _check_query(req, schemas.index_query(req.version))
    req.authorize(stu_policies.LIST)
    usages, entries = _report(req, None, None)
    body = {'tenant_usages': usages}
    links = _links(req, COLLECTION, entries)
    if links:
        body['tenant_usages_links'] = links
    return wsgi.Response(200, body)


def show(req):
    """GET /os-simple-tenant-usage/{tenant_id}"""
    _check_query(req, schemas.show_query(req.version))
    project_id = req.path_param('tenant_id')
    req.authorize(stu_policies.SHOW, {'project_id': project_id})
    usages, entries = _report(req, project_id, True)
    body = {'tenant_usage': usages[0] if usages else {}}
    links = _links(req, '%s/%s' % (COLLECTION, project_id), entries)
    if links:
        body['tenant_usage_links'] = links
    return wsgi.Response(200, body)


def audit_index(req):
    """GET /os-instance_usage_audit_log"""
    _check_query(req, schemas.audit_query(req.version))
    req.authorize(audit_policies.LIST, {})
    with req.store.lock:
        log = usage.audit_log(req.store)
    return wsgi.Response(200, {'instance_usage_audit_logs': log})


def audit_show(req):
    """GET /os-instance_usage_audit_log/{before_timestamp}"""
    _check_query(req, schemas.audit_query(req.version))
    req.authorize(audit_policies.SHOW, {})
    before = usage.parse_before(req.path_param('before_timestamp'))
    with req.store.lock:
        log = usage.audit_log(req.store, before)
    return wsgi.Response(200, {'instance_usage_audit_log': log})
