"""The FakeNova fixture: a fresh fake compute cloud for each test.

::

    class MyTest(testtools.TestCase):
        def test_pause(self):
            nova = self.useFixture(FakeNova())
            server = nova.create_server(name='vm1')
            conn = nova.connection()            # openstacksdk
            conn.compute.pause_server(server['id'])
            self.assertEqual('PAUSED', nova.server(server['id'])['status'])

Requests to :attr:`FakeNova.endpoint` are served in-process, no socket
is opened. By default requests callers (every ``requests.Session``:
keystoneauth1, openstacksdk, novaclient, openstackclient) are answered
by a requests transport (:mod:`fakenova.transport`) that hands the
request straight to the fake's WSGI app, and urllib3, http.client and
httplib2 callers through wsgi-intercept. ``transport='wsgi-intercept'``
serves requests callers through wsgi-intercept too; with
``requests_mock=``, requests go through a requests-mock ``Mocker`` or
``Adapter`` the test already uses.
"""

import itertools
import threading
import uuid

import fixtures

from fakenova import cloud as cloud_mod
from fakenova.common import calllog
from fakenova.compute import seeding
from fakenova.compute import store as store_mod
from fakenova.control import resources
from fakenova import transport as transport_mod

# Importing this module and setting a fixture up stay cheap (issue 14):
# the WSGI pipeline, the compute API (routes, controllers, schemas,
# policies) and the client libraries are imported and built at the
# first request or at the first method that needs them.

DEFAULT_PROJECT_ID = '6f70656e737461636b20342065766572'
DEFAULT_USER_ID = 'fake'
DEFAULT_ROLES = ('member', 'reader')
ADMIN_ROLES = ('admin', 'member', 'reader')
DEFAULT_IMAGE = store_mod.DEFAULT_IMAGES[0][0]
DEFAULT_FLAVOR = '1'

_hosts = itertools.count(1)
_intercept_lock = threading.Lock()
_intercept_users = 0


def _install_intercepts():
    """Patch the HTTP libraries once, however many fakes are mounted."""
    global _intercept_users
    with _intercept_lock:
        if _intercept_users == 0:
            for module in _intercept_modules():
                module.install()
        _intercept_users += 1


def _uninstall_intercepts():
    global _intercept_users
    with _intercept_lock:
        _intercept_users -= 1
        if _intercept_users == 0:
            for module in _intercept_modules():
                module.uninstall()


def _intercept_modules():
    from wsgi_intercept import http_client_intercept
    from wsgi_intercept import urllib3_intercept  # also covers requests
    modules = [urllib3_intercept, http_client_intercept]
    try:
        from wsgi_intercept import httplib2_intercept
    except ImportError:
        pass
    else:
        modules.append(httplib2_intercept)
    return modules


TRANSPORTS = ('requests', 'wsgi-intercept')


