"""A running server's diagnostics, as a hypervisor would report them.

The counters are those of Nova's fake virt driver; what the server has
comes from its record: a CPU per vCPU of its flavor, a NIC per port, a
disk for the root disk and one per attached volume, its flavor's memory
(in KiB). A server with one vCPU, one port, no volume and 512 MB of
memory reports exactly what Nova's fake driver does.

Nova asks the compute host only when the server has one (409 otherwise)
and the hypervisor answers only for a running guest (409 in any other
power state).
"""

import time

from fakenova.compute import exception
from fakenova.compute import states as st

# Nova's power state names (nova.objects.fields.InstancePowerState).
POWER_STATE_NAMES = {
    st.NOSTATE: 'pending', st.RUNNING: 'running',
    st.POWER_PAUSED: 'paused', st.SHUTDOWN: 'shutdown',
    st.CRASHED: 'crashed', st.POWER_SUSPENDED: 'suspended',
}

# The fake driver's counters.
_CPU = {'time': 17300000000, 'utilisation': 15}
_NIC = {'rx_octets': 2070139, 'rx_errors': 100, 'rx_drop': 200,
        'rx_packets': 26701, 'rx_rate': 300, 'tx_octets': 140208,
        'tx_errors': 400, 'tx_drop': 500, 'tx_packets': 662,
        'tx_rate': 600}
_NIC_LEGACY = {'rx': 2070139, 'rx_drop': 0, 'rx_errors': 0,
               'rx_packets': 26701, 'tx': 140208, 'tx_drop': 0,
               'tx_errors': 0, 'tx_packets': 662}
_DISK = {'read_bytes': 262144, 'read_requests': 112,
         'write_bytes': 5778432, 'write_requests': 488, 'errors_count': 1}
_DISK_LEGACY = {'errors': -1, 'read': 262144, 'read_req': 112,
                'write': 5778432, 'write_req': 488}


def check(server):
    """Nova's 409s: no host yet, or a guest that is not running."""
    if not server.host:
        raise exception.NotReady(server_id=server.id)
    if server.power_state != st.RUNNING:
        raise exception.InvalidState(
            action='get_diagnostics', server_id=server.id,
            attr='power state',
            state=POWER_STATE_NAMES.get(server.power_state, 'pending'))


def _disks(server):
    """Device names: the root disk, then each attached volume's."""
    return ['vda'] + [attachment.device.rsplit('/', 1)[-1]
                      for attachment in server.volumes_attached or ()]


def _memory_kib(store, server):
    flavor = store.flavor_of(server)
    return (flavor.ram if flavor is not None else 0) * 1024


def _vcpus(store, server):
    flavor = store.flavor_of(server)
    return flavor.vcpus if flavor is not None else 1


def legacy(store, server):
    """The free-form diagnostics of microversions 2.1 to 2.47."""
    out = {}
    for number in range(_vcpus(store, server)):
        out['cpu%d_time' % number] = _CPU['time']
    out['memory'] = _memory_kib(store, server)
    for disk in _disks(server):
        for key, value in _DISK_LEGACY.items():
            out['%s_%s' % (disk, key)] = value
    for number, _port in enumerate(server.fixed_ips or (), 1):
        for key, value in _NIC_LEGACY.items():
            out['vnet%d_%s' % (number, key)] = value
    return out


def standard(store, server, now=None):
    """The diagnostics of 2.48 and later, keys in Nova's order."""
    now = time.time() if now is None else now
    launched = server.launched_at or server.created
    cpus = [dict(id=number, **_CPU)
            for number in range(_vcpus(store, server))]
    nics = [dict(mac_address=mac, **_NIC)
            for _net, _addr, mac in server.fixed_ips or ()]
    disks = [dict(_DISK) for _disk in _disks(server)]
    return {
        'state': POWER_STATE_NAMES.get(server.power_state, 'pending'),
        'driver': 'libvirt', 'hypervisor': 'kvm', 'hypervisor_os': 'ubuntu',
        'uptime': max(0, int(now - launched)),
        'config_drive': bool(server.config_drive),
        'num_cpus': len(cpus), 'num_nics': len(nics),
        'num_disks': len(disks),
        'disk_details': disks, 'cpu_details': cpus, 'nic_details': nics,
        'memory_details': {'maximum': _memory_kib(store, server),
                           'used': 0},
    }
