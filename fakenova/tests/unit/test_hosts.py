"""/os-hosts (until 2.42) and the hypervisor routes Nova removed:
/os-hypervisors/statistics and /{id}/uptime (until 2.87),
/{pattern}/search and /{pattern}/servers (until 2.52); what the computes
use, summed from their servers' flavors.
"""

import os

from fakenova import policy_matrix
from fakenova.tests.unit import base
from fakenova.tests.unit import state

ADMIN = base.ADMIN
OWNER = base.OWNER
ALT = base.ALT
POLICY = "Policy doesn't allow %s to be performed."
NOT_FOUND = 'The resource could not be found.'
# Nova's flavors 1 (m1.tiny) and 3 (m1.medium): vcpus, ram, disk.
TINY = (1, 512, 1)
MEDIUM = (2, 4096, 40)


class HostsTestCase(base.APITestCase):

    def admin(self, method, path, body=None, version=None, token=ADMIN):
        return self.request(method, '/v2.1' + path, body, token=token,
                            version=version)

    def server_on(self, host, flavor='1', token=OWNER):
        """A server of ``token``'s project placed on ``host``."""
        for other in self.store.hosts:
            self.store.service_of(other).disabled = other != host
        try:
            server_id = self.create_server(token=token, flavorRef=flavor)
            self.assertEqual(host, self.show(server_id, token=ADMIN)[
                'OS-EXT-SRV-ATTR:host'])
        finally:
            for other in self.store.hosts:
                self.store.service_of(other).disabled = False
        return server_id


