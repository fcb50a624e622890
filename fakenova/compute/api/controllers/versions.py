"""GET /v2.1/: the version document of the API itself."""

from fakenova.compute.api import wsgi


def show(req):
    base = req.host_url + req.environ.get('SCRIPT_NAME', '')
    if base.endswith('/v2.1'):
        base = base[:-5]
    version = wsgi.version_v21(base)
    version['links'].append({'rel': 'describedby', 'type': 'text/html',
                             'href': 'http://docs.openstack.org/'})
    version['media-types'] = [{
        'base': 'application/json',
        'type': 'application/vnd.openstack.compute+json;version=2.1'}]
    return wsgi.Response(200, {'version': version})
