"""/os-aggregates and the zones aggregates make, as Nova 34 answers."""

import os
import tempfile

from fakenova.control import seed
from fakenova.fixture import FakeNova
from fakenova import policy_matrix
from fakenova.tests.unit import base
from fakenova.tests.unit import state
from fakenova.tests.unit import test_control

ADMIN = base.ADMIN
OWNER = base.OWNER
PATH = '/v2.1/os-aggregates'
POLICY = "Policy doesn't allow %s to be performed."
BRIEF_KEYS = {'id', 'name', 'created_at', 'updated_at', 'deleted_at',
              'deleted', 'availability_zone'}
FULL_KEYS = BRIEF_KEYS | {'hosts', 'metadata'}


class AggregatesTestCase(base.APITestCase):

    def send(self, method, path='', body=None, token=ADMIN, version=None,
             **kw):
        return self.request(method, PATH + path, body, token=token,
                            version=version, **kw)

    def create(self, name='agg1', zone=None, version=None):
        spec = {'name': name}
        if zone is not None:
            spec['availability_zone'] = zone
        resp = self.send('POST', body={'aggregate': spec}, version=version)
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['aggregate']

    def act(self, aggregate_id, body, token=ADMIN, version=None):
        return self.send('POST', '/%s/action' % aggregate_id, body,
                         token=token, version=version)

    def add(self, aggregate_id, host):
        resp = self.act(aggregate_id, {'add_host': {'host': host}})
        self.assertEqual(200, resp.status, resp.body)
        return resp.json['aggregate']

    def zones_of_services(self):
        resp = self.get('/v2.1/os-services', token=ADMIN)
        return {s['host']: s['zone'] for s in resp.json['services']}

    def assertUnchanged(self, before):
        self.assertEqual(before, state.dump(self.cloud))


