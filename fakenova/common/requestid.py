"""Request ids: 'req-' + a random (version 4) UUID, as oslo.context's.

oslo.context's ``generate_request_id`` asks the OS for 16 random bytes
per id (``uuid.uuid4``) and formats a ``uuid.UUID``; both were among the
largest costs of a request to this fake. Here the random bytes are read
4 KiB at a time and turned into hex digits once; an id is a slice of
them with the version and variant digits set as ``uuid4`` sets them.
The ids have the same form and the same randomness.
"""

import os
import threading

_POOL_BYTES = 4096
_pool_lock = threading.Lock()
# [hex digits of the random bytes not handed out yet, next offset]
_pool = ['', 0]
# The variant digit of a version 4 UUID is 10xx: 8, 9, a or b, the low
# two bits taken from the random digit.
_VARIANT = {digit: '89ab'[int(digit, 16) & 3]
            for digit in '0123456789abcdef'}


def _forget_pool():
    # A forked child must not hand out its parent's ids.
    _pool[:] = ['', 0]


os.register_at_fork(after_in_child=_forget_pool)


def generate_request_id():
    """'req-' + a random (version 4) UUID, as oslo.context's."""
    with _pool_lock:
        digits, pos = _pool
        if pos >= len(digits):
            digits = _pool[0] = os.urandom(_POOL_BYTES).hex()
            pos = 0
        _pool[1] = pos + 32
    h = digits[pos:pos + 32]
    return ('req-' + h[:8] + '-' + h[8:12] + '-4' + h[13:16] + '-'
            + _VARIANT[h[16]] + h[17:20] + '-' + h[20:])
