"""Console auth tokens: what a console proxy resolves a console URL's
token to (Nova's ``ConsoleAuthToken``).

Each console URL fakenova hands out carries a new token; the token
resolves, for Nova's ``[consoleauth] token_ttl`` (600 seconds), to the
server and the hypervisor's console endpoint (host, port, internal
access path and, for SPICE, the TLS port) as Nova's fake virt driver
reports it. A token stops resolving when it expires, when its server is
deleted or live-migrated (Nova deletes a server's tokens then, and only
then: after a cold migration, a resize or an evacuation the old token
still resolves). At most :data:`MAX_TOKENS` are kept, the oldest dropped
first, so a client asking for consoles all day does not grow the fake.
"""

import time
import uuid

TOKEN_TTL = 600
MAX_TOKENS = 1000

_SENTINELS = uuid.UUID('1f0b5dc4-6c43-4c1e-9a35-7d9d1b1d6a10')

# console type -> (host, port, tls_port, access path sentinel name), as
# Nova's fake virt driver answers for each kind of console.
_ENDPOINTS = {
    'novnc': ('fakevncconsole.com', 6969, None, 'vnc_access_path'),
    'spice-html5': ('fakespiceconsole.com', 6969, 6970,
                    'spice_access_path'),
    # Nova's compute keeps no access path for a direct SPICE console.
    'spice-direct': ('fakespiceconsole.com', 6969, 6970, None),
    'serial': ('fakerdpconsole.com', 6969, None, 'serial_access_path'),
    'webmks': ('fakemksconsole.com', 6969, None, 'mks_access_path'),
}


class ConsoleToken:
    __slots__ = ('token', 'server_id', 'console_type', 'port', 'tls_port',
                 'console_host', 'internal_access_path', 'expires')

    def __init__(self, token, server, console_type, expires):
        console_host, port, tls_port, path = _ENDPOINTS[console_type]
        self.token = token
        self.server_id = server.id
        self.console_type = console_type
        self.console_host = console_host
        self.port = port
        self.tls_port = tls_port
        self.internal_access_path = (None if path is None
                                     else str(uuid.uuid5(_SENTINELS, path)))
        self.expires = expires


def issue(store, server, console_type, now=None):
    """A new token for a ``console_type`` console of ``server``.

    Hold the lock.
    """
    now = time.time() if now is None else now
    tokens = store.console_tokens
    token = str(uuid.uuid4())
    tokens[token] = ConsoleToken(token, server, console_type,
                                 now + TOKEN_TTL)
    while len(tokens) > MAX_TOKENS:
        tokens.pop(next(iter(tokens)))
    return token


def resolve(store, token, now=None):
    """The token's record while valid, else None.

    An invalid token is forgotten. Hold the lock.
    """
    now = time.time() if now is None else now
    record = store.console_tokens.get(token)
    if record is None:
        return None
    server = store.servers.get(record.server_id)
    if (record.expires <= now or server is None
            or not store.settle(server, read=False)):
        del store.console_tokens[token]
        return None
    return record


def forget_server(store, server_id):
    """Drop every token of ``server_id`` (hold the lock)."""
    for token in [token for token, record in store.console_tokens.items()
                  if record.server_id == server_id]:
        del store.console_tokens[token]
