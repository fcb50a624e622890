"""Request ids: 'req-' + a random (version 4) UUID, as oslo.context's.

oslo.context's ``generate_request_id`` asks the OS for 16 random bytes
per id (``uuid.uuid4``); that system call was the largest single cost of
a request to this fake. Here the bytes are read 4 KiB at a time; the ids
have the same form and the same randomness.
"""

import os
import threading

_POOL_SIZE = 4096
_pool_lock = threading.Lock()
_pool = [b'', 0]
_UUID4_CLEAR = ~((0xf000 << 64) | (0xc000 << 48))
_UUID4_SET = (0x4000 << 64) | (0x8000 << 48)


def _forget_pool():
    # A forked child must not hand out its parent's ids.
    _pool[:] = [b'', 0]


os.register_at_fork(after_in_child=_forget_pool)


def generate_request_id():
    """'req-' + a random (version 4) UUID, as oslo.context's."""
    with _pool_lock:
        buf, pos = _pool
        if pos >= len(buf):
            buf = _pool[0] = os.urandom(_POOL_SIZE)
            pos = 0
        _pool[1] = pos + 16
    value = int.from_bytes(buf[pos:pos + 16], 'big')
    text = '%032x' % (value & _UUID4_CLEAR | _UUID4_SET)
    return 'req-%s-%s-%s-%s-%s' % (text[:8], text[8:12], text[12:16],
                                   text[16:20], text[20:])
