"""Seed files: the state a standalone fake starts in (``--seed FILE``).

A YAML mapping with any of these lists (see ``etc/seed-demo.yaml``)::

    users:           [{name, password, project, roles}]
    hosts:           [{name, zone}]   (compute hosts beyond compute1/2)
    aggregates:      [{name, availability_zone, hosts, metadata}]
    server_groups:   [{name, policy, project, user, rules, id}]
    keypairs:        [{name, user or user_id, public_key, type}]
    flavors:         [{id, name, vcpus, ram, disk, is_public, projects
                       (names, for a private flavor), extra_specs, ...}]
    images:          [{name, id, status, min_disk, min_ram, metadata}]
    security_groups: [{name, project, description, id, rules: [{
                       ip_protocol, from_port, to_port, cidr}]}]
    floating_ips:    [{address, project, pool}]
    volumes:         [{name, project, size, id, multiattach, description}]
    quotas:          [{project or class, user, instances, cores, ...}]
                     (a project's, a user's or a quota class's limits)
    servers:         [{name, project, user, flavor, image, status or
                       vm_state, task_state, locked, metadata, addresses,
                       id, host, group (a server group's name or id),
                       ...}]

Projects and users are named (``demo``, not its id); flavors and images
by id or name. The file is checked against a JSON schema first, so a
mistake is reported with the file and the offending key
(``seed.yaml: servers[1].status: ...``) before anything is applied.
``POST /_fakenova/reset`` applies the seed again.
"""

import jsonschema
import yaml

from fakenova.control import resources

_LIST = 'array'


def _list_of(fields, required=()):
    return {'type': _LIST, 'items': resources.obj(fields, required)}


_USER = dict(resources.USER_FIELDS)
_SERVER = dict(resources.SERVER_FIELDS)
_FLOATING_IP = dict(resources.FLOATING_IP_FIELDS)
_FLOATING_IP['server'] = {'type': 'string'}  # associate with a seeded name

SCHEMA = {
    'type': 'object',
    'properties': {
        'users': _list_of(_USER, ['name', 'password', 'project']),
        'keypairs': _list_of(resources.KEYPAIR_FIELDS, ['name']),
        'hosts': _list_of(resources.HOST_FIELDS, ['name']),
        'aggregates': _list_of(resources.AGGREGATE_FIELDS, ['name']),
        'server_groups': _list_of(resources.SERVER_GROUP_FIELDS,
                                  ['name', 'policy']),
        'flavors': _list_of(resources.FLAVOR_FIELDS, ['id', 'name']),
        'images': _list_of(resources.IMAGE_FIELDS, ['name']),
        'security_groups': _list_of(resources.SECURITY_GROUP_FIELDS,
                                    ['name']),
        'floating_ips': _list_of(_FLOATING_IP),
        'servers': _list_of(_SERVER, ['name']),
        'volumes': _list_of(resources.VOLUME_FIELDS),
        'quotas': _list_of(resources.QUOTA_FIELDS),
    },
    'additionalProperties': False,
}

ORDER = ('users', 'keypairs', 'hosts', 'aggregates', 'flavors', 'images',
         'security_groups', 'server_groups', 'servers', 'floating_ips',
         'volumes', 'quotas')


class SeedError(ValueError):
    """A seed file that cannot be read or applied (names file and key)."""


def _where(path):
    out = ''
    for part in path:
        out += '[%d]' % part if isinstance(part, int) else (
            ('.' if out else '') + str(part))
    return out


def validate(data, source='<seed>'):
    if data is None:
        data = {}
    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = list(validator.iter_errors(data))
    if errors:
        error = jsonschema.exceptions.best_match(errors)
        where = _where(error.absolute_path)
        raise SeedError('%s: %s%s' % (source, where + ': ' if where else '',
                                      error.message))
    return data


def load(path):
    """The validated contents of a seed file."""
    try:
        with open(path) as f:
            data = yaml.safe_load(f)
    except OSError as exc:
        raise SeedError('%s: cannot read the seed file: %s' % (
            path, exc.strerror or exc))
    except yaml.YAMLError as exc:
        raise SeedError('%s: not valid YAML: %s' % (path, exc))
    return validate(data, path)


def apply(cloud, data, source='<seed>'):
    """Put the seed's resources into ``cloud`` (users first)."""
    servers = {}
    for section in ORDER:
        for index, spec in enumerate(data.get(section) or ()):
            try:
                _APPLY[section](cloud, dict(spec), servers)
            except ValueError as exc:
                raise SeedError('%s: %s[%d]: %s' % (source, section, index,
                                                    exc))


def load_into(cloud, path):
    """Load a seed file into ``cloud``; ``reset`` will apply it again."""
    data = load(path)
    apply(cloud, data, path)
    cloud.seed = data
    cloud.seed_source = path
    return data


def _user(cloud, spec, servers):
    existing = cloud.identity.find_user({'name': spec['name']})
    if existing is not None:  # re-applied by reset, or a default user
        existing.password = spec['password']
        cloud.identity.assign(existing,
                              cloud.identity.add_project(spec['project']),
                              spec.get('roles') or ['member'])
        return
    resources.add_user(cloud, spec)


def _flavor(cloud, spec, servers):
    resources.add_flavor(cloud, spec)


def _image(cloud, spec, servers):
    resources.add_image(cloud, spec)


def _security_group(cloud, spec, servers):
    resources.add_security_group(cloud, spec)


def _server(cloud, spec, servers):
    server = resources.create_server(cloud, spec)
    servers[server.name] = server


def _floating_ip(cloud, spec, servers):
    name = spec.pop('server', None)
    server = None
    if name is not None:
        server = servers.get(name)
        if server is None:
            raise ValueError('no seeded server named %r' % name)
        if 'project' not in spec and 'project_id' not in spec:
            spec['project_id'] = server.project_id
    fip = resources.add_floating_ip(cloud, spec)
    if server is not None:
        with cloud.store.lock:
            fip.server_id = server.id
            fip.fixed_address = server.fixed_ips[0][1]


def _volume(cloud, spec, servers):
    resources.add_volume(cloud, spec)


def _keypair(cloud, spec, servers):
    resources.add_keypair(cloud, spec)


def _host(cloud, spec, servers):
    resources.add_host(cloud, spec)


def _aggregate(cloud, spec, servers):
    resources.add_aggregate(cloud, spec)


def _server_group(cloud, spec, servers):
    resources.add_server_group(cloud, spec)


def _quotas(cloud, spec, servers):
    resources.set_quotas(cloud, spec)


_APPLY = {'users': _user, 'flavors': _flavor, 'images': _image,
          'security_groups': _security_group, 'servers': _server,
          'floating_ips': _floating_ip, 'volumes': _volume,
          'keypairs': _keypair, 'hosts': _host,
          'server_groups': _server_group, 'aggregates': _aggregate,
          'quotas': _quotas}
