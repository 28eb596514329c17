"""Why a request is not let in: what every authentication path raises."""


class AuthenticationError(Exception):
    """The caller is refused: a 401 UNAUTHENTICATED whose message says why (and never
    repeats the token)."""

    status = 401
    code = "UNAUTHENTICATED"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ProviderUnavailable(AuthenticationError):
    """An identity provider's keys could not be fetched: the token may be good, roster
    cannot tell yet (503, worth a retry)."""

    status = 503
    code = "IDENTITY_PROVIDER_UNAVAILABLE"
