"""Which flavor extra specs Nova 34 knows, and its checks of their values.

From microversion 2.86 Nova checks each extra spec written through
/flavors/{id}/os-extra_specs: a known name (a row below, names with a
``{parameter}`` matched by its pattern) must have a value of its kind
(an integer within bounds, a boolean-like string, one of an enum, or a
string of a pattern); a name in a namespace Nova knows (``hw``,
``quota``, ``resources1``, ...) that no row names is refused; any other
name (no namespace, or a namespace of someone else's) passes.

The rows are the names and value rules of Nova's validators, without
their documentation; they are matched with RE2 (linear time). Standard
trait names come from the os-traits
library in Nova; here any upper-case trait name is taken as standard.
"""

import functools

from oslo_utils import strutils
import re2

from fakenova.compute import exception

_GROUP = {'group': '([a-zA-Z0-9_-]{1,64})?'}
_CPU_MASK = r'\^?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*'
_SHARES = ('custom', 'high', 'normal', 'low')
_TRAIT = ('required', 'forbidden')
_FILTER = {'filter': r'(:\w+)*'}


def _spec(name, kind, params=None, **rule):
    """One row: ``kind`` is int, bool or str; ``rule`` its bounds."""
    return (name, kind, params or {}, rule)


_CAPABILITIES = (
    'id', 'uuid', 'service_id', 'host', 'vcpus', 'memory_mb', 'local_gb',
    'vcpus_used', 'memory_mb_used', 'local_gb_used', 'hypervisor_type',
    'hypervisor_version', 'hypervisor_hostname', 'free_ram_mb',
    'free_disk_gb', 'current_workload', 'running_vms',
    'disk_available_least', 'host_ip', 'mapped', 'cpu_allocation_ratio',
    'ram_allocation_ratio', 'disk_allocation_ratio', 'total_usable_ram_mb',
    'total_usable_disk_gb', 'disk_mb_used', 'free_disk_mb', 'vcpus_total',
    'num_instances', 'num_io_ops', 'failed_builds', 'aggregates',
    'cell_uuid', 'updated')
_CAPABILITY_TREES = (
    'cpu_info', 'metrics', 'stats', 'numa_topology', 'supported_hv_specs',
    'pci_device_pools', 'nodename', 'pci_stats', 'supported_instances',
    'limits', 'instances')
_RESOURCES = (
    'VCPU', 'MEMORY_MB', 'DISK_GB', 'PCI_DEVICE', 'SRIOV_NET_VF',
    'NUMA_SOCKET', 'NUMA_CORE', 'NUMA_THREAD', 'NUMA_MEMORY_MB',
    'IPV4_ADDRESS', 'VGPU', 'VGPU_DISPLAY_HEAD', 'NET_BW_EGR_KILOBIT_PER_SEC',
    'NET_BW_IGR_KILOBIT_PER_SEC', 'PCPU', 'MEM_ENCRYPTION_CONTEXT', 'FPGA',
    'PGPU', 'NET_PACKET_RATE_KILOPACKET_PER_SEC',
    'NET_PACKET_RATE_EGR_KILOPACKET_PER_SEC',
    'NET_PACKET_RATE_IGR_KILOPACKET_PER_SEC')
# quota:<name> integers at least 0 ('' suffix), any integer (reservation)
# and the share levels.
_QUOTA_MIN0 = (
    'cpu_limit', 'cpu_shares_share', 'memory_limit', 'memory_shares_share',
    'disk_io_limit', 'disk_io_shares_share', 'vif_limit', 'vif_shares_share',
    'cpu_shares', 'cpu_period', 'disk_read_bytes_sec', 'disk_read_iops_sec',
    'disk_write_bytes_sec', 'disk_write_iops_sec', 'disk_total_bytes_sec',
    'disk_total_iops_sec', 'vif_inbound_average', 'vif_inbound_peak',
    'vif_inbound_burst', 'vif_outbound_average', 'vif_outbound_peak',
    'vif_outbound_burst')
