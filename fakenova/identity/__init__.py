"""A fake keystone v3 for the standalone cloud: users, projects, tokens.

Just enough identity for OpenStack clients to log in and find the
compute and image services: version discovery, ``POST /v3/auth/tokens``
(password and token methods, project scope by id or by name in the
``Default`` domain), token validation (``GET``/``HEAD``) and revocation,
and a catalog pointing at this process. Token bodies are built with
keystoneauth1's fixture classes.

A service of the cloud, shaped as compute is: ``api`` (the WSGI app: its
routes and handlers), ``schemas`` (request bodies), ``exception`` (its
errors) and ``model`` (users, projects, tokens; no HTTP).
"""
