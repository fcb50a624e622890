"""Property-based tests: random requests never break the API.

Every example builds a fresh app through the real paste pipeline (about
5 ms), so examples never share state. ``derandomize=True`` keeps the
examples the same from run to run (CI is reproducible).

Checked for every response:

* never a 5xx;
* every 4xx is Nova's envelope ``{faultName: {code, message}}`` with
  ``code`` equal to the HTTP status and the fault name Nova uses for it;
* a refused action (4xx) left the server's state as it was.

``FAKENOVA_PROPERTY_SCALE=N`` runs N times as many examples (CI: 1).

The stateful test drives a few servers through random valid action
sequences and checks, after every step, that the derived status is one of
Nova's, that nothing stays transitional with instant pacing, that power
states match the stable vm_states and that ``GET /servers/detail`` lists
every server that exists.
"""

import collections
import json
import os
import re
import urllib.parse

import hypothesis
from hypothesis import stateful
from hypothesis import strategies as st

from fakenova.compute.api import operations
from fakenova.compute.api import wsgi
from fakenova.compute import console_tokens
from fakenova.compute import states
from fakenova.tests.unit import base

# FAKENOVA_PROPERTY_SCALE=N: N times the examples (a longer local run).
SCALE = max(1, int(os.environ.get('FAKENOVA_PROPERTY_SCALE') or 1))
SETTINGS = dict(deadline=None, derandomize=True, database=None,
                suppress_health_check=[hypothesis.HealthCheck.too_slow,
                                       hypothesis.HealthCheck.data_too_large])

# Every declared action (a new one joins the alphabet by itself).
ACTION_KEYS = tuple(sorted(operations.TABLE.actions))

TOKENS = (base.OWNER, base.ALT, base.ADMIN, None)
KNOWN_STATUSES = states.ALL_STATUSES - {'UNKNOWN'}
STABLE_VM_STATES = (states.ACTIVE, states.PAUSED, states.SUSPENDED,
                    states.STOPPED, states.RESCUED)
SNAPSHOT_FIELDS = ('vm_state', 'task_state', 'power_state', 'locked_by',
                   'flavor_id', 'image_id', 'name', 'metadata')

# Header-safe text (WSGI headers are latin-1; HTTP would not carry more).
header_text = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=12)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: (st.lists(children, max_size=4)
                      | st.dictionaries(st.text(max_size=10), children,
                                        max_size=4)),
    max_leaves=12)

# Plausible (often valid) values, so that random runs reach the accepting
# paths of each action, not only its validation.
flavor_refs = st.sampled_from(['1', '2', '3', 2, '99', '', 'nope'])
image_refs = st.sampled_from([base.IMAGE, base.OTHER_IMAGE, 'junk', ''])
names = st.text(max_size=12)
plausible_values = {
    'reboot': st.fixed_dictionaries(
        {'type': st.sampled_from(['SOFT', 'HARD', 'soft', 'hard', 'x'])}),
    'rebuild': st.fixed_dictionaries(
        {'imageRef': image_refs},
        optional={'name': names,
                  'metadata': st.dictionaries(names, names, max_size=2),
                  'adminPass': names}),
    'resize': st.fixed_dictionaries({'flavorRef': flavor_refs}),
    'createImage': st.fixed_dictionaries(
        {'name': names},
        optional={'metadata': st.dictionaries(names, names, max_size=2)}),
    'changePassword': st.fixed_dictionaries({'adminPass': names}),
    'rescue': st.none() | st.just({}) | st.fixed_dictionaries(
        {}, optional={'adminPass': names, 'rescue_image_ref': image_refs}),
    'lock': st.none() | st.fixed_dictionaries(
        {}, optional={'locked_reason': names}),
    'addFloatingIp': st.fixed_dictionaries(
        {'address': st.sampled_from(['172.24.4.11', '10.0.0.1', 'x'])},
        optional={'fixed_address': st.sampled_from(['10.0.0.5', 'y'])}),
    'removeFloatingIp': st.fixed_dictionaries(
        {'address': st.sampled_from(['172.24.4.11', '10.0.0.1', 'x'])}),
    'addSecurityGroup': st.fixed_dictionaries(
        {'name': st.sampled_from(['default', 'nope', ''])}),
    'removeSecurityGroup': st.fixed_dictionaries(
        {'name': st.sampled_from(['default', 'nope', ''])}),
    'unshelve': st.none() | st.just({}) | st.fixed_dictionaries(
        {}, optional={'availability_zone': st.sampled_from(
            ['nova', 'us-west', None]),
            'host': st.sampled_from(['compute1', 'host01'])}),
    'os-resetState': st.fixed_dictionaries(
        {'state': st.sampled_from(['active', 'error', 'stopped'])}),
    'createBackup': st.fixed_dictionaries(
        {'name': names, 'backup_type': st.sampled_from(['daily', 'weekly']),
         'rotation': st.sampled_from([0, 1, '2', -1, 'x'])}),
    'addFixedIp': st.fixed_dictionaries({'networkId': st.sampled_from(
        ['e1882e38-38c2-4239-ade7-35d644cb963a', 'nope', ''])}),
    'removeFixedIp': st.fixed_dictionaries(
        {'address': st.sampled_from(['10.0.0.5', '10.0.0.9', 'x'])}),
    'os-getConsoleOutput': st.just({}) | st.fixed_dictionaries(
        {'length': st.sampled_from([None, 0, 3, -1, -2, '5', 'x'])}),
    'os-getVNCConsole': st.fixed_dictionaries(
        {'type': st.sampled_from(['novnc', 'xvpvnc', 'spice-html5'])}),
    'os-getSPICEConsole': st.fixed_dictionaries(
        {'type': st.sampled_from(['spice-html5', 'novnc'])}),
    'os-getSerialConsole': st.fixed_dictionaries(
        {'type': st.sampled_from(['serial', 'novnc'])}),
}


