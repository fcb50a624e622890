"""Rules of the volumes proxy API (os-volumes, until 2.35)."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-volumes:%s'

# Rule names, for the code that checks them.
LIST = POLICY_ROOT % 'list'
DETAIL = POLICY_ROOT % 'detail'
SHOW = POLICY_ROOT % 'show'
CREATE = POLICY_ROOT % 'create'
DELETE = POLICY_ROOT % 'delete'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List the caller's volumes.",
        operations=[
            {'method': 'GET', 'path': '/os-volumes'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DETAIL,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List the caller's volumes with details.",
        operations=[
            {'method': 'GET', 'path': '/os-volumes/detail'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Show one volume.',
        operations=[
            {'method': 'GET', 'path': '/os-volumes/{volume_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CREATE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Create a volume.',
        operations=[
            {'method': 'POST', 'path': '/os-volumes'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Delete a volume.',
        operations=[
            {'method': 'DELETE', 'path': '/os-volumes/{volume_id}'},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    LIST: base.PROJECT_READER_OR_ADMIN,
    DETAIL: base.PROJECT_READER_OR_ADMIN,
    SHOW: base.PROJECT_READER_OR_ADMIN,
    CREATE: base.PROJECT_MEMBER_OR_ADMIN,
    DELETE: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
