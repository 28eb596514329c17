"""Errors a user can act on: they come back in ``userErrors``, never as GraphQL errors."""

from dataclasses import dataclass
from enum import StrEnum


class UserErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    CANNOT_DEACTIVATE_SELF = "CANNOT_DEACTIVATE_SELF"
    LAST_ADMIN = "LAST_ADMIN"
    USER_DEACTIVATED = "USER_DEACTIVATED"
    INVALID_INPUT = "INVALID_INPUT"
    ALREADY_EXISTS = "ALREADY_EXISTS"
    # A scheduled change that met an unexpected error, again and again (never a mutation's).
    INTERNAL = "INTERNAL"


@dataclass(frozen=True, slots=True)
class UserErrorData:
    code: UserErrorCode
    message: str
    field: tuple[str, ...] | None = None


class UserErrorRaised(Exception):
    """Raised inside a transaction to roll it back and report ``error`` to the caller."""

    def __init__(self, error: UserErrorData) -> None:
        super().__init__(error.message)
        self.error = error


def forbidden(message: str = "Only an admin may do this.") -> UserErrorData:
    return UserErrorData(UserErrorCode.FORBIDDEN, message, ("input",))


def not_found(field: tuple[str, ...], what: str = "user") -> UserErrorData:
    return UserErrorData(UserErrorCode.NOT_FOUND, f"No {what} with this id.", field)


def invalid_input(message: str, field: tuple[str, ...]) -> UserErrorData:
    return UserErrorData(UserErrorCode.INVALID_INPUT, message, field)


def already_exists(message: str, field: tuple[str, ...]) -> UserErrorData:
    return UserErrorData(UserErrorCode.ALREADY_EXISTS, message, field)


class StaleVersion(Exception):
    """A write asked for a row at a version it no longer has (SCIM's If-Match: 412)."""

    def __init__(self, *, expected: int, actual: int) -> None:
        super().__init__(f"The row is at version {actual}, not {expected}.")
        self.expected = expected
        self.actual = actual


def check_version(expected: int | None, actual: int) -> None:
    """StaleVersion unless ``expected`` is None (no precondition) or ``actual``."""
    if expected is not None and expected != actual:
        raise StaleVersion(expected=expected, actual=actual)
