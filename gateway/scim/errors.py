"""The domain's refusals in SCIM's terms (RFC 7644 §3.12): status, scimType and a detail
that says what to do. Whatever is raised here changed nothing (the transaction rolled back)."""

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

from scim2_models import (
    ConflictException,
    ForbiddenException,
    InvalidValueException,
    NotFoundException,
    PreconditionFailedException,
    SCIMException,
    UniquenessException,
)

from resolvers.errors import StaleVersion, UserErrorCode, UserErrorData, UserErrorRaised
from resolvers.reader import Reader

LAST_ADMIN_DETAIL = "This is the tenant's last active admin; make another admin first."
STALE_DETAIL = "The resource changed since the version in If-Match: read it again, then retry."


def _attribute(error: UserErrorData) -> str | None:
    # The domain names fields by SCIM attribute path: ("name", "givenName") is name.givenName.
    return ".".join(error.field) if error.field else None


def scim_error(error: UserErrorData) -> SCIMException:
    """The SCIM error of a refusal the domain functions raised."""
    attribute = _attribute(error)
    match error.code:
        case UserErrorCode.NOT_FOUND if attribute == "members":
            # The group exists; a member it names does not (or is no user of this tenant).
            return InvalidValueException(detail=error.message)
        case UserErrorCode.NOT_FOUND:
            return NotFoundException(detail=error.message)
        case UserErrorCode.ALREADY_EXISTS:
            named = f"{attribute}: " if attribute else ""
            return UniquenessException(detail=f"{named}{error.message}")
        case UserErrorCode.INVALID_INPUT:
            named = f"{attribute}: " if attribute else ""
            return InvalidValueException(detail=f"{named}{error.message}")
        case UserErrorCode.LAST_ADMIN:
            return ConflictException(detail=LAST_ADMIN_DETAIL)
        case UserErrorCode.FORBIDDEN:
            return ForbiddenException(detail=error.message)
        case _:
            # The other guards of the status path: the request conflicts with a rule.
            return ConflictException(detail=error.message)


@contextmanager
def in_scim_terms() -> Iterator[None]:
    """Run a domain call; its refusals come out as SCIM errors."""
    try:
        yield
    except UserErrorRaised as raised:
        raise scim_error(raised.error) from None
    except StaleVersion:
        raise PreconditionFailedException(detail=STALE_DETAIL) from None


@asynccontextmanager
async def stale_reads_refreshed(reader: Reader) -> AsyncIterator[None]:
    """Run a write made against what ``reader`` read; when another writer got there first
    (StaleVersion), the reader's snapshot is ended so a retry reads the winner's state."""
    try:
        yield
    except StaleVersion:
        await reader.refresh()
        raise