@st.composite
def action_bodies(draw):
    """A JSON-able action body: mostly one known key, sometimes junk."""
    kind = draw(st.integers(0, 9))
    if kind <= 6:
        key = draw(st.sampled_from(ACTION_KEYS))
        plausible = plausible_values.get(key, st.none())
        value = draw(plausible | json_values if kind <= 3 else plausible)
        return {key: value}
    if kind == 7:
        return {draw(st.text(max_size=15)): draw(json_values)}
    if kind == 8:
        # Several keys, known or not.
        return draw(st.dictionaries(
            st.sampled_from(ACTION_KEYS) | st.text(max_size=8), json_values,
            min_size=0, max_size=3))
    return draw(json_values)  # not an object at all (or an odd one)


versions = st.one_of(
    st.none(),
    st.sampled_from(['2.1', '2.17', '2.25', '2.43', '2.44', '2.45', '2.73',
                     '2.75', '2.77', '2.91', '2.96', '2.104', 'latest',
                     'LATEST']),
    st.sampled_from(['2.105', '2.999', '3.0', '1.0', '2.0', '2', '2.', '.1',
                     '2.01', ' 2.1 ', '']),
    header_text)

content_types = st.sampled_from([
    'application/json', 'application/json', 'application/json',
    'application/json; charset=UTF-8', 'text/plain', 'application/xml',
    'text/html', 'multipart/form-data', 'junk'])


@st.composite
def requests(draw):
    """(body or raw bytes, token, version, content_type, target)."""
    if draw(st.integers(0, 9)) == 0:
        raw = draw(st.binary(max_size=40) | st.just(b'')
                   | st.just(b'{"pause": null'))
        body = None
    else:
        raw = None
        body = draw(action_bodies())
    return dict(
        body=body, raw=raw,
        token=draw(st.sampled_from(TOKENS)),
        version=draw(versions),
        content_type=draw(content_types),
        # Mostly the owner's server; sometimes an unknown id or another's.
        target=draw(st.sampled_from(['mine'] * 6 + ['alt', 'missing'])))


class Counter:
    requests = 0
    statuses = collections.Counter()


def send(app, method, path, body=None, raw=None, token=base.OWNER,
         version=None, content_type='application/json', query=None):
    Counter.requests += 1
    resp = base.send(app, method, path, body, token=token, version=version,
                     raw=raw, content_type=content_type, query=query)
    Counter.statuses[resp.status] += 1
    return resp


