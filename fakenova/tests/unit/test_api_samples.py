"""Data-driven checks against nova's api_samples (the reference, vendored
in fakenova/tests/reference/api_samples).

Request samples of the core server actions are POSTed to a fresh server
that has been put in a state allowing the action; they must be accepted
(2xx). For response samples every key of the sample (recursively for
dicts, the first element for lists) must be present in our response at
the sample's microversion (the ``vX.Y`` folder, 2.1 for the top folder).
Responses are requested with the admin token so that policy-dependent
keys are shown.
"""

import glob
import json
import os
import re
import time
import urllib.parse

from fakenova.compute import model
from fakenova.compute import seeding
from fakenova.compute import store as store_mod
from fakenova.tests.unit import base
from fakenova.tests.unit import keys

SAMPLES = base.reference_path('api_samples')

FIXED_IP = ('private', '192.168.1.30', 'fa:16:3e:4c:2c:30')

# Keys a sample may have that our response can legitimately lack,
# because they depend on data the test (or fakenova) does not have.
MAY_BE_ABSENT = {
    # Only shown for ERROR/DELETED servers that have a fault; our
    # servers are healthy.
    'fault',
    # Only for down cells (2.69); fakenova has one cell.
}

# Keys whose values are maps keyed by data (metadata keys, network names,
# extra spec names, image property names, scheduler hint names): the
# sample's inner keys are data, not API fields, so they are not compared.
DATA_KEYED_MAPS = {
    'metadata',         # user-provided key/value pairs
    'extra_specs',      # flavor extra specs of nova's sample flavor
    'properties',       # image properties of nova's sample image (2.98)
    'scheduler_hints',  # hints given at create (2.100)
}

# Maps keyed by data whose *values* are API structures: compare the first
# value of each side (addresses are keyed by network name).
NAMED_MAPS = {'addresses'}

# Lists that can be legitimately empty (or null) in our response (their
# first element cannot be compared then).
MAY_BE_EMPTY = {
    # fakenova attaches no volumes.
    'os-extended-volumes:volumes_attached',
    # The sample servers are in no server group.
    'server_groups',
    # The sample server was created with tags / certificates.
    'tags', 'trusted_image_certificates',
}

# Per-sample keys that may be absent, with the reason.
SAMPLE_MAY_LACK = {
    # This 2.69 sample shows a server of a down cell ({id, status,
    # links}); fakenova has a single, always-up cell.
    'servers/v2.69/servers-list-resp.json': {'servers[0].status'},
    # Nova's POST /os-volumes sample comes from its fake Cinder, whose new
    # volume is already attached; a new volume is not ([{}]).
    'os-volumes/os-volumes-post-resp.json': {
        'volume.attachments[0].device', 'volume.attachments[0].id',
        'volume.attachments[0].serverId', 'volume.attachments[0].volumeId'},
}

# Request samples of actions fakenova does not implement (gaps).
UNSUPPORTED_ACTIONS = set()

# Actions whose documented answer is not 2xx: resetNetwork was removed
# (410 at every microversion) and so was os-getRDPConsole (a plain 400).
EXPECTED_STATUS = {'resetNetwork': 410, 'os-getRDPConsole': 400}

# Actions that are admin-only by default (also unshelve with a host).
ADMIN_ACTIONS = {'shelveOffload', 'os-resetState', 'injectNetworkInfo'}

# Create request samples that need features fakenova does not model.
UNSUPPORTED_CREATE = {
    # '%(availability_zone)s' is a template left in nova's sample.
    'v2.63/server-create-req.json',
    # These carry 'personality', which the create schema drops at 2.57
    # (as rebuild's does per the reference); whether nova still accepts
    # it here is not covered by the reference.
    'v2.90/server-create-req.json',
    'v2.94/server-create-req.json',
}


def version_of(path):
    """'2.73' for .../v2.73/x.json, '2.1' for a top-level sample."""
    folder = os.path.basename(os.path.dirname(path))
    match = re.match(r'^v(\d+\.\d+)$', folder)
    return match.group(1) if match else '2.1'


def load(path):
    with open(path) as f:
        return json.load(f)


def api_sample(*parts):
    """The path of a sample (or folder) under api_samples; it must exist."""
    return base.reference_path('api_samples', *parts)


def samples(subdir, pattern):
    """Sample paths under ``subdir`` and its vX.Y folders, sorted.

    None found is an error (at import): tests must not silently vanish.
    """
    root = api_sample(subdir)
    found = glob.glob(os.path.join(root, pattern))
    found += glob.glob(os.path.join(root, 'v*', pattern))
    if not found:
        raise base.MissingReference('no sample %s in %s or its vX.Y folders'
                                    % (pattern, root))
    return sorted(found)


def test_name(path):
    rel = os.path.relpath(path, SAMPLES)
    return 'test_' + re.sub(r'[^0-9a-zA-Z]+', '_', rel[:-len('.json')])


