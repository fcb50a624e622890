"""Rules of a server's tags (/servers/{id}/tags, 2.26)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-server-tags:%s'
_COLLECTION = '/servers/{server_id}/tags'
_ITEM = '/servers/{server_id}/tags/{tag}'

# Rule names, for the code that checks them.
DELETE_ALL = POLICY_ROOT % 'delete_all'
INDEX = POLICY_ROOT % 'index'
UPDATE_ALL = POLICY_ROOT % 'update_all'
DELETE = POLICY_ROOT % 'delete'
UPDATE = POLICY_ROOT % 'update'
SHOW = POLICY_ROOT % 'show'


def _rule(name, description, method, path):
    return policy.DocumentedRuleDefault(
        name=name,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description=description,
        operations=[{'method': method, 'path': path}],
        scope_types=['project'])


rules = [
    _rule(DELETE_ALL, 'Delete all the tags of a server.', 'DELETE',
          _COLLECTION),
    _rule(INDEX, "List a server's tags.", 'GET', _COLLECTION),
    _rule(UPDATE_ALL, "Replace all of a server's tags.", 'PUT',
          _COLLECTION),
    _rule(DELETE, 'Delete one tag of a server.', 'DELETE', _ITEM),
    _rule(UPDATE, 'Add one tag to a server.', 'PUT', _ITEM),
    _rule(SHOW, 'Check whether a server has a tag.', 'GET', _ITEM),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    DELETE_ALL: base.PROJECT_MEMBER_OR_ADMIN,
    INDEX: base.PROJECT_READER_OR_ADMIN,
    UPDATE_ALL: base.PROJECT_MEMBER_OR_ADMIN,
    DELETE: base.PROJECT_MEMBER_OR_ADMIN,
    UPDATE: base.PROJECT_MEMBER_OR_ADMIN,
    SHOW: base.PROJECT_READER_OR_ADMIN,
}


def list_rules():
    return rules
