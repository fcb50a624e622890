"""Rules of a server's tags (/servers/{id}/tags, 2.26)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-server-tags:%s'
_COLLECTION = '/servers/{server_id}/tags'
_ITEM = '/servers/{server_id}/tags/{tag}'


def _rule(name, description, method, path):
    return policy.DocumentedRuleDefault(
        name=POLICY_ROOT % name,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description=description,
        operations=[{'method': method, 'path': path}],
        scope_types=['project'])


rules = [
    _rule('delete_all', 'Delete all the tags of a server.', 'DELETE',
          _COLLECTION),
    _rule('index', "List a server's tags.", 'GET', _COLLECTION),
    _rule('update_all', "Replace all of a server's tags.", 'PUT',
          _COLLECTION),
    _rule('delete', 'Delete one tag of a server.', 'DELETE', _ITEM),
    _rule('update', 'Add one tag to a server.', 'PUT', _ITEM),
    _rule('show', 'Check whether a server has a tag.', 'GET', _ITEM),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    POLICY_ROOT % 'delete_all': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'index': base.PROJECT_READER_OR_ADMIN,
    POLICY_ROOT % 'update_all': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'delete': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'update': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'show': base.PROJECT_READER_OR_ADMIN,
}


def list_rules():
    return rules
