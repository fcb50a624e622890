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

    @classmethod
    def for_request(cls, user_id, project_id, roles, request_id,
                    global_request_id=None, user_name=None,
                    project_name=None):
        """The context of one API request, as ``cls(...)`` makes it.

        oslo.context's constructor sets some thirty attributes from its
        keyword arguments (2 us, on every request); this copies them
        from a context made once with the defaults and sets what a
        request's credentials give. The result is the one the
        constructor gives for the same arguments (a unit test compares
        them), and it is the thread's current context as well.
        """
        ctx = cls.__new__(cls)
        attrs = ctx.__dict__
        attrs.update(_blank(cls))
        attrs['user_id'] = user_id
        attrs['project_id'] = project_id
        attrs['roles'] = roles or []
        attrs['service_roles'] = []
        attrs['request_id'] = request_id
        attrs['global_request_id'] = global_request_id
        attrs['user_name'] = user_name
        attrs['project_name'] = project_name
        ctx.update_store()
        return ctx


_BLANKS = {}


def _blank(cls):
    """The attributes of a context of ``cls`` made with the defaults."""
    blank = _BLANKS.get(cls)
    if blank is None:
        blank = _BLANKS[cls] = dict(
            cls(request_id='-', overwrite=False).__dict__)
    return blank


def admin_context(project_id='admin', user_id='admin'):
    return RequestContext(user_id=user_id, project_id=project_id,
                          roles=['admin', 'member', 'reader'], is_admin=True,
                          request_id=requestid.generate_request_id())
