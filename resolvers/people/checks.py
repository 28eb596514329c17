"""What an admin types about a person, checked: email, display name, identity provider id."""

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.folding import fold
from db.models import User
from resolvers.errors import UserErrorRaised, already_exists, invalid_input

MAX_DISPLAY_NAME = 200
MAX_EXTERNAL_ID = 200
EMAIL = ("input", "email")
DISPLAY_NAME = ("input", "displayName")
EXTERNAL_ID = ("input", "externalId")

_users = User.__table__  # type: ignore[attr-defined]


def checked_display_name(display_name: str | None) -> str | None:
    """``display_name`` trimmed (None stays None); INVALID_INPUT unless 1 to 200 characters."""
    if display_name is None:
        return None
    name = display_name.strip()
    if not name or len(name) > MAX_DISPLAY_NAME:
        raise UserErrorRaised(
            invalid_input(f"A display name has 1 to {MAX_DISPLAY_NAME} characters.", DISPLAY_NAME)
        )
    return name


def checked_email(email: str) -> str:
    """``email`` trimmed and normalized as an address (its domain lowercased, Unicode NFC);
    INVALID_INPUT unless it is one. Syntax only: no DNS look-up."""
    try:
        address = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise UserErrorRaised(invalid_input(f"Not an email address: {error}", EMAIL)) from None
    return address.normalized


def checked_external_id(external_id: str | None) -> str | None:
    if external_id is None:
        return None
    if not 1 <= len(external_id) <= MAX_EXTERNAL_ID:
        raise UserErrorRaised(
            invalid_input(f"An externalId has 1 to {MAX_EXTERNAL_ID} characters.", EXTERNAL_ID)
        )
    return external_id


def email_taken_error() -> UserErrorRaised:
    return UserErrorRaised(
        already_exists("Another user of this tenant has this email address.", EMAIL)
    )


async def ensure_email_free(
    session: AsyncSession, *, tenant_id: int, email: str, user_id: int | None = None
) -> None:
    """ALREADY_EXISTS when another user of the tenant than ``user_id`` has ``email`` in
    any case (compared folded, as the unique constraint does)."""
    statement = select(_users.c.id).where(
        _users.c.tenant_id == tenant_id, _users.c.email_folded == fold(email)
    )
    if user_id is not None:
        statement = statement.where(_users.c.id != user_id)
    if await session.scalar(statement.limit(1)) is not None:
        raise email_taken_error()


def is_email_conflict(error: Exception) -> bool:
    """Whether an IntegrityError is a unique email of the tenant lost to a concurrent write."""
    return "email" in str(getattr(error, "orig", error)).lower()