def check_response(case, resp, what):
    case.assertLess(resp.status, 500, '%s -> %s %r' % (what, resp.status,
                                                       resp.body))
    if isinstance(what, tuple) and what[0] == 'HEAD':  # no body
        return
    if resp.status in (401, 404) and resp.json is None:
        # Nova's routes matched nothing, or noauth2 refused: webob's page.
        case.assertTrue(resp.text.startswith('%d ' % resp.status), what)
        return
    if 400 <= resp.status < 500:
        body = resp.json
        case.assertIsInstance(body, dict, what)
        case.assertEqual(1, len(body), '%s -> %r' % (what, body))
        name = wsgi.FAULT_NAMES.get(resp.status, 'computeFault')
        case.assertIn(name, body, '%s -> %r' % (what, body))
        case.assertEqual(resp.status, body[name]['code'], what)
        case.assertIsInstance(body[name]['message'], str, what)


def snapshot(store, server_id):
    with store.lock:
        server = store.servers.get(server_id)
        if server is None or not store.settle(server):
            return None
        return tuple(json.dumps(getattr(server, f), sort_keys=True)
                     if f == 'metadata' else getattr(server, f)
                     for f in SNAPSHOT_FIELDS)


def new_cloud():
    app = base.load_app()
    store = base.find_router(app).store
    ids = {}
    for who, token in (('mine', base.OWNER), ('alt', base.ALT)):
        resp = send(app, 'POST', '/v2.1/servers', {'server': {
            'name': who, 'imageRef': base.IMAGE, 'flavorRef': '1'}},
            token=token)
        ids[who] = resp.json['server']['id']
    ids['missing'] = '00000000-0000-0000-0000-000000000000'
    # A floating IP for the owner, so add/removeFloatingIp can succeed.
    send(app, 'POST', '/v2.1/os-floating-ips', {'pool': 'public'})
    return app, store, ids


# Valid action bodies for the sequence tests (each may still be refused
# with 409 when the server's state does not allow it).
VALID_ACTIONS = (
    {'pause': None}, {'unpause': None}, {'suspend': None}, {'resume': None},
    {'os-start': None}, {'os-stop': None},
    {'reboot': {'type': 'SOFT'}}, {'reboot': {'type': 'HARD'}},
    {'rebuild': {'imageRef': base.OTHER_IMAGE}},
    {'rebuild': {'imageRef': base.IMAGE, 'name': 'rebuilt',
                 'metadata': {'k': 'v'}}},
    {'resize': {'flavorRef': '2'}}, {'resize': {'flavorRef': '3'}},
    {'confirmResize': None}, {'revertResize': None},
    {'createImage': {'name': 'snap'}},
    {'lock': None}, {'unlock': None},
    {'rescue': None}, {'rescue': {'adminPass': 'secret'}},
    {'unrescue': None},
    {'changePassword': {'adminPass': 'pw'}},
    {'addSecurityGroup': {'name': 'default'}},
    {'removeSecurityGroup': {'name': 'default'}},
    {'shelve': None}, {'unshelve': None}, {'shelveOffload': None},
    {'createBackup': {'name': 'b', 'backup_type': 'daily', 'rotation': 1}},
    {'injectNetworkInfo': None},
    {'addFixedIp': {'networkId': 'e1882e38-38c2-4239-ade7-35d644cb963a'}},
    {'os-getConsoleOutput': {'length': 5}},
)


class RandomActionTest(base.testtools.TestCase):

    @hypothesis.settings(max_examples=200 * SCALE, **SETTINGS)
    @hypothesis.given(
        setup=st.lists(st.sampled_from(VALID_ACTIONS), max_size=4),
        reqs=st.lists(requests(), min_size=15, max_size=25))
    def _check_random_actions(self, setup, reqs):
        app, store, ids = new_cloud()
        for body in setup:  # put the server in some state first
            check_response(self, send(app, 'POST', '/v2.1/servers/%s/action'
                                      % ids['mine'], body), body)
        for r in reqs:
            server_id = ids[r['target']]
            before = snapshot(store, server_id)
            resp = send(app, 'POST', '/v2.1/servers/%s/action' % server_id,
                        body=r['body'], raw=r['raw'], token=r['token'],
                        version=r['version'], content_type=r['content_type'])
            check_response(self, resp, r)
            if 400 <= resp.status < 500:
                self.assertEqual(before, snapshot(store, server_id),
                                 'refused %r changed the server' % (r,))
            elif resp.body:
                json.loads(resp.body)

    def test_random_action_bodies(self):
        start = Counter.requests
        self._check_random_actions()
        sent = Counter.requests - start
        # The test proves its own coverage.
        self.assertGreater(sent, 2000)


