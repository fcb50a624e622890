"""Times as Nova keeps them: whole microseconds.

The model keeps epoch seconds (floats); Nova's database keeps
microseconds, shows them (``2013-09-23T13:37:00.880302``) and compares
``changes-since`` with them. Showing and comparing both go through
:func:`micros`, so a time read back from an answer matches its record.
"""

import datetime

_EPOCH = datetime.datetime(1970, 1, 1)
_MICROSECOND = datetime.timedelta(microseconds=1)


def micros(timestamp):
    """Epoch seconds as whole microseconds."""
    return round(timestamp * 1000000)


def micros_of(when):
    """A naive UTC datetime as whole microseconds, exactly."""
    return (when - _EPOCH) // _MICROSECOND
