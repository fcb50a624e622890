"""Rules of a user's key pairs (os-keypairs).

Key pairs belong to a user: the target is the owner of the keys
(``user_id``, another user's only from 2.10 and for an admin) and the
caller's project. Nova 34 keeps the owner check in its secure-RBAC
default, with any admin instead of ``rule:admin_api``.
"""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-keypairs:%s'
PATH = '/os-keypairs'
ONE = '/os-keypairs/{keypair_name}'

# Rule names, for the code that checks them.
INDEX = POLICY_ROOT % 'index'
CREATE = POLICY_ROOT % 'create'
DELETE = POLICY_ROOT % 'delete'
SHOW = POLICY_ROOT % 'show'

ADMIN_OR_KEY_OWNER = base.RULE_ADMIN_API + ' or user_id:%(user_id)s'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX,
        check_str=ADMIN_OR_KEY_OWNER,
        description="List a user's key pairs.",
        operations=[{'method': 'GET', 'path': PATH}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CREATE,
        check_str=ADMIN_OR_KEY_OWNER,
        description='Create or import a key pair.',
        operations=[{'method': 'POST', 'path': PATH}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=ADMIN_OR_KEY_OWNER,
        description='Delete a key pair.',
        operations=[{'method': 'DELETE', 'path': ONE}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=ADMIN_OR_KEY_OWNER,
        description='Show a key pair.',
        operations=[{'method': 'GET', 'path': ONE}],
        scope_types=['project']),
]

_RBAC = '(' + base.ADMIN + ') or user_id:%(user_id)s'

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {rule.name: _RBAC for rule in rules}


def list_rules():
    return rules
