"""GET /os-migrations: the migration records of the whole cloud.

Per microversion (see :mod:`fakenova.compute.api.views.migrations` for the
fields): before 2.59 the records come oldest first and unknown query
parameters are ignored; from 2.59 they come newest first (``created_at``,
then ``id``), page with ``limit`` and ``marker`` (a migration uuid) with a
``migrations_links`` next link, filter with ``changes-since`` (2.66:
``changes-before``) on ``updated_at``, and unknown parameters are a 400.
2.80 adds the ``user_id`` and ``project_id`` filters.

Policy, in Nova's order: ``index``; then ``index:all_projects`` unless the
caller asks for its own project (``project_id``, 2.80); ``index:host``
decides whether the host fields are filled in.
"""

import datetime
import itertools

from oslo_utils import timeutils

from fakenova.compute.api.schemas import migration_queries as query_schemas
from fakenova.compute.api import validation
from fakenova.compute.api import views as api_views
from fakenova.compute.api.views import migrations as views
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.policies import migrations as migration_policies

Response = wsgi.Response
MAX_LIMIT = api_views.MAX_LIMIT

# query parameter -> attribute of the record it must equal (``host``
# is handled apart: either end of the move).
_EQUALS = (
    ('status', 'status'),
    ('migration_type', 'kind'),
    ('instance_uuid', 'server_id'),
    ('user_id', 'user_id'),
    ('project_id', 'project_id'),
)
_EPOCH = datetime.datetime(1970, 1, 1)
_MICROSECOND = datetime.timedelta(microseconds=1)


def _micros(ts):
    """Seconds since the epoch -> microseconds, as the views round them."""
    return int(ts) * 1000000 + int(round((ts % 1) * 1e6)) % 1000000


def _time_param(opts, name):
    """A changes-* parameter in microseconds since the epoch (or None)."""
    value = opts.get(name)
    if value is None:
        return None
    moment = timeutils.normalize_time(timeutils.parse_isotime(value))
    return (moment - _EPOCH) // _MICROSECOND


def _options(req, schema):
    """{parameter: its last value} for the parameters ``schema`` knows.

    The others can only be there before 2.59, where Nova drops them.
    """
    params = req.params
    known = schema['properties']
    return {key: params.getall(key)[-1] for key in params.keys()
            if key in known}


def _selected(migration, opts, since, before):
    if since is not None or before is not None:
        updated = _micros(migration.updated)
        if since is not None and updated < since:
            return False
        if before is not None and updated > before:
            return False
    for param, attr in _EQUALS:
        if param in opts and getattr(migration, attr) != opts[param]:
            return False
    if 'host' in opts:
        if opts['host'] not in (migration.source_compute,
                                migration.dest_compute):
            return False
    elif ('source_compute' in opts
            and migration.source_compute != opts['source_compute']):
        return False
    # Only Nova's cross-cell moves leave hidden records; fakenova has none.
    if 'hidden' in opts and validation.to_bool(opts['hidden']):
        return False
    return True


def _marker_key(req, marker):
    """Where the page after the record with uuid ``marker`` starts.

    The marker may be any record, even one the filters leave out.
    """
    found = req.store.migrations.find(marker)
    if found is None:
        raise exception.BadRequest('Marker %s could not be found.' % marker)
    return (found.created, found.id)


def index(req):
    schema = query_schemas.schema(req.version)
    validation.validate_query(schema, validation.query_values(req.params))
    opts = _options(req, schema)
    req.authorize(migration_policies.INDEX)
    project_id = opts.get('project_id')
    if not project_id or project_id != req.context.project_id:
        req.authorize(migration_policies.INDEX_ALL_PROJECTS)
    with_hosts = req.authorize(migration_policies.INDEX_HOST, fatal=False)
    since = _time_param(opts, 'changes-since')
    before = _time_param(opts, 'changes-before')
    if since is not None and before is not None and before < since:
        raise exception.BadRequest(
            'The value of changes-since must be less than or equal to '
            'changes-before.')
    paged = req.version >= (2, 59)
    with req.store.lock:
        if paged:
            # Newest first: a walk of the records' index from the marker
            # that stops when the page is full (with filters, the records
            # they leave out are passed over one by one).
            req.store.settle_migrations()
            after = None
            if 'marker' in opts:
                after = _marker_key(req, opts['marker'])
            limit = min(int(opts.get('limit', MAX_LIMIT)), MAX_LIMIT)
            records = list(itertools.islice(
                (m for m in req.store.migrations.walk(after)
                 if _selected(m, opts, since, before)), limit))
        else:
            records = [m for m in req.store.list_migrations()
                       if _selected(m, opts, since, before)]
        body = {'migrations': [views.listed(req, m, with_hosts)
                               for m in records]}
    if paged:
        links = api_views.next_links(req, 'os-migrations', records,
                                     records[-1].uuid if records else None)
        if links:
            body['migrations_links'] = links
    return Response(200, body)
