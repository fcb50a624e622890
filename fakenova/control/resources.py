"""The resources of a cloud, named as people name them.

The control API (``POST /_fakenova/servers`` ...), seed files
(:mod:`fakenova.control.seed`) and the fixture add servers, flavors, images,
security groups, floating IPs, volumes, key pairs, hosts, server groups
and users from the same specs: JSON schemas of their fields, and one
function each that resolves names (``project: demo``, ``flavor:
m1.tiny``) to ids and hands the rest to :mod:`fakenova.compute.seeding`
or the identity service.
"""

from fakenova.compute import aggregates
from fakenova.compute import exception
from fakenova.compute import quotas
from fakenova.compute import seeding
from fakenova.compute import states as st

STR = {'type': 'string'}
NSTR = {'type': ['string', 'null']}
INT = {'type': 'integer', 'minimum': 0}
META = {'type': 'object', 'additionalProperties': STR}


def obj(properties, required=()):
    return {'type': 'object', 'properties': properties,
            'required': list(required), 'additionalProperties': False}


SERVER_FIELDS = {
    'name': STR, 'id': STR,
    'project_id': STR, 'project': STR,
    'user_id': STR, 'user': STR,
    'flavor': {'type': ['string', 'integer']}, 'image': NSTR,
    'status': STR, 'vm_state': {'enum': sorted(st.VM_STATES)},
    'task_state': {'enum': sorted(st.TASK_STATES) + [None]},
    'power_state': {'type': ['integer', 'null']},
    'locked': {'anyOf': [{'type': 'boolean'}, {'enum': ['admin', 'owner']}]},
    'locked_reason': NSTR, 'metadata': META,
    'addresses': {'type': 'object', 'additionalProperties': {
        'type': 'array', 'items': STR}},
    'host': NSTR, 'availability_zone': STR, 'description': NSTR,
    'key_name': NSTR, 'hostname': NSTR, 'access_ipv4': STR,
    'access_ipv6': STR, 'tags': {'type': 'array', 'items': STR},
    'security_groups': {'type': 'array', 'items': STR},
    'group': STR,
}
SERVER = obj(SERVER_FIELDS)

FLAVOR_FIELDS = {
    'id': {'type': ['string', 'integer']}, 'name': STR, 'vcpus': INT,
    'ram': INT, 'disk': INT, 'ephemeral': INT, 'swap': INT,
    'rxtx_factor': {'type': 'number'}, 'is_public': {'type': 'boolean'},
    'disabled': {'type': 'boolean'}, 'extra_specs': META,
    'description': NSTR,
    # The projects a private flavor is given to: by name or by id.
    'projects': {'type': 'array', 'items': STR},
    'project_ids': {'type': 'array', 'items': STR},
}
FLAVOR = obj(FLAVOR_FIELDS, required=['id'])

IMAGE_FIELDS = {
    'id': STR, 'name': STR, 'status': STR, 'project_id': NSTR,
    'project': STR, 'min_disk': INT, 'min_ram': INT, 'size': INT,
    'metadata': META,
}
IMAGE = obj(IMAGE_FIELDS, required=['name'])

SECURITY_GROUP_RULE = obj({
    'ip_protocol': STR, 'from_port': {'type': 'integer'},
    'to_port': {'type': 'integer'}, 'cidr': STR,
}, required=['ip_protocol', 'from_port', 'to_port'])
SECURITY_GROUP_FIELDS = {
    'id': STR, 'name': STR, 'description': STR, 'project_id': STR,
    'project': STR, 'rules': {'type': 'array', 'items': SECURITY_GROUP_RULE},
}
SECURITY_GROUP = obj(SECURITY_GROUP_FIELDS, required=['name'])

FLOATING_IP_FIELDS = {
    'address': STR, 'pool': STR, 'project_id': STR, 'project': STR,
}
FLOATING_IP = obj(FLOATING_IP_FIELDS)

VOLUME_FIELDS = {
    'id': STR, 'name': STR, 'size': {'type': 'integer', 'minimum': 1},
    'project_id': STR, 'project': STR, 'multiattach': {'type': 'boolean'},
    'description': NSTR,
}
VOLUME = obj(VOLUME_FIELDS)

KEYPAIR_FIELDS = {
    'name': STR, 'user': STR, 'user_id': STR, 'public_key': STR,
    'type': {'enum': ['ssh', 'x509']},
}
KEYPAIR = obj(KEYPAIR_FIELDS, required=['name'])

