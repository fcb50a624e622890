"""/servers/{id}/os-server-password: the encrypted admin password.

A guest posts it to the metadata service; in fakenova a test sets it
(:meth:`fakenova.fixture.FakeNova.set_server_password`). Until then, and
after a DELETE, it reads as an empty string.
"""

from fakenova.compute.api.controllers import server_actions as base
from fakenova.compute.api import wsgi
from fakenova.policies import server_password as server_password_policies


def show(req):
    with req.store.lock:
        server = base.load_server(req)
        req.authorize(server_password_policies.SHOW, base.target_of(server))
        password = req.store.server_passwords.get(server.id, '')
    return wsgi.Response(200, {'password': password})


def clear(req):
    with req.store.lock:
        server = base.load_server(req)
        req.authorize(server_password_policies.CLEAR, base.target_of(server))
        req.store.server_passwords.pop(server.id, None)
    return wsgi.Response(204)
