"""A project never sees or uses another project's resources (issue 10).

The walk: the standalone cloud with the demo seed, where demo's server
``demo-web`` carries every kind of attached resource (a volume, a
floating IP, a security group, a server group, a key pair, metadata, a
tag, instance actions, a migration, a private snapshot). Then alt_demo,
a member of another project, sends:

* every method of every route of the compute router table, at several
  microversions, with the URL variables naming demo's resources;
* every server action, with a body Nova accepts, on demo's server;
* every action and sub-resource request on alt's own server, with the
  body naming demo's resources (its floating IP, volume, snapshot,
  security group), and server creates that name them;
* every route of identity (with demo's token as the subject), of the
  image service and of the control API.

Each answer must be Nova's (or the service's) 403 or 404 where the URL
names demo's resource, never a 5xx anywhere, and no answer may carry an
id of demo's that the request did not itself contain. A refused request
changes nothing of the whole cloud; an accepted one (alt listing or
creating its own things) changes nothing of demo's.
"""

import json

from fakenova.compute.api.controllers import removed
from fakenova.compute.api import operations
from fakenova.compute.api import router
from fakenova.compute import console_tokens
from fakenova.compute import store as store_mod
from fakenova.control import api as control
from fakenova.image import api as image_api
from fakenova.tests.unit import base
from fakenova.tests.unit import state
from fakenova.tests.unit import test_property_cloud as cloud_property
from fakenova.tests.unit import test_security

DEMO_WEB = test_security.DEMO_WEB
DEMO_VOLUME = test_security.DEMO_VOLUME
VERSIONS = ('2.1', '2.47', 'latest')

# Action bodies per version where the declared example does not do: at
# 2.1, evacuate needs onSharedStorage (refused from 2.14) and live
# migration a boolean block_migration and disk_over_commit.
VERSION_BODIES = {
    ('evacuate', '2.1'): {'onSharedStorage': False},
    ('os-migrateLive', '2.1'): {'host': None, 'block_migration': False,
                                'disk_over_commit': False},
}
NO_BODY = object()
# Nova answers these before it looks the server up (RDP consoles were
# removed in Nova 29.0.0: a plain 400 for everyone; resetNetwork is gone:
# 410).
NO_LOOKUP = {'os-getRDPConsole': (400, 404), 'resetNetwork': (410,)}