class ActionSequenceMachine(stateful.RuleBasedStateMachine):
    """Random valid actions on a few servers; invariants after each."""

    def __init__(self):
        super().__init__()
        self.case = ActionSequenceMachine.case
        self.app = base.load_app()
        self.store = base.find_router(self.app).store
        self.servers = {}  # id -> token of the owner
        for token in (base.OWNER, base.OWNER, base.ALT):
            self._create(token)

    def _create(self, token):
        resp = send(self.app, 'POST', '/v2.1/servers', {'server': {
            'name': 'vm', 'imageRef': base.IMAGE, 'flavorRef': '1'}},
            token=token)
        self.case.assertEqual(202, resp.status, resp.body)
        self.servers[resp.json['server']['id']] = token

    def _pick(self, index):
        ids = sorted(self.servers)
        return ids[index % len(ids)] if ids else None

    @stateful.rule(index=st.integers(0, 9),
                   body=st.sampled_from(VALID_ACTIONS),
                   as_admin=st.booleans())
    def act(self, index, body, as_admin):
        server_id = self._pick(index)
        if server_id is None:
            return
        token = base.ADMIN if as_admin else self.servers[server_id]
        before = snapshot(self.store, server_id)
        resp = send(self.app, 'POST', '/v2.1/servers/%s/action' % server_id,
                    body, token=token)
        check_response(self.case, resp, body)
        self.case.assertIn(resp.status, (200, 202, 204, 400, 403, 404, 409),
                           '%r -> %r' % (body, resp.body))
        if resp.status >= 400:
            self.case.assertEqual(before, snapshot(self.store, server_id))

    @stateful.rule(token=st.sampled_from([base.OWNER, base.ALT]))
    def create(self, token):
        if len(self.servers) < 5:
            self._create(token)

    @stateful.rule(index=st.integers(0, 9))
    def delete(self, index):
        server_id = self._pick(index)
        if server_id is None:
            return
        resp = send(self.app, 'DELETE', '/v2.1/servers/%s' % server_id,
                    token=self.servers[server_id])
        check_response(self.case, resp, 'delete')
        if resp.status == 204:
            del self.servers[server_id]
            resp = send(self.app, 'GET', '/v2.1/servers/%s' % server_id,
                        token=base.ADMIN)
            self.case.assertEqual(404, resp.status)

    @stateful.invariant()
    def consistent(self):
        for server_id, token in self.servers.items():
            resp = send(self.app, 'GET', '/v2.1/servers/%s' % server_id,
                        token=token, version='2.96')
            self.case.assertEqual(200, resp.status, resp.body)
            view = resp.json['server']
            vm_state = view['OS-EXT-STS:vm_state']
            task_state = view['OS-EXT-STS:task_state']
            power = view['OS-EXT-STS:power_state']
            self.case.assertIn(view['status'], KNOWN_STATUSES)
            self.case.assertEqual(states.status_of(vm_state, task_state),
                                  view['status'])
            self.case.assertIsNone(task_state, view)
            if vm_state in STABLE_VM_STATES:
                self.case.assertEqual(
                    states.POWER_FOR_VM_STATE[vm_state], power, view)
        resp = send(self.app, 'GET', '/v2.1/servers/detail',
                    token=base.ADMIN, query='all_tenants=1')
        self.case.assertEqual(200, resp.status, resp.body)
        listed = {s['id'] for s in resp.json['servers']}
        self.case.assertEqual(set(self.servers), listed)
        for token in (base.OWNER, base.ALT):
            resp = send(self.app, 'GET', '/v2.1/servers/detail', token=token)
            mine = {i for i, t in self.servers.items() if t == token}
            listed = {s['id'] for s in resp.json['servers']}
            self.case.assertEqual(mine, listed)


class ActionSequenceTest(base.testtools.TestCase):

    def test_random_action_sequences(self):
        ActionSequenceMachine.case = self
        start = Counter.requests
        stateful.run_state_machine_as_test(
            ActionSequenceMachine,
            settings=hypothesis.settings(
                max_examples=100 * SCALE, stateful_step_count=25,
                **SETTINGS))
        self.assertGreater(Counter.requests - start, 2000)