def missing_keys(sample, ours, path=''):
    """Keys of ``sample`` that ``ours`` lacks (paths), recursively."""
    out = []
    if isinstance(sample, dict):
        if not isinstance(ours, dict):
            return ['%s (not an object: %r)' % (path or '<top>', ours)]
        for key, value in sample.items():
            where = '%s.%s' % (path, key) if path else key
            if key not in ours:
                if key not in MAY_BE_ABSENT:
                    out.append(where)
                continue
            if key in DATA_KEYED_MAPS:
                continue
            if key in NAMED_MAPS:
                if value and not ours[key]:
                    out.append(where + ' (empty)')
                elif value:
                    out += missing_keys(next(iter(value.values())),
                                        next(iter(ours[key].values())),
                                        where + '.*')
                continue
            if key in MAY_BE_EMPTY and ours[key] in (None, []):
                continue
            out += missing_keys(value, ours[key], where)
    elif isinstance(sample, list) and sample:
        if not isinstance(ours, list):
            return ['%s (not a list: %r)' % (path, ours)]
        if not ours:
            return ['%s (empty list)' % path]
        out += missing_keys(sample[0], ours[0], path + '[0]')
    return out


class SampleTestCase(base.APITestCase):

    def assertSampleKeys(self, sample_path, resp):
        self.assertTrue(200 <= resp.status < 300, resp.body)
        missing = missing_keys(load(sample_path), resp.json)
        allowed = SAMPLE_MAY_LACK.get(os.path.relpath(sample_path, SAMPLES),
                                      set())
        missing = [key for key in missing if key not in allowed]
        self.assertEqual([], missing, 'keys of %s missing from %s' % (
            os.path.relpath(sample_path, SAMPLES), resp.body))

    def new_server(self, token=base.OWNER):
        server_id = self.create_server(token=token)
        self.show(server_id, token=token)   # settle BUILD -> ACTIVE
        return server_id

    def server(self, server_id):
        return self.store.servers[server_id]

    def ensure_image(self, image_id):
        if image_id and image_id not in self.store.images:
            self.store.add_image(model.Image(image_id, 'sample-image'))


# -- request samples of the actions ---------------------------------------

def _set_state(vm_state, power_state):
    def prepare(test, server_id, value):
        server = test.server(server_id)
        server.vm_state = vm_state
        server.power_state = power_state
    return prepare


def _resized(test, server_id, value):
    server = test.server(server_id)
    server.vm_state = 'resized'
    server.old_flavor_id = server.flavor_id
    server.flavor_id = '2'
    server.pre_resize_state = 'active'


def _locked(test, server_id, value):
    test.server(server_id).locked_by = 'owner'


def _fixed_ip(test, server_id, value):
    test.server(server_id).fixed_ips = [FIXED_IP]
    test.store.add_floating_ip(base.OWNER_PROJECT, address=value['address'])


def _floating_ip_attached(test, server_id, value):
    test.server(server_id).fixed_ips = [FIXED_IP]
    fip = test.store.add_floating_ip(base.OWNER_PROJECT,
                                     address=value['address'])
    fip.server_id = server_id
    fip.fixed_address = FIXED_IP[1]


def _group(test, server_id, value, attach=False):
    test.store.add_security_group(model.SecurityGroup(
        store_mod.new_id(), value['name'], base.OWNER_PROJECT))
    if attach:
        server = test.server(server_id)
        server.security_groups = list(server.security_groups) + [
            value['name']]


def _group_attached(test, server_id, value):
    _group(test, server_id, value, attach=True)


def _images(test, server_id, value):
    value = value or {}
    test.ensure_image(value.get('imageRef'))
    test.ensure_image(value.get('rescue_image_ref'))
    if value.get('key_name'):
        # Rebuild samples name a key pair ('new-key') of the caller.
        for token in (base.OWNER, base.ADMIN):
            keys.add(test.store, value['key_name'], token.split(':')[0])


def _shelved(test, server_id, value, offload=True):
    test.store.shelved_offload_time = 0 if offload else -1
    resp = test.action(server_id, {'shelve': None})
    test.assertEqual(202, resp.status, resp.body)
    test.show(server_id)


def _shelved_only(test, server_id, value):
    _shelved(test, server_id, value, offload=False)


def _unshelve(test, server_id, value):
    _shelved(test, server_id, value)
    value = value or {}
    zone = value.get('availability_zone')
    if zone:
        # The samples name a zone ('us-west') and a host ('host01') that
        # the default fake cloud does not have.
        zones = test.store.availability_zones() | {zone}
        test.store.availability_zones = lambda: zones
        test.store.host_zone = lambda host: zone
    if value.get('host') and value['host'] not in test.store.hosts:
        test.store.hosts.append(value['host'])


def _soft_deleted(test, server_id, value):
    test.store.reclaim_instance_interval = 60
    resp = test.request('DELETE', '/v2.1/servers/%s' % server_id)
    test.assertEqual(204, resp.status, resp.body)
    test.show(server_id)


def _has_fixed_ip(test, server_id, value):
    test.server(server_id).fixed_ips = [
        ('private', value['address'], 'fa:16:3e:4c:2c:31')]


def _console_enabled(kind):
    def prepare(test, server_id, value):
        test.store.consoles[kind] = True
    return prepare


