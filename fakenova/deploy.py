"""The WSGI composition of a cloud, in Python and for PasteDeploy.

:func:`build` and :func:`build_cloud` compose the apps of a
:class:`fakenova.cloud.Cloud` the way ``etc/api-paste.ini`` declares them
(``test_deploy`` proves that both give the same pipelines): the version
document at ``/``; the compute API at ``/v2.1`` behind the request id,
the fault wrapper, the body-size limit and an authentication filter; and,
for the standalone cloud, identity at ``/identity``, images at ``/image``
and the control API at ``/_fakenova``, each behind the body-size limit.

The paste factories below build one cloud per composite
(:func:`cloud_urlmap_factory`) and hand it to the apps and filters that
share it; nothing else assembles a cloud.
"""

import itertools
import threading
import weakref

from fakenova import auth
from fakenova import cloud as cloud_mod
from fakenova.common import middleware
from fakenova.compute.api import wsgi

# The identity, image and control apps are imported where a composition
# serves them (the standalone cloud): the compute-only composition of
# the fixture does without them (issue 14: cheap start).

CONF_KEY = 'fakenova_cloud'

# How the compute API identifies its callers, by the name of its filter
# in etc/api-paste.ini.
AUTH_FILTERS = {
    'noauth2': lambda app, cloud: auth.NoAuthMiddleware(app),
    'keystonecontext': lambda app, cloud: auth.KeystoneContext(app),
    'keystone_token': lambda app, cloud: auth.IdentityTokenAuth(
        app, cloud.identity),
}


def _size_limit(app, cloud):
    conf = {}
    if cloud.max_request_body_size is not None:
        conf['max_request_body_size'] = cloud.max_request_body_size
    return middleware.BodySizeLimit(app, conf)


def compute_pipeline(cloud, auth_filter):
    """request id -> fault wrapper -> body size limit -> auth -> compute.

    ``auth_filter`` is a name of :data:`AUTH_FILTERS` or a callable
    wrapping an app (the fixture's token table).
    """
    wrap = AUTH_FILTERS.get(auth_filter) if isinstance(
        auth_filter, str) else (lambda app, cloud: auth_filter(app))
    if wrap is None:
        raise ValueError('unknown auth filter %r' % (auth_filter,))
    app = wrap(cloud.compute, cloud)
    app = _size_limit(app, cloud)
    app = wsgi.FaultWrapper(app)
    return middleware.ComputeRequestId(app)


def versions():
    return wsgi.FaultWrapper(wsgi.Versions())


def build(cloud, auth_filter='noauth2'):
    """Compute alone: versions at /, the API at /v2.1 (composite main)."""
    app = wsgi.URLMap({'/': versions(),
                       '/v2.1': compute_pipeline(cloud, auth_filter)})
    app.cloud = cloud
    return app


def build_cloud(cloud):
    """The standalone cloud (composite cloud), as fakenova-api serves it."""
    from fakenova.control import api as control
    from fakenova.identity import api as identity_api
    from fakenova.image import api as image
    app = wsgi.URLMap({
        '/': versions(),
        '/v2.1': compute_pipeline(cloud, 'keystone_token'),
        '/identity': _size_limit(identity_api.IdentityApp(cloud.identity),
                                 cloud),
        '/image': _size_limit(image.ImageApp(cloud), cloud),
        '/_fakenova': _size_limit(control.ControlApp(cloud), cloud),
    })
    app.cloud = cloud
    return app


# -- PasteDeploy --------------------------------------------------------------

# Paste hands apps only strings: a composite registers its cloud under a
# key and passes the key down in global_conf. The registry holds the
# clouds weakly: a cloud lives as long as the app that serves it.
_registry = weakref.WeakValueDictionary()
_registry_lock = threading.Lock()
_keys = itertools.count(1)


def _register(cloud):
    key = 'cloud-%d' % next(_keys)
    with _registry_lock:
        _registry[key] = cloud
    return key


def shared_cloud(conf, what):
    """The cloud of the composite serving ``what``; else ValueError."""
    key = conf.get(CONF_KEY)
    cloud = _registry.get(key) if key else None
    if cloud is None:
        raise ValueError('%s must be served by cloud_urlmap_factory (it '
                         'shares its state)' % what)
    return cloud


def cloud_urlmap_factory(loader, global_conf, **local_conf):
    """A urlmap whose apps share one new cloud (every composite)."""
    settings = dict(global_conf)
    settings.update((k, v) for k, v in local_conf.items()
                    if not k.startswith('/'))
    cloud = cloud_mod.Cloud.from_conf(settings)
    shared = dict(global_conf)
    shared[CONF_KEY] = _register(cloud)
    mapping = {}
    for path, app_name in local_conf.items():
        if not path.startswith('/'):
            continue
        path = '/' + path.strip('/') if path.strip('/') else '/'
        mapping[path] = loader.get_app(app_name, global_conf=shared)
    app = wsgi.URLMap(mapping)
    app.cloud = cloud
    return app


def versions_app_factory(global_conf, **local_conf):
    return wsgi.Versions()


def api_app_factory(global_conf, **local_conf):
    """The compute API of the composite's cloud.

    Loaded from a paste file of one's own, outside
    :func:`cloud_urlmap_factory`, it gets a cloud of its own from the conf.
    """
    conf = dict(global_conf, **local_conf)
    if conf.get(CONF_KEY):
        return shared_cloud(conf, 'the compute API').compute
    return cloud_mod.Cloud.from_conf(conf).compute


def identity_app_factory(global_conf, **local_conf):
    from fakenova.identity import api as identity_api
    return identity_api.IdentityApp(
        shared_cloud(global_conf, 'the identity app').identity)


def image_app_factory(global_conf, **local_conf):
    from fakenova.image import api as image
    return image.ImageApp(shared_cloud(global_conf, 'the image app'))


def control_app_factory(global_conf, **local_conf):
    from fakenova.control import api as control
    return control.ControlApp(shared_cloud(global_conf,
                                           'the control app'))


def keystone_token_filter_factory(global_conf, **local_conf):
    """Accept exactly the tokens the cloud's identity issued."""
    cloud = shared_cloud(global_conf, 'keystone_token')

    def filter(app):
        return AUTH_FILTERS['keystone_token'](app, cloud)
    return filter