class CrudTest(AggregatesTestCase):

    def test_create_per_microversion(self):
        agg = self.create('agg1', 'az1')
        self.assertEqual(BRIEF_KEYS, set(agg))
        self.assertEqual(('agg1', 'az1', None, False),
                         (agg['name'], agg['availability_zone'],
                          agg['updated_at'], agg['deleted']))
        agg2 = self.create('agg2', version='2.41')
        self.assertEqual(BRIEF_KEYS | {'uuid'}, set(agg2))
        self.assertIsNone(agg2['availability_zone'])
        self.assertEqual(agg['id'] + 1, agg2['id'])
        resp = self.send('GET', '/%d' % agg['id'])
        self.assertEqual(FULL_KEYS, set(resp.json['aggregate']))
        self.assertEqual({'availability_zone': 'az1'},
                         resp.json['aggregate']['metadata'])
        self.assertEqual([], resp.json['aggregate']['hosts'])
        resp = self.send('GET', '/%d' % agg2['id'], version='2.41')
        self.assertEqual(agg2['uuid'], resp.json['aggregate']['uuid'])
        listed = self.send('GET', version='2.41').json['aggregates']
        self.assertEqual([agg['id'], agg2['id']], [a['id'] for a in listed])
        self.assertEqual(FULL_KEYS | {'uuid'}, set(listed[0]))
        self.assertNotIn('uuid', self.send('GET').json['aggregates'][0])

    def test_create_refusals(self):
        self.create('agg1')
        before = state.dump(self.cloud)
        self.assertFault(self.send('POST', body={'aggregate': {
            'name': 'agg1'}}), 409, 'Aggregate agg1 already exists.')
        for zone in ('a:b', ' az', ''):
            self.assertFault(self.send('POST', body={'aggregate': {
                'name': 'x', 'availability_zone': zone}}), 400,
                "Invalid input for field/attribute availability_zone. "
                "Value: %s. %r is not valid under any of the given schemas"
                % (zone, zone))
        self.assertFault(self.send('POST', body={'aggregate': {
            'name': ' x'}}), 400, "An invalid 'name' value was provided. "
            "The name must be: printable characters. Can not start or end "
            "with whitespace.")
        self.assertFault(self.send('POST', body={'aggregate': {
            'name': 'x' * 256}}), 400)
        self.assertFault(self.send('POST', body={'aggregate': {}}), 400,
                         "Invalid input for field/attribute aggregate. "
                         "Value: {}. 'name' is a required property")
        self.assertFault(self.send('POST', body={'aggregate': {
            'name': 'x', 'foo': 1}}), 400)
        # The body first, then the rule.
        self.assertFault(self.send('POST', body={}, token=OWNER), 400)
        self.assertFault(self.send('POST', body={'aggregate': {
            'name': 'x'}}, token=OWNER), 403,
            POLICY % 'os_compute_api:os-aggregates:create')
        self.assertUnchanged(before)

    def test_ids_in_the_url(self):
        agg = self.create(version='2.41')
        for bad in ('abc', agg['uuid'], '1.5'):
            self.assertFault(self.send('GET', '/' + bad), 400,
                             'Invalid input received: id must be an integer')
            self.assertFault(self.send('DELETE', '/' + bad), 400)
        for missing in ('99', '-1'):
            self.assertFault(self.send('GET', '/' + missing), 404,
                             'Aggregate %s could not be found.' % missing)
            self.assertFault(self.send('PUT', '/' + missing, {
                'aggregate': {'name': 'n'}}), 404)
        # The rule comes before the id.
        self.assertFault(self.send('GET', '/abc', token=OWNER), 403)

    def test_strict_query_from_2_102(self):
        agg = self.create()
        for path in ('', '/%d' % agg['id']):
            self.assertEqual(200, self.send(
                'GET', path + '?foo=1', version='2.101').status)
            self.assertFault(self.send('GET', path + '?foo=1',
                                       version='2.102'), 400,
                             "Additional properties are not allowed "
                             "('foo' was unexpected)")

    def test_update(self):
        agg = self.create('agg1')
        other = self.create('agg2')
        resp = self.send('PUT', '/%d' % agg['id'],
                         {'aggregate': {'name': ' renamed '}})
        self.assertEqual(200, resp.status, resp.body)
        body = resp.json['aggregate']
        self.assertEqual(FULL_KEYS, set(body))
        self.assertEqual('renamed', body['name'])
        self.assertIsNotNone(body['updated_at'])
        resp = self.send('PUT', '/%d' % agg['id'],
                         {'aggregate': {'availability_zone': 'az1'}})
        self.assertEqual('az1', resp.json['aggregate']['availability_zone'])
        self.assertEqual('az1', self.store.aggregates[agg['id']].metadata[
            'availability_zone'])
        before = state.dump(self.cloud)
        self.assertFault(self.send('PUT', '/%d' % other['id'], {
            'aggregate': {'name': 'renamed'}}), 409,
            'Aggregate renamed already exists.')
        self.assertFault(self.send('PUT', '/%d' % agg['id'], {
            'aggregate': {'availability_zone': None}}), 400,
            'Cannot update aggregate %d. Reason: Aggregate renamed does not '
            'support empty named availability zone.' % agg['id'])
        self.assertFault(self.send('PUT', '/%d' % agg['id'], {
            'aggregate': {}}), 400, 'Invalid input for field/attribute '
            'aggregate. Value: {}. {} is not valid under any of the given '
            'schemas')
        self.assertFault(self.send('PUT', '/%d' % agg['id'], {
            'aggregate': {'name': '  '}}), 400, "An invalid 'name' value was "
            "provided. The name must be: printable characters with at least "
            "one non space character")
        self.assertFault(self.send('PUT', '/%d' % agg['id'], {
            'aggregate': {'name': 'x'}}, token=OWNER), 403,
            POLICY % 'os_compute_api:os-aggregates:update')
        self.assertUnchanged(before)

    def test_update_zone_conflicts(self):
        west = self.create('west', 'us-west')
        plain = self.create('plain')
        self.add(west['id'], 'compute1')
        self.add(plain['id'], 'compute1')
        self.assertFault(self.send('PUT', '/%d' % plain['id'], {
            'aggregate': {'availability_zone': 'us-east'}}), 400,
            "Cannot update aggregate %d. Reason: One or more hosts already "
            "in availability zone(s) ['us-west']." % plain['id'])
        # The same zone is no conflict.
        self.assertEqual(200, self.send('PUT', '/%d' % plain['id'], {
            'aggregate': {'availability_zone': 'us-west'}}).status)
        # A host with servers does not change zone.
        host = self.show(self.create_server(availability_zone='nova'),
                         token=ADMIN)['OS-EXT-SRV-ATTR:host']
        self.assertEqual('compute2', host)
        lone = self.create('lone')
        self.add(lone['id'], host)
        self.assertFault(self.send('PUT', '/%d' % lone['id'], {
            'aggregate': {'availability_zone': 'mars'}}), 400,
            'Cannot update aggregate %d. Reason: One or more hosts contain '
            'instances in this zone.' % lone['id'])

    def test_delete(self):
        agg = self.create()
        self.add(agg['id'], 'compute1')
        self.assertFault(self.send('DELETE', '/%d' % agg['id']), 400,
                         'Cannot remove host from aggregate %d. Reason: '
                         'Host aggregate is not empty.' % agg['id'])
        self.assertFault(self.send('DELETE', '/%d' % agg['id'],
                                   token=OWNER), 403,
                         POLICY % 'os_compute_api:os-aggregates:delete')
        self.act(agg['id'], {'remove_host': {'host': 'compute1'}})
        resp = self.send('DELETE', '/%d' % agg['id'])
        self.assertEqual((200, b''), (resp.status, resp.body))
        self.assertFault(self.send('DELETE', '/%d' % agg['id']), 404,
                         'Aggregate %d could not be found.' % agg['id'])
        self.assertEqual([], self.send('GET').json['aggregates'])

    def test_members_are_refused_everything(self):
        agg = self.create()
        for method, path, body, rule in (
                ('GET', '', None, 'index'),
                ('GET', '/%d' % agg['id'], None, 'show'),
                ('POST', '/%d/action' % agg['id'],
                 {'add_host': {'host': 'compute1'}}, 'add_host'),
                ('POST', '/%d/action' % agg['id'],
                 {'remove_host': {'host': 'compute1'}}, 'remove_host'),
                ('POST', '/%d/action' % agg['id'],
                 {'set_metadata': {'metadata': {}}}, 'set_metadata')):
            self.assertFault(self.send(method, path, body, token=OWNER),
                             403, POLICY % ('os_compute_api:os-aggregates:'
                                            + rule))
        self.assertFault(self.send(
            'POST', '/%d/images' % agg['id'], {'cache': [{'id': base.IMAGE}]},
            token=OWNER, version='2.81'), 403,
            POLICY % 'compute:aggregates:images')

    def test_policy_matrix(self):
        cases = [c for c in policy_matrix.all_cases()
                 if 'os-aggregates' in c.label]
        self.assertEqual(9, len(cases))
        for path in ('default', os.path.join(base.REPO, 'etc',
                                             'policy-rbac.yaml')):
            matrix = policy_matrix.matrix(path, cases=cases)
            for label, row in matrix.items():
                self.assertEqual('allowed', row.pop('admin'), label)
                self.assertEqual({'forbidden'}, set(row.values()), label)


