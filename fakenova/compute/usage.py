"""Usage reports: simple tenant usage and the instance usage audit log.

No HTTP here: the controllers parse the request and render the results.

Simple tenant usage (Nova's ``os-simple-tenant-usage``) bills each
server that was running during a period from its lifetime: from its
``launched_at`` (a server never launched costs nothing) to its
``terminated_at`` (deleted servers count while their records are kept,
see :data:`fakenova.compute.store.KEEP_DELETED_SERVERS`), clipped to the
period, in hours; a project's totals multiply those hours by the
flavor's memory, vCPUs and disk (root plus ephemeral). Servers are
listed, and paged, by project then id, as Nova's database query orders
them.

The audit log reports Nova's ``instance_usage_audit`` periodic task on
each compute host for the last completed audit period (a month, Nova's
default ``instance_usage_audit_period``). Nova does not run that task
unless ``[DEFAULT] instance_usage_audit`` is set, and its default is
off: no host has run it, every compute service (disabled ones too) is
listed as not run.
"""

import datetime
import heapq
import itertools

from fakenova.common import times
from fakenova.compute import exception

# The formats Nova's usage API accepts for ``start`` and ``end``.
TIME_FORMATS = ('%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f',
                '%Y-%m-%d %H:%M:%S.%f')
_SHOWN = '%Y-%m-%dT%H:%M:%S.%f'
_MICROS = 1000000
_EPOCH = datetime.datetime(1970, 1, 1)


def now_micros():
    """Now, in whole microseconds since the epoch (as Nova's clock)."""
    return times.micros_of(datetime.datetime.utcnow())


def parse_time(text, now):
    """``start`` or ``end`` of a usage request, in microseconds.

    Empty or missing is ``now``; anything not in one of Nova's
    :data:`TIME_FORMATS` is Nova's 400.
    """
    if not text:
        return now
    for fmt in TIME_FORMATS:
        try:
            when = datetime.datetime.strptime(text, fmt)
        except (TypeError, ValueError):
            continue
        return times.micros_of(when)
    raise exception.BadRequest(
        'Invalid datetime string: Datetime is in invalid format')


def show_time(micros):
    """2020-01-01T00:00:00.000000, as Nova shows these times."""
    return (_EPOCH + datetime.timedelta(microseconds=micros)).strftime(
        _SHOWN)


def _micros(timestamp):
    return None if timestamp is None else times.micros(timestamp)


def _active_in(server, begin, end):
    """Does Nova's window query select ``server`` (launched, not gone)?"""
    launched = _micros(server.launched_at)
    terminated = _micros(server.terminated_at)
    return (launched is not None and launched < end
            and (terminated is None or terminated > begin))


def find_marker(store, marker):
    """The server, deleted or not, a page starts after.

    Nova's 400 if no record of it is kept.
    """
    server = store.servers.get(marker) or store.deleted_servers.get(marker)
    if server is None:
        raise exception.BadRequest('Marker %s could not be found.' % marker)
    return server


def _every_server(store, project_id):
    """The servers, deleted ones kept included, of a project (or all): an
    iterator (one pass; one project's walks only that project's live
    servers, and the deleted records kept, at most
    ``keep_deleted_servers``).

    A transition already due settles first; a report is no read of the
    servers (``polls`` pacing counts nothing).
    """
    store.settle_pending(project_id, read=False)
    if project_id is None:
        return itertools.chain(store.servers.values(),
                               store.deleted_servers.values())
    return itertools.chain(
        store.servers.in_project(project_id),
        (server for server in store.deleted_servers.values()
         if server.project_id == project_id))


def _order(server):
    return (server.project_id, server.id)


def servers_in(store, begin, end, project_id=None, limit=None,
               marker=None):
    """The servers active between ``begin`` and ``end`` (microseconds).

    Ordered by (project, id) as Nova's query; ``marker`` (a server id)
    starts the page after it, ``limit`` ends it. Hold the lock. One pass
    over the servers, keeping the ``limit`` first (no sort of them all).
    """
    after = None
    if marker is not None:
        found = find_marker(store, marker)
        after = _order(found)
    selected = (server for server in _every_server(store, project_id)
                if _active_in(server, begin, end))
    if after is not None:
        selected = (server for server in selected
                    if _order(server) > after)
    if limit is not None:
        # As sorted(...)[:limit] (the keys are unique).
        return heapq.nsmallest(limit, selected, key=_order)
    return sorted(selected, key=_order)


