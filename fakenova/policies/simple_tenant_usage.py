"""Rules of the usage reports (os-simple-tenant-usage).

Nova checks :data:`SHOW` with the target ``{'project_id': <the project of
the URL>}``: a project's own users (and admins) may read its usage; only
admins list every project's.
"""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-simple-tenant-usage:%s'

# Rule names, for the code that checks them.
LIST = POLICY_ROOT % 'list'
SHOW = POLICY_ROOT % 'show'

rules = [
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Show usage statistics for a specific tenant',
        operations=[{'method': 'GET',
                     'path': '/os-simple-tenant-usage/{tenant_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.RULE_ADMIN_API,
        description='List per tenant usage statistics for all tenants',
        operations=[{'method': 'GET', 'path': '/os-simple-tenant-usage'}],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    SHOW: base.PROJECT_READER_OR_ADMIN,
    LIST: base.ADMIN,
}


def list_rules():
    return rules
