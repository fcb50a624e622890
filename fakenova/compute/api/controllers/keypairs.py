"""/os-keypairs: a user's key pairs (list, create or import, show, delete).

Per microversion, as Nova answers:

- 2.1: create answers 200, delete 202; no ``type`` anywhere;
- 2.2: create answers 201, delete 204; ``type`` (``ssh``/``x509``) in
  bodies and listings;
- 2.10: an admin names another user with ``user_id`` (create: in the
  body; list, show, delete: in the query);
- 2.35: the list pages with ``limit`` and ``marker`` (a key name) and
  adds ``keypairs_links`` when the page is full;
- 2.75: unknown query parameters are a 400;
- 2.92: ``public_key`` is required (no ``private_key`` ever again) and
  names may also hold ``@`` and ``.``.

Every rule is checked with the target ``{'user_id': <owner of the keys>,
'project_id': <caller's project>}``: Nova's defaults let an admin or the
user itself through. Bodies and queries are validated before the policy
check, as Nova's decorators do.
"""

from fakenova.compute.api.schemas import keypairs as schemas
from fakenova.compute.api import validation
from fakenova.compute.api import views
from fakenova.compute.api import wsgi
from fakenova.compute import keypairs
from fakenova.policies import keypairs as keypair_policies

Response = wsgi.Response
MAX_LIMIT = views.MAX_LIMIT


def _authorize(req, rule, user_id):
    req.authorize(rule, {'user_id': user_id,
                         'project_id': req.context.project_id})


def _query_user(req):
    """The owner named by ``?user_id=`` (2.10, first value) or the caller."""
    if req.version >= (2, 10):
        values = req.params.getall('user_id')
        if values and values[0]:
            return values[0]
    return req.context.user_id


def _check_query(req, schema):
    validation.validate_query(schema, validation.query_values(req.params))


def _summary(req, keypair):
    out = {'name': keypair.name, 'public_key': keypair.public_key,
           'fingerprint': keypair.fingerprint}
    if req.version >= (2, 2):
        out['type'] = keypair.type
    return out


def _detail(req, keypair):
    out = _summary(req, keypair)
    out.update(user_id=keypair.user_id,
               created_at=views.usage_time(keypair.created),
               # Nova never updates nor soft-deletes a key pair it shows.
               updated_at=None, deleted=False, deleted_at=None,
               id=keypair.id)
    return out


# -- list ------------------------------------------------------------------

def _page(req):
    """(limit, marker) from 2.35 (Nova's max_limit caps the limit)."""
    if req.version < (2, 35):
        return None, None
    params = req.params
    for name in ('page_size', 'offset'):
        if name in params:
            validation.int_query_param(req.params, name)
    limit = MAX_LIMIT
    if 'limit' in params:
        limit = min(limit, validation.int_query_param(req.params, 'limit'))
    return limit, params.get('marker')


def index(req):
    _check_query(req, schemas.index_query(req.version))
    user_id = _query_user(req)
    _authorize(req, keypair_policies.INDEX, user_id)
    limit, marker = _page(req)
    with req.store.lock:
        page = keypairs.list_for(req.store, user_id, limit, marker)
        body = {'keypairs': [{'keypair': _summary(req, k)} for k in page]}
    if req.version >= (2, 35):
        links = views.next_links(req, 'os-keypairs', page,
                                 page[-1].name if page else None)
        if links:
            body['keypairs_links'] = links
    return Response(200, body)


# -- one key pair ----------------------------------------------------------

def create(req):
    body = req.json_body()
    validation.validate(schemas.create(req.version), body)
    spec = body['keypair']
    user_id = (req.version >= (2, 10) and spec.get('user_id')
               or req.context.user_id)
    _authorize(req, keypair_policies.CREATE, user_id)
    key_type = spec.get('type', keypairs.SSH)
    keypair, private_key = keypairs.add(
        req.store, user_id, spec['name'].strip(), spec.get('public_key'),
        key_type, ctx=req.context)
    out = _summary(req, keypair)
    out['user_id'] = keypair.user_id
    if private_key is not None:
        out['private_key'] = private_key
    return Response(201 if req.version >= (2, 2) else 200, {'keypair': out})


def show(req):
    _check_query(req, schemas.one_query(req.version))
    user_id = _query_user(req)
    _authorize(req, keypair_policies.SHOW, user_id)
    with req.store.lock:
        keypair = keypairs.get(req.store, user_id,
                               req.urlvars['keypair_name'])
        return Response(200, {'keypair': _detail(req, keypair)})


def delete(req):
    _check_query(req, schemas.one_query(req.version))
    user_id = _query_user(req)
    _authorize(req, keypair_policies.DELETE, user_id)
    keypairs.delete(req.store, user_id, req.urlvars['keypair_name'])
    return Response(204 if req.version >= (2, 2) else 202)