query_values = st.one_of(
    st.text(max_size=10), st.integers(-5, 2000).map(str),
    st.sampled_from(['', '0', '-1', '1', 'true', 'false', 'yes', '(', '[a-',
                     '.*', '*', '\\', '?P<x>', '(?<=a)b', 'a{99999999}',
                     'ACTIVE', 'active', 'PAUSED', 'SHUTOFF', 'DELETED',
                     'UNKNOWN', 'BUILD', 'vm', '^v', 'mine$']))
query_keys = st.sampled_from(['limit', 'marker', 'status', 'name',
                              'all_tenants', 'sort_key', 'sort_dir',
                              'changes-since', 'image', 'flavor', 'host',
                              'deleted', 'ip', 'tenant_id', 'project_id',
                              'junk'])


class RandomQueryTest(base.testtools.TestCase):

    @hypothesis.settings(max_examples=80 * SCALE, **SETTINGS)
    @hypothesis.given(
        queries=st.lists(st.lists(st.tuples(query_keys, query_values),
                                  max_size=5), min_size=6, max_size=12),
        detail=st.booleans(), token=st.sampled_from(TOKENS),
        version=st.sampled_from([None, '2.1', '2.66', 'latest']))
    def _check_queries(self, queries, detail, token, version):
        app, store, ids = new_cloud()
        path = '/v2.1/servers/detail' if detail else '/v2.1/servers'
        for params in queries:
            params = [(k, ids['mine'] if k == 'marker' and v == '1' else v)
                      for k, v in params]
            query = urllib.parse.urlencode(params)
            resp = send(app, 'GET', path, token=token, version=version,
                        query=query)
            check_response(self, resp, (path, query))
            if resp.status == 200:
                self.assertIsInstance(resp.json['servers'], list)

    def test_random_queries(self):
        start = Counter.requests
        self._check_queries()
        self.assertGreater(Counter.requests - start, 500)


# -- every route -------------------------------------------------------------

METHODS = ('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD')
route_query_keys = st.sampled_from([
    'limit', 'marker', 'user_id', 'project_id', 'changes-since',
    'changes-before', 'status', 'instance_uuid', 'migration_type', 'host',
    'hidden', 'name', 'type', 'detailed', 'with_servers', 'all_tenants',
    'junk', 'tenant_id'])
route_query_values = st.one_of(
    query_values, st.sampled_from([
        '2016-06-23T13:42:02Z', '2016-06-23', 'not-a-date', 'owner', 'alt',
        'key1', 'migration', 'live-migration', 'resize', 'compute1']))


def _route_ids(app, store, ids):
    """Real ids for every kind of URL variable (and some unknown ones)."""
    from fakenova.compute import aggregates
    from fakenova.compute import security_groups
    from fakenova.compute import seeding
    from fakenova.tests.unit import keys
    volume = seeding.add_volume(store, base.OWNER_PROJECT)
    keys.add(store, 'key1', user_id='owner')
    group = seeding.add_server_group(store, 'group1', 'anti-affinity',
                                     base.OWNER_PROJECT, 'owner')
    send(app, 'POST', '/v2.1/servers/%s/action' % ids['mine'],
         {'os-migrateLive': {'host': None, 'block_migration': 'auto'}},
         token=base.ADMIN, version='2.25')
    # Issue 13: a security group of the owner's with a rule.
    web = seeding.add_security_group(store, 'web', base.OWNER_PROJECT)
    with store.lock:
        rule = security_groups.add_rule(store, web, {
            'protocol': 'tcp', 'from_port': 22, 'to_port': 22,
            'cidr': '10.0.0.0/8', 'parent_group_id': web.id})
    with store.lock:
        aggregate = aggregates.create(store, 'agg1', 'az1')
        migration = str(store.migrations[0].id) if store.migrations else '1'
        service = next(iter(store.services.values()))
        floating = next(iter(store.floating_ips.values()))
        actions = store.actions.get(ids['mine']) or ()
        request_id = actions[0].request_id if actions else 'req-x'
        token = console_tokens.issue(store, store.servers[ids['mine']],
                                     'novnc')
    return {
        'server_id': [ids['mine'], ids['alt'], ids['missing']],
        'volume_id': [volume.id, 'nope'],
        'keypair_name': ['key1', 'nope', 'a b'],
        'migration_id': [migration, '999', 'x'],
        'request_id': [request_id, 'req-nope'],
        'network_label': ['private', 'public'],
        'service_id': [service.id, '1', 'nope'],
        'hypervisor_id': [str(service.node_id), service.id, 'nope'],
        'image_id': [base.IMAGE, 'nope'],
        # A private flavor of the owner's project (flavor management).
        'flavor_id': ['1', seeding.add_flavor(
            store, 'private1', is_public=False,
            projects=[base.OWNER_PROJECT]).id, '99'],
        'floating_ip_id': [str(floating.id), 'nope'],
        'server_group_id': [group.id, 'nope'],
        'tenant_id': [base.OWNER_PROJECT, base.ALT.split(':')[1], 'nope'],
        # Hosts, hypervisors and aggregates (issue 13).
        'aggregate_id': [str(aggregate.id), '999', 'x', aggregate.uuid],
        'host_name': [service.host, 'nope', 'controller'],
        'hypervisor_hostname_pattern': ['comp', 'nope', '%', 'compute1'],
        # A quota class (and the removed APIs' ids).
        'id': ['default', 'other', 'x' * 256],
        'before_timestamp': ['2020-03-15 10:00:00', '2020-03-15 10:00:00.5',
                             'nope'],
        'console_token': [token, 'nope'],
        'network_id': [next(iter(store.networks)), 'nope'],
        'security_group_id': [web.id, 'nope'],
        'security_group_rule_id': [rule.id, web.rules[0].id, 'nope'],
        'alias': ['os-volumes', 'nope'],
    }