PREPARE = {
    'shelveOffload': _shelved_only,
    'unshelve': _unshelve,
    'restore': _soft_deleted,
    'removeFixedIp': _has_fixed_ip,
    'os-getSPICEConsole': _console_enabled('spice'),
    'os-getSerialConsole': _console_enabled('serial'),
    'unpause': _set_state('paused', 3),
    'resume': _set_state('suspended', 7),
    'unrescue': _set_state('rescued', 1),
    'os-start': _set_state('stopped', 4),
    'confirmResize': _resized,
    'revertResize': _resized,
    'unlock': _locked,
    'addFloatingIp': _fixed_ip,
    'removeFloatingIp': _floating_ip_attached,
    'addSecurityGroup': _group,
    'removeSecurityGroup': _group_attached,
    'rebuild': _images,
    'rescue': _images,
}


def action_request_samples():
    paths = samples('servers', 'server-action-*.json')
    paths += samples('servers', 'lock-server*.json')
    for subdir in ('os-pause-server', 'os-suspend-server', 'os-lock-server',
                   'os-admin-password'):
        paths += samples(subdir, '*.json')
    paths += samples('os-rescue', 'server-rescue-req*.json')
    paths += samples('os-rescue', 'server-unrescue-req.json')
    paths += samples('os-security-groups', 'security-group-add-post-req.json')
    paths += samples('os-security-groups',
                     'security-group-remove-post-req.json')
    for subdir in ('os-shelve', 'os-deferred-delete', 'os-admin-actions',
                   'os-multinic'):
        paths += samples(subdir, '*.json')
    paths += samples('os-create-backup', 'create-backup-req.json')
    paths += samples('os-console-output', 'console-output-post-req.json')
    paths += samples('os-remote-consoles', 'get-*-console-post-req.json')
    paths += samples('os-preserve-ephemeral-rebuild',
                     'server-action-rebuild-preserve-ephemeral.json')
    out = []
    for path in paths:
        body = load(path)
        if not isinstance(body, dict) or len(body) != 1:
            continue   # a response sample
        key = next(iter(body))
        if key in ('server', 'image_id', 'adminPass', 'output', 'console',
                   'remote_console'):
            continue   # response samples
        out.append((path, key))
    return out


class TestActionRequestSamples(SampleTestCase):
    """Each action request sample is accepted (2xx)."""


def _make_action_test(path, key):
    def test(self):
        if key in UNSUPPORTED_ACTIONS:
            self.skipTest('%s is not implemented by fakenova' % key)
        body = load(path)
        version = version_of(path)
        server_id = self.new_server()
        prepare = PREPARE.get(key)
        if prepare is not None:
            prepare(self, server_id, body[key])
        value = body[key]
        admin = key in ADMIN_ACTIONS or (
            isinstance(value, dict) and value.get('host') is not None)
        resp = self.action(server_id, body, version=version,
                           token=base.ADMIN if admin else base.OWNER)
        what = '%s at %s: %s %s' % (path, version, resp.status, resp.body)
        expected = EXPECTED_STATUS.get(key)
        if expected is not None:
            self.assertEqual(expected, resp.status, what)
        else:
            self.assertTrue(200 <= resp.status < 300, what)
    return test


for _path, _key in action_request_samples():
    setattr(TestActionRequestSamples, test_name(_path),
            _make_action_test(_path, _key))


# -- response samples ------------------------------------------------------

# The network of Nova's samples (its functional tests' neutron fixture).
NOVA_SAMPLE_NETWORK = '3cb9bc59-5699-4588-a4b1-b87f96708bc6'


class TestServerResponseSamples(SampleTestCase):
    """GET /servers/{id}, lists, PUT, POST /servers, rebuild, rescue."""

    def setUp(self):
        super().setUp()
        # Nova's create samples ask for the zone and the network its
        # sample tests make.
        self.store.add_host('west1', zone='us-west')
        self.store.networks[NOVA_SAMPLE_NETWORK] = 'private'


def _sibling(path, name):
    return os.path.join(os.path.dirname(path), name)


def _make_show_test(path):
    def test(self):
        server_id = self.new_server(token=base.ADMIN)
        resp = self.get('/v2.1/servers/%s' % server_id, token=base.ADMIN,
                        version=version_of(path))
        self.assertSampleKeys(path, resp)
    return test


def _make_list_test(path, suffix):
    def test(self):
        self.new_server(token=base.ADMIN)
        self.new_server(token=base.ADMIN)
        # limit=1 so that servers_links (in the samples) is produced.
        resp = self.get('/v2.1/servers%s?limit=1' % suffix,
                        token=base.ADMIN, version=version_of(path))
        self.assertSampleKeys(path, resp)
    return test


def _make_update_test(path, req_path):
    def test(self):
        server_id = self.new_server(token=base.ADMIN)
        resp = self.request('PUT', '/v2.1/servers/%s' % server_id,
                            body=load(req_path), token=base.ADMIN,
                            version=version_of(path))
        self.assertEqual(200, resp.status, resp.body)
        self.assertSampleKeys(path, resp)
    return test


def _server_group(case, body):
    """The server group a create sample's scheduler hints name."""
    hints = (body.get('os:scheduler_hints')
             or body.get('OS-SCH-HNT:scheduler_hints') or {})
    if hints.get('group'):
        seeding.add_server_group(case.store, 'test', 'affinity',
                                 base.OWNER_PROJECT, 'owner',
                                 id=hints['group'])


