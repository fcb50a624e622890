"""One fake cloud: the compute store and policy, identity and images.

The standalone server serves several apps from one paste file (compute at
/v2.1, identity at /identity, images at /image, the control API at
/_fakenova); they must share one state. :func:`cloud_urlmap_factory`
creates a :class:`Cloud`, registers it under a key, and hands that key to
every app it loads through ``global_conf`` (``fakenova_cloud``), where
:func:`from_conf` finds it.
"""

import itertools
import threading

from fakenova.api import router as router_mod
from fakenova.api import wsgi
from fakenova.common import calllog
from fakenova.compute import store as store_mod
from fakenova import identity as identity_mod
from fakenova import policy

CONF_KEY = 'fakenova_cloud'

_registry = {}
_registry_lock = threading.Lock()
_keys = itertools.count(1)


class Cloud:
    """The state every app of one standalone fake shares."""

    def __init__(self, policy_file=None, control_token=None,
                 call_log_size=calllog.DEFAULT_SIZE, **settings):
        """``settings``: :data:`fakenova.compute.store.SETTINGS`.

        ``call_log_size``: how many calls the call log keeps (0: none).
        """
        self.store = store_mod.Store(**settings)
        self.call_log_size = int(call_log_size)
        self.authorizer = (policy.Authorizer(policy_file=policy_file)
                           if policy_file else policy.Authorizer())
        self.policy_file = policy_file
        self.router = router_mod.APIRouter(self.store, self.authorizer)
        self.router.calls = calllog.CallLog(self.call_log_size)
        self.identity = identity_mod.Identity()
        self.control_token = control_token
        # Read-only control endpoints (state, calls, dashboard) need no
        # token while the server listens on loopback only. Only
        # fakenova-api can know that (it sets this from --host): served by
        # anything else, the cloud requires a token for every control call.
        self.listening_on_loopback = False
        # The seed (fakenova.seed) loaded at start; reset() re-applies it.
        self.seed = None

    def reset(self, reseed=True):
        """Forget servers, resources, calls, faults and policy overrides.

        Pacing stays as it is; users, projects and tokens are kept (the
        caller's token must survive). The start-up seed, if any, is
        applied again unless ``reseed`` is false.
        """
        old = self.store
        self.store = store_mod.Store(**old.settings())
        self.router.store = self.store
        self.router.calls = calllog.CallLog(self.call_log_size)
        self.authorizer.clear_overrides()
        if reseed and self.seed is not None:
            from fakenova import seed as seed_mod
            seed_mod.apply(self, self.seed,
                           getattr(self, 'seed_source', '<seed>'))

    @classmethod
    def from_settings(cls, conf):
        size = conf.get('call_log_size')
        if size in (None, ''):
            size = calllog.DEFAULT_SIZE
        return cls(policy_file=conf.get('policy_file') or None,
                   control_token=conf.get('control_token') or None,
                   call_log_size=size,
                   **store_mod.settings_from_conf(conf))


def register(cloud):
    key = 'cloud-%d' % next(_keys)
    with _registry_lock:
        _registry[key] = cloud
    return key


def from_conf(conf):
    """The cloud named in a paste conf, or None."""
    key = conf.get(CONF_KEY)
    return _registry.get(key) if key else None


def shared_from_conf(conf, what):
    """The cloud an app of ``cloud_urlmap_factory`` shares; else ValueError.

    ``what`` names the app or filter for the error message.
    """
    cloud = from_conf(conf)
    if cloud is None:
        raise ValueError('%s must be served by cloud_urlmap_factory (it '
                         'shares its state)' % what)
    return cloud


def cloud_urlmap_factory(loader, global_conf, **local_conf):
    """A urlmap whose apps share one new :class:`Cloud`."""
    settings = dict(global_conf)
    settings.update((k, v) for k, v in local_conf.items()
                    if not k.startswith('/'))
    cloud = Cloud.from_settings(settings)
    shared = dict(global_conf)
    shared[CONF_KEY] = register(cloud)
    mapping = {}
    for path, app_name in local_conf.items():
        if not path.startswith('/'):
            continue
        path = '/' + path.strip('/') if path.strip('/') else '/'
        mapping[path] = loader.get_app(app_name, global_conf=shared)
    app = wsgi.URLMap(mapping)
    app.cloud = cloud
    return app


def identity_app_factory(global_conf, **local_conf):
    cloud = shared_from_conf(global_conf, 'the identity app')
    return identity_mod.IdentityApp(cloud.identity)


def keystone_token_filter_factory(global_conf, **local_conf):
    """Accept exactly the tokens this cloud's identity issued."""
    from fakenova import auth
    cloud = shared_from_conf(global_conf, 'keystone_token')

    def filter(app):
        return auth.IdentityTokenAuth(app, cloud.identity)
    return filter