SERVER_GROUP_FIELDS = {
    'id': STR, 'name': STR,
    'policy': {'enum': ['affinity', 'anti-affinity', 'soft-affinity',
                        'soft-anti-affinity']},
    'rules': obj({'max_server_per_host': {'type': 'integer',
                                          'minimum': 1}}),
    'project': STR, 'project_id': STR, 'user': STR, 'user_id': STR,
}
SERVER_GROUP = obj(SERVER_GROUP_FIELDS, required=['name', 'policy'])

HOST_FIELDS = {'name': STR, 'zone': STR}
HOST = obj(HOST_FIELDS, required=['name'])

AGGREGATE_FIELDS = {
    'name': STR, 'availability_zone': STR,
    'hosts': {'type': 'array', 'items': STR}, 'metadata': META,
}
AGGREGATE = obj(AGGREGATE_FIELDS, required=['name'])

USER_FIELDS = {
    'name': STR, 'password': STR, 'project': STR,
    'roles': {'type': 'array', 'items': STR},
}
USER = obj(USER_FIELDS, required=['name', 'password'])

# Limits of a project (by name or id; the default project without), of
# one of its users, or of a quota class ('default': everybody's).
QUOTA_FIELDS = {'project': STR, 'project_id': STR, 'user': STR,
                'user_id': STR, 'class': STR}
QUOTA_FIELDS.update(
    (name, {'type': 'integer', 'minimum': quotas.UNLIMITED,
            'maximum': quotas.MAX_LIMIT}) for name in quotas.RESOURCES)
QUOTA = obj(QUOTA_FIELDS)


# -- names to ids, and the adders -------------------------------------------

def project_id(cloud, name=None, id=None, default='demo'):
    """A project id from an id, a project name, or the default project."""
    if id:
        return id
    name = name or default
    project = cloud.identity.find_project({'name': name})
    if project is None:
        raise ValueError('unknown project %r' % name)
    return project.id


def user_id(cloud, project, name=None, id=None):
    """A user id from an id or name; else a user with roles on project."""
    if id:
        return id
    if name:
        user = cloud.identity.find_user({'name': name})
        if user is None:
            raise ValueError('unknown user %r' % name)
        return user.id
    with cloud.identity.lock:
        for user in cloud.identity.users.values():
            if user.roles.get(project):
                return user.id
    raise ValueError('no user given and project %s has no users' % project)


def create_server(cloud, spec):
    """A server from a control/seed spec (names resolved); the record."""
    spec = dict(spec)
    store = cloud.store
    project = project_id(cloud, spec.pop('project', None),
                         spec.pop('project_id', None))
    user = user_id(cloud, project, spec.pop('user', None),
                   spec.pop('user_id', None))
    if 'flavor' in spec:
        spec['flavor'] = seeding.find_flavor(store, spec['flavor']).id
    if spec.get('image'):
        spec['image'] = seeding.find_image(store, spec['image']).id
    if spec.get('status') and spec.get('vm_state'):
        raise ValueError('give status or vm_state, not both')
    if spec.get('group'):
        spec['group'] = seeding.find_server_group(store, spec['group'],
                                                  project).id
    return seeding.create_server(store, spec.pop('name', 'server'),
                                 project, user, **spec)


def _project_of(cloud, spec):
    return project_id(cloud, spec.pop('project', None),
                      spec.pop('project_id', None))


def add_flavor(cloud, spec):
    """A flavor; ``projects`` (names) and ``project_ids`` get access."""
    spec = dict(spec)
    projects = [project_id(cloud, name)
                for name in spec.pop('projects', None) or ()]
    for project in spec.pop('project_ids', None) or ():
        if project not in projects:
            projects.append(project)
    return seeding.add_flavor(cloud.store, projects=projects, **spec)


def add_image(cloud, spec):
    spec = dict(spec)
    if 'project' in spec or spec.get('project_id'):
        spec['project_id'] = _project_of(cloud, spec)
    return seeding.add_image(cloud.store, **spec)


def add_security_group(cloud, spec):
    spec = dict(spec)
    project = _project_of(cloud, spec)
    return seeding.add_security_group(cloud.store, project_id=project,
                                      **spec)


def add_floating_ip(cloud, spec):
    spec = dict(spec)
    project = _project_of(cloud, spec)
    return seeding.add_floating_ip(cloud.store, project, **spec)


