"""fakenova-api as a process, driven by real clients over real sockets.

:class:`FakeNovaProcess` starts ``python -m fakenova.cmd.api`` on a free
port from a neutral directory, waits until ``GET /`` answers and, on
cleanup, stops it with SIGTERM and checks that it exited 0. The tests
drive it with the ``openstack`` CLI (python-openstackclient, through a
clouds.yaml), with keystoneauth1 sessions, and (slow, opt-in with
``FAKENOVA_SLOW_TESTS=1`` or ``CI=true``) from a fresh virtualenv that
installed the checkout the way a new user does.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import fixtures
from keystoneauth1 import exceptions as ks_exc
from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session
from novaclient import client as novaclient
from novaclient import exceptions as nova_exc
import requests
import testtools

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
IMAGE_NAME = 'cirros-0.6.2-x86_64-disk'
IMAGE_ID = '70a599e0-31e7-49b7-b260-868f441e862b'
START_TIMEOUT = 30
STOP_TIMEOUT = 15
# "GET /v2.1/servers 200 1.2ms req-<uuid>" (see fakenova.cmd.api.AccessLog)
ACCESS_LINE = re.compile(
    r'fakenova\.access (GET|HEAD|POST|PUT|DELETE|PATCH) (/\S*) (\d{3}) '
    r'(\d+\.\d)ms (req-[0-9a-f-]{36}|-)$')


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def slow_tests_enabled():
    return (os.environ.get('FAKENOVA_SLOW_TESTS') == '1'
            or os.environ.get('CI', '').lower() == 'true')


def keystone_session(url, username='demo', password=None, project=True):
    """A keystoneauth1 password session against the fake's identity.

    The default users' passwords are their names; each is scoped to the
    project of its name (``project=False``: unscoped).
    """
    kwargs = {}
    if project:
        kwargs = {'project_name': username,
                  'project_domain_name': 'Default'}
    auth = v3.Password(auth_url=url + '/identity', username=username,
                       password=password or username,
                       user_domain_name='Default', **kwargs)
    return ks_session.Session(auth=auth)


class FakeNovaProcess(fixtures.Fixture):
    """``fakenova-api`` in a subprocess on 127.0.0.1:<free port>.

    ``command`` is the program to run (default: this interpreter with
    ``-m fakenova.cmd.api`` and the checkout on PYTHONPATH); ``env``
    overrides variables (None removes one); the output goes to
    ``self.log_path``. Cleanup sends SIGTERM and fails unless the
    process exits 0 within STOP_TIMEOUT seconds.
    """

    def __init__(self, command=None, args=(), env=None):
        super().__init__()
        self.command = command
        self.args = list(args)
        self.extra_env = env or {}

    def _setUp(self):
        self.port = free_port()
        self.url = 'http://127.0.0.1:%d' % self.port
        self.workdir = self.useFixture(fixtures.TempDir()).path
        self.log_path = os.path.join(self.workdir, 'fakenova-api.log')
        env = dict(os.environ)
        if self.command is None:
            command = [sys.executable, '-m', 'fakenova.cmd.api']
            env['PYTHONPATH'] = os.pathsep.join(
                [REPO] + [p for p in [env.get('PYTHONPATH')] if p])
        else:
            command = list(self.command)
        env.update(self.extra_env)
        env = {k: v for k, v in env.items() if v is not None}
        self._log = open(self.log_path, 'wb')
        self.addCleanup(self._log.close)
        self.process = subprocess.Popen(
            command + ['--port', str(self.port)] + self.args,
            cwd=self.workdir, env=env, stdout=self._log,
            stderr=subprocess.STDOUT)
        self.addCleanup(self._stop)
        self._wait_until_up()

    def _wait_until_up(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError('fakenova-api exited %s:\n%s' % (
                    self.process.returncode, self.log()))
            try:
                with urllib.request.urlopen(self.url + '/', timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.05)
        raise AssertionError('fakenova-api did not answer in %ds:\n%s' % (
            START_TIMEOUT, self.log()))

    def _stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise AssertionError('fakenova-api ignored SIGTERM:\n%s'
                                     % self.log())
        if self.process.returncode != 0:
            raise AssertionError('fakenova-api exited %s:\n%s' % (
                self.process.returncode, self.log()))

    def log(self):
        self._log.flush()
        with open(self.log_path, encoding='utf-8', errors='replace') as f:
            return f.read()


class ProcessTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.server = self.useFixture(FakeNovaProcess())
        self.url = self.server.url

    def session(self, username='demo', password=None, project=True):
        return keystone_session(self.url, username, password, project)


class ProcessLifecycleTest(ProcessTestCase):

    def test_sigterm_exits_zero_and_logs_each_request(self):
        sess = self.session()
        token = sess.get_token()
        compute = sess.get_endpoint(service_type='compute',
                                    interface='public')
        sess.get(compute + '/servers')
        requests.get(self.url + '/v2.1/servers',
                     headers={'X-Auth-Token': 'not-a-token'})
        self.server._stop()
        self.assertEqual(0, self.server.process.returncode)
        log = self.server.log()
        self.assertNotIn(token, log)
        self.assertNotIn('not-a-token', log)
        self.assertNotIn('"password"', log)
        lines = [m.groups() for m in map(ACCESS_LINE.search,
                                         log.splitlines()) if m]
        seen = [(method, path, status) for method, path, status, _, _
                in lines]
        self.assertIn(('POST', '/identity/v3/auth/tokens', '201'), seen)
        self.assertIn(('GET', '/v2.1/servers', '200'), seen)
        self.assertIn(('GET', '/v2.1/servers', '401'), seen)
        # Compute answers carry a request id; the log line shows it.
        self.assertTrue(all(rid.startswith('req-') for _, path, _, _, rid
                            in lines if path.startswith('/v2.1/')))
        self.assertIn('stopped (SIGTERM)', log)
        # The start is one line, never a logging error.
        self.assertIn('fakenova-api listening on %s/' % self.url, log)
        self.assertNotIn('Logging error', log)

    def test_sigterm_writes_every_queued_line(self):
        # The access lines are written by a thread of their own, in
        # batches under load: SIGTERM right after a burst of requests
        # still leaves one line per request in the log, then "stopped".
        def burst(count):
            with requests.Session() as sess:
                for _ in range(count):
                    self.assertEqual(
                        300, sess.get(self.url + '/identity').status_code)

        threads = [threading.Thread(target=burst, args=(100,))
                   for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.server._stop()
        lines = [m.groups() for m in map(
            ACCESS_LINE.search, self.server.log().splitlines()) if m]
        self.assertEqual(800, len([
            line for line in lines if line[:3] == ('GET', '/identity',
                                                   '300')]))
        self.assertTrue(self.server.log().rstrip().endswith(
            'fakenova-api stopped (SIGTERM)'))


class OpenStackClientTest(ProcessTestCase):
    """The ``openstack`` CLI through a clouds.yaml, one server reused."""

    def setUp(self):
        super().setUp()
        self.cli = shutil.which(
            'openstack', path=os.path.dirname(sys.executable)
        ) or shutil.which('openstack')
        if self.cli is None:
            self.fail('no openstack CLI: install test-requirements.txt '
                      '(python-openstackclient)')
        tmp = self.useFixture(fixtures.TempDir()).path
        self.clouds = os.path.join(tmp, 'clouds.yaml')
        with open(self.clouds, 'w') as f:
            f.write(CLOUDS_YAML % {'url': self.url})
        self.tmp = tmp

    def openstack(self, *args, parse=True, cloud='fakenova'):
        env = dict(os.environ, OS_CLIENT_CONFIG_FILE=self.clouds)
        for key in list(env):
            if key.startswith('OS_') and key != 'OS_CLIENT_CONFIG_FILE':
                del env[key]
        cmd = [self.cli, '--os-cloud', cloud] + list(args)
        if parse:
            cmd += ['-f', 'json']
        proc = subprocess.run(cmd, cwd=self.tmp, env=env, timeout=120,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            self.fail('%s exited %d:\n%s\n%s\n--- server log ---\n%s' % (
                ' '.join(args), proc.returncode, proc.stdout, proc.stderr,
                self.server.log()[-4000:]))
        return json.loads(proc.stdout) if parse else proc.stdout

    def show(self, name='vm1'):
        return self.openstack('server', 'show', name)

    def assertShown(self, status, name='vm1', **fields):
        """``openstack server show -f json`` shows ``status``."""
        server = self.show(name)
        self.assertEqual(status, server['status'])
        for key, value in fields.items():
            self.assertEqual(value, server[key], key)
        return server

    def assertServer(self, status, server_id, **fields):
        """The API (not the CLI: ~2 s a run) comes to ``status``.

        Polled as a client waits: with fakenova-api's default pacing a
        transition lasts a second.
        """
        deadline = time.monotonic() + 15
        while True:
            server = self.session().get(
                self.url + '/v2.1/servers/' + server_id,
                headers={'OpenStack-API-Version': 'compute latest'}).json()[
                    'server']
            if server['status'] == status or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        self.assertEqual(status, server['status'])
        for key, value in fields.items():
            self.assertEqual(value, server[key], key)
        return server

    def test_identity_admin_makes_a_project_its_user_then_uses(self):
        # keystone's administration API through the CLI: the new user's
        # token works on compute in the new project, and goes with it.
        admin = {'cloud': 'fakenova-admin'}
        project = self.openstack('project', 'create', '--description',
                                 'made by the CLI', 'cli-project', **admin)
        user = self.openstack('user', 'create', '--project', 'cli-project',
                              '--password', 'cli-secret', 'cli-user',
                              **admin)
        self.assertEqual(project['id'], user['default_project_id'])
        self.openstack('role', 'add', '--project', 'cli-project', '--user',
                       'cli-user', 'member', parse=False, **admin)
        rows = self.openstack('role', 'assignment', 'list', '--user',
                              'cli-user', '--names', **admin)
        self.assertEqual([('member', 'cli-user@Default',
                           'cli-project@Default')],
                         [(r['Role'], r['User'], r['Project'])
                          for r in rows])
        self.assertEqual([], self.openstack('server', 'list',
                                            cloud='fakenova-new'))
        # A member lists only its own projects (the CLI falls back to
        # them when keystone refuses the list of all) and may not list
        # users (keystone's default policy).
        self.assertEqual(['cli-project'], [p['Name'] for p in self.openstack(
            'project', 'list', cloud='fakenova-new')])
        proc = subprocess.run(
            [self.cli, '--os-cloud', 'fakenova-new', 'user', 'list'],
            env=dict(os.environ, OS_CLIENT_CONFIG_FILE=self.clouds),
            capture_output=True, text=True, timeout=120)
        self.assertNotEqual(0, proc.returncode)
        self.assertIn('identity:list_users', proc.stderr)
        self.openstack('user', 'delete', 'cli-user', parse=False, **admin)
        self.openstack('project', 'delete', 'cli-project', parse=False,
                       **admin)
        names = [p['Name'] for p in self.openstack('project', 'list',
                                                   **admin)]
        self.assertNotIn('cli-project', names)
        self.assertIn('demo', names)

    def test_flavor_show(self):
        # The CLI reads the flavor's extra specs too (os-extra_specs).
        flavor = self.openstack('flavor', 'show', 'm1.tiny')
        self.assertEqual(('1', 'm1.tiny', 512), (
            flavor['id'], flavor['name'], flavor['ram']))
        names = [f['Name'] for f in self.openstack('flavor', 'list')]
        self.assertIn('m1.small', names)

    def test_flavor_management(self):
        # Flavor management by the admin: a private flavor, its
        # properties (extra specs) and access list; demo sees it once
        # given access.
        admin = {'cloud': 'fakenova-admin'}
        flavor = self.openstack(
            'flavor', 'create', '--ram', '256', '--vcpus', '2', '--disk',
            '3', '--private', '--property', 'hw:cpu_policy=shared',
            '--description', 'mine', 'cli-private', **admin)
        self.assertEqual(('cli-private', 256, 2, False, 'mine'), (
            flavor['name'], flavor['ram'], flavor['vcpus'],
            flavor['os-flavor-access:is_public'], flavor['description']))
        names = [f['Name'] for f in self.openstack('flavor', 'list')]
        self.assertNotIn('cli-private', names)
        self.openstack('flavor', 'set', '--property', 'hw:numa_nodes=1',
                       'cli-private', parse=False, **admin)
        # 'flavor set --project' finds the project by name in keystone.
        self.openstack('flavor', 'set', '--project', 'demo', 'cli-private',
                       parse=False, **admin)
        self.openstack('flavor', 'unset', '--property', 'hw:cpu_policy',
                       'cli-private', parse=False, **admin)
        shown = self.openstack('flavor', 'show', 'cli-private')
        self.assertEqual({'hw:numa_nodes': '1'}, shown['properties'])
        names = [f['Name'] for f in self.openstack(
            'flavor', 'list', '--all')]
        self.assertIn('cli-private', names)
        self.openstack('flavor', 'unset', '--project', 'demo',
                       'cli-private', parse=False, **admin)
        names = [f['Name'] for f in self.openstack('flavor', 'list')]
        self.assertNotIn('cli-private', names)
        self.openstack('flavor', 'delete', 'cli-private', parse=False,
                       **admin)
        names = [f['Name'] for f in self.openstack(
            'flavor', 'list', '--all', **admin)]
        self.assertNotIn('cli-private', names)

    def test_quota_show(self):
        # The CLI reads the project's limits, with usage, and the defaults.
        limits = {row['Resource']: row for row in self.openstack(
            'quota', 'show', '--compute', '--usage')}
        self.assertEqual((10, 0), (limits['instances']['Limit'],
                                   limits['instances']['In Use']))
        defaults = {row['Resource']: row['Limit'] for row in self.openstack(
            'quota', 'show', '--compute', '--default')}
        self.assertEqual(20, defaults['cores'])

    def test_aggregates_hosts_and_hypervisors(self):
        def admin(*args, parse=True):
            return self.openstack(*args, parse=parse, cloud='fakenova-admin')
        agg = admin('aggregate', 'create', '--zone', 'us-west', 'west')
        self.assertEqual(('west', 'us-west'), (agg['name'],
                                               agg['availability_zone']))
        agg = admin('aggregate', 'add', 'host', 'west', 'compute2')
        self.assertEqual(['compute2'], agg['hosts'])
        admin('aggregate', 'set', '--property', 'ssd=true', '--name',
              'west2', 'west', parse=False)
        agg = admin('aggregate', 'show', 'west2')
        self.assertEqual('true', agg['properties']['ssd'])
        image = self.openstack('image', 'list')[0]['ID']
        admin('aggregate', 'cache', 'image', 'west2', image,
              '--os-compute-api-version', '2.81', parse=False)
        zones = {z['Zone Name'] for z in self.openstack(
            'availability', 'zone', 'list', '--compute')}
        self.assertEqual({'nova', 'us-west'}, zones)
        hosts = {h['Host Name']: h['Zone'] for h in admin(
            'host', 'list', '--os-compute-api-version', '2.42')}
        self.assertEqual('us-west', hosts['compute2'])
        rows = admin('host', 'show', 'compute1',
                     '--os-compute-api-version', '2.42')
        self.assertEqual({'(total)', '(used_now)', '(used_max)'},
                         {row['Project'] for row in rows})
        agg = admin('aggregate', 'remove', 'host', 'west2', 'compute2')
        self.assertEqual([], agg['hosts'])
        admin('aggregate', 'delete', 'west2', parse=False)
        self.assertEqual([], admin('aggregate', 'list'))
        hypervisor = admin('hypervisor', 'show', 'compute1.example.com')
        self.assertEqual('compute1.example.com',
                         hypervisor['hypervisor_hostname'])
        stats = admin('hypervisor', 'stats', 'show',
                      '--os-compute-api-version', '2.87')
        self.assertEqual(2, stats['count'])

    def test_quota_set_and_limits(self):
        # An admin lowers demo's instances (the CLI finds the project by
        # name in keystone); demo sees it and meets it.
        self.openstack('quota', 'set', '--instances', '1', 'demo',
                       parse=False, cloud='fakenova-admin')
        limits = {row['Resource']: row['Limit'] for row in self.openstack(
            'quota', 'show', '--compute')}
        self.assertEqual(1, limits['instances'])
        self.openstack('server', 'create', '--flavor', 'm1.tiny', '--image',
                       IMAGE_NAME, '--wait', 'vm1')
        absolute = {row['Name']: row['Value'] for row in self.openstack(
            'limits', 'show', '--absolute')}
        # (under the SDK's names)
        self.assertEqual((1, 1), (absolute['instances'],
                                  absolute['instances_used']))
        self.assertEqual((20, 1), (absolute['total_cores'],
                                   absolute['total_cores_used']))
        env = dict(os.environ, OS_CLIENT_CONFIG_FILE=self.clouds)
        proc = subprocess.run(
            [self.cli, '--os-cloud', 'fakenova', 'server', 'create',
             '--flavor', 'm1.tiny', '--image', IMAGE_NAME, 'vm2'],
            cwd=self.tmp, env=env, timeout=120, capture_output=True,
            text=True)
        self.assertNotEqual(0, proc.returncode)
        self.assertIn('Quota exceeded for instances: Requested 1, but '
                      'already used 1 of 1 instances', proc.stderr)

    def test_usage(self):
        # A member reads its project's usage; the admin every project's.
        created = self.openstack('server', 'create', '--flavor', 'm1.tiny',
                                 '--image', IMAGE_NAME, '--wait', 'vm1')
        self.assertEqual('ACTIVE', created['status'])
        start = '--start', '2020-01-01'
        mine = self.openstack('usage', 'show', *start)
        self.assertEqual([(created['id'], 'vm1', 512)], [
            (s['instance_id'], s['name'], s['memory_mb'])
            for s in mine['Servers']])
        self.assertGreater(mine['RAM MB-Hours'], 0)
        usages = self.openstack('usage', 'list', *start, '--os-username',
                                'admin', '--os-password', 'admin',
                                '--os-project-name', 'admin')
        self.assertEqual(1, len(usages), usages)
        self.assertGreater(usages[0]['RAM MB-Hours'], 0)

    def test_extension_list(self):
        # Issue 13: Nova's former extensions. (The CLI's security group
        # and network commands go to a network service, as the catalog's
        # missing one is not read as "use Nova's proxies".)
        aliases = [e['Alias'] for e in self.openstack(
            'extension', 'list', '--compute')]
        self.assertEqual(99, len(aliases))
        self.assertIn('os-security-groups', aliases)

    def test_server_lifecycle(self):
        public_key = os.path.join(self.tmp, 'id_ed25519.pub')
        with open(public_key, 'w') as f:
            f.write(PUBLIC_KEY + '\n')
        keypair = self.openstack('keypair', 'create', '--public-key',
                                 public_key, 'mykey')
        self.assertEqual(('mykey', 'ssh'), (keypair['name'],
                                            keypair['type']))
        created = self.openstack('server', 'create', '--flavor', 'm1.tiny',
                                 '--image', IMAGE_NAME, '--key-name',
                                 'mykey', '--wait', 'vm1')
        self.assertEqual('ACTIVE', created['status'])
        server = self.assertShown('ACTIVE', key_name='mykey')
        server_id = server['id']
        self.assertEqual(created['id'], server_id)
        self.assertEqual('m1.tiny', server['flavor']['original_name'])
        self.assertIn(IMAGE_ID, server['image'])

        # (CLI arguments, status, checked with "server show"?, fields)
        steps = [
            (('pause',), 'PAUSED', True, {}),
            (('unpause',), 'ACTIVE', False, {}),
            (('lock',), 'ACTIVE', True, {'locked': True}),
            (('unlock',), 'ACTIVE', False, {'locked': False}),
            (('reboot', '--wait'), 'ACTIVE', False, {}),
            (('stop',), 'SHUTOFF', False, {}),
            (('start',), 'ACTIVE', False, {}),
            (('resize', '--flavor', 'm1.small', '--wait'),
             'VERIFY_RESIZE', True, {}),
            (('resize', 'confirm'), 'ACTIVE', False, {}),
            (('rebuild', '--wait'), 'ACTIVE', False, {}),
        ]
        for args, status, by_cli, fields in steps:
            self.openstack('server', *(args + ('vm1',)), parse=False)
            self.assertServer(status, server_id, **fields)
            if by_cli:
                self.assertShown(status, **fields)
        self.assertEqual('m1.small', self.assertServer(
            'ACTIVE', server_id)['flavor']['original_name'])

        image = self.openstack('server', 'image', 'create', '--name',
                               'vm1-snap', '--wait', 'vm1')
        self.assertEqual('active', image['status'])
        self.assertEqual('vm1-snap', image['name'])
        self.assertEqual(server_id, image['properties']['instance_uuid'])
        self.openstack('image', 'delete', 'vm1-snap', parse=False)
        resp = self.session().get(self.url + '/image/v2/images/' +
                                  image['id'], raise_exc=False)
        self.assertEqual(404, resp.status_code)

        self.openstack('server', 'delete', '--wait', 'vm1', parse=False)
        self.assertEqual([], self.openstack('server', 'list'))


# Any OpenSSH public key will do (no one holds its private half).
PUBLIC_KEY = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJIzJ3e4t3J6qPFDPs09W6mq3'
              'EVzJCGNODDpfmzGf69a cli@fakenova')

CLOUDS_YAML = """\
clouds:
  fakenova:
    auth:
      auth_url: %(url)s/identity
      username: demo
      password: demo
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
  fakenova-admin:
    auth:
      auth_url: %(url)s/identity
      username: admin
      password: admin
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
  fakenova-new:
    auth:
      auth_url: %(url)s/identity
      username: cli-user
      password: cli-secret
      project_name: cli-project
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
"""


class KeystoneAuthTest(ProcessTestCase):

    def test_password_session_finds_compute_and_lists_servers(self):
        sess = self.session()
        endpoint = sess.get_endpoint(service_type='compute',
                                     interface='public')
        self.assertEqual(self.url + '/v2.1', endpoint.rstrip('/'))
        resp = sess.get(endpoint + '/servers')
        self.assertEqual(200, resp.status_code)
        self.assertEqual([], resp.json()['servers'])
        image = sess.get_endpoint(service_type='image', interface='public')
        self.assertEqual(self.url + '/image', image.rstrip('/'))

    def test_wrong_password_is_unauthorized(self):
        sess = self.session(password='not-demo')
        exc = self.assertRaises(ks_exc.Unauthorized, sess.get_token)
        self.assertEqual(401, exc.http_status)
        self.assertNotIn('not-demo', self.server.log())

    def test_unscoped_token_is_refused_by_compute(self):
        sess = self.session(project=False)
        token = sess.get_token()
        resp = requests.get(self.url + '/v2.1/servers',
                            headers={'X-Auth-Token': token})
        self.assertEqual(401, resp.status_code)

    def test_other_projects_server_is_not_found(self):
        alt = self.session('alt_demo')
        compute = alt.get_endpoint(service_type='compute',
                                   interface='public')
        resp = alt.post(compute + '/servers', json={'server': {
            'name': 'alt-vm', 'flavorRef': '1', 'imageRef': IMAGE_ID}})
        self.assertEqual(202, resp.status_code)
        server_id = resp.json()['server']['id']
        self.assertEqual(200, alt.get(compute + '/servers/' + server_id,
                                      raise_exc=False).status_code)

        demo = self.session()
        resp = demo.get(compute + '/servers/' + server_id, raise_exc=False)
        self.assertEqual(404, resp.status_code)
        self.assertEqual(404, resp.json()['itemNotFound']['code'])
        self.assertEqual([], demo.get(compute + '/servers').json()[
            'servers'])


class ControlAPIOverHTTPTest(testtools.TestCase):
    """What a Go or Java suite does between tests, over a real socket."""

    TOKEN = 'ci-control-token'

    def setUp(self):
        super().setUp()
        self.server = self.useFixture(FakeNovaProcess(
            args=['--control-token', self.TOKEN]))
        self.url = self.server.url

    def control(self, method, path, body=None, token=TOKEN):
        headers = {'X-Auth-Token': token} if token else {}
        return requests.request(method, self.url + '/_fakenova' + path,
                                json=body, headers=headers, timeout=10)

    def test_reset_seed_fail_next_and_call_log(self):
        sess = keystone_session(self.url)
        nova = novaclient.Client('2.1', session=sess)
        leftover = nova.servers.create('leftover', IMAGE_ID, '1')

        self.assertEqual(204, self.control('POST', '/reset').status_code)
        resp = self.control('GET', '/calls')
        self.assertEqual(200, resp.status_code)
        self.assertEqual([], resp.json()['calls'])
        self.assertEqual([], nova.servers.list())

        resp = self.control('POST', '/servers', {
            'name': 'seeded', 'project': 'demo', 'status': 'ACTIVE'})
        self.assertEqual(201, resp.status_code, resp.text)
        seeded = resp.json()['server']
        self.assertNotEqual(leftover.id, seeded['id'])
        self.assertEqual(['seeded'], [s.name for s in nova.servers.list()])

        resp = self.control('POST', '/faults', {
            'kind': 'fail', 'action': 'pause', 'status': 409,
            'message': 'Injected by the CI suite'})
        self.assertEqual(201, resp.status_code, resp.text)
        exc = self.assertRaises(nova_exc.Conflict, nova.servers.pause,
                                seeded['id'])
        self.assertEqual(409, exc.code)
        self.assertIn('Injected by the CI suite', exc.message)
        self.assertEqual('ACTIVE', nova.servers.get(seeded['id']).status)
        nova.servers.pause(seeded['id'])  # the fault was for one call
        # With fakenova-api's default pacing the pause lasts a second:
        # a client sees it under way, then done.
        self.assertEqual('pausing', getattr(nova.servers.get(seeded['id']),
                                            'OS-EXT-STS:task_state'))
        deadline = time.monotonic() + 15
        while (nova.servers.get(seeded['id']).status != 'PAUSED'
               and time.monotonic() < deadline):
            time.sleep(0.1)
        self.assertEqual('PAUSED', nova.servers.get(seeded['id']).status)

        calls = self.control('GET', '/calls').json()['calls']
        actions = [(c['method'], c['path'], c['status']) for c in calls
                   if c['method'] == 'POST']
        action_path = '/v2.1/servers/%s/action' % seeded['id']
        self.assertEqual([('POST', action_path, 409),
                          ('POST', action_path, 202)], actions)
        self.assertTrue(all(c['request_id'].startswith('req-')
                            for c in calls))
        self.assertEqual([], self.control('GET', '/faults').json()['faults'])

    def test_changes_need_the_token_reads_on_loopback_do_not(self):
        self.assertEqual(401, self.control('POST', '/reset',
                                           token=None).status_code)
        self.assertEqual(401, self.control('POST', '/reset',
                                           token='wrong').status_code)
        demo = keystone_session(self.url).get_token()
        self.assertEqual(403, self.control('POST', '/reset',
                                           token=demo).status_code)
        self.assertEqual(200, self.control('GET', '/state',
                                           token=None).status_code)


@testtools.skipUnless(slow_tests_enabled(),
                      'slow (~40 s): set FAKENOVA_SLOW_TESTS=1 or CI=true')
class NewUserInstallTest(testtools.TestCase):
    """``pip install .`` into a fresh venv, then ``fakenova-api`` serves.

    Proves that the wheel ships what the server needs (the paste file as
    data, the policy defaults as code) without the checkout on the path.
    The checkout's working tree is copied first so that the build leaves
    nothing behind in it (pbr reads the copied .git for its version).
    """

    IGNORE = staticmethod(shutil.ignore_patterns(
        '.venv', 'venv', '.ci-venv', '.tox', 'build', 'dist', '*.egg-info',
        '.eggs', '.stestr', '.hypothesis', '__pycache__', '*.pyc'))

    def test_fresh_venv_serves_identity_and_compute(self):
        tmp = self.useFixture(fixtures.TempDir()).path
        src = os.path.join(tmp, 'src')
        shutil.copytree(REPO, src, ignore=self.IGNORE)
        venv = os.path.join(tmp, 'venv')
        python = getattr(sys, '_base_executable', None) or sys.executable
        subprocess.run([python, '-m', 'venv', venv], check=True,
                       timeout=300)
        env = {k: v for k, v in os.environ.items()
               if k not in ('PYTHONPATH', 'VIRTUAL_ENV')}
        pip = subprocess.run(
            [os.path.join(venv, 'bin', 'pip'), 'install', '-q', src],
            cwd=tmp, env=env, timeout=900, capture_output=True, text=True)
        self.assertEqual(0, pip.returncode, pip.stdout + pip.stderr)

        server = self.useFixture(FakeNovaProcess(
            command=[os.path.join(venv, 'bin', 'fakenova-api')],
            env={'PYTHONPATH': None, 'VIRTUAL_ENV': None}))
        resp = requests.get(server.url + '/identity')
        self.assertEqual(300, resp.status_code)
        self.assertIn('v3', json.dumps(resp.json()))

        sess = keystone_session(server.url)
        compute = sess.get_endpoint(service_type='compute',
                                    interface='public')
        flavors = sess.get(compute + '/flavors').json()['flavors']
        self.assertIn('m1.tiny', [f['name'] for f in flavors])
        self.assertIn('fakenova.access GET /v2.1/flavors 200',
                      server.log())
