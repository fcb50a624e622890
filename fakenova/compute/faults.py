"""Injected faults: make matching operations fail or slow down on purpose.

A rule names the operation it applies to by its declared id
(``compute:servers:delete``, ``compute:action:pause``: see
:mod:`fakenova.compute.api.operations`, whose ``canonical()`` also turns the
short names of earlier releases into ids). A rule with ``action=None``
matches every operation, ``server_id=None`` every server. Each rule is
used ``times`` times (default once).

``fail_next``
    the request is refused with Nova's error envelope; nothing changes.
``error_next``
    the request is accepted, then the server settles in ERROR with a
    ``fault`` body (code, message, created, details).
``delay``
    the request is served after sleeping ``seconds``.
"""

import threading
import time

from fakenova.compute import exception

DEFAULT_MESSAGES = {
    400: 'The server could not comply with the request since it is either '
         'malformed or otherwise incorrect.',
    403: 'Access was denied to this resource.',
    404: 'The resource could not be found.',
    409: 'There was a conflict when trying to complete your request.',
    500: 'Unexpected API Error. Please report this at '
         'http://bugs.launchpad.net/nova/ and attach the Nova API log if '
         'possible.\n<class \'fakenova.compute.faults.InjectedFault\'>',
    503: 'The service is unavailable at this time.',
}

KINDS = ('fail', 'error', 'delay')


ACTION_PREFIX = 'compute:action:'


def _short(operation):
    """A server action's key (``reboot``); any other operation's id."""
    if operation is not None and operation.startswith(ACTION_PREFIX):
        return operation[len(ACTION_PREFIX):]
    return operation


class Rule:
    __slots__ = ('kind', 'operation', 'server_id', 'times', 'status',
                 'message', 'fault', 'seconds')

    def __init__(self, kind, action=None, server_id=None, times=1,
                 status=None, message=None, fault=None, seconds=None):
        if kind not in KINDS:
            raise ValueError('kind must be one of %s' % (KINDS,))
        if times is not None and int(times) < 1:
            raise ValueError('times must be a positive integer or None')
        self.kind = kind
        self.operation = action
        self.server_id = server_id
        self.times = None if times is None else int(times)
        self.status = status
        self.message = message
        self.fault = fault
        self.seconds = seconds

    def matches(self, kind, operation, server_id):
        return (self.kind == kind
                and (self.operation is None or self.operation == operation)
                and (self.server_id is None
                     or self.server_id == server_id))

    def as_dict(self):
        op = self.operation
        action = _short(op)
        out = {'kind': self.kind, 'operation': op,
               'action': action if action != op else None,
               'server_id': self.server_id, 'times': self.times}
        if self.kind == 'fail':
            out.update(status=self.status, message=self.message)
        elif self.kind == 'error':
            out['fault'] = self.fault
        else:
            out['seconds'] = self.seconds
        return out


class FaultInjector:
    """The rules a test asked for, consumed as requests match them."""

    def __init__(self):
        self._lock = threading.Lock()
        self._rules = []

    def __bool__(self):
        return bool(self._rules)

    def _add(self, rule):
        with self._lock:
            self._rules.append(rule)
        return rule

    def fail_next(self, action=None, server_id=None, status=500,
                  message=None, times=1):
        status = int(status)
        if not 400 <= status <= 599:
            raise ValueError('status must be an HTTP error code (4xx/5xx)')
        if message is None:
            message = DEFAULT_MESSAGES.get(status, 'Injected fault.')
        return self._add(Rule('fail', action, server_id, times,
                              status=status, message=message))

    def error_next(self, action=None, server_id=None, fault=None, times=1):
        fault = dict(fault or {})
        fault.setdefault('code', 500)
        fault.setdefault('message', 'Injected failure of %s' % (
            _short(action) or 'the operation'))
        return self._add(Rule('error', action, server_id, times,
                              fault=fault))

    def delay(self, seconds, action=None, server_id=None, times=1):
        return self._add(Rule('delay', action, server_id, times,
                              seconds=float(seconds)))

    def _take(self, kind, action, server_id):
        with self._lock:
            for rule in self._rules:
                if rule.matches(kind, action, server_id):
                    if rule.times is not None:
                        rule.times -= 1
                        if rule.times <= 0:
                            self._rules.remove(rule)
                    return rule
        return None

    def check(self, action, server_id=None):
        """Sleep for a matching delay; raise a matching failure."""
        if not self._rules:
            return
        rule = self._take('delay', action, server_id)
        if rule is not None:
            time.sleep(rule.seconds)
        rule = self._take('fail', action, server_id)
        if rule is not None:
            raise exception.InjectedFault(rule.status, rule.message)

    def take_error(self, action, server_id=None):
        """The fault body for an accepted request that must end in ERROR."""
        if not self._rules:
            return None
        rule = self._take('error', action, server_id)
        return None if rule is None else dict(rule.fault)

    def active(self):
        with self._lock:
            return [r.as_dict() for r in self._rules]

    def clear(self):
        with self._lock:
            self._rules.clear()