def _make_create_test(path, req_path):
    def test(self):
        rel = os.path.relpath(req_path, api_sample('servers'))
        if rel in UNSUPPORTED_CREATE:
            self.skipTest('%s needs data fakenova does not model' % rel)
        body = load(req_path)
        for group in body['server'].get('security_groups') or ():
            if group['name'] != 'default':
                _group(self, None, group)
        _server_group(self, body)
        resp = self.post('/v2.1/servers', body, version=version_of(path))
        self.assertEqual(202, resp.status, resp.body)
        self.assertSampleKeys(path, resp)
    return test


def _make_rebuild_test(path, req_path):
    def test(self):
        body = load(req_path)
        server_id = self.new_server(token=base.ADMIN)
        _images(self, server_id, body['rebuild'])
        resp = self.action(server_id, body, token=base.ADMIN,
                           version=version_of(path))
        self.assertEqual(202, resp.status, resp.body)
        self.assertSampleKeys(path, resp)
    return test


def _make_create_image_test(path, req_path):
    def test(self):
        server_id = self.new_server()
        resp = self.action(server_id, load(req_path),
                           version=version_of(path))
        self.assertEqual(202, resp.status, resp.body)
        self.assertSampleKeys(path, resp)
    return test


def _make_rescue_test(path, req_path, then=None, after=None):
    """The rescue response, or (``then``) GET after rescue[/unrescue]."""
    def test(self):
        version = version_of(path)
        server_id = self.new_server(token=base.ADMIN)
        body = load(req_path)
        _images(self, server_id, body['rescue'])
        resp = self.action(server_id, body, token=base.ADMIN,
                           version=version)
        self.assertEqual(200, resp.status, resp.body)
        if after is not None:
            self.show(server_id, token=base.ADMIN)
            resp = self.action(server_id, after, token=base.ADMIN,
                               version=version)
            self.assertEqual(202, resp.status, resp.body)
        if then is not None:
            resp = self.get('/v2.1/servers/%s' % server_id,
                            token=base.ADMIN, version=version)
        self.assertSampleKeys(path, resp)
    return test


def _server_response_tests():
    tests = {}
    for path in samples('servers', 'server-get-resp.json'):
        tests[test_name(path)] = _make_show_test(path)
    for path in samples('servers', 'servers-details-resp.json'):
        tests[test_name(path)] = _make_list_test(path, '/detail')
    for path in samples('servers', 'servers-list-resp.json'):
        tests[test_name(path)] = _make_list_test(path, '')
    for name, req in (('server-update-resp.json', 'server-update-req.json'),
                      ('server-put-resp.json', 'server-put-req.json')):
        for path in samples('servers', name):
            if os.path.exists(_sibling(path, req)):
                tests[test_name(path)] = _make_update_test(
                    path, _sibling(path, req))
    for path in samples('servers', 'server-create-resp.json'):
        req = _sibling(path, 'server-create-req.json')
        if os.path.exists(req):
            tests[test_name(path)] = _make_create_test(path, req)
    for path in samples('servers', 'server-action-rebuild-resp.json'):
        req = _sibling(path, 'server-action-rebuild.json')
        tests[test_name(path)] = _make_rebuild_test(path, req)
    for path in samples('os-preserve-ephemeral-rebuild',
                        'server-action-rebuild-preserve-ephemeral-resp.json'):
        req = path.replace('-resp.json', '.json')
        tests[test_name(path)] = _make_rebuild_test(path, req)
    for path in samples('servers', 'server-action-create-image-resp.json'):
        req = _sibling(path, 'server-action-create-image.json')
        tests[test_name(path)] = _make_create_image_test(path, req)
    for path in samples('os-rescue', 'server-rescue.json'):
        req = _sibling(path, 'server-rescue-req.json')
        tests[test_name(path)] = _make_rescue_test(path, req)
    for path in samples('os-rescue', 'server-get-resp-rescue.json'):
        req = _sibling(path, 'server-rescue-req.json')
        tests[test_name(path)] = _make_rescue_test(path, req, then='get')
    for path in samples('os-rescue', 'server-get-resp-unrescue.json'):
        req = _sibling(path, 'server-rescue-req.json')
        tests[test_name(path)] = _make_rescue_test(
            path, req, then='get', after={'unrescue': None})
    return tests


for _name, _test in _server_response_tests().items():
    setattr(TestServerResponseSamples, _name, _test)


def _make_sorted_list_test(path):
    """GET /servers sorted as nova's sample was (by name, ascending)."""
    def test(self):
        # display_name is a sort key non-admins may use.
        second = self.create_server(name='b-server')
        first = self.create_server(name='a-server')
        resp = self.get('/v2.1/servers', version=version_of(path),
                        query='sort_key=display_name&sort_dir=asc')
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual([first, second],
                         [s['id'] for s in resp.json['servers']])
        self.assertSampleKeys(path, resp)
    return test


for _path in samples('servers-sort', 'server-sort-keys-list-resp.json'):
    setattr(TestServerResponseSamples, test_name(_path),
            _make_sorted_list_test(_path))


