"""Rules of the volume attachments of a server."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-volumes-attachments:%s'

# Rule names, for the code that checks them.
INDEX = POLICY_ROOT % 'index'
SHOW = POLICY_ROOT % 'show'
CREATE = POLICY_ROOT % 'create'
UPDATE = POLICY_ROOT % 'update'
SWAP = POLICY_ROOT % 'swap'
DELETE = POLICY_ROOT % 'delete'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='List the volumes attached to a server.',
        operations=[
            {'method': 'GET',
             'path': '/servers/{server_id}/os-volume_attachments'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Read one volume attachment of a server.',
        operations=[
            {'method': 'GET',
             'path': '/servers/{server_id}/os-volume_attachments/{volume_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CREATE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Attach a volume to a server.',
        operations=[
            {'method': 'POST',
             'path': '/servers/{server_id}/os-volume_attachments'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPDATE,
        check_str=base.RULE_ADMIN_API,
        description='Edit an attachment in place, e.g. delete_on_termination.',
        operations=[
            {'method': 'PUT',
             'path': '/servers/{server_id}/os-volume_attachments/{volume_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SWAP,
        check_str=base.RULE_ADMIN_API,
        description='Swap the attached volume for another one.',
        operations=[
            {'method': 'PUT',
             'path': '/servers/{server_id}/os-volume_attachments/{volume_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Detach a volume from a server.',
        operations=[
            {'method': 'DELETE',
             'path': '/servers/{server_id}/os-volume_attachments/{volume_id}'},
        ],
        scope_types=['project']),
]

# Nova 34 secure-RBAC defaults of the rules above.
RBAC_DEFAULTS = {
    INDEX: base.PROJECT_READER_OR_ADMIN,
    SHOW: base.PROJECT_READER_OR_ADMIN,
    CREATE: base.PROJECT_MEMBER_OR_ADMIN,
    UPDATE: base.PROJECT_MEMBER_OR_ADMIN,
    SWAP: base.SERVICE_OR_ADMIN,
    DELETE: base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
