"""/os-simple-tenant-usage and /os-instance_usage_audit_log.

The bodies, messages and orders are the ones Nova 34 answered for the
same requests (see the oracle notes in the usage helper's report).
"""

import calendar
import datetime

import jsonschema
from tempest.lib.api_schema.response.compute.v2_1 import (
    instance_usage_audit_logs as audit_schemas)
from tempest.lib.api_schema.response.compute.v2_1 import tenant_usages

from fakenova.compute import usage
from fakenova.tests.unit import base

ADMIN = base.ADMIN
OWNER = base.OWNER
ALT = base.ALT
PROJECT = base.OWNER_PROJECT
ALT_PROJECT = '9f8e7d6c'
USAGE = '/v2.1/os-simple-tenant-usage'
AUDIT = '/v2.1/os-instance_usage_audit_log'
POLICY = "Policy doesn't allow os_compute_api:%s to be performed."
# A day in 2020 the servers of these tests live in.
DAY = '2020-01-01T00:00:00'
WINDOW = 'start=2020-01-01T06:00:00&end=2020-01-02T00:00:00'


def epoch(text):
    return calendar.timegm(datetime.datetime.strptime(
        text, '%Y-%m-%dT%H:%M:%S').timetuple())


class UsageTestCase(base.APITestCase):

    def create(self, name='vm', token=OWNER, flavor='1', launched=DAY):
        resp = self.request('POST', '/v2.1/servers', {'server': {
            'name': name, 'flavorRef': flavor, 'imageRef': base.IMAGE}},
            token=token)
        self.assertEqual(202, resp.status, resp.body)
        server = self.store.servers[resp.json['server']['id']]
        self.store.settle(server)  # launched now, ACTIVE
        if launched is not None:
            server.launched_at = epoch(launched)
        return server

    def delete(self, server, when):
        resp = self.request('DELETE', '/v2.1/servers/' + server.id,
                            token=ADMIN)
        self.assertEqual(204, resp.status, resp.body)
        self.store.settle(server)
        self.store.deleted_servers[server.id].terminated_at = epoch(when)

    def usage(self, path='', query=WINDOW, token=ADMIN, version=None,
              status=200):
        resp = self.get(USAGE + path, query=query, token=token,
                        version=version)
        self.assertEqual(status, resp.status, resp.body)
        return resp.json


