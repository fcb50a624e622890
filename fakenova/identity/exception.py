"""The errors of the identity service (keystone's codes and titles)."""


class AuthError(Exception):
    code = 401
    title = 'Unauthorized'
    default = 'The request you have made requires authentication.'

    def __init__(self, message=None):
        super().__init__(message or self.default)
        self.message = message or self.default

    @classmethod
    def with_code(cls, code, title, message):
        exc = cls(message)
        exc.code, exc.title = code, title
        return exc


class BadRequest(AuthError):
    code = 400
    title = 'Bad Request'
    default = 'Expecting to find auth in request body.'


class NotFound(AuthError):
    code = 404
    title = 'Not Found'
    default = 'Could not find token.'


class Forbidden(AuthError):
    code = 403
    title = 'Forbidden'
    default = 'You are not authorized to perform the requested action.'


class TooLarge(AuthError):
    code = 413
    title = 'Request Entity Too Large'
    default = 'Request is too large.'


class ValidationError(BadRequest):
    """keystone's ValidationError / SchemaValidationError (400)."""


class Conflict(AuthError):
    code = 409
    title = 'Conflict'
    default = 'Conflict occurred attempting to store the resource.'

    @classmethod
    def store(cls, kind, details):
        """keystone's "Conflict occurred attempting to store ..."."""
        return cls('Conflict occurred attempting to store %s - %s.'
                   % (kind, details))


class ForbiddenAction(Forbidden):
    """403 naming the policy rule that refused (keystone's wording)."""

    def __init__(self, action):
        super().__init__(
            'You are not authorized to perform the requested action: %s.'
            % action)


class MethodNotAllowed(AuthError):
    code = 405
    title = 'Method Not Allowed'
    default = 'The method is not allowed for the requested URL.'
