"""POST /os-server-external-events: per-event codes, 200 or 207.

Codes, bodies and messages as Nova 34 answered the same requests.
"""

import jsonschema
from tempest.lib.api_schema.response.compute.v2_1 import (
    server_external_events as schemas)

from fakenova.compute import seeding
from fakenova.tests.unit import base

ADMIN = base.ADMIN
OWNER = base.OWNER
PATH = '/v2.1/os-server-external-events'
UNKNOWN = '11111111-2222-3333-4444-555555555555'


class ExternalEventsTest(base.APITestCase):

    def server(self, **state):
        return seeding.create_server(self.store, 'vm', base.OWNER_PROJECT,
                                     'owner', **state)

    def send_events(self, events, version=None, token=ADMIN, status=200):
        resp = self.request('POST', PATH, {'events': events}, token=token,
                            version=version)
        self.assertEqual(status, resp.status, resp.body)
        return resp.json

    def actions(self, server):
        return [a.action for a in self.store.actions.get(server.id, ())]

    def test_accepted(self):
        server = self.server()
        body = self.send_events([
            {'name': 'network-changed', 'server_uuid': server.id,
             'status': 'failed', 'tag': 'x'},
            {'name': 'network-vif-plugged', 'server_uuid': server.id}])
        # The status sent is replaced; the keys keep their order.
        self.assertEqual({'events': [
            {'name': 'network-changed', 'server_uuid': server.id,
             'status': 'completed', 'tag': 'x', 'code': 200},
            {'name': 'network-vif-plugged', 'server_uuid': server.id,
             'status': 'completed', 'code': 200}]}, body)
        self.assertEqual(['name', 'server_uuid', 'status', 'tag', 'code'],
                         list(body['events'][0]))
        jsonschema.validate(body, schemas.create['response_body'])

    def test_unknown_and_deleted_servers_are_404(self):
        server = self.server()
        gone = self.server()
        resp = self.request('DELETE', '/v2.1/servers/' + gone.id)
        self.assertEqual(204, resp.status)
        body = self.send_events([
            {'name': 'network-changed', 'server_uuid': server.id},
            {'name': 'network-vif-deleted', 'server_uuid': UNKNOWN},
            {'name': 'network-vif-unplugged', 'server_uuid': gone.id}],
            status=207)
        self.assertEqual([(200, 'completed'), (404, 'failed'),
                          (404, 'failed')],
                         [(e['code'], e['status']) for e in body['events']])
        # All refused is still a 207.
        body = self.send_events([{'name': 'network-changed',
                                  'server_uuid': UNKNOWN}], status=207)
        self.assertEqual(404, body['events'][0]['code'])

    def test_no_host_is_422(self):
        server = self.server(vm_state='shelved_offloaded')
        body = self.send_events([{'name': 'network-changed',
                                  'server_uuid': server.id}], status=207)
        self.assertEqual({'name': 'network-changed', 'server_uuid': server.id,
                          'status': 'failed', 'code': 422}, body['events'][0])

    def test_tag_required(self):
        server = self.server()
        for name, version in (('volume-extended', '2.51'),
                              ('power-update', '2.76'),
                              ('accelerator-request-bound', '2.82')):
            body = self.send_events([{'name': name, 'server_uuid': server.id}],
                                    version=version, status=207)
            self.assertEqual((400, 'failed'), (body['events'][0]['code'],
                                               body['events'][0]['status']))
        # Not for the others.
        self.send_events([{'name': 'volume-reimaged',
                           'server_uuid': server.id}], version='2.93')
        # An unknown server is a 404 first.
        body = self.send_events([{'name': 'power-update',
                                  'server_uuid': UNKNOWN}],
                                version='2.76', status=207)
        self.assertEqual(404, body['events'][0]['code'])

    def test_names_per_microversion(self):
        server = self.server()
        for name, first, before in (
                ('volume-extended', '2.51', '2.50'),
                ('power-update', '2.76', '2.75'),
                ('accelerator-request-bound', '2.82', '2.81'),
                ('volume-reimaged', '2.93', '2.92')):
            event = {'name': name, 'server_uuid': server.id, 'tag': 't'}
            body = self.send_events([event], version=before, status=400)
            self.assertIn("'%s' is not one of" % name,
                          body['badRequest']['message'])
            self.send_events([event], version=first)

    def test_bad_bodies(self):
        server = self.server()
        for events, message in (
                ([], 'Invalid input for field/attribute events. Value: []. '
                     '[] should be non-empty'),
                ([{'name': 'network-changed', 'server_uuid': 'nope'}],
                 "Invalid input for field/attribute server_uuid. Value: "
                 "nope. 'nope' is not a 'uuid'"),
                ([{'name': 'network-changed', 'server_uuid': server.id,
                   'status': 'done'}], None),
                ([{'name': 'network-changed', 'server_uuid': server.id,
                   'tag': 'x' * 256}], None),
                ([{'name': 'network-changed', 'server_uuid': server.id,
                   'extra': 1}], None),
                ([{'server_uuid': server.id}], None)):
            body = self.send_events(events, status=400)
            if message:
                self.assertEqual(message, body['badRequest']['message'])
        # Validated before the rule.
        self.send_events([], token=OWNER, status=400)
        resp = self.request('POST', PATH, {'event': []}, token=ADMIN)
        self.assertEqual(400, resp.status)

    def test_admins_only(self):
        server = self.server()
        body = self.send_events([{'name': 'power-update',
                                  'server_uuid': server.id,
                                  'tag': 'POWER_OFF'}],
                                version='2.76', token=OWNER, status=403)
        self.assertEqual("Policy doesn't allow os_compute_api:os-server-"
                         "external-events:create to be performed.",
                         body['forbidden']['message'])
        self.assertEqual('active', server.vm_state)

    def test_power_off_and_on(self):
        server = self.server()
        off = {'name': 'power-update', 'server_uuid': server.id,
               'tag': 'POWER_OFF'}
        self.send_events([off], version='2.76')
        self.assertEqual(('stopped', 4, None), (
            server.vm_state, server.power_state, server.task_state))
        show = self.get('/v2.1/servers/' + server.id, token=ADMIN)
        self.assertEqual('SHUTOFF', show.json['server']['status'])
        # Again: nothing to do, but the action is recorded.
        self.send_events([off], version='2.76')
        self.assertEqual('stopped', server.vm_state)
        self.send_events([dict(off, tag='POWER_ON')], version='2.76')
        self.assertEqual(('active', 1), (server.vm_state,
                                         server.power_state))
        self.assertEqual(['create', 'stop', 'stop', 'start'],
                         self.actions(server))
        action = self.store.actions[server.id][1]
        self.assertEqual(['compute_power_update'],
                         [e.event for e in action.events])
        self.assertEqual('admin', action.user_id)

    def test_power_update_leaves_other_states(self):
        paused = self.server(status='PAUSED')
        for tag in ('POWER_OFF', 'POWER_ON'):
            self.send_events([{'name': 'power-update',
                               'server_uuid': paused.id, 'tag': tag}],
                             version='2.76')
        self.assertEqual('paused', paused.vm_state)
        # An unknown target state records nothing.
        server = self.server()
        self.send_events([{'name': 'power-update', 'server_uuid': server.id,
                           'tag': 'SLEEP'}], version='2.76')
        self.assertEqual(['create'], self.actions(server))
        self.assertEqual('active', server.vm_state)

    def test_volume_extended(self):
        server = self.server()
        volume = seeding.add_volume(self.store, base.OWNER_PROJECT)
        resp = self.request(
            'POST', '/v2.1/servers/%s/os-volume_attachments' % server.id,
            {'volumeAttachment': {'volumeId': volume.id}})
        self.assertEqual(200, resp.status, resp.body)
        self.send_events([{'name': 'volume-extended', 'server_uuid': server.id,
                           'tag': volume.id}], version='2.51')
        action = self.store.actions[server.id][-1]
        self.assertEqual('extend_volume', action.action)
        self.assertEqual('Success', action.events[0].result)
        # A volume the server does not have fails the compute step.
        self.send_events([{'name': 'volume-extended', 'server_uuid': server.id,
                           'tag': UNKNOWN}], version='2.51')
        self.assertEqual('Error', self.store.actions[server.id][-1].events[
            0].result)


class ServiceRoleTest(base.APITestCase):
    """Nova 34's secure-RBAC default: the service role, admins not."""

    app_name = 'keystone'

    def test_service_role_under_rbac(self):
        self.cloud.set_policy({
            'os_compute_api:os-server-external-events:create':
                'rule:service_api'})
        server = seeding.create_server(self.store, 'vm', base.OWNER_PROJECT,
                                       'owner')
        body = {'events': [{'name': 'network-changed',
                            'server_uuid': server.id}]}
        for roles, status in (('admin,member,reader', 403), ('service', 200),
                              ('admin,service', 200)):
            resp = self.request('POST', PATH, body, token=None, headers={
                'X-User-Id': 'neutron', 'X-Project-Id': 'service',
                'X-Roles': roles})
            self.assertEqual(status, resp.status, resp.body)
