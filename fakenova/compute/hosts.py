"""What the compute hosts have and what their servers use of it.

Every fake host has the same capacity; what is used is summed from the
flavors of the servers placed on it, as Nova's resource tracker reports
it to ``os-hypervisors`` (with Nova's default ``reserved_host_memory_mb``
counted as used).
"""

VCPUS = 64
MEMORY_MB = 262144
LOCAL_GB = 2048
RESERVED_HOST_MEMORY_MB = 512
CPU_INFO = {'arch': 'x86_64', 'model': 'Haswell-noTSX-IBRS',
            'vendor': 'Intel', 'features': ['pge', 'clflush', 'sse2'],
            'topology': {'cores': 8, 'threads': 2, 'sockets': 4}}


def servers_on(store, host):
    """The servers placed on ``host``, oldest first."""
    return sorted(store.servers_on(host), key=lambda s: s.created)


def usage(store, host):
    """Nova's compute node figures for ``host`` (call with the lock)."""
    vcpus = memory = disk = busy = 0
    servers = servers_on(store, host)
    for server in servers:
        flavor = store.flavor_of(server)
        if flavor is not None:
            vcpus += flavor.vcpus
            memory += flavor.ram
            disk += flavor.disk + flavor.ephemeral
        if server.task_state is not None:
            busy += 1
    memory += RESERVED_HOST_MEMORY_MB
    return {
        'vcpus': VCPUS, 'memory_mb': MEMORY_MB, 'local_gb': LOCAL_GB,
        'vcpus_used': vcpus, 'memory_mb_used': memory,
        'local_gb_used': disk, 'free_ram_mb': MEMORY_MB - memory,
        'free_disk_gb': LOCAL_GB - disk, 'current_workload': busy,
        'running_vms': len(servers), 'disk_available_least': LOCAL_GB - disk,
    }
