"""Injected faults: make the next matching operation fail on purpose."""

import threading

from fakenova.compute import exception

_DEFAULT_MESSAGES = {
    400: 'The server could not comply with the request since it is either '
         'malformed or otherwise incorrect.',
    403: 'Access was denied to this resource.',
    404: 'The resource could not be found.',
    409: 'There was a conflict when trying to complete your request.',
    500: 'Unexpected API Error. Please report this at '
         'http://bugs.launchpad.net/nova/ and attach the Nova API log if '
         'possible.\n<class \'fakenova.InjectedFault\'>',
    503: 'The service is unavailable at this time.',
}


class Fault:
    __slots__ = ('action', 'server_id', 'status', 'message', 'times')

    def __init__(self, action, server_id, status, message, times):
        self.action = action
        self.server_id = server_id
        self.status = status
        self.message = message
        self.times = times

    def matches(self, action, server_id):
        return ((self.action is None or self.action == action)
                and (self.server_id is None or self.server_id == server_id))

    def as_dict(self):
        return {'action': self.action, 'server_id': self.server_id,
                'status': self.status, 'message': self.message,
                'times': self.times}


class FaultInjector:
    """Holds the faults a test asked for; consumed by :meth:`check`."""

    def __init__(self):
        self._lock = threading.Lock()
        self._faults = []

    def __bool__(self):
        return bool(self._faults)

    def fail_next(self, action=None, server_id=None, status=500,
                  message=None, times=1):
        if message is None:
            message = _DEFAULT_MESSAGES.get(status, 'Injected fault.')
        fault = Fault(action, server_id, int(status), message, times)
        with self._lock:
            self._faults.append(fault)
        return fault

    def check(self, action, server_id=None):
        """Raise the first matching fault (and use one of its times)."""
        if not self._faults:
            return
        with self._lock:
            for fault in self._faults:
                if fault.matches(action, server_id):
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    raise exception.InjectedFault(fault.status,
                                                  fault.message)

    def active(self):
        with self._lock:
            return [f.as_dict() for f in self._faults]

    def clear(self):
        with self._lock:
            self._faults.clear()
