"""The call log: the requests a fake served, in a bounded ring.

The fixture's ``nova.calls`` and the control API's ``GET
/_fakenova/calls?since=N`` read it. It keeps at most ``size`` calls and
about ``max_bytes`` of their bodies; older calls are dropped first, so a
fake that serves millions of requests holds a bounded amount of memory.
Every call keeps its absolute index (``since`` counts from the first call
ever recorded, whatever was dropped since). ``size=0`` records nothing.
"""

import collections
import threading

DEFAULT_SIZE = 1000
# Bodies are limited by the body-size filter (112 KiB by default); this
# bounds what a ring full of large bodies can hold.
DEFAULT_MAX_BYTES = 8 * 1024 * 1024


class CallLog:
    """A list-like ring of calls (oldest first) with absolute indices."""

    def __init__(self, size=DEFAULT_SIZE, max_bytes=DEFAULT_MAX_BYTES):
        size = int(size)
        if size < 0:
            raise ValueError('the call log size must be 0 or more, not %d'
                             % size)
        self.size = size
        self.max_bytes = int(max_bytes)
        self._lock = threading.Lock()
        self._calls = collections.deque()
        self._sizes = collections.deque()
        self._bytes = 0
        # Absolute index of self._calls[0].
        self._first = 0

    @property
    def enabled(self):
        return self.size > 0

    def append(self, call, nbytes=0):
        """Record ``call`` (``nbytes``: the size of its body)."""
        size = self.size
        if not size:
            return
        with self._lock:
            calls = self._calls
            while len(calls) >= size:
                calls.popleft()
                self._bytes -= self._sizes.popleft()
                self._first += 1
            calls.append(call)
            self._sizes.append(nbytes)
            if nbytes:
                self._bytes += nbytes
                while self._bytes > self.max_bytes and len(calls) > 1:
                    calls.popleft()
                    self._bytes -= self._sizes.popleft()
                    self._first += 1

    @property
    def total(self):
        """How many calls were ever recorded (the next call's index)."""
        return self._first + len(self._calls)

    def since(self, index):
        """[(absolute index, call)] of the kept calls from ``index`` on."""
        with self._lock:
            start = max(index, self._first)
            return [(start + i, call) for i, call in enumerate(
                list(self._calls)[start - self._first:])]

    def clear(self):
        with self._lock:
            self._first += len(self._calls)
            self._calls.clear()
            self._sizes.clear()
            self._bytes = 0

    # -- a read-only list of the kept calls, oldest first -------------------

    def __len__(self):
        return len(self._calls)

    def __iter__(self):
        with self._lock:
            return iter(list(self._calls))

    def __getitem__(self, index):
        with self._lock:
            return list(self._calls)[index]

    def __delitem__(self, index):
        # ``del nova.calls[:]`` empties the log (index positions of the
        # remaining calls would shift, so nothing else is supported).
        if not (isinstance(index, slice) and index == slice(None)):
            raise TypeError('only "del calls[:]" is supported')
        self.clear()

    def __bool__(self):
        return bool(self._calls)

    def __eq__(self, other):
        if isinstance(other, CallLog):
            other = list(other)
        if isinstance(other, (list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None

    def __repr__(self):
        return '<CallLog %d of %d calls kept>' % (len(self), self.total)
