"""Regular expressions from callers, matched in linear time.

Nova treats some query parameters as regular expressions (``name`` of
``GET /servers``, ``hypervisor_hostname_pattern``). Python's engine
backtracks: ``(a+)+$`` against 30 characters takes seconds, and the match
runs while the store is locked, so one request could stall every other.
Patterns are compiled with RE2 (google-re2), whose matching time is linear
in the text whatever the pattern, with a memory cap for the compiled
program. RE2 speaks Python's syntax except backreferences and
look-around; a pattern it cannot compile is matched as plain text.
"""

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False       # a bad pattern is the caller's, not a log's
_OPTIONS.max_mem = 1 << 20        # bytes for the compiled program
_LITERAL = re2.Options()
_LITERAL.log_errors = False
_LITERAL.literal = True


def compile_filter(pattern):
    """An object whose ``search(text)`` matches ``pattern`` in ``text``.

    A pattern RE2 refuses (bad syntax, look-around, too big) matches
    itself literally.
    """
    try:
        return re2.compile(pattern, options=_OPTIONS)
    except re2.error:
        return re2.compile(pattern, options=_LITERAL)