class ActionTest(AggregatesTestCase):

    def test_add_and_remove_host(self):
        agg = self.create('agg1', 'az1')
        body = self.add(agg['id'], 'compute1')
        self.assertEqual(['compute1'], body['hosts'])
        self.assertEqual(FULL_KEYS, set(body))
        self.assertFault(self.act(agg['id'], {'add_host': {
            'host': 'compute1'}}), 409,
            'Aggregate %d already has host compute1.' % agg['id'])
        resp = self.act(agg['id'], {'remove_host': {'host': 'compute1'}},
                        version='2.41')
        self.assertEqual([], resp.json['aggregate']['hosts'])
        self.assertIn('uuid', resp.json['aggregate'])
        self.assertFault(self.act(agg['id'], {'remove_host': {
            'host': 'compute1'}}), 404,
            'Cannot remove host compute1 in aggregate %d' % agg['id'])

    def test_unknown_hosts_and_aggregates(self):
        agg = self.create()
        before = state.dump(self.cloud)
        for host in ('nohost', 'controller', 'COMPUTE1'):
            self.assertFault(self.act(agg['id'], {'add_host': {
                'host': host}}), 404,
                'Compute host %s could not be found.' % host)
            self.assertFault(self.act(agg['id'], {'remove_host': {
                'host': host}}), 404,
                'Cannot remove host %s in aggregate %d' % (host, agg['id']))
        self.assertFault(self.act(99, {'add_host': {'host': 'compute1'}}),
                         404, 'Aggregate 99 could not be found.')
        self.assertFault(self.act(99, {'remove_host': {
            'host': 'compute1'}}), 404,
            'Cannot remove host compute1 in aggregate 99')
        self.assertFault(self.act(99, {'set_metadata': {'metadata': {}}}),
                         404, 'Aggregate 99 could not be found.')
        self.assertFault(self.act('x', {'add_host': {'host': 'compute1'}}),
                         400, 'Invalid input received: id must be an '
                         'integer')
        self.assertUnchanged(before)

    def test_malformed_actions(self):
        agg = self.create()
        before = state.dump(self.cloud)
        for body in ({}, {'add_host': {'host': 'compute1'},
                          'remove_host': {'host': 'compute1'}}, [1, 2]):
            self.assertFault(self.act(agg['id'], body), 400,
                             'Malformed request body')
        # Nova's one action dispatch (as for servers): a one-item list or
        # string, or no object at all, is not found (oracle).
        for body in ([1], 'a', 3, True):
            self.assertFault(self.act(agg['id'], body), 404,
                             'The resource could not be found.')
        self.assertFault(self.act(agg['id'], {'bogus': {}}), 400,
                         'There is no such action: bogus')
        self.assertFault(self.act(agg['id'], {'add_host': {
            'host': 'a b'}}), 400, "Invalid input for field/attribute host. "
            "Value: a b. 'a b' does not match '^[a-zA-Z0-9-._]*$'")
        self.assertFault(self.act(agg['id'], {'add_host': {}}), 400,
                         "Invalid input for field/attribute add_host. "
                         "Value: {}. 'host' is a required property")
        self.assertFault(self.act(agg['id'], {'set_metadata': {}}), 400,
                         "Invalid input for field/attribute set_metadata. "
                         "Value: {}. 'metadata' is a required property")
        self.assertFault(self.act(agg['id'], {'set_metadata': {
            'metadata': {'a/b': 'x'}}}), 400)
        # Validation comes before the rule.
        self.assertFault(self.act(agg['id'], {'add_host': {}},
                                  token=OWNER), 400)
        self.assertUnchanged(before)

    def test_set_metadata(self):
        agg = self.create('agg1', 'az1')
        resp = self.act(agg['id'], {'set_metadata': {'metadata': {
            'ssd': 'true', 'a b': 'x'}}})
        body = resp.json['aggregate']
        self.assertEqual({'availability_zone': 'az1', 'ssd': 'true',
                          'a b': 'x'}, body['metadata'])
        self.assertIsNotNone(body['updated_at'])
        # None deletes a key (an unknown one is no error); the zone moves.
        resp = self.act(agg['id'], {'set_metadata': {'metadata': {
            'ssd': None, 'nokey': None, 'availability_zone': 'az2'}}})
        body = resp.json['aggregate']
        self.assertEqual({'availability_zone': 'az2', 'a b': 'x'},
                         body['metadata'])
        self.assertEqual('az2', body['availability_zone'])
        for zone in (None, ''):
            self.assertFault(self.act(agg['id'], {'set_metadata': {
                'metadata': {'availability_zone': zone}}}), 400,
                'Cannot update metadata of aggregate %d. Reason: Aggregate '
                'agg1 does not support empty named availability zone.'
                % agg['id'])
        # The record keeps only a rename's time (as Nova's database).
        shown = self.send('GET', '/%d' % agg['id']).json['aggregate']
        self.assertIsNone(shown['updated_at'])

    def test_a_host_is_in_one_zone(self):
        west = self.create('west', 'us-west')
        east = self.create('east', 'us-east')
        west2 = self.create('west2', 'us-west')
        plain = self.create('plain')
        self.add(west['id'], 'compute1')
        before = state.dump(self.cloud)
        self.assertFault(self.act(east['id'], {'add_host': {
            'host': 'compute1'}}), 409,
            "Cannot add host to aggregate %d. Reason: One or more hosts "
            "already in availability zone(s) ['us-west']." % east['id'])
        self.assertUnchanged(before)
        # The same zone twice, or no zone, is fine.
        self.add(west2['id'], 'compute1')
        self.add(plain['id'], 'compute1')
        self.assertFault(self.act(plain['id'], {'set_metadata': {
            'metadata': {'availability_zone': 'us-east'}}}), 400,
            "Cannot update metadata of aggregate %d. Reason: One or more "
            "hosts already in availability zone(s) ['us-west', 'us-west']."
            % plain['id'])

    def test_servers_do_not_change_zone(self):
        server_id = self.create_server()
        host = self.show(server_id, token=ADMIN)['OS-EXT-SRV-ATTR:host']
        zoned = self.create('zoned', 'az1')
        before = state.dump(self.cloud)
        self.assertFault(self.act(zoned['id'], {'add_host': {
            'host': host}}), 409,
            "Cannot add host to aggregate %d. Reason: The host cannot be "
            "added to the aggregate as the availability zone of the host "
            "would change from 'None' to 'az1' but the host already has 1 "
            "instance(s). Changing the AZ of an existing instance is not "
            "supported by this action. Move the instances away from this "
            "host then try again. If you need to move the instances between "
            "AZs then you can use shelve_offload and unshelve to achieve "
            "this.." % zoned['id'])
        self.assertUnchanged(before)
        # An aggregate without a zone takes it; then that zone is given
        # to it while the server is away.
        plain = self.create('plain')
        self.add(plain['id'], host)
        self.request('DELETE', '/v2.1/servers/%s' % server_id)
        self.assertEqual(404, self.get('/v2.1/servers/%s' % server_id).status)
        self.add(zoned['id'], host)
        server_id = self.create_server(availability_zone='az1')
        self.assertEqual(host, self.show(server_id, token=ADMIN)[
            'OS-EXT-SRV-ATTR:host'])
        message = self.assertFault(self.act(zoned['id'], {'remove_host': {
            'host': host}}), 409)
        self.assertIn("Cannot remove host from aggregate %d. Reason: The "
                      "host cannot be removed from the aggregate as the "
                      "availability zone of the host would change from "
                      "'az1' to 'None' but the host already has 1 "
                      "instance(s)." % zoned['id'], message)
        # Without a zone of its own, the plain one can lose the host.
        self.assertEqual(200, self.act(plain['id'], {'remove_host': {
            'host': host}}).status)


