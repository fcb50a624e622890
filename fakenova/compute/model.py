"""The in-memory objects of the fake cloud.

Plain classes with ``__slots__`` keep an idle server small (the store is
expected to hold tens of thousands of them in benchmarks and big seeds).
Times are floats (seconds since the epoch); views format them.
"""

import hashlib
import time
import zlib

_MISSING = object()


# The network a server's port is on unless asked (the store's default).
DEFAULT_NETWORK = 'private'


def port_address(number):
    """The fixed address of the store's port ``number``.

    250 hosts (.2 to .251) in each /24 of 10.0.0.0/8, in order: the first
    64,000 ports are in 10.0.0.0/16, the next ones go on to 10.1.0.2.
    """
    block, host = divmod(number, 250)
    return '10.%d.%d.%d' % (block // 256, block % 256, host + 2)


def port_mac(number):
    """The MAC address of the store's port ``number``."""
    return 'fa:16:3e:%02x:%02x:%02x' % (
        (number >> 16) & 0xff, (number >> 8) & 0xff, number & 0xff)


def _port_number(mac):
    """The number of the store's port with ``mac`` (None: not one)."""
    if type(mac) is str and len(mac) == 17 and mac.startswith('fa:16:3e:'):
        try:
            number = int(mac[9:].replace(':', ''), 16)
        except ValueError:
            return None
        if port_mac(number) == mac:
            return number
    return None


class Server:
    """A server. What every server sets is a slot; what only some do
    (a lock, a fault, a resize, a shelve, tags, ...) is a class default
    until first written, then kept in the instance's ``__dict__``, made
    on that first write: an idle server pays for no empty field.

    Containers (``metadata``, ``tags``, ``fixed_ips``,
    ``security_groups``, ``scheduler_hints``...) are never changed in
    place: a change assigns a new one (so a default or a shared value is
    never written through).
    """

    __slots__ = (
        'id', 'name', 'project_id', 'user_id', 'flavor_id', 'image_id',
        'vm_state', 'task_state', 'power_state', 'created', 'updated',
        'launched_at', 'host', 'node', 'availability_zone', 'metadata',
        'key_name', 'security_groups', '_ports', 'hostname',
        '_reservation', 'pending', '__dict__',
    )

    # The defaults of the fields few servers set (see the class doc).
    terminated_at = None
    # The zone the request spec pins the server to (moves stay in it):
    # the one asked for at create or unshelve; None when unpinned.
    pinned_az = None
    access_ipv4 = ''
    access_ipv6 = ''
    disk_config = 'MANUAL'
    description = None
    locked_by = None
    locked_reason = None
    config_drive = ''
    progress = 0
    fault = None
    tags = None
    user_data = None
    old_flavor_id = None
    pre_resize_state = None
    deleted = False
    trusted_certs = None
    volumes_attached = None
    launch_index = 0
    scheduler_hints = None
    shelved_at = None
    deleted_at = None
    # The server group it was created in (scheduler hint 'group').
    group_id = None

    def __init__(self, id, name, project_id, user_id, flavor_id, image_id,
                 created=None, host=None, availability_zone='nova',
                 fixed_ips=None, security_groups=None):
        now = created or time.time()
        self.id = id
        self.name = name
        self.project_id = project_id
        self.user_id = user_id
        self.flavor_id = flavor_id
        self.image_id = image_id
        self.vm_state = 'building'
        self.task_state = 'scheduling'
        self.power_state = 0
        self.created = now
        self.updated = now
        self.launched_at = None
        self.host = host
        self.node = host
        self.availability_zone = availability_zone
        self.metadata = None
        self.key_name = None
        self.security_groups = security_groups
        self.fixed_ips = fixed_ips
        self.hostname = None
        self.reservation_id = None
        self.pending = None

    def set_fields(self, fields):
        """Set ``fields`` ({name: value}); a value its field already has
        (a default) is not written again (no ``__dict__`` made for it).
        """
        for key, value in fields.items():
            current = getattr(self, key, _MISSING)
            if current is value or (
                    type(current) is type(value)
                    and isinstance(value, (str, int, float))
                    and current == value):
                continue
            setattr(self, key, value)

    @property
    def fixed_ips(self):
        """[(network, address, mac)] of its ports (None: not yet
        given; [] none); floating IPs live in the store.

        One port on the default network as the store numbers them is
        kept as its number (the list is made when read): assign a new
        list to change the ports.
        """
        ports = self._ports
        if type(ports) is int:
            return [(DEFAULT_NETWORK, port_address(ports), port_mac(ports))]
        return ports

    @fixed_ips.setter
    def fixed_ips(self, ports):
        if ports is not None and len(ports) == 1:
            network, address, mac = ports[0]
            number = _port_number(mac)
            if (network == DEFAULT_NETWORK and number is not None
                    and address == port_address(number)):
                ports = number
        self._ports = ports

    @property
    def reservation_id(self):
        """The id of the create that made it ('r-' and 8 hex digits,
        kept as their number; any other id as given; None).
        """
        reservation = self._reservation
        if type(reservation) is int:
            return 'r-%08x' % reservation
        return reservation

    @reservation_id.setter
    def reservation_id(self, text):
        if type(text) is str and len(text) == 10 and text[:2] == 'r-':
            try:
                number = int(text[2:], 16)
            except ValueError:
                number = None
            if number is not None and 'r-%08x' % number == text:
                text = number
        self._reservation = text

    @property
    def locked(self):
        return self.locked_by is not None

    @property
    def host_id(self):
        if not self.host:
            return ''
        return hashlib.sha224(
            ((self.project_id or "") + self.host).encode()).hexdigest()

    @property
    def instance_name(self):
        """The name the hypervisor knows it by (instance-xxxxxxxx)."""
        return 'instance-%08x' % zlib.crc32(self.id.encode())

    def touch(self, now=None):
        self.updated = now or time.time()

    def fail(self, fault):
        """ERROR with Nova's fault body (``created`` stamped now)."""
        self.vm_state = 'error'
        self.fault = dict(fault, created=time.strftime(
            '%Y-%m-%dT%H:%M:%SZ', time.gmtime()))


# The security groups of a server created without any: one tuple shared
# by all of them (a change assigns a new list).
DEFAULT_SECURITY_GROUPS = ('default',)


class Flavor:
    __slots__ = ('id', 'name', 'vcpus', 'ram', 'disk', 'ephemeral', 'swap',
                 'rxtx_factor', 'is_public', 'disabled', 'extra_specs',
                 'description', 'projects')

    def __init__(self, id, name, vcpus, ram, disk, ephemeral=0, swap=0,
                 rxtx_factor=1.0, is_public=True, disabled=False,
                 extra_specs=None, description=None, projects=None):
        self.id = str(id)
        self.name = name
        self.vcpus = vcpus
        self.ram = ram
        self.disk = disk
        self.ephemeral = ephemeral
        self.swap = swap
        self.rxtx_factor = rxtx_factor
        self.is_public = is_public
        self.disabled = disabled
        self.extra_specs = extra_specs or {}
        self.description = description
        # The projects given access to a private flavor, in that order.
        self.projects = list(projects or ())


class Image:
    __slots__ = ('id', 'name', 'status', 'project_id', 'created', 'updated',
                 'min_disk', 'min_ram', 'size', 'metadata', 'server_id',
                 'image_type', 'pending', 'glance')

    def __init__(self, id, name, status='ACTIVE', project_id=None,
                 min_disk=0, min_ram=0, size=25165824, metadata=None,
                 server_id=None, image_type=None, created=None):
        now = created or time.time()
        self.id = id
        self.name = name
        self.status = status
        self.project_id = project_id
        self.created = now
        self.updated = now
        self.min_disk = min_disk
        self.min_ram = min_ram
        self.size = size
        self.metadata = metadata or {}
        self.server_id = server_id
        self.image_type = image_type
        self.pending = None
        # What only the image service knows (fakenova.image.model.Record).
        self.glance = None


class SecurityGroup:
    __slots__ = ('id', 'name', 'description', 'project_id', 'rules')

    def __init__(self, id, name, project_id, description='', rules=None):
        self.id = id
        self.name = name
        self.description = description
        self.project_id = project_id
        self.rules = rules or []


class SecurityGroupRule:
    """A rule as Neutron keeps it (Nova shows the ingress ones)."""

    __slots__ = ('id', 'parent_group_id', 'direction', 'ethertype',
                 'protocol', 'port_range_min', 'port_range_max',
                 'remote_ip_prefix', 'remote_group_id')

    def __init__(self, id, parent_group_id, direction='ingress',
                 ethertype='IPv4', protocol=None, port_range_min=None,
                 port_range_max=None, remote_ip_prefix=None,
                 remote_group_id=None):
        self.id = id
        self.parent_group_id = parent_group_id
        self.direction = direction
        self.ethertype = ethertype
        self.protocol = protocol
        self.port_range_min = port_range_min
        self.port_range_max = port_range_max
        self.remote_ip_prefix = remote_ip_prefix
        self.remote_group_id = remote_group_id


class FloatingIP:
    """A floating IP; ``index`` (the store's: server id -> {floating
    IP id: None}) follows every change of the server it is on.
    """

    __slots__ = ('id', 'address', 'pool', 'project_id', '_server_id',
                 'fixed_address', '_index')

    def __init__(self, id, address, pool='public', project_id=None,
                 index=None):
        self.id = id
        self.address = address
        self.pool = pool
        self.project_id = project_id
        self._index = index
        self._server_id = None
        self.fixed_address = None

    @property
    def server_id(self):
        return self._server_id

    @server_id.setter
    def server_id(self, server_id):
        old = self._server_id
        index = self._index
        if index is not None and old != server_id:
            if old is not None:
                ids = index.get(old)
                if ids is not None:
                    ids.pop(self.id, None)
                    if not ids:
                        del index[old]
            if server_id is not None:
                index.setdefault(server_id, {})[self.id] = None
        self._server_id = server_id


class InstanceAction:
    """An instance action and its one event (the compute step the fake
    records for it), kept in the action itself: the event is a view
    (:class:`ActionEvent`) made when read.

    A create's request id is kept as the integer of its UUID when it is
    oslo.context's ``req-<uuid>`` (formatted back when read).
    """

    __slots__ = ('action', 'server_id', '_request', 'user_id',
                 'project_id', 'start_time', 'updated_at', 'message',
                 'event', 'event_host', 'event_result', 'event_finish')

    def __init__(self, action, server_id, request_id, user_id, project_id,
                 start_time=None, event=None, event_host=None):
        now = start_time or time.time()
        self.action = action
        self.server_id = server_id
        # A create's (the one action every idle server keeps) is kept
        # compact; later actions keep theirs as given (no parse on the
        # action paths).
        self._request = (_compact_request_id(request_id)
                         if action == 'create' else request_id)
        self.user_id = user_id
        self.project_id = project_id
        self.start_time = now
        self.updated_at = now
        self.message = None
        # The event's name (None: no event), host, result and finish time
        # (None until finished); it starts with the action.
        self.event = event
        self.event_host = event_host
        self.event_result = None
        self.event_finish = None

    @property
    def request_id(self):
        request = self._request
        if type(request) is int:
            return _request_id(request)
        return request

    @property
    def events(self):
        return () if self.event is None else (ActionEvent(self),)


def _compact_request_id(request_id):
    """An int for 'req-<lowercase canonical uuid>' (what it formats back
    to: :func:`_request_id`); any other id as given.
    """
    if (type(request_id) is str and len(request_id) == 40
            and request_id[:4] == 'req-' and request_id[12] == '-'
            and request_id[17] == '-' and request_id[22] == '-'
            and request_id[27] == '-'):
        digits = request_id[4:].replace('-', '')
        try:
            number = int(digits, 16)
        except ValueError:
            return request_id
        if '%032x' % number == digits:
            return number
    return request_id


def _request_id(number):
    digits = '%032x' % number
    return 'req-%s-%s-%s-%s-%s' % (digits[:8], digits[8:12], digits[12:16],
                                   digits[16:20], digits[20:])


class ActionEvent:
    """The event of an :class:`InstanceAction` (a view of its fields)."""

    __slots__ = ('_action',)

    # Never kept: Nova's traceback and details of a failed step.
    traceback = None
    details = None

    def __init__(self, action):
        self._action = action

    @property
    def event(self):
        return self._action.event

    @property
    def start_time(self):
        return self._action.start_time

    @property
    def finish_time(self):
        return self._action.event_finish

    @property
    def result(self):
        return self._action.event_result

    @property
    def host(self):
        return self._action.event_host

    def finish(self, result='Success', now=None):
        action = self._action
        action.event_finish = now or time.time()
        action.event_result = result


class Service:
    """A Nova service: a fake host's nova-compute, or a control service.

    ``numeric_id`` is the service's id before 2.53; a compute's
    ``node_id`` that of its compute node (the hypervisor), numbered apart
    as in Nova's database. ``zone`` is a control service's (``internal``);
    a compute's zone is its host's, from the aggregates
    (:meth:`fakenova.compute.store.Store.service_zone`).
    """

    __slots__ = ('id', 'numeric_id', 'node_id', 'host', 'binary', 'zone',
                 'disabled', 'disabled_reason', 'forced_down', 'updated')

    def __init__(self, id, numeric_id, host, zone=None,
                 binary='nova-compute', node_id=None):
        self.id = id
        self.numeric_id = numeric_id
        self.node_id = node_id
        self.host = host
        self.binary = binary
        self.zone = zone
        self.disabled = False
        self.disabled_reason = None
        self.forced_down = False
        self.updated = time.time()

    @property
    def up(self):
        return not self.forced_down


class Migration:
    # ``created`` orders store.migrations' index: change it only through
    # ``store.migrations.redate``.
    __slots__ = ('id', 'uuid', 'server_id', 'kind', 'status',
                 'source_compute', 'dest_compute', 'old_flavor_id',
                 'new_flavor_id', 'created', 'updated', 'user_id',
                 'project_id')

    def __init__(self, id, uuid, server, kind, source, dest,
                 old_flavor_id=None, new_flavor_id=None, user_id=None,
                 project_id=None):
        now = time.time()
        self.id = id
        self.uuid = uuid
        self.server_id = server.id
        self.kind = kind
        self.status = 'accepted'
        self.source_compute = source
        self.dest_compute = dest
        self.old_flavor_id = old_flavor_id
        self.new_flavor_id = new_flavor_id
        self.created = now
        self.updated = now
        self.user_id = user_id
        self.project_id = project_id

    def set_status(self, status):
        self.status = status
        self.updated = time.time()


class Volume:
    __slots__ = ('id', 'name', 'size', 'status', 'project_id',
                 'multiattach', 'server_ids', 'created', 'description',
                 'volume_type', 'availability_zone', 'metadata')

    def __init__(self, id, name, size=1, project_id=None, multiattach=False,
                 description=None, volume_type=None):
        self.id = id
        self.name = name
        self.size = size
        self.status = 'available'
        self.project_id = project_id
        self.multiattach = multiattach
        self.server_ids = []
        self.created = time.time()
        self.description = description
        self.volume_type = volume_type
        self.availability_zone = 'nova'
        self.metadata = None


class VolumeAttachment:
    __slots__ = ('volume_id', 'device', 'tag', 'delete_on_termination',
                 'attachment_id', 'bdm_uuid')

    def __init__(self, volume_id, device, tag=None,
                 delete_on_termination=False, attachment_id=None,
                 bdm_uuid=None):
        self.volume_id = volume_id
        self.device = device
        self.tag = tag
        self.delete_on_termination = delete_on_termination
        self.attachment_id = attachment_id
        self.bdm_uuid = bdm_uuid


class KeyPair:
    """A user's SSH public key or x509 certificate (not a project's).

    ``id`` is Nova's integer row id; the private key of a generated pair
    is never kept (Nova returns it once, on create).
    """

    __slots__ = ('id', 'name', 'user_id', 'type', 'public_key',
                 'fingerprint', 'created')

    def __init__(self, id, name, user_id, public_key, fingerprint,
                 type='ssh', created=None):
        self.id = id
        self.name = name
        self.user_id = user_id
        self.type = type
        self.public_key = public_key
        self.fingerprint = fingerprint
        self.created = created or time.time()


class ServerGroup:
    """A server group: a scheduling policy its member servers share.

    ``policy`` is one of Nova's four; ``rules`` holds, for
    ``anti-affinity`` only, ``max_server_per_host`` (an int); ``members``
    are server ids in the order they joined.
    """

    __slots__ = ('id', 'name', 'project_id', 'user_id', 'policy', 'rules',
                 'members', 'created')

    def __init__(self, id, name, project_id, user_id, policy, rules=None,
                 created=None):
        self.id = id
        self.name = name
        self.project_id = project_id
        self.user_id = user_id
        self.policy = policy
        self.rules = dict(rules or {})
        self.members = []
        self.created = created or time.time()