class TestOtherResponseSamples(SampleTestCase):
    """Instance actions, floating IPs and security groups."""

    def _stopped_server(self):
        server_id = self.new_server(token=base.ADMIN)
        resp = self.action(server_id, {'os-stop': None}, token=base.ADMIN)
        self.assertEqual(202, resp.status, resp.body)
        self.show(server_id, token=base.ADMIN)
        return server_id

    def test_floating_ips_create(self):
        path = api_sample('os-floating-ips',
                          'floating-ips-create-resp.json')
        req = load(api_sample('os-floating-ips',
                              'floating-ips-create-req.json'))
        self.assertSampleKeys(path, self.post('/v2.1/os-floating-ips', req))

    def test_floating_ips_list_and_get(self):
        fip_id = self.post('/v2.1/os-floating-ips', {}).json[
            'floating_ip']['id']
        self.assertSampleKeys(
            api_sample('os-floating-ips', 'floating-ips-list-resp.json'),
            self.get('/v2.1/os-floating-ips'))
        self.assertSampleKeys(
            api_sample('os-floating-ips', 'floating-ips-get-resp.json'),
            self.get('/v2.1/os-floating-ips/%s' % fip_id))

    def test_floating_ips_list_empty(self):
        path = api_sample('os-floating-ips',
                          'floating-ips-list-empty-resp.json')
        resp = self.get('/v2.1/os-floating-ips')
        self.assertSampleKeys(path, resp)
        self.assertEqual(load(path), resp.json)

    def test_security_groups_list(self):
        path = api_sample('os-security-groups',
                          'security-groups-list-get-resp.json')
        self.assertSampleKeys(path, self.get('/v2.1/os-security-groups'))

    def test_server_security_groups_list(self):
        path = api_sample('os-security-groups',
                          'server-security-groups-list-resp.json')
        server_id = self.new_server()
        self.assertSampleKeys(path, self.get(
            '/v2.1/servers/%s/os-security-groups' % server_id))


def _make_instance_action_test(path, show):
    def test(self):
        version = version_of(path)
        server_id = self._stopped_server()
        url = '/v2.1/servers/%s/os-instance-actions' % server_id
        resp = self.get(url, token=base.ADMIN, version=version)
        if show:
            request_id = resp.json['instanceActions'][0]['request_id']
            resp = self.get('%s/%s' % (url, request_id), token=base.ADMIN,
                            version=version)
        self.assertSampleKeys(path, resp)
    return test


for _path in samples('os-instance-actions', 'instance-actions-list-resp.json'):
    setattr(TestOtherResponseSamples, test_name(_path),
            _make_instance_action_test(_path, show=False))
for _pattern in ('instance-action-get-resp.json',
                 'instance-action-get-non-admin-resp.json'):
    for _path in samples('os-instance-actions', _pattern):
        setattr(TestOtherResponseSamples, test_name(_path),
                _make_instance_action_test(_path, show=True))


# -- responses of backups and consoles ---------------------------------------

class TestConsoleBackupResponseSamples(SampleTestCase):
    """createBackup (2.45), console output and remote consoles."""

    def test_os_create_backup_v2_45_create_backup_resp(self):
        path = api_sample('os-create-backup', 'v2.45',
                          'create-backup-resp.json')
        req = load(_sibling(path, 'create-backup-req.json'))
        resp = self.action(self.new_server(), req, version='2.45')
        self.assertEqual(202, resp.status, resp.body)
        self.assertSampleKeys(path, resp)

    def test_os_console_output_console_output_post_resp(self):
        path = api_sample('os-console-output',
                          'console-output-post-resp.json')
        req = load(_sibling(path, 'console-output-post-req.json'))
        resp = self.action(self.new_server(), req)
        self.assertEqual(200, resp.status, resp.body)
        self.assertSampleKeys(path, resp)

    def test_os_remote_consoles_v2_6_create_rdp_console_req(self):
        # RDP consoles were removed from nova: documented 400.
        path = api_sample('os-remote-consoles', 'v2.6',
                          'create-rdp-console-req.json')
        resp = self.post('/v2.1/servers/%s/remote-consoles'
                         % self.new_server(), load(path), version='2.6')
        self.assertEqual(400, resp.status, resp.body)
        self.assertEqual('Unavailable console type rdp.',
                         resp.json['badRequest']['message'])


_LEGACY_CONSOLES = ('vnc', 'spice', 'serial')


def _make_legacy_console_test(path, kind):
    def test(self):
        self.store.consoles[kind] = True
        req = load(path.replace('-resp.json', '-req.json'))
        resp = self.action(self.new_server(), req, version='2.5')
        self.assertEqual(200, resp.status, resp.body)
        self.assertSampleKeys(path, resp)
    return test


def _make_remote_console_test(path, kind):
    def test(self):
        self.store.consoles[kind] = True
        req = load(path.replace('-resp.json', '-req.json'))
        resp = self.post('/v2.1/servers/%s/remote-consoles'
                         % self.new_server(), req,
                         version=version_of(path))
        self.assertEqual(200, resp.status, resp.body)
        self.assertSampleKeys(path, resp)
    return test


for _path in samples('os-remote-consoles', 'get-*-console-post-resp.json'):
    _kind = os.path.basename(_path).split('-')[1]
    if _kind in _LEGACY_CONSOLES:   # not rdp: removed (always 400)
        setattr(TestConsoleBackupResponseSamples, test_name(_path),
                _make_legacy_console_test(_path, _kind))
