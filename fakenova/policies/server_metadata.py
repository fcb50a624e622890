"""Rules of a server's metadata (/servers/{id}/metadata)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:server-metadata:%s'
_COLLECTION = '/servers/{server_id}/metadata'
_ITEM = '/servers/{server_id}/metadata/{key}'

# Rule names, for the code that checks them.
INDEX = POLICY_ROOT % 'index'
SHOW = POLICY_ROOT % 'show'
CREATE = POLICY_ROOT % 'create'
UPDATE_ALL = POLICY_ROOT % 'update_all'
UPDATE = POLICY_ROOT % 'update'
DELETE = POLICY_ROOT % 'delete'


def _rule(name, description, method, path):
    return policy.DocumentedRuleDefault(
        name=name,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description=description,
        operations=[{'method': method, 'path': path}],
        scope_types=['project'])


rules = [
    _rule(INDEX, "List a server's metadata.", 'GET', _COLLECTION),
    _rule(SHOW, 'Show one metadata item of a server.', 'GET', _ITEM),
    _rule(CREATE, "Add or change items of a server's metadata.", 'POST',
          _COLLECTION),
    _rule(UPDATE_ALL, "Replace a server's metadata.", 'PUT', _COLLECTION),
    _rule(UPDATE, 'Set one metadata item of a server.', 'PUT', _ITEM),
    _rule(DELETE, 'Delete one metadata item of a server.', 'DELETE',
          _ITEM),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    INDEX: base.PROJECT_READER_OR_ADMIN,
    SHOW: base.PROJECT_READER_OR_ADMIN,
    CREATE: base.PROJECT_MEMBER_OR_ADMIN,
    UPDATE_ALL: base.PROJECT_MEMBER_OR_ADMIN,
    UPDATE: base.PROJECT_MEMBER_OR_ADMIN,
    DELETE: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