_KEY = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJIzJ3e4t3J6qPFDPs09W6mq3EVz'
        'JCGNODDpfmzGf69a tests@fakenova')

# Plausible bodies per (method, route), so that random runs get past the
# validation of each endpoint as often as not.
route_bodies = {
    ('POST', '/os-keypairs'): st.builds(lambda kp: {'keypair': kp},
                                        st.fixed_dictionaries(
        {'name': st.sampled_from(['key2', 'key1', 'a b', '', 'x' * 256]),
         'public_key': st.sampled_from([_KEY, _KEY, 'ssh-rsa junk', ''])},
        optional={'type': st.sampled_from(['ssh', 'x509', 'rsa']),
                  'user_id': st.sampled_from(['owner', 'alt', ''])})),
    ('POST', '/os-volumes'): st.builds(lambda v: {'volume': v},
                                       st.fixed_dictionaries(
        {}, optional={'size': st.sampled_from([1, '2', 0, 'x', None]),
                      'display_name': names})),
    ('POST', '/servers/{server_id}/os-volume_attachments'):
        st.fixed_dictionaries({'volumeAttachment': st.fixed_dictionaries(
            {'volumeId': st.sampled_from(['{volume}', 'nope', ''])},
            optional={'device': st.sampled_from(['/dev/vdc', 'x', None]),
                      'tag': names,
                      'delete_on_termination': st.booleans()})}),
    ('PUT', '/os-services/{service_id}'): st.fixed_dictionaries(
        {}, optional={'status': st.sampled_from(['enabled', 'disabled', 'x']),
                      'forced_down': st.booleans() | st.just('yes'),
                      'disabled_reason': names}),
    ('PUT', '/servers/{server_id}'): st.fixed_dictionaries(
        {'server': st.fixed_dictionaries({}, optional={
            'name': names, 'description': names | st.none(),
            'pinned_availability_zone': st.sampled_from(['nova', 'x',
                                                         None])})}),
    ('POST', '/servers/{server_id}/migrations/{migration_id}/action'):
        st.sampled_from([{'force_complete': None}, {'force_complete': {}}]),
    ('POST', '/os-floating-ips'): st.sampled_from([
        {'pool': 'public'}, {'pool': 'nope'}, {}, None]),
    ('POST', '/os-security-groups'): st.builds(
        lambda g: {'security_group': g}, st.fixed_dictionaries(
            {}, optional={'name': st.sampled_from(['g', '', 'default', 1]),
                          'description': st.sampled_from(['d', None])})),
    ('POST', '/os-security-group-rules'): st.builds(
        lambda r: {'security_group_rule': r}, st.fixed_dictionaries(
            {'parent_group_id': st.sampled_from(
                ['{group}', 'nope', '8a8c57a2-6e3e-4c1e-9d2b-8f3e2d1c0b9a'])},
            optional={'ip_protocol': st.sampled_from(['tcp', 'icmp', 'x',
                                                      None, 6]),
                      'from_port': st.sampled_from([22, -1, '80', 'x', 0,
                                                    70000, None, [1]]),
                      'to_port': st.sampled_from([22, -1, 65535, 'y', None]),
                      'cidr': st.sampled_from(['10.0.0.0/8', '::/0', 'x',
                                               '1.2.3.4/0', None]),
                      'group_id': st.sampled_from(['{group}', None])})),
    ('POST', '/images/{image_id}/metadata'): st.fixed_dictionaries(
        {'metadata': st.dictionaries(st.sampled_from(['a', 'b', '']),
                                     st.sampled_from(['1', 2]))}),
    ('POST', '/os-server-groups'): st.builds(
        lambda g: {'server_group': g}, st.fixed_dictionaries(
            {'name': st.sampled_from(['g', '', ' g'])},
            optional={'policies': st.sampled_from(
                [['affinity'], ['soft-affinity'], [], 'x']),
                'policy': st.sampled_from(['anti-affinity', 'x']),
                'rules': st.sampled_from(
                    [{}, {'max_server_per_host': 2},
                     {'max_server_per_host': 'x'}])})),
    # Flavor management.
    ('POST', '/flavors'): st.builds(lambda f: {'flavor': f},
                                    st.fixed_dictionaries(
        {'name': st.sampled_from(['f1', '1', '', ' f']),
         'ram': st.sampled_from([64, '128', 0, 'x']),
         'vcpus': st.sampled_from([1, 2 ** 31]), 'disk': st.just(1)},
        optional={'id': st.sampled_from(['1', 'f1', 2, None, ' x']),
                  'os-flavor-access:is_public': st.sampled_from(
                      [True, 'false', 'x']),
                  'rxtx_factor': st.sampled_from([1.5, '0', -1]),
                  'description': names | st.none()})),
    ('PUT', '/flavors/{flavor_id}'): st.fixed_dictionaries(
        {'flavor': st.fixed_dictionaries({}, optional={
            'description': names | st.none(), 'name': names})}),
    ('POST', '/flavors/{flavor_id}/action'): st.sampled_from([
        {'addTenantAccess': {'tenant': 'p1'}},
        {'addTenantAccess': {'tenant': base.OWNER_PROJECT}},
        {'removeTenantAccess': {'tenant': base.OWNER_PROJECT}},
        {'removeTenantAccess': {}}, {'addTenantAccess': None}]),
    ('POST', '/flavors/{flavor_id}/os-extra_specs'): st.builds(
        lambda s: {'extra_specs': s}, st.dictionaries(
            st.sampled_from(['hw:numa_nodes', 'hw:pmem', 'k1', 'trait:X',
                             'a/b']),
            st.sampled_from(['1', 0, 'x' * 256, 'a' * 250 + '!', None]),
            max_size=3)),
    ('PUT', '/flavors/{flavor_id}/os-extra_specs/{key}'): st.sampled_from([
        {'k1': 'v'}, {'x': 1}, {}, {'k1': 'v', 'x': 'y'}]),
    # Hosts and aggregates (issue 13).
    ('POST', '/os-aggregates'): st.builds(
        lambda a: {'aggregate': a}, st.fixed_dictionaries(
            {'name': st.sampled_from(['agg1', 'agg2', '', ' a', 'x' * 256])},
            optional={'availability_zone': st.sampled_from(
                ['az1', 'az2', 'nova', 'a:b', '', None])})),
    ('PUT', '/os-aggregates/{aggregate_id}'): st.builds(
        lambda a: {'aggregate': a}, st.fixed_dictionaries({}, optional={
            'name': st.sampled_from(['agg1', 'agg3', ' a ', '']),
            'availability_zone': st.sampled_from(['az1', 'az2', None])})),
    ('POST', '/os-aggregates/{aggregate_id}/action'): st.one_of(
        st.builds(lambda k, h: {k: {'host': h}},
                  st.sampled_from(['add_host', 'remove_host']),
                  st.sampled_from(['compute1', 'compute2', 'nope', 'a b'])),
        st.builds(lambda m: {'set_metadata': {'metadata': m}},
                  st.dictionaries(st.sampled_from(
                      ['availability_zone', 'ssd', 'a b', '']),
                      st.sampled_from(['az1', 'az2', 'x', None]),
                      max_size=2))),
    ('POST', '/os-aggregates/{aggregate_id}/images'): st.sampled_from([
        {'cache': [{'id': base.IMAGE}]}, {'cache': []},
        {'cache': [{'id': base.IMAGE}, {'id': base.IMAGE}]},
        {'cache': [{'id': 'nope'}]}, {}]),
    ('PUT', '/os-hosts/{host_name}'): st.fixed_dictionaries({}, optional={
        'status': st.sampled_from(['enable', 'Disable', 'x']),
        'maintenance_mode': st.sampled_from(['enable', 'disable', 1])}),
    # Quotas: limits below the usage, unlimited, too large, not numbers.
    ('PUT', '/os-quota-sets/{tenant_id}'): st.builds(
        lambda q: {'quota_set': q}, st.fixed_dictionaries({}, optional={
            'instances': st.sampled_from([0, 1, -1, '5', 'x', -2]),
            'cores': st.sampled_from([1, 2 ** 31, '20']),
            'key_pairs': st.sampled_from([0, 1]),
            'fixed_ips': st.sampled_from([1, -1]),
            'force': st.sampled_from([True, 'false', 'x'])})),
    ('PUT', '/os-quota-class-sets/{id}'): st.builds(
        lambda q: {'quota_class_set': q}, st.fixed_dictionaries({}, optional={
            'instances': st.sampled_from([0, 1, -1, '5', 'x']),
            'server_groups': st.sampled_from([0, 3]),
            'injected_files': st.sampled_from([1, -1])})),
}
valid_versions = st.sampled_from([None, '2.1', '2.2', '2.10', '2.23', '2.35',
                                  '2.53', '2.59', '2.75', '2.80', '2.92',
                                  'latest'])