class OsHostsTest(HostsTestCase):

    def test_list(self):
        resp = self.admin('GET', '/os-hosts')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual([
            {'host_name': 'controller', 'service': 'conductor',
             'zone': 'internal'},
            {'host_name': 'controller', 'service': 'scheduler',
             'zone': 'internal'},
            {'host_name': 'compute1', 'service': 'compute', 'zone': 'nova'},
            {'host_name': 'compute2', 'service': 'compute', 'zone': 'nova'},
        ], resp.json['hosts'])
        internal = self.admin('GET', '/os-hosts?zone=internal').json['hosts']
        self.assertEqual({'internal'}, {h['zone'] for h in internal})
        self.assertEqual([], self.admin('GET', '/os-hosts?zone=nope').json[
            'hosts'])
        # Unknown parameters are ignored; disabled services are not listed.
        self.store.service_of('compute2').disabled = True
        hosts = self.admin('GET', '/os-hosts?foo=1').json['hosts']
        self.assertNotIn('compute2', [h['host_name'] for h in hosts])

    def test_removed_in_2_43(self):
        for method, path, body in (
                ('GET', '/os-hosts', None),
                ('GET', '/os-hosts/compute1', None),
                ('PUT', '/os-hosts/compute1', {'status': 'enable'}),
                ('GET', '/os-hosts/compute1/reboot', None),
                ('GET', '/os-hosts/compute1/shutdown', None),
                ('GET', '/os-hosts/compute1/startup', None)):
            self.assertEqual(200, self.admin(method, path, body,
                                             version='2.42').status)
            for version in ('2.43', 'latest'):
                self.assertFault(self.admin(method, path, body,
                                            version=version), 404, NOT_FOUND)

    def test_show_resources(self):
        self.server_on('compute1', '1')
        self.server_on('compute1', '3')
        self.server_on('compute1', '1', token=ALT)
        self.server_on('compute2', '3')
        resp = self.admin('GET', '/os-hosts/compute1')
        self.assertEqual(200, resp.status, resp.body)
        rows = [r['resource'] for r in resp.json['host']]
        self.assertEqual({'compute1'}, {r['host'] for r in rows})
        figures = {r['project']: (r['cpu'], r['memory_mb'], r['disk_gb'])
                   for r in rows}
        used = tuple(2 * t + m for t, m in zip(TINY, MEDIUM))
        self.assertEqual({
            '(total)': (64, 262144, 2048),
            # The compute node counts Nova's reserved host memory too.
            '(used_now)': (used[0], used[1] + 512, used[2]),
            '(used_max)': used,
            base.OWNER_PROJECT: tuple(t + m for t, m in zip(TINY, MEDIUM)),
            ALT.split(':')[1]: TINY,
        }, figures)
        self.assertEqual(['(total)', '(used_now)', '(used_max)',
                          base.OWNER_PROJECT, ALT.split(':')[1]],
                         [r['project'] for r in rows])
        # An idle host: only the three summary rows.
        self.store.add_host('idle')
        rows = self.admin('GET', '/os-hosts/idle').json['host']
        self.assertEqual((0, 512, 0), tuple(
            rows[1]['resource'][k] for k in ('cpu', 'memory_mb', 'disk_gb')))
        self.assertEqual(3, len(rows))

    def test_unknown_hosts(self):
        for host in ('nohost', 'controller'):
            message = "Host '%s' is not mapped to any cell" % host
            for method, path, body in (
                    ('GET', '', None), ('PUT', '', {'status': 'enable'}),
                    ('GET', '/reboot', None), ('GET', '/shutdown', None),
                    ('GET', '/startup', None)):
                self.assertFault(self.admin(
                    method, '/os-hosts/' + host + path, body), 404, message)

    def test_update_answers_and_changes_nothing(self):
        before = state.dump(self.cloud)
        for body, answer in (
                ({'status': 'enable'}, {'status': 'enabled'}),
                ({'status': 'DISABLE'}, {'status': 'disabled'}),
                ({'maintenance_mode': 'Enable'},
                 {'maintenance_mode': 'on_maintenance'}),
                ({'status': 'disable', 'maintenance_mode': 'disable'},
                 {'status': 'disabled',
                  'maintenance_mode': 'off_maintenance'})):
            resp = self.admin('PUT', '/os-hosts/compute1', body)
            self.assertEqual(200, resp.status, resp.body)
            self.assertEqual(dict(answer, host='compute1'), resp.json)
        self.assertEqual(before, state.dump(self.cloud))
        self.assertFault(self.admin('PUT', '/os-hosts/compute1', {}), 400,
                         '{} is not valid under any of the given schemas')
        self.assertFault(self.admin('PUT', '/os-hosts/compute1', {
            'status': 'bogus'}), 400, "Invalid input for field/attribute "
            "status. Value: bogus. 'bogus' is not one of ['enable', "
            "'disable', 'Enable', 'Disable', 'ENABLE', 'DISABLE']")
        self.assertFault(self.admin('PUT', '/os-hosts/compute1', {
            'status': 'enable', 'x': 1}), 400)

    def test_power_actions(self):
        for action in ('startup', 'shutdown', 'reboot'):
            resp = self.admin('GET', '/os-hosts/compute2/' + action)
            self.assertEqual(200, resp.status, resp.body)
            self.assertEqual({'host': 'compute2', 'power_action': action},
                             resp.json)

    def test_members_are_refused(self):
        for method, path, body, rule in (
                ('GET', '/os-hosts', None, 'list'),
                ('GET', '/os-hosts/compute1', None, 'show'),
                ('PUT', '/os-hosts/compute1', {'status': 'enable'},
                 'update'),
                ('GET', '/os-hosts/compute1/reboot', None, 'reboot'),
                ('GET', '/os-hosts/compute1/shutdown', None, 'shutdown'),
                ('GET', '/os-hosts/compute1/startup', None, 'start')):
            self.assertFault(self.admin(method, path, body, token=OWNER),
                             403, POLICY % ('os_compute_api:os-hosts:'
                                            + rule))
        # A bad body is refused before the rule.
        self.assertFault(self.admin('PUT', '/os-hosts/compute1', {},
                                    token=OWNER), 400)


