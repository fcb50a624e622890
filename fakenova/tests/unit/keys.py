"""Public keys for the key pair tests, and a helper that stores one.

The keys were generated once for these tests; nothing holds their
private halves.
"""

from fakenova.compute import keypairs

ED25519 = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJIzJ3e4t3J6qPFDPs09W6mq3EVz'
           'JCGNODDpfmzGf69a tests@fakenova')
ECDSA = ('ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY'
         'AAABBBEUdsQc/lzidDAv0mSs627T9lYCtA3Z5oQP7+LALJW3Gj4pfhHG2OiCHzBBBr1B'
         '9w3knRtl5bYkl7Lx8SWZkZmk=')


def add(store, name, user_id='owner', public_key=ED25519):
    """Import ``public_key`` as ``user_id``'s key pair ``name``."""
    return keypairs.add(store, user_id, name, public_key)[0]