for _path in samples('os-remote-consoles', 'create-*-console-resp.json'):
    _req = load(_path.replace('-resp.json', '-req.json'))
    setattr(TestConsoleBackupResponseSamples, test_name(_path),
            _make_remote_console_test(
                _path, _req['remote_console']['protocol']))


# -- GET /os-migrations -------------------------------------------------------

class TestMigrationListSamples(SampleTestCase):
    """Every os-migrations sample, with the query its name describes."""

    def moves(self):
        """A live migration still running (oldest), then a resize.

        The two records get an hour apart, so that a changes-* query can
        split them.
        """
        self.store.pacing = 'manual'
        live = self.create_server(token=base.ADMIN)
        self.store.complete(live)
        resp = self.action(live, {'os-migrateLive': {
            'host': None, 'block_migration': 'auto'}}, token=base.ADMIN,
            version='2.25')
        self.assertEqual(202, resp.status, resp.body)
        resized = self.create_server()
        self.store.complete(resized)
        resp = self.action(resized, {'resize': {'flavorRef': '2'}})
        self.assertEqual(202, resp.status, resp.body)
        self.store.complete(resized)
        old, new = self.store.migrations
        # 2016-06-23T13:42:02, and an hour later.
        self.store.migrations.redate(old, 1466689322.0)
        self.store.migrations.redate(new, old.created + 3600)
        old.updated, new.updated = old.created, new.created
        return old, new


def _iso(ts):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(ts))


# sample name -> the query it shows, given (older live, newer resize).
MIGRATION_QUERIES = {
    'migrations-get.json': lambda old, new: {},
    'migrations-get-with-limit.json': lambda old, new: {'limit': '1'},
    'migrations-get-with-marker.json': lambda old, new: {
        'marker': new.uuid},
    'migrations-get-with-changes-since.json': lambda old, new: {
        'changes-since': _iso(new.updated)},
    'migrations-get-with-changes-before.json': lambda old, new: {
        'changes-before': _iso(old.updated)},
    'migrations-get-with-user-or-project-id.json': lambda old, new: {
        'user_id': new.user_id, 'project_id': new.project_id},
}


def _make_migration_list_test(path):
    def test(self):
        old, new = self.moves()
        query = MIGRATION_QUERIES[os.path.basename(path)](old, new)
        resp = self.get('/v2.1/os-migrations', token=base.ADMIN,
                        version=version_of(path),
                        query=urllib.parse.urlencode(query))
        self.assertSampleKeys(path, resp)
    return test


for _path in samples('os-migrations', 'migrations-get*.json'):
    setattr(TestMigrationListSamples, test_name(_path),
            _make_migration_list_test(_path))


# -- a server's addresses and password ---------------------------------------

class TestServerIpsPasswordSamples(SampleTestCase):
    """/servers/{id}/ips, /ips/{label} and os-server-password."""

    def test_server_ips_server_ips_resp(self):
        path = api_sample('server-ips', 'server-ips-resp.json')
        resp = self.get('/v2.1/servers/%s/ips' % self.new_server())
        self.assertEqual(200, resp.status, resp.body)
        self.assertSampleKeys(path, resp)

    def test_server_ips_server_ips_network_resp(self):
        path = api_sample('server-ips',
                          'server-ips-network-resp.json')
        label = next(iter(load(path)))
        resp = self.get('/v2.1/servers/%s/ips/%s' % (self.new_server(),
                                                     label))
        self.assertEqual(200, resp.status, resp.body)
        self.assertSampleKeys(path, resp)

    def test_os_server_password_get_password_resp(self):
        path = api_sample('os-server-password',
                          'get-password-resp.json')
        server_id = self.new_server()
        self.store.server_passwords[server_id] = load(path)['password']
        resp = self.get('/v2.1/servers/%s/os-server-password' % server_id)
        self.assertEqual(200, resp.status, resp.body)
        self.assertSampleKeys(path, resp)
        self.assertEqual(load(path), resp.json)


# -- moves: evacuate, cold and live migration ---------------------------------

class TestMoveRequestSamples(SampleTestCase):
    """Evacuate, cold and live migration requests: the server moves.

    The samples of os-evacuate, os-migrate-server and the live migrations
    of server-migrations; each is accepted and lands on the other host.
    """

    def other_host(self, server_id):
        source = self.server(server_id).host
        return [h for h in self.store.hosts if h != source][0]


def _move_request_samples():
    paths = samples('os-evacuate', 'server-evacuate*-req.json')
    paths += samples('os-migrate-server', '*.json')
    paths += samples('server-migrations', 'live-migrate-server.json')
    return paths


# The documented answer of each move action.
MOVE_STATUS = {'evacuate': 200, 'migrate': 202, 'os-migrateLive': 202}