class HypervisorStatisticsTest(HostsTestCase):

    def test_sums_over_enabled_computes(self):
        self.server_on('compute1', '3')
        self.server_on('compute2', '1')
        resp = self.admin('GET', '/os-hypervisors/statistics')
        self.assertEqual(200, resp.status, resp.body)
        stats = resp.json['hypervisor_statistics']
        used = tuple(t + m for t, m in zip(TINY, MEDIUM))
        self.assertEqual({
            'count': 2, 'vcpus': 128, 'memory_mb': 524288,
            'local_gb': 4096, 'vcpus_used': used[0],
            'memory_mb_used': used[1] + 1024, 'local_gb_used': used[2],
            'free_ram_mb': 524288 - used[1] - 1024,
            'free_disk_gb': 4096 - used[2],
            'disk_available_least': 4096 - used[2],
            'running_vms': 2, 'current_workload': 0}, stats)
        self.store.service_of('compute1').disabled = True
        stats = self.admin('GET', '/os-hypervisors/statistics').json[
            'hypervisor_statistics']
        self.assertEqual((1, 1, TINY[0]), (stats['count'],
                                           stats['running_vms'],
                                           stats['vcpus_used']))
        for host in self.store.hosts:
            self.store.service_of(host).disabled = True
        stats = self.admin('GET', '/os-hypervisors/statistics').json[
            'hypervisor_statistics']
        self.assertEqual({0}, set(stats.values()))

    def test_removed_in_2_88(self):
        self.assertEqual(200, self.admin('GET', '/os-hypervisors/statistics',
                                         version='2.87').status)
        self.assertFault(self.admin('GET', '/os-hypervisors/statistics',
                                    version='2.88'), 404, NOT_FOUND)
        self.assertFault(self.admin('GET', '/os-hypervisors/statistics',
                                    token=OWNER), 403,
                         POLICY % 'os_compute_api:os-hypervisors:statistics')


class HypervisorUptimeTest(HostsTestCase):

    def test_uptime_per_microversion(self):
        resp = self.admin('GET', '/os-hypervisors/1/uptime')
        self.assertEqual(200, resp.status, resp.body)
        body = resp.json['hypervisor']
        self.assertEqual({'id', 'hypervisor_hostname', 'state', 'status',
                          'uptime'}, set(body))
        self.assertEqual(1, body['id'])
        self.assertIn('load average', body['uptime'])
        listed = self.admin('GET', '/os-hypervisors',
                            version='2.53').json['hypervisors']
        resp = self.admin('GET', '/os-hypervisors/%s/uptime'
                          % listed[1]['id'], version='2.87')
        self.assertEqual(listed[1]['hypervisor_hostname'],
                         resp.json['hypervisor']['hypervisor_hostname'])
        self.assertFault(self.admin('GET', '/os-hypervisors/%s/uptime'
                                    % listed[1]['id'], version='2.88'),
                         404, NOT_FOUND)

    def test_refusals(self):
        for bad in ('abc', '99', '1.5'):
            self.assertFault(self.admin('GET', '/os-hypervisors/%s/uptime'
                                        % bad), 404,
                             "Hypervisor with ID '%s' could not be found."
                             % bad)
        self.assertFault(self.admin('GET', '/os-hypervisors/abc/uptime',
                                    version='2.53'), 400, 'Invalid uuid abc')
        missing = 'b5c0ffee-0000-4000-8000-000000000000'
        self.assertFault(self.admin('GET', '/os-hypervisors/%s/uptime'
                                    % missing, version='2.53'), 404,
                         "Hypervisor with ID '%s' could not be found."
                         % missing)
        self.store.service_of('compute1').forced_down = True
        self.assertFault(self.admin('GET', '/os-hypervisors/1/uptime'), 400,
                         'Compute service of compute1 is unavailable at '
                         'this time.')
        self.assertFault(self.admin('GET', '/os-hypervisors/1/uptime',
                                    token=OWNER), 403,
                         POLICY % 'os_compute_api:os-hypervisors:uptime')


class HypervisorShowTest(HostsTestCase):

    def test_ids_and_query(self):
        for bad in ('abc', '99'):
            self.assertFault(self.admin('GET', '/os-hypervisors/' + bad),
                             404, "Hypervisor with ID '%s' could not be "
                             "found." % bad)
        self.assertFault(self.admin('GET', '/os-hypervisors/1',
                                    version='2.53'), 400, 'Invalid uuid 1')
        # Any query before 2.53; then with_servers only, a boolean.
        self.assertEqual(200, self.admin(
            'GET', '/os-hypervisors/1?foo=1').status)
        node = self.admin('GET', '/os-hypervisors', version='2.53').json[
            'hypervisors'][0]['id']
        path = '/os-hypervisors/%s' % node
        self.assertEqual(200, self.admin(
            'GET', path + '?with_servers=yes', version='2.53').status)
        for query in ('?foo=1', '?with_servers=maybe',
                      '?with_servers=1&with_servers=0'):
            self.assertFault(self.admin('GET', path + query,
                                        version='2.53'), 400)