class ImagesTest(AggregatesTestCase):

    def test_pre_caching(self):
        agg = self.create()
        url = '/%d/images' % agg['id']
        body = {'cache': [{'id': base.IMAGE}, {'id': base.OTHER_IMAGE}]}
        self.assertFault(self.send('POST', url, body, version='2.80'), 404,
                         'The resource could not be found.')
        resp = self.send('POST', url, body, version='2.81')
        self.assertEqual((202, b''), (resp.status, resp.body))
        for bad, message in (
                ({'cache': []}, 'Invalid input for field/attribute cache. '
                 'Value: []. [] should be non-empty'),
                ({}, "'cache' is a required property"),
                ({'cache': [{'id': 'x'}]}, "Invalid input for field/"
                 "attribute id. Value: x. 'x' is not a 'uuid'"),
                ({'cache': [{'id': base.IMAGE}, {'id': base.IMAGE}]},
                 'Duplicate images in request'),
                ({'cache': [{'id': base.IMAGE[:-1] + 'f'}]},
                 'Image %s could not be found.' % (base.IMAGE[:-1] + 'f'))):
            self.assertFault(self.send('POST', url, bad, version='2.81'),
                             400, message)
        self.assertFault(self.send('POST', '/99/images', body,
                                   version='2.81'), 404,
                         'Aggregate 99 could not be found.')
        self.assertFault(self.send('POST', '/x/images', body,
                                   version='2.81'), 400,
                         'Invalid input received: id must be an integer')


