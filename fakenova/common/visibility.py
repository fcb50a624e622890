"""Who may see a resource: the one rule every lookup for a caller uses.

As in Nova and its neighbours (Glance, Cinder, Neutron): a project sees
its own resources and the public ones, an administrator sees them all.
A resource the caller may not see does not exist for it: lookups made on
a caller's behalf answer "not found", never "forbidden", and never name
the resource's owner or what it is attached to.

``ctx`` is None for the fake's own callers (the fixture, seeds and the
control API), which see everything.
"""


def visible(ctx, project_id):
    """May ``ctx`` see a resource of ``project_id`` (None: public)?"""
    if ctx is None or project_id is None or ctx.is_admin:
        return True
    return ctx.project_id is not None and project_id == ctx.project_id


def owned(ctx, project_id):
    """Like :func:`visible`, for resources that are never public."""
    if ctx is None or ctx.is_admin:
        return True
    return ctx.project_id is not None and project_id == ctx.project_id


def only_visible(ctx, resources):
    """The ``resources`` (with a ``project_id``) that ``ctx`` may see."""
    return [r for r in resources if visible(ctx, r.project_id)]