class ListTest(UsageTestCase):

    def test_totals_per_project(self):
        tiny = self.create('tiny')
        small = self.create('small', flavor='2')
        self.create('alts', token=ALT, flavor='3')
        body = self.usage()
        mine, alts = body['tenant_usages']
        self.assertEqual([PROJECT, ALT_PROJECT],
                         [mine['tenant_id'], alts['tenant_id']])
        # 18 hours each in the window (launched before it).
        self.assertEqual(36, mine['total_hours'])
        self.assertEqual(18 * (512 + 2048), mine['total_memory_mb_usage'])
        self.assertEqual(18 * 2, mine['total_vcpus_usage'])
        self.assertEqual(18 * (1 + 20), mine['total_local_gb_usage'])
        self.assertEqual(18 * 4096, alts['total_memory_mb_usage'])
        self.assertEqual('2020-01-01T06:00:00.000000', mine['start'])
        self.assertEqual('2020-01-02T00:00:00.000000', mine['stop'])
        # Not detailed unless asked.
        self.assertNotIn('server_usages', mine)
        self.assertEqual(
            ['tenant_id', 'total_local_gb_usage', 'total_vcpus_usage',
             'total_memory_mb_usage', 'total_hours', 'start', 'stop'],
            list(mine))
        detailed = self.usage(query=WINDOW + '&detailed=1')
        entries = detailed['tenant_usages'][0]['server_usages']
        self.assertEqual(sorted([tiny.id, small.id]),
                         [e['instance_id'] for e in entries])
        entry = next(e for e in entries if e['instance_id'] == tiny.id)
        self.assertEqual({
            'hours': 18.0, 'flavor': 'm1.tiny', 'instance_id': tiny.id,
            'name': 'tiny', 'tenant_id': PROJECT, 'memory_mb': 512,
            'local_gb': 1, 'vcpus': 1,
            'started_at': '2020-01-01T00:00:00.000000', 'ended_at': None,
            'state': 'active'}, {k: v for k, v in entry.items()
                                 if k != 'uptime'})
        self.assertEqual(list(entry)[:5], ['hours', 'flavor', 'instance_id',
                                           'name', 'tenant_id'])
        self.assertGreater(entry['uptime'], 3600 * 24 * 365 * 5)
        for version in ('2.1', '2.40'):
            jsonschema.validate(self.usage(query=WINDOW + '&detailed=1',
                                           version=version),
                                tenant_usages.list_tenant_usage)

    def test_lifetimes_clipped_to_the_window(self):
        self.create('before', launched='2020-01-01T00:00:00')
        self.create('inside', launched='2020-01-01T12:30:00')
        self.create('after', launched='2020-01-03T00:00:00')
        self.create('never', launched=None).launched_at = None
        gone_early = self.create('gone-early')
        self.delete(gone_early, '2020-01-01T05:00:00')
        gone = self.create('gone')
        self.delete(gone, '2020-01-01T08:00:00')
        entries = {e['name']: e for e in self.usage(
            query=WINDOW + '&detailed=1')['tenant_usages'][0][
                'server_usages']}
        self.assertEqual({'before', 'inside', 'gone'}, set(entries))
        self.assertEqual(18, entries['before']['hours'])
        self.assertEqual(11.5, entries['inside']['hours'])
        self.assertEqual(2, entries['gone']['hours'])
        # A deleted server is terminated, its uptime its whole life.
        self.assertEqual('terminated', entries['gone']['state'])
        self.assertEqual('2020-01-01T08:00:00.000000',
                         entries['gone']['ended_at'])
        self.assertEqual(8 * 3600, entries['gone']['uptime'])
        self.assertEqual(gone.id, entries['gone']['instance_id'])

    def test_a_deleted_flavor_still_bills(self):
        # Nova bills from the flavor embedded in the instance: deleting
        # the flavor (tempest does, while others list usage) changes
        # nothing, for a live server or a deleted one.
        resp = self.request('POST', '/v2.1/flavors', {'flavor': {
            'name': 'short-lived', 'ram': 1024, 'vcpus': 3, 'disk': 5,
            'id': 'sl'}}, token=ADMIN)
        self.assertEqual(200, resp.status, resp.body)
        live = self.create('live', flavor='sl')
        gone = self.create('gone', flavor='sl')
        self.delete(gone, '2020-01-01T12:00:00')
        resp = self.request('DELETE', '/v2.1/flavors/sl', token=ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        body = self.usage(query=WINDOW + '&detailed=1')
        jsonschema.validate(body, tenant_usages.list_tenant_usage[
            'response_body'])
        entries = {e['instance_id']: e
                   for e in body['tenant_usages'][0]['server_usages']}
        for server in (live, gone):
            self.assertEqual(('short-lived', 1024, 3, 5), tuple(
                entries[server.id][k]
                for k in ('flavor', 'memory_mb', 'vcpus', 'local_gb')))
        self.assertEqual((18 + 6) * 3, body['tenant_usages'][0][
            'total_vcpus_usage'])

    def test_state_is_the_vm_state(self):
        server = self.create()
        resp = self.request('POST', '/v2.1/servers/%s/action' % server.id,
                            {'os-stop': None})
        self.assertEqual(202, resp.status)
        entry = self.usage(query=WINDOW + '&detailed=1')[
            'tenant_usages'][0]['server_usages'][0]
        self.assertEqual('stopped', entry['state'])

    def test_a_rebuild_launches_again(self):
        # Nova stamps launched_at when it spawns the guest again: the usage
        # starts over (the hours before are no longer billed).
        server = self.create()
        resp = self.request('POST', '/v2.1/servers/%s/action' % server.id,
                            {'rebuild': {'imageRef': base.IMAGE}})
        self.assertEqual(202, resp.status, resp.body)
        self.store.settle(server)
        entry = self.usage(query='start=' + DAY + '&detailed=1')[
            'tenant_usages'][0]['server_usages'][0]
        self.assertLess(entry['hours'], 0.01)
        self.assertGreater(entry['started_at'], '2026')

    def test_end_in_the_future_is_now(self):
        self.create()
        body = self.usage(query='start=2020-01-01T00:00:00&'
                                'end=2999-01-01T00:00:00')
        stop = datetime.datetime.strptime(body['tenant_usages'][0]['stop'],
                                          '%Y-%m-%dT%H:%M:%S.%f')
        self.assertLess(stop, datetime.datetime.utcnow()
                        + datetime.timedelta(seconds=1))
        self.assertGreater(stop, datetime.datetime(2026, 1, 1))

    def test_default_period_is_now(self):
        # No start and no end: an empty moment (no server launched in it
        # is billed, running ones are listed with ~0 hours).
        self.create()
        body = self.usage(query=None)
        self.assertEqual(1, len(body['tenant_usages']))
        self.assertLess(body['tenant_usages'][0]['total_hours'], 0.001)
        # Blank values are missing ones.
        self.assertEqual(1, len(self.usage(query='start=&end=')[
            'tenant_usages']))

    def test_time_formats(self):
        self.create()
        for start in ('2020-01-01T06:00:00', '2020-01-01T06:00:00.000000',
                      '2020-01-01 06:00:00.0'):
            body = self.usage(query='start=%s&end=2020-01-02T00:00:00'
                              % start)
            self.assertEqual(18, body['tenant_usages'][0]['total_hours'])
        for bad in ('2020-01-01', '2020-01-01 06:00:00', 'bad',
                    '2020-01-01T06:00:00Z'):
            for name in ('start', 'end'):
                body = self.usage(query='%s=%s' % (name, bad), status=400)
                self.assertEqual(
                    'Invalid datetime string: Datetime is in invalid format',
                    body['badRequest']['message'])

    def test_start_must_come_before_end(self):
        for query in ('start=2020-01-02T00:00:00&end=2020-01-01T00:00:00',
                      'start=2020-01-01T00:00:00&end=2020-01-01T00:00:00'):
            for path in ('', '/' + PROJECT):
                body = self.usage(path, query=query, status=400)
                self.assertEqual(
                    'Invalid start time. The start time cannot occur after '
                    'the end time.', body['badRequest']['message'])

    def test_only_admins_list(self):
        for token in (OWNER, ALT):
            body = self.usage(token=token, status=403)
            self.assertEqual(POLICY % 'os-simple-tenant-usage:list',
                             body['forbidden']['message'])
        # The rule comes before reading the times.
        self.usage(token=OWNER, query='start=bad', status=403)

    def test_query_strict_from_275(self):
        self.usage(query=WINDOW + '&foo=1', version='2.74')
        body = self.usage(query=WINDOW + '&foo=1', version='2.75',
                          status=400)
        self.assertEqual("Additional properties are not allowed ('foo' was "
                         "unexpected)", body['badRequest']['message'])
        # Validated before the rule.
        self.usage(query='foo=1', version='2.75', token=OWNER, status=400)


class PagingTest(UsageTestCase):

    def setUp(self):
        super().setUp()
        self.servers = [self.create('vm%d' % n) for n in range(3)]
        self.alts = self.create('alt', token=ALT)
        self.ordered = sorted(s.id for s in self.servers) + [self.alts.id]

    def ids(self, body, key='tenant_usages'):
        usages = body[key] if key == 'tenant_usages' else [body[key]]
        return [e['instance_id'] for u in usages
                for e in u.get('server_usages', ())]

    def test_limit_and_marker(self):
        query = WINDOW + '&detailed=1&limit=2'
        first = self.usage(query=query, version='2.40')
        self.assertEqual(self.ordered[:2], self.ids(first))
        link = first['tenant_usages_links'][0]
        self.assertEqual('next', link['rel'])
        self.assertIn('marker=' + self.ordered[1], link['href'])
        self.assertIn('/v2.1/os-simple-tenant-usage?', link['href'])
        second = self.usage(query=query + '&marker=' + self.ordered[1],
                            version='2.40')
        self.assertEqual(self.ordered[2:], self.ids(second))
        # A full page links on even when nothing follows.
        self.assertIn('tenant_usages_links', second)
        last = self.usage(query=query + '&marker=' + self.ordered[3],
                          version='2.40')
        self.assertEqual({'tenant_usages': []}, last)

    def test_show_pages_too(self):
        query = WINDOW + '&limit=1'
        body = self.usage('/' + PROJECT, query=query, version='2.40')
        self.assertEqual(self.ordered[:1], self.ids(body, 'tenant_usage'))
        self.assertIn('/v2.1/os-simple-tenant-usage/%s?' % PROJECT,
                      body['tenant_usage_links'][0]['href'])
        # No paging (nor links) before 2.40.
        body = self.usage('/' + PROJECT, query=query, version='2.39')
        self.assertEqual(3, len(self.ids(body, 'tenant_usage')))
        self.assertEqual(['tenant_usage'], list(body))

    def test_marker_of_a_deleted_server(self):
        self.delete(self.servers[0], '2019-06-01T00:00:00')
        body = self.usage(query=WINDOW + '&detailed=1&marker=%s'
                          % self.servers[0].id, version='2.40')
        after = self.ordered.index(self.servers[0].id) + 1
        self.assertEqual(self.ordered[after:], self.ids(body))

    def test_bad_paging(self):
        body = self.usage(query=WINDOW + '&marker=nope', version='2.40',
                          status=400)
        self.assertEqual('Marker nope could not be found.',
                         body['badRequest']['message'])
        body = self.usage(query=WINDOW + '&limit=-1', version='2.40',
                          status=400)
        self.assertEqual("Invalid input for query parameters limit. Value: "
                         "-1. '-1' does not match '^[0-9]*$'",
                         body['badRequest']['message'])
        # Before 2.40 both are ignored.
        self.usage(query=WINDOW + '&marker=nope&limit=-1', version='2.39')

    def test_limit_zero(self):
        self.assertEqual({'tenant_usages': []}, self.usage(
            query=WINDOW + '&limit=0', version='2.40'))


class ShowTest(UsageTestCase):

    def test_own_project(self):
        server = self.create()
        self.create(token=ALT)
        for token in (OWNER, ADMIN):
            body = self.usage('/' + PROJECT, token=token)
            usage_ = body['tenant_usage']
            self.assertEqual(PROJECT, usage_['tenant_id'])
            self.assertEqual([server.id], [e['instance_id'] for e in
                                           usage_['server_usages']])
            jsonschema.validate(body, tenant_usages.get_tenant_usage)

    def test_another_project(self):
        self.create(token=ALT)
        body = self.usage('/' + ALT_PROJECT, token=OWNER, status=403)
        self.assertEqual(POLICY % 'os-simple-tenant-usage:show',
                         body['forbidden']['message'])

    def test_no_usage_is_empty(self):
        self.assertEqual({'tenant_usage': {}}, self.usage('/nope'))
        self.assertEqual({'tenant_usage': {}},
                         self.usage('/' + PROJECT, version='2.40'))


class AuditLogTest(base.APITestCase):

    def test_last_month(self):
        self.assertEqual(
            (datetime.datetime(2020, 2, 1), datetime.datetime(2020, 3, 1)),
            usage.last_audit_period(datetime.datetime(2020, 3, 15, 10)))
        # The month that ends at the very moment is not completed yet.
        self.assertEqual(
            (datetime.datetime(2020, 1, 1), datetime.datetime(2020, 2, 1)),
            usage.last_audit_period(datetime.datetime(2020, 3, 1)))
        self.assertEqual(
            (datetime.datetime(2019, 11, 1),
             datetime.datetime(2019, 12, 1)),
            usage.last_audit_period(datetime.datetime(2020, 1, 1)))
        self.assertEqual(
            (datetime.datetime(2019, 12, 1), datetime.datetime(2020, 1, 1)),
            usage.last_audit_period(datetime.datetime(2020, 1, 5)))

    def test_index(self):
        resp = self.get(AUDIT, token=ADMIN)
        self.assertEqual(200, resp.status, resp.body)
        log = resp.json['instance_usage_audit_logs']
        begin, end = usage.last_audit_period()
        self.assertEqual({
            'period_beginning': str(begin), 'period_ending': str(end),
            'num_hosts': 2, 'num_hosts_done': 0, 'num_hosts_running': 0,
            'num_hosts_not_run': 2, 'hosts_not_run': ['compute1', 'compute2'],
            'total_instances': 0, 'total_errors': 0,
            'overall_status': '0 of 2 hosts done. 0 errors.', 'log': {}},
            log)
        jsonschema.validate(
            resp.json,
            audit_schemas.list_instance_usage_audit_log['response_body'])

    def test_show_before(self):
        self.store.add_host('compute3')
        for stamp, begin in (('2020-03-15 10:00:00', '2020-02-01 00:00:00'),
                             ('2020-03-15 10:00:00.5', '2020-02-01 00:00:00'),
                             ('2020-03-01 00:00:00', '2020-01-01 00:00:00')):
            resp = self.get(AUDIT + '/' + stamp, token=ADMIN)
            self.assertEqual(200, resp.status, resp.body)
            log = resp.json['instance_usage_audit_log']
            self.assertEqual(begin, log['period_beginning'])
            self.assertEqual(3, log['num_hosts_not_run'])
            self.assertEqual('0 of 3 hosts done. 0 errors.',
                             log['overall_status'])
            jsonschema.validate(resp.json, audit_schemas.
                                get_instance_usage_audit_log['response_body'])

    def test_bad_timestamp(self):
        for stamp in ('bad', '2020-03-15', '2020-03-15T10:00:00',
                      '2020-03-15 10:00:00.x'):
            resp = self.get(AUDIT + '/' + stamp, token=ADMIN)
            self.assertEqual(400, resp.status, resp.body)
            self.assertEqual('Invalid timestamp for date %s' % stamp,
                             resp.json['badRequest']['message'])

    def test_admins_only(self):
        for path, rule in (('', 'list'), ('/bad', 'show')):
            resp = self.get(AUDIT + path, token=OWNER)
            self.assertEqual(403, resp.status, resp.body)
            self.assertEqual(
                POLICY % ('os-instance-usage-audit-log:' + rule),
                resp.json['forbidden']['message'])

    def test_query_strict_from_2102(self):
        self.assertEqual(200, self.get(AUDIT, token=ADMIN, query='x=1',
                                       version='2.101').status)
        resp = self.get(AUDIT, token=ADMIN, query='x=1', version='2.102')
        self.assertEqual(400, resp.status, resp.body)


class PacingTest(UsageTestCase):

    app_conf = {'pacing': 'polls', 'polls': 1}

    def test_a_report_is_no_read(self):
        resp = self.request('POST', '/v2.1/servers', {'server': {
            'name': 'vm', 'flavorRef': '1', 'imageRef': base.IMAGE}})
        server_id = resp.json['server']['id']
        # Still building: not launched, not billed; the build stays
        # visible to the next read of the server.
        self.assertEqual({'tenant_usages': []}, self.usage(query=None))
        show = self.get('/v2.1/servers/' + server_id)
        self.assertEqual('BUILD', show.json['server']['status'])
        show = self.get('/v2.1/servers/' + server_id)
        self.assertEqual('ACTIVE', show.json['server']['status'])
        body = self.usage(query='start=2020-01-01T00:00:00&detailed=1')
        self.assertEqual([server_id], [
            e['instance_id']
            for e in body['tenant_usages'][0]['server_usages']])