class ZonesTest(AggregatesTestCase):
    """An aggregate's zone is its hosts' zone, everywhere."""

    def test_one_picture(self):
        agg = self.create('west', 'us-west')
        self.add(agg['id'], 'compute2')
        self.assertEqual('us-west', self.zones_of_services()['compute2'])
        self.assertEqual('nova', self.zones_of_services()['compute1'])
        zones = self.get('/v2.1/os-availability-zone').json[
            'availabilityZoneInfo']
        self.assertEqual(['nova', 'us-west'], [z['zoneName'] for z in zones])
        detail = self.get('/v2.1/os-availability-zone/detail',
                          token=ADMIN).json['availabilityZoneInfo']
        hosts = {z['zoneName']: sorted(z['hosts'] or ()) for z in detail}
        self.assertEqual(['compute2'], hosts['us-west'])
        self.assertEqual(['compute1'], hosts['nova'])
        listed = self.get('/v2.1/os-hosts?zone=us-west', token=ADMIN).json
        self.assertEqual([{'host_name': 'compute2', 'service': 'compute',
                           'zone': 'us-west'}], listed['hosts'])
        for _ in range(3):
            server = self.show(self.create_server(
                availability_zone='us-west'), token=ADMIN)
            self.assertEqual(('compute2', 'us-west'), (
                server['OS-EXT-SRV-ATTR:host'],
                server['OS-EXT-AZ:availability_zone']))
        for _ in range(2):  # unzoned servers show their host's zone
            server = self.show(self.create_server(), token=ADMIN)
            self.assertEqual(
                {'compute1': 'nova', 'compute2': 'us-west'}[
                    server['OS-EXT-SRV-ATTR:host']],
                server['OS-EXT-AZ:availability_zone'])

    def test_an_empty_zone_is_no_zone(self):
        self.create('west', 'us-west')
        resp = self.post('/v2.1/servers', {'server': {
            'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': '1',
            'availability_zone': 'us-west'}})
        self.assertFault(resp, 400, 'The requested availability zone is '
                         'not available')

    def test_a_zone_of_disabled_hosts_is_not_available(self):
        agg = self.create('west', 'us-west')
        self.add(agg['id'], 'compute2')
        service = self.store.service_of('compute2')
        service.disabled = True
        zones = self.get('/v2.1/os-availability-zone').json[
            'availabilityZoneInfo']
        self.assertEqual([('nova', True), ('us-west', False)], [
            (z['zoneName'], z['zoneState']['available']) for z in zones])
        self.assertNotIn('compute2', [h['host_name'] for h in self.get(
            '/v2.1/os-hosts', token=ADMIN).json['hosts']])

    def test_add_host_with_a_zone_makes_its_aggregate(self):
        self.store.add_host('west1', zone='us-west')
        self.store.add_host('west2', zone='us-west')
        listed = self.send('GET').json['aggregates']
        self.assertEqual([('us-west', 'us-west', ['west1', 'west2'])], [
            (a['name'], a['availability_zone'], a['hosts'])
            for a in listed])
        self.store.add_host('east1')
        self.assertEqual(1, len(self.send('GET').json['aggregates']))
        self.assertEqual('nova', self.zones_of_services()['east1'])
        # A zone's name taken by an aggregate of another zone: refused.
        self.create('mars')
        self.assertRaises(ValueError, self.store.add_host, 'm1', 'mars')
        self.assertNotIn('m1', self.store.hosts)


