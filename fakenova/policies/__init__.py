"""Policy rules of fakenova, named and documented as Nova names them.

The in-code defaults are the Train-era "owner or admin" defaults
(``rule:admin_or_owner`` / ``rule:admin_api``). ``RBAC_DEFAULTS`` holds
Nova 34's secure-RBAC defaults for the same rules; ``etc/policy-rbac.yaml``
is written from it and switches a deployment to that world.
"""

import itertools

from fakenova.policies import admin_actions
from fakenova.policies import admin_password
from fakenova.policies import availability_zone
from fakenova.policies import base
from fakenova.policies import console_output
from fakenova.policies import create_backup
from fakenova.policies import deferred_delete
from fakenova.policies import evacuate
from fakenova.policies import extended_server_attributes
from fakenova.policies import floating_ips
from fakenova.policies import hypervisors
from fakenova.policies import instance_actions
from fakenova.policies import ips
from fakenova.policies import keypairs
from fakenova.policies import lock_server
from fakenova.policies import migrate_server
from fakenova.policies import migrations
from fakenova.policies import multinic
from fakenova.policies import pause_server
from fakenova.policies import remote_consoles
from fakenova.policies import rescue
from fakenova.policies import security_groups
from fakenova.policies import server_groups
from fakenova.policies import server_metadata
from fakenova.policies import server_migrations
from fakenova.policies import server_password
from fakenova.policies import server_tags
from fakenova.policies import servers
from fakenova.policies import services
from fakenova.policies import shelve
from fakenova.policies import suspend_server
from fakenova.policies import volumes
from fakenova.policies import volumes_attachments

# Every resource module, in the order the rules are listed.
_RESOURCE_MODULES = (
    admin_actions,
    admin_password,
    availability_zone,
    console_output,
    create_backup,
    deferred_delete,
    evacuate,
    extended_server_attributes,
    floating_ips,
    hypervisors,
    instance_actions,
    ips,
    keypairs,
    lock_server,
    migrate_server,
    migrations,
    multinic,
    pause_server,
    remote_consoles,
    rescue,
    security_groups,
    server_groups,
    server_metadata,
    server_migrations,
    server_password,
    server_tags,
    servers,
    services,
    shelve,
    suspend_server,
    volumes,
    volumes_attachments,
)

# {rule name: Nova 34 secure-RBAC check string} for every non-base rule.
RBAC_DEFAULTS = {}
for _module in _RESOURCE_MODULES:
    RBAC_DEFAULTS.update(_module.RBAC_DEFAULTS)
del _module


def list_rules():
    return itertools.chain(
        base.list_rules(),
        *(module.list_rules() for module in _RESOURCE_MODULES))
