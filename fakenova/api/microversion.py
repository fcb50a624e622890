"""Microversion negotiation for the compute API (microversion-parse)."""

import re

import microversion_parse

from fakenova.compute import exception

SERVICE_TYPE = 'compute'
LEGACY_HEADER = 'x-openstack-nova-api-version'
MIN_VERSION = (2, 1)
MAX_VERSION = (2, 104)
MIN_VERSION_STRING = '2.1'
MAX_VERSION_STRING = '2.104'
DEFAULT_VERSION = MIN_VERSION

_FORMAT = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0)$')


class NotAcceptable(exception.ComputeError):
    code = 406
    msg_fmt = ('Version %(req_ver)s is not supported by the API. Minimum '
               'is %(min_ver)s and maximum is %(max_ver)s.')


class InvalidVersion(exception.BadRequest):
    msg_fmt = ('API Version String %(version)s is of invalid format. Must '
               'be of format MajorNum.MinorNum.')


def _headers(environ):
    headers = {}
    standard = environ.get('HTTP_OPENSTACK_API_VERSION')
    if standard is not None:
        headers['openstack-api-version'] = standard
    legacy = environ.get('HTTP_X_OPENSTACK_NOVA_API_VERSION')
    if legacy is not None:
        headers[LEGACY_HEADER] = legacy
    return headers


def negotiate(environ):
    """Return the request's (major, minor) version.

    Raises :class:`InvalidVersion` (400) or :class:`NotAcceptable` (406);
    both carry ``version`` so that the response can still echo it.
    """
    headers = _headers(environ)
    if not headers:
        return DEFAULT_VERSION
    value = microversion_parse.get_version(
        headers, service_type=SERVICE_TYPE, legacy_headers=[LEGACY_HEADER])
    if value is None:
        return DEFAULT_VERSION
    value = value.strip()
    if value.lower() == 'latest':
        return MAX_VERSION
    match = _FORMAT.match(value)
    if match is None:
        raise InvalidVersion(version=value)
    version = (int(match.group(1)), int(match.group(2)))
    if not MIN_VERSION <= version <= MAX_VERSION:
        err = NotAcceptable(req_ver=value, min_ver=MIN_VERSION_STRING,
                            max_ver=MAX_VERSION_STRING)
        err.version = version
        raise err
    return version


def parse(text):
    """'2.73' -> (2, 73)."""
    major, minor = text.split('.')
    return (int(major), int(minor))


def to_string(version):
    return '%d.%d' % version


def versioned(minimum=None, maximum=None):
    """Serve a handler only within [minimum, maximum] ('2.36' strings).

    ``maximum`` is the last version that serves it: Nova's "removed at
    2.36" is ``maximum='2.35'``. Outside the range the API answers 404.
    """
    def decorate(handler):
        if minimum:
            handler.min_version = parse(minimum)
        if maximum:
            handler.max_version = parse(maximum)
        return handler
    return decorate
