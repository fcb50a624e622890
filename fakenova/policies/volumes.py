"""Rules of the volumes proxy API (os-volumes, until 2.35)."""

from oslo_policy import policy

from fakenova.policies import base

rules = [
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-volumes:list',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List the caller's volumes.",
        operations=[
            {'method': 'GET', 'path': '/os-volumes'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-volumes:detail',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description="List the caller's volumes with details.",
        operations=[
            {'method': 'GET', 'path': '/os-volumes/detail'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-volumes:show',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Show one volume.',
        operations=[
            {'method': 'GET', 'path': '/os-volumes/{volume_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-volumes:create',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Create a volume.',
        operations=[
            {'method': 'POST', 'path': '/os-volumes'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-volumes:delete',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Delete a volume.',
        operations=[
            {'method': 'DELETE', 'path': '/os-volumes/{volume_id}'},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    'os_compute_api:os-volumes:list': base.PROJECT_READER_OR_ADMIN,
    'os_compute_api:os-volumes:detail': base.PROJECT_READER_OR_ADMIN,
    'os_compute_api:os-volumes:show': base.PROJECT_READER_OR_ADMIN,
    'os_compute_api:os-volumes:create': base.PROJECT_MEMBER_OR_ADMIN,
    'os_compute_api:os-volumes:delete': base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