class FakeNova(fixtures.Fixture):
    """A fake Nova for one test.

    :param pacing: ``'instant'`` (transitions complete at once),
        ``'polls'`` (the transitional status shows for ``polls`` reads),
        ``'seconds'`` (it lasts ``seconds`` of wall time) or
        ``'manual'`` (transitional until :meth:`complete`).
    :param requests_mock: a requests-mock ``Mocker`` or ``Adapter`` to
        register the fake on instead of mounting it (``transport`` is
        then not used).
    :param transport: how the mounted fake serves requests callers:
        ``'requests'`` (the default) answers a request to
        :attr:`endpoint` from any ``requests.Session`` in-process,
        without urllib3's and http.client's socket emulation;
        ``'wsgi-intercept'`` serves them through wsgi-intercept, as
        urllib3, http.client and httplib2 callers are served in both.
    :param policy_file: a policy file for this fake only.
    :param reclaim_instance_interval: as Nova's option: above 0, DELETE
        soft-deletes a server (``SOFT_DELETED``) that ``restore`` brings
        back and ``forceDelete`` removes.
    :param shelved_offload_time: as Nova's option: 0 (the default)
        offloads a shelved server at once; -1 never does.
    :param call_log_size: how many requests :attr:`calls` keeps (the
        oldest are dropped first; 0 records none).
    :param consoles: the console kinds the computes serve, comma separated
        (``'vnc'``, Nova's default; also ``spice``, ``serial``, ``mks``).
    :param project_id: the project that :meth:`token`, :meth:`session`,
        :meth:`connection`, :meth:`novaclient` and :meth:`create_server`
        use when not told otherwise (``user_id`` likewise).
    """

    def __init__(self, pacing='instant', polls=1, requests_mock=None,
                 policy_file=None, project_id=DEFAULT_PROJECT_ID,
                 user_id=DEFAULT_USER_ID, host=None,
                 reclaim_instance_interval=0, shelved_offload_time=0,
                 call_log_size=calllog.DEFAULT_SIZE, consoles='vnc',
                 seconds=1.0, transport='requests'):
        super().__init__()
        if transport not in TRANSPORTS:
            raise ValueError('transport must be one of %s' % (TRANSPORTS,))
        self.transport = transport
        self.call_log_size = int(call_log_size)
        if pacing not in store_mod.PACINGS:
            raise ValueError('pacing must be one of %s' % (
                store_mod.PACINGS,))
        self.pacing = pacing
        self.polls = polls
        self.reclaim_instance_interval = reclaim_instance_interval
        self.shelved_offload_time = shelved_offload_time
        self.consoles = consoles
        self.seconds = seconds
        self.requests_mock = requests_mock
        self.policy_file = policy_file
        self.project_id = project_id
        self.user_id = user_id
        self.host = host or 'fakenova-%d.test' % next(_hosts)
        self.endpoint = 'http://%s/v2.1' % self.host

    # -- set-up --------------------------------------------------------------

    def _setUp(self):
        self._tokens = {}
        self.cloud = cloud_mod.Cloud(
            policy_file=self.policy_file, call_log_size=self.call_log_size,
            pacing=self.pacing, polls=self.polls, seconds=self.seconds,
            reclaim_instance_interval=self.reclaim_instance_interval,
            shelved_offload_time=self.shelved_offload_time,
            consoles=self.consoles)
        self._app = None
        if self.requests_mock is not None:
            self._register_requests_mock()
        else:
            self._mount()

    @property
    def app(self):
        """The WSGI app serving :attr:`endpoint` (built at first use)."""
        app = self._app
        if app is None:
            from fakenova import auth
            from fakenova import deploy
            app = self._app = deploy.build(
                self.cloud, lambda app: auth.TokenTable(app, self._tokens))
        return app

    def _mount(self):
        import wsgi_intercept
        _install_intercepts()
        self.addCleanup(_uninstall_intercepts)
        wsgi_intercept.add_wsgi_intercept(self.host, 80, self._get_app)
        self.addCleanup(wsgi_intercept.remove_wsgi_intercept, self.host, 80)
        if self.transport == 'requests':
            transport_mod.install()
            self.addCleanup(transport_mod.uninstall)
            transport_mod.add(self.host, 80, self._get_app)
            self.addCleanup(transport_mod.remove, self.host, 80)

    def _get_app(self):
        return self.app

    def _register_requests_mock(self):
        self._key = transport_mod.key('http', self.host, 80)
        self.requests_mock.add_matcher(self._mocked)

    def _mocked(self, request):
        """requests-mock matcher: the app's answer to a request to the fake.

        Any method, any path of ``http://<host>[:80]``; the response is
        built as the default mount builds it
        (:func:`fakenova.transport.respond`: the environ
        ``webob.Request.blank`` would build, the app called without
        WebOb's request and response objects, a ``requests.Response``
        as ``HTTPAdapter`` builds one). Other URLs are left to the
        Mocker's other matchers.
        """
        if transport_mod.url_key(request.url) != self._key:
            return None
        return transport_mod.respond_mocked(request, self.app)

    # -- state and inspection ------------------------------------------------

    @property
    def store(self):
        return self.cloud.store

    @property
    def calls(self):
        """Every request served, oldest first (:class:`router.Call`)."""
        return self.cloud.calls

    def reset(self):
        """Forget every server, resource, call, fault and policy override."""
        self.cloud.reset()

    def complete(self, server_id):
        """Settle a server's pending transition (manual/polls pacing)."""
        self.store.complete(server_id)
        return self.server(server_id)

    def set_pacing(self, pacing, polls=None, seconds=None):
        self.cloud.set_pacing(pacing, polls, seconds)
        self.pacing = pacing
        if polls is not None:
            self.polls = int(polls)

    # -- credentials ---------------------------------------------------------

    def token(self, user=None, project=None, roles=None, admin=False):
        """A token this fake accepts, for the given user and project."""
        if roles is None:
            roles = ADMIN_ROLES if admin else DEFAULT_ROLES
        token = uuid.uuid4().hex
        self._tokens[token] = (user or self.user_id,
                               project or self.project_id, tuple(roles))
        return token

    def session(self, user=None, project=None, roles=None, admin=False):
        """A keystoneauth1 Session bound to :attr:`endpoint`."""
        from keystoneauth1 import session as ks_session
        from keystoneauth1 import token_endpoint
        plugin = token_endpoint.Token(
            self.endpoint, self.token(user, project, roles, admin))
        return ks_session.Session(auth=plugin)

    def connection(self, user=None, project=None, roles=None, admin=False,
                   **kwargs):
        """An openstacksdk Connection to this fake (needs openstacksdk)."""
        from openstack import connection
        kwargs.setdefault('compute_endpoint_override', self.endpoint)
        return connection.Connection(
            session=self.session(user, project, roles, admin), **kwargs)

    def novaclient(self, version='2.latest', user=None, project=None,
                   roles=None, admin=False, **kwargs):
        """A python-novaclient client (needs python-novaclient).

        ``'2.latest'`` means what the ``nova`` shell's discovery would
        settle on: the highest microversion both this fake and the
        installed novaclient support (novaclient's ``Client`` refuses
        ``latest`` itself). It is worked out here, so :attr:`calls` gets
        no version-discovery request.
        """
        import novaclient
        from novaclient import api_versions
        from novaclient import client

        from fakenova.compute.api import microversion
        version = api_versions.get_api_version(version)
        if version.is_latest():
            version = min(
                api_versions.APIVersion(microversion.MAX_VERSION_STRING),
                novaclient.API_MAX_VERSION)
        return client.Client(
            version, session=self.session(user, project, roles, admin),
            endpoint_override=self.endpoint, **kwargs)

    def catalog_token(self, user=None, project=None, roles=None,
                      admin=False):
        """A keystoneauth1 V3Token whose catalog points at this fake."""
        from keystoneauth1 import fixture as ks_fixture
        if roles is None:
            roles = ADMIN_ROLES if admin else DEFAULT_ROLES
        token = ks_fixture.V3Token(user_id=user or self.user_id,
                                   project_id=project or self.project_id)
        for role in roles:
            token.add_role(name=role)
        service = token.add_service('compute', name='nova')
        service.add_standard_endpoints(public=self.endpoint,
                                       internal=self.endpoint,
                                       admin=self.endpoint)
        return token

    # -- seeding -------------------------------------------------------------

    def create_server(self, name='server', project_id=None, user_id=None,
                      flavor=DEFAULT_FLAVOR, image=DEFAULT_IMAGE,
                      status=None, vm_state=None, task_state=None,
                      power_state=None, locked=False, locked_reason=None,
                      metadata=None, addresses=None, host=None, **fields):
        """Put a server in the store (no HTTP); return it as the API shows.

        ``status`` (e.g. ``'SHUTOFF'``) or ``vm_state`` choose the state;
        ``addresses`` is ``{network: [address, ...]}``; ``group`` is the
        id of a server group (:meth:`add_server_group`) the server joins,
        placed by its policy unless ``host`` is given.
        """
        server = seeding.create_server(
            self.store, name, project_id or self.project_id,
            user_id or self.user_id, flavor=flavor, image=image,
            status=status, vm_state=vm_state, task_state=task_state,
            power_state=power_state, locked=locked,
            locked_reason=locked_reason, metadata=metadata,
            addresses=addresses, host=host, **fields)
        with self.store.lock:
            return self._render(server)

    def server(self, server_id):
        """A server as GET /servers/{id} shows it to an admin (latest).

        Looking does not count as one of the ``polls`` reads: only the
        clients' requests advance a paced transition.
        """
        with self.store.lock:
            server = self.store.get_server(server_id, read=False)
            return self._render(server)

    def servers(self):
        with self.store.lock:
            return [self._render(s) for s in self.store.list_servers()]

    def add_flavor(self, id, name=None, vcpus=1, ram=512, disk=1, **kwargs):
        return seeding.add_flavor(self.store, id, name, vcpus, ram, disk,
                                  **kwargs)

    def add_image(self, name, id=None, status='ACTIVE', **kwargs):
        return seeding.add_image(self.store, name, id=id, status=status,
                                 **kwargs)

    def add_security_group(self, name, project_id=None, description='',
                           id=None, rules=()):
        return seeding.add_security_group(
            self.store, name, project_id or self.project_id,
            description=description, id=id, rules=rules)

    def add_floating_ip(self, address=None, project_id=None, pool='public'):
        return seeding.add_floating_ip(
            self.store, project_id or self.project_id, address=address,
            pool=pool)

    def add_volume(self, name=None, size=1, project_id=None, id=None,
                   multiattach=False, **kwargs):
        """An available volume (for os-volume_attachments)."""
        return seeding.add_volume(self.store, project_id or self.project_id,
                                  name=name, size=size, id=id,
                                  multiattach=multiattach, **kwargs)

    def add_keypair(self, name, public_key=None, user_id=None, type='ssh'):
        """A key pair of ``user_id`` (the fixture's user by default).

        Imports ``public_key``, or generates a pair as Nova did before
        2.92. Returns it as a dict (``private_key`` when generated).
        """
        keypair, private_key = seeding.add_keypair(
            self.store, user_id or self.user_id, name, public_key, type)
        return seeding.keypair_dict(keypair, private_key)

    def add_server_group(self, name, policy, project_id=None, rules=None,
                         user_id=None):
        """A server group of ``project_id`` (the fixture's by default).

        ``policy`` is ``affinity``, ``anti-affinity``, ``soft-affinity``
        or ``soft-anti-affinity``; ``rules`` may give an anti-affinity
        group ``{'max_server_per_host': N}``. Returns it as the API shows
        it from 2.64 (``id``, ``name``, ``policy``, ``rules``,
        ``members``, ``project_id``, ``user_id``).
        """
        group = seeding.add_server_group(
            self.store, name, policy, project_id or self.project_id,
            user_id or self.user_id, rules)
        with self.store.lock:
            return seeding.server_group_dict(self.store, group)

    def set_quotas(self, project_id=None, user_id=None, **limits):
        """Set ``project_id``'s limits (the fixture's project by default).

        With ``user_id``, that user's limits in the project. ``limits``
        are Nova's resources: ``instances=2``, ``cores=-1``... (as an
        admin's PUT /os-quota-sets with ``force``). Returns the project's
        (or the user's) limits; :meth:`reset` forgets them.
        """
        return seeding.set_quotas(self.store, project_id or self.project_id,
                                  user_id, **limits)

    def set_default_quotas(self, **limits):
        """Change the defaults every project without a limit sees.

        What PUT /os-quota-class-sets/default does; returns the class's
        limits.
        """
        return seeding.set_quotas(self.store, quota_class='default',
                                  **limits)

    def add_host(self, host, zone='nova'):
        """A new compute host in availability zone ``zone``.

        A zone exists while it holds a host: servers may then be created
        in it (``availability_zone``), unshelved to it, and are pinned to
        it for their moves.
        """
        with self.store.lock:
            self.store.add_host(host, zone)

    def add_aggregate(self, name, availability_zone=None, hosts=(),
                      metadata=None):
        """A host aggregate, as ``POST /os-aggregates`` and its actions.

        Its ``availability_zone`` becomes the zone of its ``hosts``
        (compute hosts: ``compute1``, ``compute2`` or those added with
        :meth:`add_host`), as Nova derives zones. Returns it as a dict
        (``id``, ``uuid``, ``name``, ``availability_zone``, ``hosts``,
        ``metadata``); ValueError for a name taken, an unknown host or a
        host that would be in two zones.
        """
        spec = {'name': name, 'hosts': list(hosts),
                'metadata': dict(metadata or {})}
        if availability_zone is not None:
            spec['availability_zone'] = availability_zone
        return resources.add_aggregate(self.cloud, spec)

    def force_down(self, host, down=True):
        """Mark a host's compute service down (as an admin would)."""
        with self.store.lock:
            service = self.store.service_of(host)
            if service is None:
                raise ValueError('no compute host %r' % host)
            service.forced_down = down

    def set_server_password(self, server_id, encrypted_password):
        """What the guest would post: GET os-server-password answers it."""
        with self.store.lock:
            self.store.get_server(server_id, read=False)
            self.store.server_passwords[server_id] = encrypted_password

    # -- faults and policy ---------------------------------------------------

    # ``operation`` is a declared operation's id (``'compute:servers:
    # delete'``, ``'compute:action:pause'``) or an action key (``'pause'``);
    # None matches every operation.

    def fail_next(self, operation=None, server_id=None, status=500,
                  message=None, times=1):
        """The next matching request fails with Nova's error envelope."""
        from fakenova.compute.api import operations as api_operations
        return self.store.faults.fail_next(
            api_operations.canonical(operation), server_id, status,
            message, times)

    def error_next(self, operation=None, server_id=None, fault=None,
                   times=1):
        """The next matching action is accepted, then ends in ERROR."""
        from fakenova.compute.api import operations as api_operations
        return self.store.faults.error_next(
            api_operations.canonical(operation), server_id, fault, times)

    def delay(self, seconds, operation=None, server_id=None, times=1):
        """Matching requests are answered ``seconds`` later."""
        from fakenova.compute.api import operations as api_operations
        return self.store.faults.delay(
            seconds, api_operations.canonical(operation), server_id, times)

    def set_policy(self, rules):
        """Override policy rules (name -> check string) for this fake."""
        self.cloud.set_policy(rules)

    def clear_policy(self):
        self.cloud.clear_policy()

    # -- helpers -------------------------------------------------------------

    def _render(self, server):
        from fakenova.compute.api import router as router_mod
        return router_mod.inspect_server(self.cloud, server, self.endpoint)