_QUOTA_ANY = ('cpu_reservation', 'memory_reservation', 'disk_io_reservation',
              'vif_reservation', 'cpu_quota')
_QUOTA_LEVELS = ('cpu_shares_level', 'memory_shares_level',
                 'disk_io_shares_level', 'vif_shares_level')

SPECS = (
    _spec('accel:device_profile', str),
    _spec('aggregate_instance_extra_specs:{key}', str, {'key': '.+'}),
) + tuple(
    _spec('capabilities:' + name, str) for name in _CAPABILITIES
) + tuple(
    _spec('capabilities:%s{filter}' % name, str, _FILTER)
    for name in _CAPABILITY_TREES
) + (
    _spec('hw:cpu_realtime', bool),
    _spec('hw:cpu_realtime_mask', str,
          pattern=r'(\^)?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*'),
    _spec('hw:hide_hypervisor_id', bool),
    _spec('hw:cpu_policy', str, enum=('dedicated', 'shared', 'mixed')),
    _spec('hw:cpu_thread_policy', str,
          enum=('prefer', 'isolate', 'require')),
    _spec('hw:emulator_threads_policy', str, enum=('isolate', 'share')),
    _spec('hw:cpu_dedicated_mask', str, pattern=_CPU_MASK),
    _spec('hw:mem_page_size', str,
          pattern=r'(large|small|any|\d+([kKMGT]i?)?(b|bit|B)?)'),
    _spec('hw:locked_memory', bool),
    _spec('hw:numa_nodes', int, min=1),
    _spec('hw:numa_cpus.{num}', str, {'num': r'\d+'}, pattern=_CPU_MASK),
    _spec('hw:numa_mem.{num}', int, {'num': r'\d+'}, min=1),
    _spec('hw:pci_numa_affinity_policy', str,
          enum=('required', 'preferred', 'legacy', 'socket')),
    _spec('hw:cpu_sockets', int, min=1),
    _spec('hw:cpu_cores', int, min=1),
    _spec('hw:cpu_threads', int, min=1),
    _spec('hw:cpu_max_sockets', int, min=1),
    _spec('hw:cpu_max_cores', int, min=1),
    _spec('hw:cpu_max_threads', int, min=1),
    _spec('hw:boot_menu', bool),
    _spec('hw:vif_multiqueue_enabled', bool),
    _spec('hw:mem_encryption', bool),
    _spec('hw:mem_encryption_model', str,
          enum=('amd-sev', 'amd-sev-es', 'amd-sev-snp', 'intel-tdx')),
    _spec('hw:pmem', str, pattern='([a-zA-Z0-9_]+(,)?)+'),
    _spec('hw:pmu', bool),
    _spec('hw:serial_port_count', int, min=0),
    _spec('hw:tpm_model', str, enum=('tpm-tis', 'tpm-crb')),
    _spec('hw:tpm_version', str, enum=('1.2', '2.0')),
    _spec('hw:tpm_secret_security', str,
          enum=('user', 'host', 'deployment')),
    _spec('hw:watchdog_action', str,
          enum=('none', 'pause', 'poweroff', 'reset', 'disabled')),
    _spec('hw:viommu_model', str, enum=('intel', 'smmuv3', 'virtio', 'auto')),
    _spec('hw:virtio_packed_ring', bool),
    _spec('hw:sound_model', str,
          enum=('sb16', 'es1370', 'pcspk', 'ac97', 'ich6', 'ich9', 'usb',
                'virtio')),
    _spec('hw:usb_model', str, enum=('none', 'nec-xhci', 'qemu-xhci')),
    _spec('hw:redirected_usb_ports', int, min=0, max=15),
    _spec('hw:ephemeral_encryption', bool),
    _spec('hw:ephemeral_encryption_format', str,
          enum=('plain', 'luks', 'luksv2')),
    _spec('hw_rng:allowed', bool),
    _spec('hw_rng:rate_bytes', int, min=0),
    _spec('hw_rng:rate_period', int, min=0),
    _spec('hw_video:ram_max_mb', int, min=0),
    _spec('hide_hypervisor_id', bool),
    _spec('group_policy', str, enum=('isolate', 'none')),
    _spec('os:secure_boot', str, enum=('disabled', 'required')),
    _spec('pci_passthrough:alias', str,
          pattern=r'[^:]+:\d+(?:\s*,\s*[^:]+:\d+)*'),
) + tuple(
    _spec('quota:' + name, int, min=0) for name in _QUOTA_MIN0
) + tuple(
    _spec('quota:' + name, int) for name in _QUOTA_ANY
) + tuple(
    _spec('quota:' + name, str, enum=_SHARES) for name in _QUOTA_LEVELS
) + tuple(
    _spec('resources{group}:' + name, int, _GROUP) for name in _RESOURCES
) + (
    _spec('resources{group}:CUSTOM_{resource}', int,
          dict(_GROUP, resource='[A-Z0-9_]+')),
    _spec('trait{group}:CUSTOM_{trait}', str,
          dict(_GROUP, trait='[A-Z0-9_]+'), enum=_TRAIT),
    # Standard traits (os-traits' names in Nova).
    _spec('trait{group}:{trait}', str, dict(_GROUP, trait='[A-Z][A-Z0-9_]*'),
          enum=_TRAIT),
    _spec('vmware:hw_version', str),
    _spec('vmware:storage_policy', str),
)


