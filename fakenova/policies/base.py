"""Base (alias) rules that the per-resource rules refer to.

Both families of aliases are registered so that either world can be used
with no extra rules: the Train-era "owner or admin" aliases that the
in-code defaults of fakenova use, and the secure-RBAC aliases that a policy
file such as ``etc/policy-rbac.yaml`` refers to.
"""

from oslo_policy import policy

# Check strings that refer to the aliases below.
RULE_ADMIN_OR_OWNER = 'rule:admin_or_owner'
RULE_ADMIN_API = 'rule:admin_api'
RULE_NOBODY = '!'
RULE_ANY = '@'

ADMIN = 'rule:context_is_admin'
PROJECT_READER_OR_ADMIN = 'rule:project_reader_or_admin'
PROJECT_MEMBER_OR_ADMIN = 'rule:project_member_or_admin'
PROJECT_MANAGER_OR_ADMIN = 'rule:project_manager_or_admin'
SERVICE_OR_ADMIN = 'rule:service_or_admin'

rules = [
    policy.RuleDefault(
        name='context_is_admin',
        check_str='role:admin',
        description='Decides whether a request context counts as admin.'),
    policy.RuleDefault(
        name='admin_or_owner',
        check_str='is_admin:True or project_id:%(project_id)s',
        description='Legacy alias: an admin, or the owning project.'),
    policy.RuleDefault(
        name='admin_api',
        check_str='is_admin:True',
        description='Legacy alias: admin callers only.'),
    policy.RuleDefault(
        name='project_reader_api',
        check_str='role:reader and project_id:%(project_id)s',
        description='A reader of the owning project.'),
    policy.RuleDefault(
        name='project_member_api',
        check_str='role:member and project_id:%(project_id)s',
        description='A member of the owning project.'),
    policy.RuleDefault(
        name='project_manager_api',
        check_str='role:manager and project_id:%(project_id)s',
        description='A manager of the owning project.'),
    policy.RuleDefault(
        name='service_api',
        check_str='role:service',
        description='A service user (another OpenStack service).'),
    policy.RuleDefault(
        name='project_reader_or_admin',
        check_str='rule:project_reader_api or rule:context_is_admin',
        description='A reader of the owning project, or an admin.'),
    policy.RuleDefault(
        name='project_member_or_admin',
        check_str='rule:project_member_api or rule:context_is_admin',
        description='A member of the owning project, or an admin.'),
    policy.RuleDefault(
        name='project_manager_or_admin',
        check_str='rule:project_manager_api or rule:context_is_admin',
        description='A manager of the owning project, or an admin.'),
    policy.RuleDefault(
        name='service_or_admin',
        check_str='rule:service_api or rule:context_is_admin',
        description='A service user, or an admin.'),
]


def action(name):
    """The operation path of a server action, the way Nova documents it."""
    return '/servers/{server_id}/action (%s)' % name


def list_rules():
    return rules


def server_bodies():
    """The operations whose answer is a whole server body.

    For the rules that shape what a server body shows.
    """
    return [
        {'method': 'GET', 'path': '/servers/{server_id}'},
        {'method': 'GET', 'path': '/servers/detail'},
        {'method': 'PUT', 'path': '/servers/{server_id}'},
        {'method': 'POST', 'path': action('rebuild')},
    ]
