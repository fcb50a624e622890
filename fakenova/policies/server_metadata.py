"""Rules of a server's metadata (/servers/{id}/metadata)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:server-metadata:%s'
_COLLECTION = '/servers/{server_id}/metadata'
_ITEM = '/servers/{server_id}/metadata/{key}'


def _rule(name, description, method, path):
    return policy.DocumentedRuleDefault(
        name=POLICY_ROOT % name,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description=description,
        operations=[{'method': method, 'path': path}],
        scope_types=['project'])


rules = [
    _rule('index', "List a server's metadata.", 'GET', _COLLECTION),
    _rule('show', 'Show one metadata item of a server.', 'GET', _ITEM),
    _rule('create', "Add or change items of a server's metadata.", 'POST',
          _COLLECTION),
    _rule('update_all', "Replace a server's metadata.", 'PUT', _COLLECTION),
    _rule('update', 'Set one metadata item of a server.', 'PUT', _ITEM),
    _rule('delete', 'Delete one metadata item of a server.', 'DELETE',
          _ITEM),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    POLICY_ROOT % 'index': base.PROJECT_READER_OR_ADMIN,
    POLICY_ROOT % 'show': base.PROJECT_READER_OR_ADMIN,
    POLICY_ROOT % 'create': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'update_all': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'update': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'delete': base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
