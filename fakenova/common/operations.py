"""Operations, each declared once.

An operation is one thing a client can ask of a service: a route and
method (``GET /servers/{server_id}``) or, for Nova's server actions, one
key of ``POST /servers/{server_id}/action``. Each service declares its
operations in one table (compute's is :mod:`fakenova.compute.api.operations`)
with an id such as ``compute:servers:delete`` or ``compute:action:pause``,
the microversion range that serves it, its handler and, for actions, the
request schema and a body the API accepts.

The router, the action dispatch, fault injection (``fail_next`` takes an
id), the call log, the policy matrix and the tests read these
declarations; none restates them. :meth:`Operation.available` is the one
microversion gate.
"""


def parse_version(text):
    """'2.36' -> (2, 36); None stays None."""
    if text is None:
        return None
    major, minor = text.split('.')
    return (int(major), int(minor))


class Operation:
    """One declared operation (see the module docstring).

    :param id: ``service:resource:verb`` (``compute:servers:delete``) or
        ``service:action:key`` for a server action.
    :param method: the HTTP method; ``path``: the route, as Routes reads
        it (``/servers/{server_id}``).
    :param handler: the function serving it (``handler(req)`` for a
        route, ``handler(req, value)`` for an action).
    :param minimum: the first microversion that serves it ('2.26').
    :param maximum: the last one (Nova's "removed in 2.36" is '2.35');
        outside the range the API answers 404.
    :param action: the action key, for a server action.
    :param schema: a JSON schema of the request body, or a function of
        the microversion returning one (None: no schema).
    :param example: a request body the operation accepts (the policy
        matrix and the tests send it).
    :param public: served without authentication (the version document).
    :param dispatch: the route that hands its requests to other
        operations (``POST .../action``): faults and the call log name
        the operation it dispatched to.
    """

    __slots__ = ('id', 'method', 'path', 'handler', 'min_version',
                 'max_version', 'action', 'schema', 'example', 'public',
                 'dispatch')

    def __init__(self, id, method, path, handler, minimum=None,
                 maximum=None, action=None, schema=None, example=None,
                 public=False, dispatch=False):
        self.id = id
        self.method = method
        self.path = path
        self.handler = handler
        self.min_version = parse_version(minimum)
        self.max_version = parse_version(maximum)
        self.action = action
        self.schema = schema
        self.example = example
        self.public = public
        self.dispatch = dispatch

    def available(self, version):
        """Is the operation served at ``version`` ((2, 26))?"""
        if self.min_version is not None and version < self.min_version:
            return False
        return self.max_version is None or version <= self.max_version

    def schema_for(self, version):
        schema = self.schema
        return schema(version) if callable(schema) else schema

    def __repr__(self):
        return '<Operation %s>' % self.id


class Table:
    """A service's operations: by id, by route and by action key."""

    def __init__(self, operations):
        self.operations = tuple(operations)
        self.by_id = {}
        self.routes = {}
        self.actions = {}
        for op in self.operations:
            if op.id in self.by_id:
                raise ValueError('operation %s declared twice' % op.id)
            self.by_id[op.id] = op
            if op.action is not None:
                if op.action in self.actions:
                    raise ValueError('action %s declared twice' % op.action)
                self.actions[op.action] = op
                continue
            methods = self.routes.setdefault(op.path, {})
            if op.method in methods:
                raise ValueError('%s %s declared twice' % (op.method,
                                                           op.path))
            methods[op.method] = op

    def __iter__(self):
        return iter(self.operations)

    def __getitem__(self, op_id):
        return self.by_id[op_id]

    def __contains__(self, op_id):
        return op_id in self.by_id