@st.composite
def route_requests(draw):
    from fakenova.compute.api import router
    path, handlers = draw(st.sampled_from(router.ROUTES))
    handled = draw(st.integers(0, 9)) > 1
    method = draw(st.sampled_from(sorted(handlers)) if handled
                  else st.sampled_from(METHODS))
    values = draw(st.lists(st.integers(0, 2), min_size=4, max_size=4))
    query = draw(st.lists(st.tuples(route_query_keys, route_query_values),
                          max_size=3))
    plausible = route_bodies.get((method, path))
    if plausible is not None and draw(st.integers(0, 9)) > 2:
        body = draw(plausible)
    else:
        body = draw(st.none() | json_values | action_bodies())
    return dict(path=path, method=method, values=values,
                query=urllib.parse.urlencode(query), body=body,
                token=draw(st.sampled_from([base.OWNER] * 4 + [base.ADMIN] * 3
                                           + [base.ALT, None])),
                version=draw(valid_versions if draw(st.integers(0, 9)) > 2
                             else versions),
                legacy=draw(st.integers(0, 9)) == 0)


class RandomRouteTest(base.testtools.TestCase):
    """Random methods, ids, queries and bodies on every route of the API."""

    @hypothesis.settings(max_examples=60 * SCALE, **SETTINGS)
    @hypothesis.given(reqs=st.lists(route_requests(), min_size=20,
                                    max_size=30))
    def _check_routes(self, reqs):
        app, store, ids = new_cloud()
        choices = _route_ids(app, store, ids)
        for r in reqs:
            picks = iter(r['values'] * 2)

            def value(match):
                # Variables without known ids (a metadata key, a tag...)
                # get a few plain values.
                options = choices.get(match.group(1), ['k1', 'x', 'a b'])
                return urllib.parse.quote(
                    options[next(picks) % len(options)], safe='')
            path = re.sub(r'\{(\w+)\}', value, r['path'])
            prefix = '/v2.1/%s' % base.OWNER_PROJECT if r['legacy'] else \
                '/v2.1'
            body = json.loads(json.dumps(r['body']).replace(
                '{volume}', choices['volume_id'][0]).replace(
                '{group}', choices['security_group_id'][0]))
            resp = send(app, r['method'], prefix + path, body=body,
                        token=r['token'], version=r['version'],
                        query=r['query'])
            check_response(self, resp, (r['method'], path, r['query'],
                                        r['body'], r['version']))

    def test_random_requests_on_every_route(self):
        start = Counter.requests
        self._check_routes()
        self.assertGreater(Counter.requests - start, 1200)
