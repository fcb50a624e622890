"""The request context: oslo.context's, plus Nova's ``is_admin`` credential."""

from oslo_context import context

from fakenova.common import requestid


class RequestContext(context.RequestContext):
    """What Nova's context carries that policy checks look at."""

    def to_policy_values(self):
        # Nova exposes is_admin to check strings such as 'is_admin:True'
        # (the owner/admin defaults use it); a plain dict keeps
        # oslo.context from flagging it as deprecated on every check.
        values = dict(super().to_policy_values())
        values['is_admin'] = self.is_admin
        return values


def admin_context(project_id='admin', user_id='admin'):
    return RequestContext(user_id=user_id, project_id=project_id,
                          roles=['admin', 'member', 'reader'], is_admin=True,
                          request_id=requestid.generate_request_id())
