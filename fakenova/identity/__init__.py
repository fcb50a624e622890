"""A fake keystone v3 for the standalone cloud: users, projects, tokens.

Enough identity for OpenStack clients to log in and find the compute and
image services: version discovery, ``POST /v3/auth/tokens`` (password
and token methods, project scope by id or by name in the ``Default``
domain), token validation (``GET``/``HEAD``) and revocation, and a
catalog pointing at this process. Token bodies are built with
keystoneauth1's fixture classes.

And enough of keystone's administration API for tempest's dynamic
credentials and for openstacksdk / the openstack CLI to manage projects
and users: projects (and their tags), users (and their passwords),
roles, role assignments on projects and on the system (with
system-scoped tokens), ``/v3/role_assignments`` and domains, with
keystone's bodies, errors and default policy
(:mod:`fakenova.identity.api.admin`).

A service of the cloud, shaped as compute is: ``api`` (the WSGI app: its
routes and handlers; ``api.admin`` the administration API), ``schemas``
(request bodies), ``exception`` (its errors) and ``model`` (users,
projects, roles, assignments, tokens; no HTTP).
"""
