"""GET /limits: the caller's project's limits and usage (Nova's view).

``absolute`` holds the limits under Nova's names (``maxTotalInstances``,
``maxServerMeta``...) and the usage (``totalInstancesUsed``,
``totalCoresUsed``, ``totalRAMUsed``, ``totalServerGroupsUsed``); ``rate``
is always empty. Per microversion, as Nova:

- until 2.35 the nova-network ones too (``maxTotalFloatingIps``,
  ``maxSecurityGroups``, ``maxSecurityGroupRules``, all -1, and
  ``totalFloatingIpsUsed``, ``totalSecurityGroupsUsed``, 0);
- until 2.38 ``maxImageMeta`` (the metadata_items limit);
- until 2.56 ``maxPersonality`` and ``maxPersonalitySize``;
- ``tenant_id`` asks for another project's (rule
  ``os_compute_api:limits:other_project``, admins by default); the
  limits are the project's, never a user's; unknown parameters are
  ignored until 2.74 and a 400 from 2.75.
"""

from fakenova.compute.api.controllers import quota_sets as qs_ctl
from fakenova.compute.api.schemas import quota_sets as schemas
from fakenova.compute.api import wsgi
from fakenova.compute import quotas
from fakenova.policies import limits as limits_policies

# resource -> the names Nova shows its limit under.
_LIMIT_NAMES = {
    'ram': ('maxTotalRAMSize',),
    'instances': ('maxTotalInstances',),
    'cores': ('maxTotalCores',),
    'key_pairs': ('maxTotalKeypairs',),
    'floating_ips': ('maxTotalFloatingIps',),
    'metadata_items': ('maxServerMeta', 'maxImageMeta'),
    'injected_files': ('maxPersonality',),
    'injected_file_content_bytes': ('maxPersonalitySize',),
    'security_groups': ('maxSecurityGroups',),
    'security_group_rules': ('maxSecurityGroupRules',),
    'server_groups': ('maxServerGroups',),
    'server_group_members': ('maxServerGroupMembers',),
}
# The usage Nova shows, and its resource.
_USED_NAMES = {
    'totalRAMUsed': 'ram',
    'totalCoresUsed': 'cores',
    'totalInstancesUsed': 'instances',
    'totalFloatingIpsUsed': 'floating_ips',
    'totalSecurityGroupsUsed': 'security_groups',
    'totalServerGroupsUsed': 'server_groups',
}
_NETWORK = ('floating_ips', 'security_groups', 'security_group_rules')
_PERSONALITY = ('injected_files', 'injected_file_content_bytes')


def _filtered(version):
    if version >= (2, 57):
        return _NETWORK + _PERSONALITY
    if version >= (2, 36):
        return _NETWORK
    return ()


def index(req):
    query = qs_ctl._query(req, schemas.limits_query(req.version))
    ctx = req.context
    req.authorize(limits_policies.BASE, {})
    project_id = ctx.project_id
    if 'tenant_id' in query:
        # Nova reads the last value, and checks the rule with the
        # caller's own project as target.
        project_id = query['tenant_id'][-1]
        req.authorize(limits_policies.OTHER_PROJECT,
                      {'project_id': ctx.project_id,
                       'user_id': ctx.user_id})
    with req.store.lock:
        limits = quotas.project_limits(req.store, project_id)
        used = quotas.usage(req.store, project_id)
    filtered = _filtered(req.version)
    absolute = {}
    for resource, names in _LIMIT_NAMES.items():
        if resource in filtered:
            continue
        for name in names:
            if name == 'maxImageMeta' and req.version >= (2, 39):
                continue
            absolute[name] = limits[resource]
    for name, resource in _USED_NAMES.items():
        if resource not in filtered:
            absolute[name] = used[resource]
    return wsgi.Response(200, {'limits': {'rate': [],
                                          'absolute': absolute}})