def _name_regex(name, params):
    for param, pattern in params.items():
        name = name.replace('{%s}' % param, '(?P<%s>%s)' % (param, pattern))
    return name


# name -> (regex of the name, kind, rule), in the order Nova searches.
_BY_NAME = {name: (_name_regex(name, params), kind, rule)
            for name, kind, params, rule in SPECS}
NAMESPACES = frozenset(regex.split(':', 1)[0]
                       for regex, _kind, _rule in _BY_NAME.values())


@functools.lru_cache(maxsize=None)
def _compiled(pattern):
    # RE2: a value such as 'a' * 250 + '!' against hw:pmem's nested
    # repetition would take Python's engine exponential time.
    return re2.compile(pattern)


def _fullmatch(pattern, text):
    return _compiled(pattern).fullmatch(text) is not None


def _fail(detail):
    raise exception.BadRequest('Validation failed; %s' % detail)


def _check_value(kind, rule, value):
    if kind is int:
        try:
            number = int(value)
        except ValueError:
            _fail("'%s' is not a valid integer value." % value)
        if 'max' in rule and rule['max'] < number:
            _fail("'%s' is greater than the max value of '%s'."
                  % (number, rule['max']))
        if 'min' in rule and rule['min'] > number:
            _fail("'%s' is less than the min value of '%s'."
                  % (number, rule['min']))
    elif kind is bool:
        try:
            strutils.bool_from_string(value, strict=True)
        except ValueError:
            _fail("'%s' is not a valid boolean-like value." % value)
    elif 'pattern' in rule:
        if not _fullmatch(rule['pattern'], value):
            _fail("'%s' is not of the format '%s'."
                  % (value, rule['pattern']))
    elif 'enum' in rule and value not in rule['enum']:
        _fail("'%s' is not one of: %s." % (value, ', '.join(rule['enum'])))


def validate(name, value):
    """Nova's 2.86 check of the extra spec ``name`` = ``value`` (a str).

    BadRequest with Nova's message when it fails.
    """
    known = _BY_NAME.get(name)
    if known is None:
        for candidate in _BY_NAME.values():
            if _fullmatch(candidate[0], name):
                known = candidate
                break
    if known is not None:
        regex, kind, rule = known
        if not _fullmatch(regex, name):
            _fail("expected a name of format '%s' but got '%s'."
                  % (next(n for n, v in _BY_NAME.items() if v is known),
                     name))
        _check_value(kind, rule, value)
        return
    if ':' not in name:
        return
    namespace = name.split(':', 1)[0]
    if any(_fullmatch(ns, namespace) for ns in NAMESPACES):
        _fail("extra spec '%s' does not appear to be a valid extra spec."
              % name)
