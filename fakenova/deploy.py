"""Compose the API pipeline in Python (what etc/api-paste.ini declares).

The fixture and the benchmarks build the app here rather than through
PasteDeploy: the same middleware, in the same order, without reading an
ini file on every set-up.
"""

from fakenova.api import middleware
from fakenova.api import router as router_mod
from fakenova.api import wsgi
from fakenova import auth


def api_pipeline(router, auth_middleware=auth.NoAuthMiddleware):
    """request id -> fault wrapper -> body size limit -> auth -> router."""
    app = auth_middleware(router)
    app = middleware.BodySizeLimit(app)
    app = wsgi.FaultWrapper(app)
    return middleware.ComputeRequestId(app)


def build(router=None, auth_middleware=auth.NoAuthMiddleware):
    """The whole app: versions at /, the API at /v2.1."""
    router = router if router is not None else router_mod.APIRouter()
    return wsgi.URLMap({
        '/': wsgi.FaultWrapper(wsgi.Versions()),
        '/v2.1': api_pipeline(router, auth_middleware),
    })