class FixtureTest(base.testtools.TestCase):

    def test_add_aggregate(self):
        nova = self.useFixture(FakeNova())
        agg = nova.add_aggregate('west', 'us-west', hosts=['compute2'],
                                 metadata={'ssd': 'true'})
        self.assertEqual(('west', 'us-west', ['compute2']),
                         (agg['name'], agg['availability_zone'],
                          agg['hosts']))
        self.assertEqual({'ssd': 'true', 'availability_zone': 'us-west'},
                         agg['metadata'])
        self.assertEqual('us-west', nova.store.host_zone('compute2'))
        before = dict(nova.store.aggregates)
        for kwargs in ({'name': 'west'},
                       {'name': 'east', 'availability_zone': 'us-east',
                        'hosts': ['compute2']},
                       {'name': 'far', 'hosts': ['nohost']}):
            self.assertRaises(ValueError, nova.add_aggregate, **kwargs)
        self.assertEqual(before, nova.store.aggregates)


class ControlTest(test_control.ControlTestCase):

    def test_post_aggregates(self):
        resp = self.control('POST', '/aggregates', {
            'name': 'west', 'availability_zone': 'us-west',
            'hosts': ['compute1'], 'metadata': {'ssd': 'true'}})
        self.assertEqual(201, resp.status, resp.body)
        self.assertEqual(['compute1'], resp.json['aggregate']['hosts'])
        self.assertIn('already exists', self.assertError(
            400, self.control('POST', '/aggregates', {'name': 'west'})))
        self.assertError(400, self.control('POST', '/aggregates',
                                           {'zone': 'x'}))
        listed = self.control('GET', '/state').json['aggregates']
        self.assertEqual(['west'], [a['name'] for a in listed])
        resp = self.request('GET', '/v2.1/os-services', token=self.admin)
        self.assertIn(('compute1', 'us-west'), [
            (s['host'], s['zone']) for s in resp.json['services']])