def _hours(server, begin, end):
    launched = _micros(server.launched_at)
    terminated = _micros(server.terminated_at)
    if terminated is not None and terminated < begin:
        return 0
    if launched is None or launched > end:
        return 0
    start = max(launched, begin)
    stop = min(end, terminated) if terminated is not None else end
    return (stop - start) / _MICROS / 3600.0


def server_usage(store, server, begin, end, now):
    """One ``server_usages`` entry, keys in Nova's order."""
    flavor = store.flavor_of(server)
    info = {'hours': _hours(server, begin, end),
            'flavor': flavor.name if flavor is not None else '',
            'instance_id': server.id, 'name': server.name,
            'tenant_id': server.project_id}
    if flavor is not None:
        info.update(memory_mb=flavor.ram,
                    local_gb=flavor.disk + (flavor.ephemeral or 0),
                    vcpus=flavor.vcpus)
    started = _micros(server.launched_at)
    ended = _micros(server.terminated_at)
    info['started_at'] = show_time(started)
    info['ended_at'] = show_time(ended) if ended is not None else None
    info['state'] = 'terminated' if ended is not None else server.vm_state
    info['uptime'] = int(((ended if ended is not None else now) - started)
                         / _MICROS)
    return info


def tenant_usages(store, servers, begin, end, now, detailed=True):
    """([a summary per project, in order], [every server's entry])."""
    summaries = {}
    entries = []
    for server in servers:
        info = server_usage(store, server, begin, end, now)
        summary = summaries.get(info['tenant_id'])
        if summary is None:
            summary = {'tenant_id': info['tenant_id']}
            if detailed:
                summary['server_usages'] = []
            summary.update(total_local_gb_usage=0, total_vcpus_usage=0,
                           total_memory_mb_usage=0, total_hours=0,
                           start=show_time(begin), stop=show_time(end))
            summaries[info['tenant_id']] = summary
        hours = info['hours']
        summary['total_local_gb_usage'] += info.get('local_gb', 0) * hours
        summary['total_vcpus_usage'] += info.get('vcpus', 0) * hours
        summary['total_memory_mb_usage'] += info.get('memory_mb', 0) * hours
        summary['total_hours'] += hours
        entries.append(info)
        if detailed:
            summary['server_usages'].append(info)
    return list(summaries.values()), entries


# -- the instance usage audit log ----------------------------------------

def _month_before(when):
    return (when.year - 1, 12) if when.month == 1 else (when.year,
                                                        when.month - 1)


def last_audit_period(before=None):
    """(begin, end) of the last month completed before ``before`` (now).

    Nova's ``last_completed_audit_period`` with its default unit.
    """
    rightnow = before if before is not None else datetime.datetime.utcnow()
    end = datetime.datetime(rightnow.year, rightnow.month, 1)
    if end >= rightnow:
        year, month = _month_before(rightnow)
        end = datetime.datetime(year, month, 1)
    year, month = _month_before(end)
    return datetime.datetime(year, month, 1), end


def parse_before(text):
    """The ``before_timestamp`` of the URL; Nova's 400 if not one."""
    fmt = '%Y-%m-%d %H:%M:%S.%f' if '.' in text else '%Y-%m-%d %H:%M:%S'
    try:
        return datetime.datetime.strptime(text, fmt)
    except ValueError:
        raise exception.BadRequest('Invalid timestamp for date %s' % text)


def audit_log(store, before=None):
    """Nova's audit log body for the period before ``before`` (now).

    No host has run the audit (it is off, see the module's docstring):
    no task logs, every compute host not run, nothing done.
    """
    begin, end = last_audit_period(before)
    hosts = sorted({service.host for service in store.services.values()})
    return {
        'period_beginning': str(begin),
        'period_ending': str(end),
        'num_hosts': len(hosts),
        'num_hosts_done': 0,
        'num_hosts_running': 0,
        'num_hosts_not_run': len(hosts),
        'hosts_not_run': hosts,
        'total_instances': 0,
        'total_errors': 0,
        # Nova says ALL when as many hosts are done as there are hosts.
        'overall_status': '%s hosts done. 0 errors.' % (
            'ALL' if not hosts else '0 of %s' % len(hosts)),
        'log': {},
    }
