"""Putting state straight into a store: no HTTP, no policy.

What the :class:`fakenova.fixture.FakeNova` fixture, the control API
(:mod:`fakenova.control.api`) and seed files
(:mod:`fakenova.control.seed`) share: servers created in a settled (or
any) state, flavors, images,
security groups, floating IPs, and the pacing switch. Every function
expects to be called without holding ``store.lock`` (it takes it) and
raises ``ValueError`` on values it cannot use.
"""

import uuid

from fakenova.compute import exception
from fakenova.compute import keypairs
from fakenova.compute import model
from fakenova.compute import quotas
from fakenova.compute import security_groups
from fakenova.compute import server_groups
from fakenova.compute import servers
from fakenova.compute import states as st
from fakenova.compute import store as store_mod
from fakenova import context as context_mod

DEFAULT_IMAGE = store_mod.DEFAULT_IMAGES[0][0]
DEFAULT_FLAVOR = '1'

_STATUS_TO_VM_STATE = {}
for _vm_state, _cells in st.STATUS_MAP.items():
    _STATUS_TO_VM_STATE.setdefault(_cells['default'], _vm_state)


def vm_state_for(status):
    """The settled vm_state that shows ``status`` (``'SHUTOFF'`` ...)."""
    try:
        return _STATUS_TO_VM_STATE[str(status).upper()]
    except KeyError:
        raise ValueError('no settled vm_state shows status %r (known: %s)'
                         % (status, ', '.join(sorted(_STATUS_TO_VM_STATE))))


def random_mac():
    return 'fa:16:3e:%02x:%02x:%02x' % tuple(uuid.uuid4().bytes[:3])


def create_server(store, name, project_id, user_id,
                  flavor=DEFAULT_FLAVOR, image=DEFAULT_IMAGE, status=None,
                  vm_state=None, task_state=None, power_state=None,
                  locked=False, locked_reason=None, metadata=None,
                  addresses=None, host=None, group=None, **fields):
    """Put a server in ``store`` in the given state; return the record.

    Through :func:`fakenova.compute.servers.create`, as the API creates
    servers: what it names is checked as Nova checks it (a ``ValueError``
    with Nova's message), but the server is in its state at once.

    ``status`` (e.g. ``'SHUTOFF'``) or ``vm_state`` choose the state
    (ACTIVE by default); ``locked`` is true (locked by its owner) or
    ``'admin'``; ``addresses`` is ``{network: [address, ...]}``;
    ``group`` the id of the server group it joins (without ``host``, it
    is placed by the group's policy; a ``ValueError`` when no host fits).
    """
    if vm_state is None:
        vm_state = vm_state_for(status) if status else st.ACTIVE
    elif vm_state not in st.VM_STATES:
        raise ValueError('unknown vm_state %r' % (vm_state,))
    if task_state is not None and task_state not in st.TASK_STATES:
        raise ValueError('unknown task_state %r' % (task_state,))
    settled = servers.Settled(vm_state, task_state, power_state, locked,
                              locked_reason, host)
    if addresses:
        fields['fixed_ips'] = [(network, addr, random_mac())
                               for network, addrs in addresses.items()
                               for addr in addrs]
    if metadata:
        fields['metadata'] = dict(metadata)
    ctx = context_mod.RequestContext(user_id=user_id, project_id=project_id)
    with store.lock:
        if group is not None and group not in store.server_groups:
            raise ValueError('unknown server group %r' % (group,))
        try:
            return servers.create(
                store, ctx, name, flavor, image or '', settled=settled,
                scheduler_hints={'group': group} if group else None,
                **fields)
        except exception.ComputeError as exc:
            raise ValueError(exc.message)


def add_flavor(store, id, name=None, vcpus=1, ram=512, disk=1, **kwargs):
    flavor = model.Flavor(str(id), name or 'flavor-%s' % id, vcpus, ram,
                          disk, **kwargs)
    with store.lock:
        return store.add_flavor(flavor)


def add_image(store, name, id=None, status='ACTIVE', **kwargs):
    image = model.Image(id or str(uuid.uuid4()), name, status=status,
                        **kwargs)
    with store.lock:
        return store.add_image(image)


def add_security_group(store, name, project_id, description='', id=None,
                       rules=()):
    """A group and its ingress ``rules`` ({ip_protocol, from_port,
    to_port, cidr}, as Nova's API takes them; ValueError as its 400s).
    """
    with store.lock:
        group = security_groups.new_group(
            store, project_id, name, description, id=id,
            default=name == security_groups.DEFAULT)
        try:
            for spec in rules or ():
                cidr = security_groups.parse_cidr(spec.get('cidr'))
                values = security_groups.new_rule(
                    spec.get('ip_protocol'), spec.get('from_port'),
                    spec.get('to_port'), cidr=cidr)
                if values is None:
                    raise ValueError('a rule needs ip_protocol, from_port '
                                     'and to_port')
                security_groups.check_prefix(cidr)
                values['parent_group_id'] = group.id
                security_groups.add_rule(store, group, values)
        except (exception.ComputeError, ValueError) as exc:
            del store.security_groups[group.id]
            raise ValueError(getattr(exc, 'message', str(exc)))
        return group


def add_floating_ip(store, project_id, address=None, pool='public'):
    with store.lock:
        return store.add_floating_ip(project_id, pool=pool, address=address)


