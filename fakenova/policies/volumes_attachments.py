"""Rules of the volume attachments of a server."""

from oslo_policy import policy

from fakenova.policies import base

POLICY_ROOT = 'os_compute_api:os-volumes-attachments:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='List the volumes attached to a server.',
        operations=[
            {'method': 'GET',
             'path': '/servers/{server_id}/os-volume_attachments'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'show',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Read one volume attachment of a server.',
        operations=[
            {'method': 'GET',
             'path': '/servers/{server_id}/os-volume_attachments/{volume_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'create',
        check_str=base.RULE_ADMIN_OR_OWNER,
        description='Attach a volume to a server.',
        operations=[
            {'method': 'POST',
             'path': '/servers/{server_id}/os-volume_attachments'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'update',
        check_str=base.RULE_ADMIN_API,
        description='Edit an attachment in place, e.g. delete_on_termination.',
        operations=[
            {'method': 'PUT',
             'path': '/servers/{server_id}/os-volume_attachments/{volume_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'swap',
        check_str=base.RULE_ADMIN_API,
        description='Swap the attached volume for another one.',
        operations=[
            {'method': 'PUT',
             'path': '/servers/{server_id}/os-volume_attachments/{volume_id}'},
        ],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'delete',
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
    POLICY_ROOT % 'index': base.PROJECT_READER_OR_ADMIN,
    POLICY_ROOT % 'show': base.PROJECT_READER_OR_ADMIN,
    POLICY_ROOT % 'create': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'update': base.PROJECT_MEMBER_OR_ADMIN,
    POLICY_ROOT % 'swap': base.SERVICE_OR_ADMIN,
    POLICY_ROOT % 'delete': base.PROJECT_MEMBER_OR_ADMIN,
}


def list_rules():
    return rules
