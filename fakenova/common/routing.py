"""Paths mapped with Routes, each to its handlers by HTTP method.

What the small apps of the cloud (the image service, the control API)
route with; the compute API declares its operations instead
(:mod:`fakenova.compute.api.operations`).
"""

import routes


class MethodRoutes:
    """``[(path, {method: handler})]`` matched with a Routes mapper."""

    def __init__(self, table):
        self.mapper = routes.Mapper()
        self.handlers = {}
        for path, handlers in table:
            self.handlers[path] = handlers
            self.mapper.connect(path, path)

    def match(self, path):
        """(URL variables, {method: handler}) for ``path``, or None."""
        found = self.mapper.routematch(path)
        if found is None:
            return None
        variables, route = found
        return dict(variables), self.handlers[route.name]
