"""Key pairs: a user's SSH keys and x509 certificates (Nova's KeypairAPI).

A key pair belongs to a user, not to a project: the store keeps them in
``store.keypairs`` keyed by ``(user_id, name)``. Nova's facts reproduced
here:

- an imported ``ssh`` key must load as an OpenSSH public key; its
  fingerprint is the MD5 of the key blob (the base64 field after the key
  type), colon-separated hex. An ``x509`` key is a PEM certificate whose
  fingerprint is the SHA-1 of the certificate, in the same notation.
  Either failure is Nova's 400 "Keypair data is invalid: ...";
- a generated ``ssh`` pair is a 2048-bit RSA key: the private key in the
  traditional PEM form (``BEGIN RSA PRIVATE KEY``), the public key as
  ``ssh-rsa <blob> Generated-by-Nova``; a generated ``x509`` pair is a
  self-signed client certificate for ``CN=<user id>`` valid 10 years,
  its private key a base64 PKCS#12 bundle without a password;
- the fingerprint is checked before the name's uniqueness (400 before
  409); listing is by name, ``limit``/``marker`` paging after the marker's
  name.

Generating a key takes tens of milliseconds, so it happens outside
``store.lock``; only the insertion holds it.
"""

import base64
import datetime
import hashlib

from fakenova.compute import exception
from fakenova.compute import model
from fakenova.compute import quotas

SSH = 'ssh'
X509 = 'x509'
TYPES = (SSH, X509)

GENERATED_COMMENT = 'Generated-by-Nova'
_KEY_BITS = 2048
_CERT_DAYS = 3650
# Microsoft's User Principal Name, the subjectAltName Nova puts in the
# certificates it generates (for WinRM certificate authentication).
_UPN_OID = '1.3.6.1.4.1.311.20.2.3'
# The longest common name X.509 allows (openssl refuses longer ones, and
# so Nova fails with a 500 for a longer user id; fakenova cuts it).
_CN_MAX = 64


def _colon_hex(digest):
    return ':'.join('%02x' % byte for byte in digest)


def ssh_fingerprint(public_key):
    """Nova's fingerprint of an OpenSSH public key (MD5 of the blob)."""
    # cryptography is imported where it is used (issue 14: cheap start).
    from cryptography.hazmat.primitives import serialization
    try:
        serialization.load_ssh_public_key(public_key.encode('utf-8'))
        # As Nova: the blob is the second field when split on spaces.
        blob = base64.b64decode(public_key.split(' ')[1])
    except Exception:
        raise exception.InvalidKeypair(reason='failed to generate fingerprint')
    return _colon_hex(hashlib.md5(blob, usedforsecurity=False).digest())


def x509_fingerprint(pem):
    """Nova's fingerprint of a PEM certificate (SHA-1 of the DER)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography import x509
    try:
        cert = x509.load_pem_x509_certificate(pem.encode('utf-8'))
        return _colon_hex(cert.fingerprint(hashes.SHA1()))
    except Exception as exc:
        raise exception.InvalidKeypair(
            reason='failed to generate X509 fingerprint. Error message: %s'
            % exc)


def fingerprint(public_key, key_type=SSH):
    if key_type == X509:
        return x509_fingerprint(public_key)
    return ssh_fingerprint(public_key)


def _rsa_key():
    from cryptography.hazmat.primitives.asymmetric import rsa
    return rsa.generate_private_key(public_exponent=65537,
                                    key_size=_KEY_BITS)


def generate_ssh():
    """(private key, public key, fingerprint) of a new RSA pair."""
    from cryptography.hazmat.primitives import serialization
    key = _rsa_key()
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode('ascii')
    public = '%s %s' % (key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode('ascii'),
        GENERATED_COMMENT)
    return private, public, ssh_fingerprint(public)


def _der_utf8(text):
    """``text`` as a DER UTF8String (the value of an otherName)."""
    data = text.encode('utf-8')
    size = len(data)
    if size < 0x80:
        length = bytes([size])
    else:
        octets = size.to_bytes((size.bit_length() + 7) // 8, 'big')
        length = bytes([0x80 | len(octets)]) + octets
    return b'\x0c' + length + data


def generate_x509(user_id):
    """(private key, certificate, fingerprint) for WinRM client auth."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography import x509
    from cryptography.x509 import oid
    key = _rsa_key()
    name = x509.Name([x509.NameAttribute(oid.NameOID.COMMON_NAME,
                                         user_id[:_CN_MAX])])
    now = datetime.datetime.now(datetime.timezone.utc)
    upn = x509.OtherName(x509.ObjectIdentifier(_UPN_OID),
                         _der_utf8('%s@localhost' % user_id))
    cert = x509.CertificateBuilder().subject_name(name).issuer_name(
        name).public_key(key.public_key()).serial_number(
        x509.random_serial_number()).not_valid_before(now).not_valid_after(
        now + datetime.timedelta(days=_CERT_DAYS)).add_extension(
        x509.ExtendedKeyUsage([oid.ExtendedKeyUsageOID.CLIENT_AUTH]),
        critical=False).add_extension(
        x509.SubjectAlternativeName([upn]), critical=False).sign(
        key, hashes.SHA256())
    bundle = pkcs12.serialize_key_and_certificates(
        None, key, cert, None, serialization.NoEncryption())
    pem = cert.public_bytes(serialization.Encoding.PEM).decode('ascii')
    return (base64.b64encode(bundle).decode('ascii'), pem,
            x509_fingerprint(pem))


def generate(key_type, user_id):
    if key_type == X509:
        return generate_x509(user_id)
    return generate_ssh()


# -- the store's key pairs ----------------------------------------------------

def get(store, user_id, name):
    """The key pair ``name`` of ``user_id`` (404 otherwise)."""
    keypair = store.keypairs.get((user_id, name))
    if keypair is None:
        raise exception.KeypairNotFound(name=name, user_id=user_id)
    return keypair


def list_for(store, user_id, limit=None, marker=None):
    """A user's key pairs by name; after ``marker``, at most ``limit``.

    Read from the user's index of names (``store.keypairs.names``): a
    page costs its length and a bisection, not a walk of every user's
    key pairs.
    """
    if marker is not None and (user_id, marker) not in store.keypairs:
        raise exception.BadRequest(
            'Marker %s could not be found.' % marker)
    return store.keypairs.page(user_id, limit, marker)


def add(store, user_id, name, public_key=None, key_type=SSH, ctx=None):
    """Import ``public_key`` or generate a pair: (KeyPair, private key).

    The private key is None for an imported key. Call without holding
    ``store.lock`` when generating (it takes the lock to insert). With
    ``ctx`` (the API's caller), the key_pairs quota is checked first and
    again when inserting, as Nova checks it (403 before 400 and 409).
    """
    if ctx is not None:
        with store.lock:
            quotas.check_keypairs(store, ctx, user_id)
    private_key = None
    if public_key is None:
        with store.lock:
            if (user_id, name) in store.keypairs:
                raise exception.KeyPairExists(key_name=name)
        private_key, public_key, digest = generate(key_type, user_id)
    else:
        digest = fingerprint(public_key, key_type)
    with store.lock:
        if (user_id, name) in store.keypairs:
            raise exception.KeyPairExists(key_name=name)
        if ctx is not None:
            quotas.check_keypairs(store, ctx, user_id)
        keypair = model.KeyPair(next(store.keypair_ids), name, user_id,
                                public_key, digest, type=key_type)
        store.keypairs[(user_id, name)] = keypair
    return keypair, private_key


def delete(store, user_id, name):
    with store.lock:
        get(store, user_id, name)
        del store.keypairs[(user_id, name)]
