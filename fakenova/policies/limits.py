"""Rules of GET /limits.

Anyone may read the limits of its own project; reading another
project's (``?tenant_id=``) takes the second rule too, checked with the
caller's own project as target (admins only, by default).
"""

from oslo_policy import policy

from fakenova.policies import base

# Rule names, for the code that checks them.
BASE = 'os_compute_api:limits'
OTHER_PROJECT = 'os_compute_api:limits:other_project'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE,
        check_str=base.RULE_ANY,
        description='Show rate and absolute limits for the current user '
                    'project.',
        operations=[{'method': 'GET', 'path': '/limits'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=OTHER_PROJECT,
        check_str=base.RULE_ADMIN_API,
        description='Show rate and absolute limits of another project '
                    '(checked after os_compute_api:limits).',
        operations=[{'method': 'GET', 'path': '/limits'}],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    BASE: base.RULE_ANY,
    OTHER_PROJECT: base.ADMIN,
}


def list_rules():
    return rules
