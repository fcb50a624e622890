"""Microversion negotiation for the compute API (microversion-parse)."""

import functools
import re

import microversion_parse

from fakenova.compute import exception

SERVICE_TYPE = 'compute'
LEGACY_HEADER = 'x-openstack-nova-api-version'

# Every compute microversion, oldest first, one line each (kept in the
# style of placement's microversion.py).  The comments are short notes on
# what each version changed in Nova; MIN/MAX below derive from this list.
VERSIONS = [
    '2.1',    # baseline: same behaviour as the v2.0 API
    '2.2',    # keypair "type" field; create/delete keypair status codes fixed
    '2.3',    # more extended server attrs; volume delete_on_termination shown
    '2.4',    # fixed IPs show the "reserved" flag
    '2.5',    # non-admins may filter servers by ip6
    '2.6',    # single remote-consoles API replaces per-type console actions
    '2.7',    # flavor access add refused for public flavors
    '2.8',    # mks (WebMKS) console protocol added
    '2.9',    # server details show "locked"
    '2.10',   # admins manage keypairs of other users via user_id
    '2.11',   # services expose and set forced_down
    '2.12',   # virtual interfaces include net_id
    '2.13',   # server groups show project_id and user_id
    '2.14',   # evacuate: onSharedStorage dropped, adminPass not returned
    '2.15',   # soft-affinity and soft-anti-affinity group policies
    '2.16',   # server show/detail include host_status
    '2.17',   # trigger_crash_dump server action
    '2.18',   # project_id no longer required in the URL
    '2.19',   # servers carry a user-set description
    '2.20',   # volume attach/detach for shelved(_offloaded) servers
    '2.21',   # instance actions readable for deleted servers
    '2.22',   # force_complete for an ongoing live migration
    '2.23',   # server migrations list/show; migration_type in os-migrations
    '2.24',   # abort a running live migration (DELETE)
    '2.25',   # live migrate: block_migration 'auto', disk_over_commit gone
    '2.26',   # server tags
    '2.27',   # OpenStack-API-Version header accepted as well as the old one
    '2.28',   # hypervisor cpu_info returned as an object, not a string
    '2.29',   # evacuate gains "force"; host given is checked by scheduler
    '2.30',   # live migrate gains "force"; host given is checked by scheduler
    '2.31',   # console auth tokens work for every console type
    '2.32',   # device tags on networks and BDMs at server boot
    '2.33',   # hypervisor list pagination (limit/marker)
    '2.34',   # live-migration pre-checks run asynchronously
    '2.35',   # keypair list pagination
    '2.36',   # proxy APIs (network, image, baremetal) and fping deprecated
    '2.37',   # auto/none network allocation; network uuid must be a UUID
    '2.38',   # invalid server status filter gives 400
    '2.39',   # image-metadata proxy API deprecated
    '2.40',   # simple tenant usage pagination
    '2.41',   # aggregates expose uuid
    '2.42',   # boot-time device tags restored after 2.33/2.37 loss
    '2.43',   # os-hosts API deprecated
    '2.44',   # fixed/floating IP actions and virtual interfaces deprecated
    '2.45',   # createImage/createBackup return image_id in body, no Location
    '2.46',   # X-OpenStack-Request-ID response header
    '2.47',   # server details embed the flavor instead of linking it
    '2.48',   # standard format for server diagnostics
    '2.49',   # tags when attaching interfaces and volumes
    '2.50',   # quota class sets: server group keys added, network ones gone
    '2.51',   # volume-extended event; non-admins see action event details
    '2.52',   # tags can be set while creating a server
    '2.53',   # services and hypervisors identified by UUID
    '2.54',   # rebuild can replace the key pair
    '2.55',   # flavors get a description
    '2.56',   # cold migrate may name a target host
    '2.57',   # personality files dropped; rebuild can set user_data
    '2.58',   # instance actions: paging and changes-since filter
    '2.59',   # migrations: paging, changes-since, uuid in responses
    '2.60',   # one volume may attach to several servers (multiattach)
    '2.61',   # flavor responses include extra_specs
    '2.62',   # action events show host and hostId
    '2.63',   # trusted image certificates on create and rebuild
    '2.64',   # server groups: single policy plus rules
    '2.65',   # abort live migrations in queued/preparing state
    '2.66',   # changes-before filter for servers, actions, migrations
    '2.67',   # volume_type in block_device_mapping_v2 on boot
    '2.68',   # forced live migrate and forced evacuate removed
    '2.69',   # partial records returned when cells are unreachable
    '2.70',   # volume attachments and interfaces show device tags
    '2.71',   # server_groups field in server show/update/rebuild
    '2.72',   # boot with neutron ports having resource requests
    '2.73',   # lock reason; locked usable as list filter and sort key
    '2.74',   # boot may request host and/or hypervisor_hostname
    '2.75',   # API cleanup: unknown params 400, consistent server views
    '2.76',   # power-update external event
    '2.77',   # unshelve may choose an availability zone
    '2.78',   # server NUMA topology API
    '2.79',   # delete_on_termination on volume attach and in its views
    '2.80',   # migrations filter and show user_id / project_id
    '2.81',   # pre-cache images on an aggregate's hosts
    '2.82',   # accelerator-request-bound external event
    '2.83',   # non-admins get more server list filters
    '2.84',   # instance action events include details
    '2.85',   # PUT volume attachment can change delete_on_termination
    '2.86',   # flavor extra specs are validated
    '2.87',   # rescue of boot-from-volume servers
    '2.88',   # hypervisor stats fields, statistics and uptime removed
    '2.89',   # volume attachments: attachment_id, bdm_uuid, no id
    '2.90',   # hostname settable on create, update and rebuild
    '2.91',   # unshelve to a given host; AZ pin/unpin on unshelve
    '2.92',   # keypairs no longer generated; names validated, '@' '.' ok
    '2.93',   # rebuild of volume-backed servers
    '2.94',   # server hostname may be an FQDN
    '2.95',   # evacuated server ends stopped on the destination
    '2.96',   # server views include pinned_availability_zone
    '2.97',   # server shares (attach/list/show/detach)
    '2.98',   # server views embed image properties
    '2.99',   # spice-direct console type
    '2.100',  # server views include the scheduler hints
    '2.101',  # volume attach is async and answers 202
    '2.102',  # flavor name filter; rxtx_factor, disabled gone; strict query
    '2.103',  # os-volumes_boot alias removed
    '2.104',  # PUT server can unpin or re-pin pinned_availability_zone
]

