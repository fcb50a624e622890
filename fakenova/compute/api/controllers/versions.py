"""GET /v2.1/: the version document of the API itself."""

from fakenova.compute.api import wsgi


def show(req):
    base = req.host_url + req.environ.get('SCRIPT_NAME', '')
    if base.endswith('/v2.1'):
        base = base[:-5]
    return wsgi.Response(200, {'version': wsgi.described(
        wsgi.version_v21(base))})