def set_pacing(store, pacing, polls=None, seconds=None):
    if pacing not in store_mod.PACINGS:
        raise ValueError('pacing must be one of %s' % (store_mod.PACINGS,))
    if polls is not None and int(polls) < 1:
        raise ValueError('polls must be a positive integer')
    if seconds is not None:
        seconds = store_mod.check_seconds(seconds)
    with store.lock:
        store.pacing = pacing
        if polls is not None:
            store.polls = int(polls)
        if seconds is not None:
            store.seconds = seconds


def find_flavor(store, ref):
    """A flavor by id or name (``ValueError`` naming it if unknown)."""
    ref = str(ref)
    with store.lock:
        if ref in store.flavors:
            return store.flavors[ref]
        for flavor in store.flavors.values():
            if flavor.name == ref:
                return flavor
    raise ValueError('unknown flavor %r' % ref)


def find_image(store, ref):
    """An image by id or name (``ValueError`` naming it if unknown)."""
    with store.lock:
        if ref in store.images:
            return store.images[ref]
        found = [i for i in store.images.values() if i.name == ref]
    if len(found) == 1:
        return found[0]
    if found:
        raise ValueError('image name %r is ambiguous; use its id' % ref)
    raise ValueError('unknown image %r' % ref)


# -- plain-JSON views of the resources (for the control API) ----------------

def flavor_dict(flavor):
    return {k: getattr(flavor, k) for k in model.Flavor.__slots__}


def image_dict(image):
    return {k: getattr(image, k) for k in (
        'id', 'name', 'status', 'project_id', 'min_disk', 'min_ram', 'size',
        'metadata')}


def security_group_dict(group):
    rules = [security_groups.nova_rule(r)
             for r in security_groups.ingress(group)]
    return {'id': group.id, 'name': group.name,
            'description': group.description,
            'project_id': group.project_id,
            'rules': [{'id': r['id'], 'ip_protocol': r['protocol'],
                       'from_port': r['from_port'], 'to_port': r['to_port'],
                       'cidr': None if r['group_id'] else r['cidr'],
                       'group_id': r['group_id']} for r in rules]}


def floating_ip_dict(fip):
    return {k: getattr(fip, k) for k in model.FloatingIP.__slots__}


def add_volume(store, project_id, name=None, size=1, id=None,
               multiattach=False, description=None, volume_type=None):
    volume = model.Volume(id or str(uuid.uuid4()), name or 'volume', size,
                          project_id=project_id, multiattach=multiattach,
                          description=description, volume_type=volume_type)
    with store.lock:
        store.volumes[volume.id] = volume
    return volume


def add_keypair(store, user_id, name, public_key=None, type='ssh'):
    """Import (``public_key``) or generate ``user_id``'s key pair ``name``.

    Returns (KeyPair, private key or None). A bad key, an unknown type or
    a name the user already has is a ``ValueError``.
    """
    if type not in keypairs.TYPES:
        raise ValueError('key pair type must be one of %s, not %r' % (
            ', '.join(keypairs.TYPES), type))
    if not name or not isinstance(name, str):
        raise ValueError('a key pair needs a name')
    try:
        return keypairs.add(store, user_id, name, public_key, type)
    except exception.ComputeError as exc:
        raise ValueError(exc.message)


def add_server_group(store, name, policy, project_id, user_id,
                     rules=None, id=None):
    """A server group (no quota); ``ValueError`` for what Nova refuses."""
    if not name or not isinstance(name, str):
        raise ValueError('a server group needs a name')
    with store.lock:
        try:
            return server_groups.add(store, name, project_id, user_id,
                                     policy, rules, id=id)
        except exception.ComputeError as exc:
            raise ValueError(exc.message)


def find_server_group(store, ref, project_id=None):
    """A server group by id, or by name (in ``project_id`` if given)."""
    with store.lock:
        if ref in store.server_groups:
            return store.server_groups[ref]
        found = [g for g in store.server_groups.values() if g.name == ref
                 and project_id in (None, g.project_id)]
    if len(found) == 1:
        return found[0]
    if found:
        raise ValueError('server group name %r is ambiguous; use its id'
                         % ref)
    raise ValueError('unknown server group %r' % ref)


def server_group_dict(store, group):
    """A group as the API shows it from 2.64 (call with the lock held)."""
    return {'id': group.id, 'name': group.name, 'policy': group.policy,
            'rules': dict(group.rules),
            'members': server_groups.members(store, group),
            'project_id': group.project_id, 'user_id': group.user_id}


def keypair_dict(keypair, private_key=None):
    out = {k: getattr(keypair, k) for k in (
        'id', 'name', 'user_id', 'type', 'public_key', 'fingerprint')}
    if private_key is not None:
        out['private_key'] = private_key
    return out


def set_quotas(store, project_id=None, user_id=None, quota_class=None,
               **limits):
    """Set limits as an admin would, without Nova's range checks (force).

    ``quota_class`` sets a quota class's (``'default'``: everybody's
    defaults); else ``project_id``'s, or with ``user_id`` that user's in
    the project. ``limits`` are resources (``instances=5``, ``cores=-1``);
    a ``ValueError`` names an unknown resource or a bad value. Returns
    the resulting limits.
    """
    quotas.check_resources(limits)
    with store.lock:
        if quota_class is not None:
            if project_id is not None or user_id is not None:
                raise ValueError('give a quota class or a project, not both')
            quotas.update_class(store, quota_class, limits)
            return quotas.class_limits(store, quota_class)
        if project_id is None:
            raise ValueError('quotas need a project (or a quota class)')
        quotas.update(store, project_id, limits, user_id, force=True)
        return quotas.limits(store, project_id, user_id)