def _make_move_test(path):
    def test(self):
        body = load(path)
        [(key, value)] = body.items()
        server_id = self.new_server()
        source = self.server(server_id).host
        dest = self.other_host(server_id)
        if isinstance(value, dict) and value.get('host') is not None:
            # nova's samples name a placeholder host.
            value['host'] = dest
        if key == 'evacuate':
            # Only a server whose compute service is down is evacuated.
            self.store.service_of(source).forced_down = True
        resp = self.action(server_id, body, token=base.ADMIN,
                           version=version_of(path))
        self.assertEqual(MOVE_STATUS[key], resp.status, resp.body)
        if key == 'evacuate':
            resp_path = path.replace('-req.json', '-resp.json')
            if os.path.exists(resp_path):
                # Before 2.14: the password given in the request.
                self.assertSampleKeys(resp_path, resp)
                self.assertEqual(load(resp_path), resp.json)
            else:
                # From 2.14 the answer has no body (no sample either).
                self.assertIsNone(resp.json, resp.body)
        server = self.show(server_id, token=base.ADMIN)
        self.assertEqual(dest, server['OS-EXT-SRV-ATTR:host'])
    return test


for _path in _move_request_samples():
    setattr(TestMoveRequestSamples, test_name(_path), _make_move_test(_path))


class TestServerMigrationSamples(SampleTestCase):
    """force_complete and GET /servers/{id}/migrations[/{id}]."""

    def live_migrating(self):
        """A server whose live migration is running (manual pacing)."""
        self.store.pacing = 'manual'
        server_id = self.create_server(token=base.ADMIN)
        self.store.complete(server_id)
        resp = self.action(server_id, {'os-migrateLive': {
            'host': None, 'block_migration': 'auto'}}, token=base.ADMIN,
            version='2.25')
        self.assertEqual(202, resp.status, resp.body)
        [migration] = self.store.migrations_of(server_id)
        self.assertEqual('running', migration.status)
        return server_id, migration

    def test_server_migrations_v2_22_force_complete(self):
        path = api_sample('server-migrations', 'v2.22',
                          'force_complete.json')
        server_id, migration = self.live_migrating()
        resp = self.post('/v2.1/servers/%s/migrations/%s/action' % (
            server_id, migration.id), load(path), token=base.ADMIN,
            version=version_of(path))
        self.assertEqual(202, resp.status, resp.body)
        self.assertEqual('completed', migration.status)
        self.assertEqual('ACTIVE', self.show(server_id,
                                             token=base.ADMIN)['status'])


def _make_server_migration_test(path, show):
    def test(self):
        server_id, migration = self.live_migrating()
        url = '/v2.1/servers/%s/migrations' % server_id
        if show:
            url += '/%s' % migration.id
        resp = self.get(url, token=base.ADMIN, version=version_of(path))
        self.assertEqual(200, resp.status, resp.body)
        self.assertSampleKeys(path, resp)
    return test


for _path in samples('server-migrations', 'migrations-get.json'):
    setattr(TestServerMigrationSamples, test_name(_path),
            _make_server_migration_test(_path, show=True))
for _path in samples('server-migrations', 'migrations-index.json'):
    setattr(TestServerMigrationSamples, test_name(_path),
            _make_server_migration_test(_path, show=False))


# -- volumes: os-volume_attachments and the os-volumes proxy ------------------

def _version_tuple(path):
    return tuple(int(part) for part in version_of(path).split('.'))


# Volume request samples fakenova does not implement (gaps), by path
# under api_samples.
class TestVolumeSamples(SampleTestCase):
    """/servers/{id}/os-volume_attachments and /os-volumes (until 2.35).

    The samples' volume, server and device values are replaced by those
    of volumes seeded in the fake Cinder and of the real attachment.
    """

    def volume(self):
        return seeding.add_volume(self.store, base.OWNER_PROJECT).id

    def url(self, server_id, volume_id=None):
        out = '/v2.1/servers/%s/os-volume_attachments' % server_id
        return out + ('/%s' % volume_id if volume_id else '')

    def attach(self, server_id, path, **changes):
        """POST the attach request sample of ``path``'s folder.

        The sample's volume is replaced by a new one; ``changes`` are
        applied to the request. Returns (volume id, response).
        """
        body = load(_sibling(path, 'attach-volume-to-server-req.json'))
        spec = body['volumeAttachment']
        spec['volumeId'] = self.volume()
        spec.update(changes)
        resp = self.post(self.url(server_id), body,
                         version=version_of(path))
        self.assertTrue(200 <= resp.status < 300, resp.body)
        return spec['volumeId'], resp

    def attachment(self, server_id, volume_id):
        [item] = [a for a in self.server(server_id).volumes_attached or ()
                  if a.volume_id == volume_id]
        return item


def _make_proxy_create_test(path):
    """POST /os-volumes with nova's request sample."""
    def test(self):
        body = load(api_sample('os-volumes',
                               'os-volumes-post-req.json'))
        resp = self.post('/v2.1/os-volumes', body)
        self.assertEqual(200, resp.status, resp.body)
        volume = resp.json['volume']
        self.assertEqual(('Volume Name', 100, 'available', [{}]), (
            volume['displayName'], volume['size'], volume['status'],
            volume['attachments']))
        self.assertEqual(volume['id'], self.get(
            '/v2.1/os-volumes/%s' % volume['id']).json['volume']['id'])
        if path.endswith('-resp.json'):
            self.assertSampleKeys(path, resp)
    return test


