"""Rules of the instance usage audit log (os-instance_usage_audit_log).

Both are checked with an empty target: admins only.
"""

from oslo_policy import policy

from fakenova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-instance-usage-audit-log:%s'

# Rule names, for the code that checks them.
LIST = BASE_POLICY_NAME % 'list'
SHOW = BASE_POLICY_NAME % 'show'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.RULE_ADMIN_API,
        description='List all usage audits.',
        operations=[{'method': 'GET',
                     'path': '/os-instance_usage_audit_log'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_API,
        description='List all usage audits occurred before a specified '
                    'time for all servers on all compute hosts where usage '
                    'auditing is configured',
        operations=[{'method': 'GET',
                     'path': '/os-instance_usage_audit_log/'
                             '{before_timestamp}'}],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    LIST: base.ADMIN,
    SHOW: base.ADMIN,
}


def list_rules():
    return rules