class HypervisorSearchTest(HostsTestCase):

    def names(self, resp):
        self.assertEqual(200, resp.status, resp.body)
        return [h['hypervisor_hostname'] for h in resp.json['hypervisors']]

    def test_search(self):
        both = ['compute1.example.com', 'compute2.example.com']
        self.assertEqual(both, self.names(self.admin(
            'GET', '/os-hypervisors/compute/search')))
        # SQL LIKE: any case, % and _ as wildcards.
        self.assertEqual(both, self.names(self.admin(
            'GET', '/os-hypervisors/COMP/search')))
        self.assertEqual(['compute2.example.com'], self.names(self.admin(
            'GET', '/os-hypervisors/e2.ex/search')))
        self.assertEqual(both, self.names(self.admin(
            'GET', '/os-hypervisors/comp_te%25ample/search')))
        resp = self.admin('GET', '/os-hypervisors/compute1/search')
        self.assertEqual({'id', 'hypervisor_hostname', 'state', 'status'},
                         set(resp.json['hypervisors'][0]))
        self.assertFault(self.admin('GET', '/os-hypervisors/zzz/search'),
                         404, "No hypervisor matching 'zzz' could be found.")
        self.assertFault(self.admin('GET', '/os-hypervisors/comp/search',
                                    version='2.53'), 404, NOT_FOUND)
        self.assertFault(self.admin('GET', '/os-hypervisors/comp/search',
                                    token=OWNER), 403,
                         POLICY % 'os_compute_api:os-hypervisors:search')

    def test_servers(self):
        first = self.server_on('compute2')
        second = self.server_on('compute2', token=ALT)
        resp = self.admin('GET', '/os-hypervisors/compute/servers')
        self.assertEqual(200, resp.status, resp.body)
        one, two = resp.json['hypervisors']
        self.assertNotIn('servers', one)  # none on compute1
        self.assertEqual([first, second], [s['uuid'] for s in two['servers']])
        self.assertEqual({'name', 'uuid'}, set(two['servers'][0]))
        self.assertTrue(two['servers'][0]['name'].startswith('instance-'))
        self.assertFault(self.admin('GET', '/os-hypervisors/zzz/servers'),
                         404, "No hypervisor matching 'zzz' could be found.")
        self.assertFault(self.admin('GET', '/os-hypervisors/comp/servers',
                                    version='2.53'), 404, NOT_FOUND)
        self.assertFault(self.admin('GET', '/os-hypervisors/comp/servers',
                                    token=OWNER), 403,
                         POLICY % 'os_compute_api:os-hypervisors:servers')

    def test_2_53_query_matches_like_the_old_routes(self):
        resp = self.admin('GET', '/os-hypervisors?hypervisor_hostname_'
                          'pattern=E2.EX', version='2.53')
        self.assertEqual(['compute2.example.com'], self.names(resp))

    def test_detail_figures_follow_the_servers(self):
        self.server_on('compute1', '3')
        resp = self.admin('GET', '/os-hypervisors/detail', version='2.87')
        node = resp.json['hypervisors'][0]
        self.assertEqual((MEDIUM[0], MEDIUM[1] + 512, MEDIUM[2], 1), (
            node['vcpus_used'], node['memory_mb_used'],
            node['local_gb_used'], node['running_vms']))
        resp = self.admin('GET', '/os-hypervisors/detail', version='2.88')
        self.assertNotIn('vcpus_used', resp.json['hypervisors'][0])


class MatrixTest(base.testtools.TestCase):

    def test_policy_matrix(self):
        cases = [c for c in policy_matrix.all_cases()
                 if 'os-hosts' in c.label or 'hypervisors/statistics'
                 in c.label or '/uptime' in c.label
                 or '{pattern}' in c.label]
        self.assertEqual(10, len(cases))
        for path in ('default', os.path.join(base.REPO, 'etc',
                                             'policy-rbac.yaml')):
            matrix = policy_matrix.matrix(path, cases=cases)
            for label, row in matrix.items():
                self.assertEqual('allowed', row.pop('admin'), label)
                self.assertEqual({'forbidden'}, set(row.values()), label)