MIN_VERSION_STRING = VERSIONS[0]
MAX_VERSION_STRING = VERSIONS[-1]
MIN_VERSION = tuple(int(part) for part in MIN_VERSION_STRING.split('.'))
MAX_VERSION = tuple(int(part) for part in MAX_VERSION_STRING.split('.'))
DEFAULT_VERSION = MIN_VERSION

_FORMAT = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0)$')


class NotAcceptable(exception.ComputeError):
    code = 406
    msg_fmt = ('Version %(req_ver)s is not supported by the API. Minimum '
               'is %(min_ver)s and maximum is %(max_ver)s.')


class InvalidVersion(exception.BadRequest):
    msg_fmt = ('API Version String %(version)s is of invalid format. Must '
               'be of format MajorNum.MinorNum.')


def negotiate(environ):
    """Return the request's (major, minor) version.

    Raises :class:`InvalidVersion` (400) or :class:`NotAcceptable` (406);
    both carry ``version`` so that the response can still echo it.
    """
    standard = environ.get('HTTP_OPENSTACK_API_VERSION')
    legacy = environ.get('HTTP_X_OPENSTACK_NOVA_API_VERSION')
    if standard is None and legacy is None:
        return DEFAULT_VERSION
    return _negotiate(standard, legacy)


@functools.lru_cache(maxsize=512)
def _negotiate(standard, legacy):
    """The version the two headers ask for (memoized per header values).

    The answer depends on the header values only; a refusal is an
    exception, which is never memoized (each request gets its own).
    """
    headers = {}
    if standard is not None:
        headers['openstack-api-version'] = standard
    if legacy is not None:
        headers[LEGACY_HEADER] = legacy
    value = microversion_parse.get_version(
        headers, service_type=SERVICE_TYPE, legacy_headers=[LEGACY_HEADER])
    if value is None:
        return DEFAULT_VERSION
    value = value.strip()
    if value.lower() == 'latest':
        return MAX_VERSION
    match = _FORMAT.match(value)
    if match is None:
        raise InvalidVersion(version=value)
    version = (int(match.group(1)), int(match.group(2)))
    if not MIN_VERSION <= version <= MAX_VERSION:
        err = NotAcceptable(req_ver=value, min_ver=MIN_VERSION_STRING,
                            max_ver=MAX_VERSION_STRING)
        err.version = version
        raise err
    return version


def parse(text):
    """'2.73' -> (2, 73)."""
    major, minor = text.split('.')
    return (int(major), int(minor))


def to_string(version):
    return '%d.%d' % version