def add_volume(cloud, spec):
    spec = dict(spec)
    project = _project_of(cloud, spec)
    if spec.get('id') and spec['id'] in cloud.store.volumes:
        raise ValueError('volume %s already exists' % spec['id'])
    return seeding.add_volume(cloud.store, project, **spec)


def add_host(cloud, spec):
    """A compute host (its zone, default nova, exists while it does)."""
    with cloud.store.lock:
        service = cloud.store.add_host(spec['name'],
                                       spec.get('zone') or 'nova')
        return {'name': service.host,
                'zone': cloud.store.host_zone(service.host)}


def add_aggregate(cloud, spec):
    """A host aggregate with its hosts, metadata and zone (Nova's rules).

    Its ``availability_zone`` makes the zone of its hosts. A name taken,
    an unknown host or a host that would be in two zones is a
    ValueError, and nothing is added.
    """
    store = cloud.store
    with store.lock:
        try:
            aggregate = aggregates.create(
                store, spec['name'], spec.get('availability_zone'),
                spec.get('metadata'))
        except exception.ComputeError as exc:
            raise ValueError(exc.message)
        try:
            for host in spec.get('hosts') or ():
                aggregates.add_host(store, aggregate.id, host)
        except exception.ComputeError as exc:
            del store.aggregates[aggregate.id]
            raise ValueError(exc.message)
        return aggregates.as_dict(aggregate)


def add_server_group(cloud, spec):
    """A server group of a project and user named or given by id.

    Without them: the default project and one of its users.
    """
    spec = dict(spec)
    project = _project_of(cloud, spec)
    user = user_id(cloud, project, spec.pop('user', None),
                   spec.pop('user_id', None))
    return seeding.add_server_group(cloud.store, spec.pop('name'),
                                    spec.pop('policy'), project, user,
                                    **spec)


def add_keypair(cloud, spec):
    """(KeyPair, private key) of a user named or given by id.

    Without ``user``/``user_id``: a user of the default project.
    """
    spec = dict(spec)
    name, id = spec.pop('user', None), spec.pop('user_id', None)
    project = None if (name or id) else project_id(cloud)
    owner = user_id(cloud, project, name, id)
    return seeding.add_keypair(cloud.store, owner, spec.pop('name'), **spec)


def set_quotas(cloud, spec):
    """Set limits from a control/seed spec: {'quota_set': limits, ...}.

    With ``class``, a quota class's; else a project's (named, by id, or
    the default project), or with ``user``/``user_id`` a user's in it.
    Nova's range checks do not apply (an admin's ``force``).
    """
    spec = dict(spec)
    quota_class = spec.pop('class', None)
    if quota_class is not None:
        if set(spec) & {'project', 'project_id', 'user', 'user_id'}:
            raise ValueError('give a quota class or a project, not both')
        limits = seeding.set_quotas(cloud.store, quota_class=quota_class,
                                    **spec)
        return {'class': quota_class, 'quota_class_set': limits}
    project = _project_of(cloud, spec)
    name, id = spec.pop('user', None), spec.pop('user_id', None)
    user = user_id(cloud, project, name, id) if (name or id) else None
    limits = seeding.set_quotas(cloud.store, project, user, **spec)
    out = {'project_id': project, 'quota_set': limits}
    if user is not None:
        out['user_id'] = user
    return out


def quotas_dict(store):
    """The limits set (hold the lock): classes, projects, users."""
    return {
        'classes': {name: dict(rows)
                    for name, rows in store.quotas.classes.items()},
        'projects': {project: dict(rows)
                     for project, rows in store.quotas.projects.items()},
        'users': [{'project_id': project, 'user_id': user,
                   'limits': dict(rows)}
                  for (project, user), rows in store.quotas.users.items()],
    }


def volume_dict(volume):
    return {'id': volume.id, 'name': volume.name, 'size': volume.size,
            'status': volume.status, 'project_id': volume.project_id,
            'multiattach': volume.multiattach,
            'description': volume.description,
            'server_ids': list(volume.server_ids)}


def add_user(cloud, spec):
    user = cloud.identity.add_user(spec['name'], spec['password'],
                                   spec.get('project'),
                                   spec.get('roles') or ['member'])
    return {'id': user.id, 'name': user.name,
            'roles': {p: list(r) for p, r in user.roles.items()}}
