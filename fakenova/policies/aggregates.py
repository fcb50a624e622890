"""Rules of host aggregates (os-aggregates), admin only.

Nova checks each with an empty target; the image pre-caching rule has
the newer name ``compute:aggregates:images``.
"""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-aggregates:%s'
NEW_POLICY_ROOT = 'compute:aggregates:%s'
ONE = '/os-aggregates/{aggregate_id}'

# Rule names, for the code that checks them.
INDEX = POLICY_ROOT % 'index'
CREATE = POLICY_ROOT % 'create'
SHOW = POLICY_ROOT % 'show'
UPDATE = POLICY_ROOT % 'update'
DELETE = POLICY_ROOT % 'delete'
ADD_HOST = POLICY_ROOT % 'add_host'
REMOVE_HOST = POLICY_ROOT % 'remove_host'
SET_METADATA = POLICY_ROOT % 'set_metadata'
IMAGES = NEW_POLICY_ROOT % 'images'


def _rule(name, description, method, path):
    return policy.DocumentedRuleDefault(
        name=name, check_str=base.RULE_ADMIN_API, description=description,
        operations=[{'method': method, 'path': path}],
        scope_types=['project'])


rules = [
    _rule(SET_METADATA, 'Create or replace metadata for an aggregate',
          'POST', ONE + '/action (set_metadata)'),
    _rule(ADD_HOST, 'Add a host to an aggregate', 'POST',
          ONE + '/action (add_host)'),
    _rule(CREATE, 'Create an aggregate', 'POST', '/os-aggregates'),
    _rule(REMOVE_HOST, 'Remove a host from an aggregate', 'POST',
          ONE + '/action (remove_host)'),
    _rule(UPDATE, 'Update name and/or availability zone for an aggregate',
          'PUT', ONE),
    _rule(INDEX, 'List all aggregates', 'GET', '/os-aggregates'),
    _rule(DELETE, 'Delete an aggregate', 'DELETE', ONE),
    _rule(SHOW, 'Show details for an aggregate', 'GET', ONE),
    _rule(IMAGES, 'Request image caching for an aggregate', 'POST',
          ONE + '/images'),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {rule.name: base.ADMIN for rule in rules}


def list_rules():
    return rules