def _make_attach_request_test(path):
    def test(self):
        server_id = self.new_server()
        volume_id, resp = self.attach(server_id, path)
        if _version_tuple(path) >= (2, 101):
            # From 2.101 the attach is asynchronous: 202, no body.
            self.assertEqual(202, resp.status, resp.body)
            self.assertIsNone(resp.json, resp.body)
        else:
            self.assertEqual(200, resp.status, resp.body)
            self.assertEqual(volume_id,
                             resp.json['volumeAttachment']['volumeId'])
        item = self.attachment(server_id, volume_id)
        spec = load(path)['volumeAttachment']
        self.assertEqual(spec.get('tag'), item.tag)
        self.assertIs(spec.get('delete_on_termination', False),
                      item.delete_on_termination)
    return test


def _make_attach_response_test(path):
    def test(self):
        server_id = self.new_server()
        _volume_id, resp = self.attach(server_id, path)
        self.assertEqual(200, resp.status, resp.body)
        self.assertSampleKeys(path, resp)
    return test


def _make_attachment_list_test(path):
    def test(self):
        server_id = self.new_server()
        version = version_of(path)
        # A plain attachment (no tag, kept on delete), as the sample's
        # first one, then the one of this folder's attach request.
        resp = self.post(self.url(server_id), {'volumeAttachment': {
            'volumeId': self.volume()}}, version=version)
        self.assertTrue(200 <= resp.status < 300, resp.body)
        self.attach(server_id, path)
        resp = self.get(self.url(server_id), version=version)
        self.assertEqual(200, resp.status, resp.body)
        self.assertEqual(2, len(resp.json['volumeAttachments']))
        self.assertSampleKeys(path, resp)
    return test


def _make_attachment_show_test(path):
    def test(self):
        server_id = self.new_server()
        volume_id, _resp = self.attach(server_id, path)
        resp = self.get(self.url(server_id, volume_id),
                        version=version_of(path))
        self.assertEqual(200, resp.status, resp.body)
        self.assertSampleKeys(path, resp)
    return test


def _make_swap_test(path):
    """PUT with another volume: Cinder's swap of a migrating volume."""
    def test(self):
        server_id = self.new_server()
        old, _resp = self.attach(server_id, path)
        self.store.volumes[old].status = 'migrating'
        new = self.volume()
        body = load(path)
        body['volumeAttachment']['volumeId'] = new
        resp = self.request('PUT', self.url(server_id, old), body=body,
                            token=base.ADMIN, version=version_of(path))
        self.assertEqual(202, resp.status, resp.body)
        self.attachment(server_id, new)
        self.assertEqual('available', self.store.volumes[old].status)
    return test


def _make_update_attachment_test(path):
    """PUT with the same volume (2.85): update delete_on_termination."""
    def test(self):
        server_id = self.new_server()
        volume_id, _resp = self.attach(server_id, path,
                                       delete_on_termination=False)
        item = self.attachment(server_id, volume_id)
        body = load(path)
        spec = body['volumeAttachment']
        spec['volumeId'] = volume_id
        # The immutable fields may be sent back with their values.
        for key, value in (('id', volume_id), ('serverId', server_id),
                           ('device', item.device)):
            if key in spec:
                spec[key] = value
        resp = self.request('PUT', self.url(server_id, volume_id),
                            body=body, token=base.ADMIN,
                            version=version_of(path))
        self.assertEqual(202, resp.status, resp.body)
        self.assertIs(spec['delete_on_termination'],
                      item.delete_on_termination)
    return test


def _make_proxy_test(path, suffix):
    """GET /os-volumes{suffix} with a volume attached to a server.

    ``suffix`` None is the volume's own URL.
    """
    def test(self):
        server_id = self.new_server()
        volume_id = self.volume()
        resp = self.post(self.url(server_id), {'volumeAttachment': {
            'volumeId': volume_id}})
        self.assertEqual(200, resp.status, resp.body)
        url = '/v2.1/os-volumes%s' % (
            suffix if suffix is not None else '/' + volume_id)
        resp = self.get(url, version=version_of(path))
        self.assertEqual(200, resp.status, resp.body)
        self.assertSampleKeys(path, resp)
    return test


_VOLUME_TESTS = (
    ('os-volume_attachments', 'attach-volume-to-server-req.json',
     _make_attach_request_test),
    ('os-volume_attachments', 'attach-volume-to-server-resp.json',
     _make_attach_response_test),
    ('os-volume_attachments', 'list-volume-attachments-resp.json',
     _make_attachment_list_test),
    ('os-volume_attachments', 'volume-attachment-detail-resp.json',
     _make_attachment_show_test),
    ('os-volume_attachments', 'update-volume-req.json', _make_swap_test),
    ('os-volume_attachments', 'update-volume-attachment-delete-flag-req.json',
     _make_update_attachment_test),
    ('os-volumes', 'os-volumes-index-resp.json',
     lambda path: _make_proxy_test(path, '')),
    ('os-volumes', 'os-volumes-detail-resp.json',
     lambda path: _make_proxy_test(path, '/detail')),
    ('os-volumes', 'os-volumes-get-resp.json',
     lambda path: _make_proxy_test(path, None)),
    ('os-volumes', 'os-volumes-post-*.json', _make_proxy_create_test),
)

for _subdir, _pattern, _make in _VOLUME_TESTS:
    for _path in samples(_subdir, _pattern):
        setattr(TestVolumeSamples, test_name(_path), _make(_path))
