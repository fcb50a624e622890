"""Domain errors raised by the compute layer.

Each error carries the HTTP code Nova answers with and Nova's message; the
api layer turns them into Nova's error envelope in one place
(:func:`fakenova.compute.api.wsgi.error_response`).
"""


class ComputeError(Exception):
    code = 500
    msg_fmt = 'An unknown exception occurred.'

    def __init__(self, message=None, **kwargs):
        if message is None:
            message = self.msg_fmt % kwargs
        self.message = message
        super().__init__(message)


class BadRequest(ComputeError):
    code = 400
    msg_fmt = ('The server could not comply with the request since it is '
               'either malformed or otherwise incorrect.')


class Forbidden(ComputeError):
    code = 403
    msg_fmt = 'Access was denied to this resource.'


class PolicyNotAuthorized(Forbidden):
    msg_fmt = "Policy doesn't allow %(action)s to be performed."


class NotFound(ComputeError):
    code = 404
    msg_fmt = 'The resource could not be found.'


class ServerNotFound(NotFound):
    msg_fmt = 'Instance %(instance_id)s could not be found.'


class ServerNotMapped(NotFound):
    # os-start, os-stop and trigger_crash_dump look servers up through the
    # instance mappings first.
    msg_fmt = 'Instance %(instance_id)s has no mapping to a cell.'


class FlavorNotFound(NotFound):
    msg_fmt = 'Flavor %(flavor_id)s could not be found.'


class ImageNotFound(NotFound):
    msg_fmt = 'Image %(image_id)s could not be found.'


class KeypairNotFound(NotFound):
    msg_fmt = 'Keypair %(name)s not found for user %(user_id)s'


class InvalidKeypair(BadRequest):
    msg_fmt = 'Keypair data is invalid: %(reason)s'


class ServerGroupNotFound(NotFound):
    msg_fmt = 'Instance group %(group_uuid)s could not be found.'


class NoValidHost(BadRequest):
    # The scheduler found no host; the APIs that wait for it answer 400.
    msg_fmt = 'No valid host was found. %(reason)s'


class MetadataLimitExceeded(Forbidden):
    msg_fmt = 'Maximum number of metadata items exceeds %(allowed)d'


class MetadataItemNotFound(NotFound):
    msg_fmt = 'Metadata item was not found'


class TagNotFound(NotFound):
    msg_fmt = "Instance %(server_id)s has no tag '%(tag)s'"


class TooManyTags(BadRequest):
    msg_fmt = 'The number of tags exceeded the per-server limit %(limit)d'


class Conflict(ComputeError):
    code = 409
    msg_fmt = 'There was a conflict when trying to complete your request.'


class InvalidState(Conflict):
    msg_fmt = ("Cannot '%(action)s' instance %(server_id)s while it is in "
               "%(attr)s %(state)s")


class InvalidStateFallback(Conflict):
    msg_fmt = "Instance %(server_id)s is in an invalid state for '%(action)s'"


class KeyPairExists(Conflict):
    msg_fmt = "Key pair '%(key_name)s' already exists."


class Locked(Conflict):
    msg_fmt = 'Instance %(server_id)s is locked'


class NotReady(Conflict):
    msg_fmt = 'Instance %(server_id)s is not ready'


class Gone(ComputeError):
    code = 410
    msg_fmt = ('This resource is no longer available. No forwarding '
               'address is given.')


class Unsupported(ComputeError):
    code = 501
    msg_fmt = 'The requested functionality is not supported.'


class InjectedFault(ComputeError):
    """A failure asked for by a test (fixture ``fail_next``)."""

    def __init__(self, code, message):
        self.code = code
        super().__init__(message)


# -- flavor management (os-flavor-manage, os-flavor-access) ----------------

class FlavorExists(Conflict):
    msg_fmt = 'Flavor with name %(name)s already exists.'


class FlavorIdExists(Conflict):
    msg_fmt = 'Flavor with ID %(flavor_id)s already exists.'


class FlavorAccessExists(Conflict):
    msg_fmt = ('Flavor access already exists for flavor %(flavor_id)s '
               'and project %(project_id)s combination.')


class FlavorAccessNotFound(NotFound):
    msg_fmt = ('Flavor access not found for %(flavor_id)s / '
               '%(project_id)s combination.')


class FlavorExtraSpecNotFound(NotFound):
    msg_fmt = 'Flavor %(flavor_id)s has no extra specs with key %(key)s.'