class IsolationWalkTest(test_security.DemoCloudTestCase):
    """alt_demo walks every route against demo's fully equipped server."""

    def setUp(self):
        super().setUp()
        self.equip_demo_web()
        self.secrets = self.demo_ids()
        self.answers = 0

    # -- demo's server, with one of everything --------------------------------

    def ok(self, resp, *codes):
        self.assertIn(resp.status, codes or (200, 201, 202, 204), resp.body)
        return resp

    def equip_demo_web(self):
        url = '/v2.1/servers/%s' % DEMO_WEB
        self.ok(self.send('POST', url + '/os-volume_attachments', {
            'volumeAttachment': {'volumeId': DEMO_VOLUME}}, token=self.demo))
        self.ok(self.send('PUT', url + '/tags/blue', token=self.demo,
                          version='2.26'))
        self.snapshot = self.ok(self.action(
            DEMO_WEB, {'createImage': {'name': 'private'}}, self.demo,
            '2.45')).json['image_id']
        self.ok(self.action(DEMO_WEB, {'os-migrateLive': {
            'host': None, 'block_migration': 'auto'}}, self.admin, '2.30'))
        actions = self.ok(self.send(
            'GET', url + '/os-instance-actions', token=self.demo)).json
        self.request_id = actions['instanceActions'][0]['request_id']
        # An aggregate of the cloud's (a zone of compute1's) to walk.
        self.aggregate = self.ok(self.send('POST', '/v2.1/os-aggregates', {
            'aggregate': {'name': 'agg1'}}, token=self.admin)).json[
                'aggregate']
        self.ok(self.send('POST', '/v2.1/os-aggregates/%d/action'
                          % self.aggregate['id'],
                          {'add_host': {'host': 'compute1'}},
                          token=self.admin))
        store = self.cloud.store
        with store.lock:
            self.migration = next(m for m in store.migrations
                                  if m.server_id == DEMO_WEB)
            self.group = next(g.id for g in store.server_groups.values()
                              if g.name == 'web-spread')
            server = store.servers[DEMO_WEB]
            project = server.project_id
            self.assertTrue(server.volumes_attached)
            self.assertTrue(server.tags and server.metadata)
        # Flavor management: a private flavor only demo's project may use.
        flavor = self.ok(self.send('POST', '/v2.1/flavors', {'flavor': {
            'name': 'demo-only', 'ram': 64, 'vcpus': 1, 'disk': 1,
            'os-flavor-access:is_public': False}}, token=self.admin)).json
        self.flavor = flavor['flavor']['id']
        self.ok(self.send('POST', '/v2.1/flavors/%s/action' % self.flavor,
                          {'addTenantAccess': {'tenant': project}},
                          token=self.admin))
        self.ok(self.send('POST', '/v2.1/flavors/%s/os-extra_specs'
                          % self.flavor, {'extra_specs': {'role': 'x'}},
                          token=self.admin))

    def demo_ids(self):
        """Every identifier of demo's that alt_demo must never be shown."""
        store = self.cloud.store
        ids = set()
        with store.lock:
            project = store.servers[DEMO_WEB].project_id
            user = store.servers[DEMO_WEB].user_id
            ids.update((project, user))
            for server in store.servers.values():
                if server.project_id == project:
                    ids.add(server.id)
                    for action in store.actions.get(server.id, ()):
                        ids.add(action.request_id)
            for kind in ('volumes', 'images', 'security_groups',
                         'server_groups'):
                ids.update(obj.id for obj in getattr(store, kind).values()
                           if obj.project_id == project)
            for fip in store.floating_ips.values():
                if fip.project_id == project:
                    ids.add(fip.address)
            ids.update(m.uuid for m in store.migrations
                       if m.server_id in ids)
        ids.add(self.demo)  # demo's token
        ids.add(self.flavor)  # demo's private flavor
        self.assertIn(self.snapshot, ids)
        self.assertIn(self.request_id, ids)
        return frozenset(ids)

    def demo_state(self):
        """What of the cloud belongs to demo (plain data, for comparing)."""
        store = self.cloud.store
        with store.lock:
            project = store.servers[DEMO_WEB].project_id
            for server in list(store.servers.values()):
                store.settle(server, read=False)
            owned = {}
            for kind in ('servers', 'volumes', 'images', 'security_groups',
                         'server_groups', 'floating_ips'):
                owned[kind] = state.plain({
                    key: obj for key, obj in getattr(store, kind).items()
                    if obj.project_id == project})
            owned['actions'] = state.plain({
                key: value for key, value in store.actions.items()
                if key in store.servers
                and store.servers[key].project_id == project})
            owned['keypairs'] = state.plain(store.keypairs.get(
                store.servers[DEMO_WEB].user_id))
        with self.cloud.identity.lock:
            owned['demo_token'] = self.demo in self.cloud.identity.tokens
        return owned

    # -- the check every answer goes through ----------------------------------

    def check(self, what, method, path, body=None, version=None,
              names_demo=True, headers=None, allowed=(403, 404)):
        whole = state.dump(self.cloud)
        mine = self.demo_state()
        resp = self.send(method, path, body, token=self.alt,
                         version=version, headers=headers)
        self.answers += 1
        label = '%s: %s %s %s -> %s %s' % (what, method, path, body,
                                           resp.status, resp.body[:300])
        self.assertLess(resp.status, 500, label)
        if names_demo:
            self.assertIn(resp.status, allowed, label)
        asked = path + json.dumps(body) + json.dumps(headers or {})
        leaked = [secret for secret in self.secrets
                  if secret not in asked and (
                      secret.encode() in resp.body
                      or any(secret in value
                             for value in resp.headers.values()))]
        self.assertEqual([], leaked, label)
        if resp.status >= 400:
            self.assertEqual(whole, state.dump(self.cloud), label)
        else:
            self.assertEqual(mine, self.demo_state(), label)
        return resp

    # -- compute ------------------------------------------------------------

    def url_values(self):
        return {
            'server_id': DEMO_WEB, 'volume_id': DEMO_VOLUME,
            'migration_id': str(self.migration.id),
            'request_id': self.request_id, 'network_label': 'private',
            'image_id': self.snapshot, 'server_group_id': self.group,
            'keypair_name': 'demo-key', 'key': 'role', 'tag': 'blue',
            'floating_ip_id': next(
                str(f.id) for f in self.cloud.store.floating_ips.values()
                if f.address == '172.24.4.100'),
            'service_id': 'compute1', 'hypervisor_id': '1',
            # demo's private flavor (flavor management)
            'flavor_id': self.flavor,
            'id': '1', 'domain_id': 'example.org',
            'tenant_id': self.cloud.store.servers[DEMO_WEB].project_id,
            # Hosts, hypervisors and aggregates (issue 13): the cloud's.
            'aggregate_id': str(self.aggregate['id']),
            'host_name': 'compute1', 'hypervisor_hostname_pattern': 'comp',
            # A console of demo's server, and a time (the cloud's audit).
            'console_token': console_tokens.issue(
                self.cloud.store, self.cloud.store.servers[DEMO_WEB],
                'novnc'),
            'before_timestamp': '2020-03-15 10:00:00',
            # Issue 13: the cloud's network; demo's group 'web' and one of
            # its rules; an extension's alias.
            'network_id': store_mod.DEFAULT_NETWORK_ID,
            'security_group_id': self.demo_group().id,
            'security_group_rule_id': self.demo_group().rules[0].id,
            'alias': 'os-volumes',
        }

    def demo_group(self):
        project = self.cloud.store.servers[DEMO_WEB].project_id
        return next(g for g in self.cloud.store.security_groups.values()
                    if g.project_id == project and g.name == 'web')

    # URL variables that name a project's resource (the others are the
    # cloud's: services, hypervisors; flavor_id is demo's private flavor).
    PROJECT_VARS = frozenset(['server_id', 'volume_id', 'migration_id',
                              'request_id', 'image_id', 'server_group_id',
                              'keypair_name', 'floating_ip_id', 'tenant_id',
                              'flavor_id', 'console_token',
                              'security_group_id',
                              'security_group_rule_id'])
    # Routes naming demo's project that Nova serves to anyone: the
    # defaults are every project's (no usage of demo's in them).
    ANYONES = frozenset([('GET', '/os-quota-sets/{tenant_id}/defaults')])

    # Routes Nova refuses at a version before any lookup or policy: the
    # console tokens (only RDP's, gone) until 2.30.
    EARLY_400 = {('GET', '/os-console-auth-tokens/{console_token}',
                  '2.1'): (400,)}

    ROUTE_BODIES = {
        ('PUT', '/servers/{server_id}'): {'server': {'name': 'mine'}},
        ('POST', '/servers/{server_id}/remote-consoles'): {
            'remote_console': {'protocol': 'vnc', 'type': 'novnc'}},
        ('PUT', '/servers/{server_id}/os-volume_attachments/{volume_id}'): {
            'volumeAttachment': {'volumeId': DEMO_VOLUME}},
        ('POST', '/servers/{server_id}/os-volume_attachments'): {
            'volumeAttachment': {'volumeId': DEMO_VOLUME}},
        ('POST', '/servers/{server_id}/migrations/{migration_id}/action'): {
            'force_complete': None},
        ('POST', '/servers/{server_id}/metadata'): {'metadata': {'a': 'b'}},
        ('PUT', '/servers/{server_id}/metadata'): {'metadata': {'a': 'b'}},
        ('PUT', '/servers/{server_id}/metadata/{key}'): {
            'meta': {'role': 'x'}},
        ('PUT', '/servers/{server_id}/tags'): {'tags': ['x']},
        ('PUT', '/servers/{server_id}/tags/{tag}'): NO_BODY,
        # Flavor management.
        ('PUT', '/flavors/{flavor_id}'): {'flavor': {'description': 'x'}},
        ('POST', '/flavors/{flavor_id}/action'): {
            'addTenantAccess': {'tenant': 'alt'}},
        ('POST', '/flavors/{flavor_id}/os-extra_specs'): {
            'extra_specs': {'a': 'b'}},
        ('PUT', '/flavors/{flavor_id}/os-extra_specs/{key}'): {'role': 'y'},
        # Quotas: a valid body (Nova validates it before the rule).
        ('PUT', '/os-quota-sets/{tenant_id}'): {
            'quota_set': {'instances': 1, 'force': True}},
        ('PUT', '/os-quota-class-sets/{id}'): {
            'quota_class_set': {'instances': 1}},
        ('POST', '/os-server-external-events'): {'events': [
            {'name': 'power-update', 'server_uuid': DEMO_WEB,
             'tag': 'POWER_OFF'}]},
        # Issue 13.
        ('POST', '/os-networks/{network_id}/action'): {'disassociate': None},
        ('PUT', '/os-security-groups/{security_group_id}'): {
            'security_group': {'name': 'mine', 'description': 'mine'}},
        ('POST', '/images/{image_id}/metadata'): {'metadata': {'a': 'b'}},
        ('PUT', '/images/{image_id}/metadata'): {'metadata': {'a': 'b'}},
        ('PUT', '/images/{image_id}/metadata/{key}'): {
            'meta': {'role': 'x'}},
    }

    def test_every_compute_route_names_of_demo(self):
        values = self.url_values()
        walked = 0
        for path, handlers in router.ROUTES:
            names = {part[1:-1] for part in path.split('/')
                     if part.startswith('{')}
            for method in sorted(handlers):
                if path == '/servers/{server_id}/action':
                    continue  # test_every_action_on_demos_server
                body = self.ROUTE_BODIES.get((method, path))
                if body is None and method in ('POST', 'PUT'):
                    body = {}
                elif body is NO_BODY:
                    body = None
                url = '/v2.1' + path.format(**values)
                # Nova answers its removed APIs 410, before any lookup.
                gone = removed.is_removed(handlers[method].handler)
                allowed = ((410,) if gone
                           else (200,) if (method, path) in self.ANYONES
                           else (403, 404))
                for version in VERSIONS:
                    self.check('route', method, url, body, version,
                               names_demo=bool(names & self.PROJECT_VARS),
                               allowed=self.EARLY_400.get(
                                   (method, path, version), allowed))
                    walked += 1
        self.assertGreater(walked, 3 * 60)

    def test_every_action_on_demos_server(self):
        url = '/v2.1/servers/%s/action' % DEMO_WEB
        for name, op in sorted(operations.TABLE.actions.items()):
            for version in VERSIONS:
                body = VERSION_BODIES.get((name, version), op.example[name])
                self.check('action', 'POST', url, {name: body}, version,
                           allowed=NO_LOOKUP.get(name, (403, 404)))

    def test_alts_own_server_naming_demos_resources(self):
        own = '/v2.1/servers/%s' % self.alt_vm
        uses = [
            ('POST', own + '/action', {'addFloatingIp': {
                'address': '172.24.4.101'}}, '2.43'),
            ('POST', own + '/action', {'addFloatingIp': {
                'address': '172.24.4.100'}}, '2.43'),
            ('POST', own + '/action', {'removeFloatingIp': {
                'address': '172.24.4.100'}}, '2.43'),
            ('POST', own + '/action', {'addSecurityGroup': {
                'name': 'web'}}, None),
            ('POST', own + '/action', {'rebuild': {
                'imageRef': self.snapshot}}, None),
            ('POST', own + '/action', {'rescue': {
                'rescue_image_ref': self.snapshot}}, '2.87'),
            ('POST', own + '/action', {'removeFixedIp': {
                'address': '10.0.0.11'}}, '2.43'),
            ('POST', own + '/os-volume_attachments', {'volumeAttachment': {
                'volumeId': DEMO_VOLUME}}, None),
            ('GET', own + '/os-volume_attachments/' + DEMO_VOLUME, None,
             None),
            ('DELETE', own + '/os-volume_attachments/' + DEMO_VOLUME, None,
             None),
            ('GET', own + '/os-instance-actions/' + self.request_id, None,
             None),
            ('GET', own + '/migrations/%s' % self.migration.id, None,
             '2.80'),
        ]
        for method, path, body, version in uses:
            self.check('use', method, path, body, version,
                       allowed=(400, 403, 404, 409))

    def test_security_group_rules_naming_demos_groups(self):
        web = self.demo_group().id
        own = self.send('POST', '/v2.1/os-security-groups', {
            'security_group': {'name': 'alt-web', 'description': ''}},
            token=self.alt)
        self.assertEqual(200, own.status, own.body)
        mine = own.json['security_group']['id']
        for parent, source in ((web, None), (mine, web), (web, mine)):
            rule = {'parent_group_id': parent, 'ip_protocol': 'tcp',
                    'from_port': 22, 'to_port': 22}
            if source:
                rule['group_id'] = source
            self.check('rule', 'POST', '/v2.1/os-security-group-rules',
                       {'security_group_rule': rule}, allowed=(404,))
        self.check('use', 'POST', '/v2.1/servers/%s/action' % self.alt_vm,
                   {'addSecurityGroup': {'name': web}}, allowed=(404,))

    def test_creates_naming_demos_resources(self):
        spec = {'name': 'stolen', 'imageRef': cloud_property.base.IMAGE,
                'flavorRef': '1'}
        for extra in ({'imageRef': self.snapshot}, {'key_name': 'demo-key'},
                      {'security_groups': [{'name': 'web'}]},
                      {'block_device_mapping_v2': [{
                          'uuid': DEMO_VOLUME, 'source_type': 'volume',
                          'destination_type': 'volume', 'boot_index': 1}]},
                      # demo's private flavor
                      {'flavorRef': self.flavor}):
            server = dict(spec, **extra)
            self.check('create', 'POST', '/v2.1/servers', {
                'server': server}, '2.67', allowed=(400, 403, 404))
        self.check('create', 'POST', '/v2.1/servers', {
            'server': spec, 'os:scheduler_hints': {'group': self.group}},
            None, allowed=(400, 403, 404))

    def test_lists_and_filters_show_only_alts(self):
        project = self.cloud.store.servers[DEMO_WEB].project_id
        for path in ('/servers', '/servers/detail', '/os-keypairs',
                     '/os-server-groups', '/os-floating-ips', '/os-volumes',
                     '/os-volumes/detail', '/images', '/images/detail',
                     '/os-security-groups', '/os-migrations',
                     '/flavors/detail', '/os-availability-zone/detail'):
            for query in ('', '?all_tenants=1', '?project_id=' + project,
                          '?tenant_id=' + project, '?user_id=demo',
                          '?all_projects=True', '?name=demo'):
                for version in VERSIONS:
                    self.check('list', 'GET', '/v2.1' + path + query,
                               version=version, names_demo=False)

    # -- the neighbours -------------------------------------------------------

    def test_identity_with_demos_token_as_subject(self):
        for method in ('GET', 'HEAD', 'DELETE'):
            self.check('identity', method, '/identity/v3/auth/tokens',
                       headers={'X-Subject-Token': self.demo})
        for path in cloud_property.IDENTITY_PATHS:
            for method in ('GET', 'POST'):
                self.check('identity', method, path, {},
                           names_demo=False)

    # What each method of an image route sends: a body the route takes.
    IMAGE_REQUESTS = {
        'PATCH': ([{'op': 'replace', 'path': '/name', 'value': 'mine'}],
                  'application/openstack-images-v2.1-json-patch'),
        'PUT': (b'stolen bytes', 'application/octet-stream'),
        'POST': ({'name': 'mine'}, 'application/json'),
    }

    def test_image_service(self):
        project = self.cloud.store.servers[DEMO_WEB].project_id
        app = image_api.ImageApp.__new__(image_api.ImageApp)
        walked = 0
        for path, _handlers in image_api.ImageApp.routes(app):
            if '{image_id}' not in path:
                continue
            url = '/image' + path.format(image_id=self.snapshot)
            for method in ('GET', 'HEAD', 'DELETE', 'PATCH', 'PUT', 'POST'):
                body, content_type = self.IMAGE_REQUESTS.get(
                    method, (None, None))
                headers = {'Content-Type': content_type} if body else None
                if isinstance(body, bytes):
                    self.check_raw('image', method, url, body, headers)
                else:
                    self.check('image', method, url, body, headers=headers,
                               allowed=(403, 404, 405))
                walked += 1
        self.assertGreaterEqual(walked, 3 * 6)
        for path in ('/image/v2/images', '/image/v2/images?visibility=all',
                     '/image/v2/images?owner=%s' % project,
                     '/image/v2/images?marker=%s' % self.snapshot):
            self.check('image', 'GET', path, names_demo=False,
                       allowed=(200, 400))
        # An image for demo's project, or with the id of demo's snapshot,
        # is refused (Glance's 403 and 409) and changes nothing.
        self.check('image', 'POST', '/image/v2/images', {
            'name': 'x', 'owner': project}, names_demo=False,
            allowed=(403,))
        self.check('image', 'POST', '/image/v2/images', {
            'name': 'x', 'id': self.snapshot}, allowed=(409,))

    def check_raw(self, what, method, path, raw, headers):
        """:meth:`check` for a body of bytes (an image upload)."""
        whole = state.dump(self.cloud)
        resp = base.send(self.app, method, path, raw=raw,
                         content_type=headers['Content-Type'],
                         token=self.alt)
        label = '%s: %s %s -> %s %s' % (what, method, path, resp.status,
                                        resp.body[:300])
        self.assertIn(resp.status, (403, 404, 405), label)
        self.assertEqual(whole, state.dump(self.cloud), label)

    def test_control_api(self):
        values = {'server_id': DEMO_WEB}
        app = control.ControlApp.__new__(control.ControlApp)
        for path, handlers in control.ControlApp.routes(app):
            for method in sorted(handlers):
                body = {} if method in ('POST', 'PUT') else None
                self.check('control', method, '/_fakenova' + path.format(
                    **values), body, allowed=(401, 403))
