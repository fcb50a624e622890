"""Rule of the external events other services send (Neutron, Cinder,
Ironic, Cyborg): POST /os-server-external-events.

Checked with an empty target. Nova 34's secure-RBAC default is the
service role alone; the legacy default is admins.
"""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-server-external-events:%s'

# Rule names, for the code that checks them.
CREATE = POLICY_ROOT % 'create'

rules = [
    policy.DocumentedRuleDefault(
        name=CREATE,
        check_str=base.RULE_ADMIN_API,
        description='Create one or more external events',
        operations=[{'method': 'POST', 'path': '/os-server-external-events'}],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    CREATE: 'rule:service_api',
}


def list_rules():
    return rules