class SeedTest(test_control.ControlTestCase):

    def write(self, text):
        fd, path = tempfile.mkstemp(suffix='.yaml')
        with os.fdopen(fd, 'w') as f:
            f.write(text)
        self.addCleanup(os.unlink, path)
        return path

    def test_seeded_aggregates_survive_a_reset(self):
        path = self.write(
            'hosts:\n- {name: west1}\n'
            'aggregates:\n- {name: west, availability_zone: us-west, '
            'hosts: [west1, compute2], metadata: {ssd: "true"}}\n')
        seed.load_into(self.cloud, path)
        for _ in range(2):
            store = self.cloud.store
            self.assertEqual('us-west', store.host_zone('west1'))
            self.assertEqual('us-west', store.host_zone('compute2'))
            self.assertEqual('nova', store.host_zone('compute1'))
            self.cloud.reset()

    def test_bad_aggregates(self):
        for text, words in (
                ('aggregates:\n- {zone: x}\n', ['aggregates[0]', 'name']),
                ('aggregates:\n- {name: a, hosts: [nohost]}\n',
                 ['aggregates[0]', 'Compute host nohost']),
                ('aggregates:\n- {name: a, availability_zone: x, hosts: '
                 '[compute1]}\n- {name: b, availability_zone: y, hosts: '
                 '[compute1]}\n', ['aggregates[1]', 'availability zone'])):
            path = self.write(text)
            error = self.assertRaises(seed.SeedError, seed.load_into,
                                      self.cloud, path)
            for word in words:
                self.assertIn(word, str(error))
