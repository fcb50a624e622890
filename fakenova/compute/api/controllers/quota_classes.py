"""/os-quota-class-sets/{id}: the limits of a quota class.

The class ``default`` holds everybody's defaults: a limit set in it is
what every project without a limit of its own sees (and what
``/os-quota-sets/{id}/defaults`` shows). Other classes are kept and
shown but apply to nobody (see :mod:`fakenova.compute.quotas`). As Nova
answers them:

- a class's limits are its own, else Nova's options (not the default
  class's); any name is a class (an unknown one shows the options);
- until 2.49 ``server_groups`` and ``server_group_members`` are not
  shown (but may be set) and the nova-network limits are; from 2.50 the
  reverse; 2.57 drops the injected file limits; a body naming a limit
  its microversion does not list is a 400;
- the answer to an update has no ``id``; a name longer than 255
  characters is a 400 (after the rule's check);
- the rules are checked with an empty target (admins only by default).
"""

from fakenova.compute.api.controllers import quota_sets as qs_ctl
from fakenova.compute.api.schemas import quota_sets as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import wsgi
from fakenova.compute import exception
from fakenova.compute import quotas
from fakenova.policies import quota_class_sets as qcs_policies

_GROUPS = ('server_groups', 'server_group_members')


def _hidden(version):
    if version >= (2, 57):
        return schemas.NETWORK + schemas.PERSONALITY
    if version >= (2, 50):
        return schemas.NETWORK
    return _GROUPS


def _class_set(req, name, values):
    hidden = _hidden(req.version)
    out = {'id': name} if name is not None else {}
    out.update((key, values[key]) for key in sorted(values)
               if key not in hidden)
    return wsgi.Response(200, {'quota_class_set': out})


def show(req):
    qs_ctl._query(req, schemas.class_query(req.version))
    req.authorize(qcs_policies.SHOW, {})
    name = req.path_param('id')
    with req.store.lock:
        return _class_set(req, name, quotas.class_limits(req.store, name))


def update(req):
    body = req.json_body()
    validation.validate(schemas.class_update(req.version), body)
    req.authorize(qcs_policies.UPDATE, {})
    name = req.path_param('id')
    if len(name) > 255:
        raise exception.BadRequest(
            'quota_class_name has %d characters, more than 255.' % len(name))
    values = {key: int(value)
              for key, value in body['quota_class_set'].items()}
    with req.store.lock:
        quotas.update_class(req.store, name, values)
        return _class_set(req, None, quotas.class_limits(req.store, name))
