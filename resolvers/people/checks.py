"""What an admin (or an identity provider) says about a person, checked: email, display
name, identity provider id, login name. ``field`` is where the value is in the input, for
the errors about it (GraphQL's input by default; the door names SCIM's attributes)."""

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.folding import fold
from db.models import User
from resolvers.errors import UserErrorRaised, already_exists, invalid_input

MAX_DISPLAY_NAME = 200
MAX_EXTERNAL_ID = 200
MAX_USER_NAME = 320
MAX_NAME_PART = 200
EMAIL = ("input", "email")
DISPLAY_NAME = ("input", "displayName")
EXTERNAL_ID = ("input", "externalId")

_users = User.__table__  # type: ignore[attr-defined]


def checked_display_name(
    display_name: str | None, *, field: tuple[str, ...] = DISPLAY_NAME
) -> str | None:
    """``display_name`` trimmed (None stays None); INVALID_INPUT unless 1 to 200 characters."""
    if display_name is None:
        return None
    name = display_name.strip()
    if not name or len(name) > MAX_DISPLAY_NAME:
        raise UserErrorRaised(
            invalid_input(f"A display name has 1 to {MAX_DISPLAY_NAME} characters.", field)
        )
    return name


def checked_email(email: str, *, field: tuple[str, ...] = EMAIL) -> str:
    """``email`` trimmed and normalized as an address (its domain lowercased, Unicode NFC);
    INVALID_INPUT unless it is one. Syntax only: no DNS look-up."""
    try:
        address = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise UserErrorRaised(invalid_input(f"Not an email address: {error}", field)) from None
    return address.normalized


def checked_external_id(
    external_id: str | None, *, field: tuple[str, ...] = EXTERNAL_ID
) -> str | None:
    if external_id is None:
        return None
    if not 1 <= len(external_id) <= MAX_EXTERNAL_ID:
        raise UserErrorRaised(
            invalid_input(f"An externalId has 1 to {MAX_EXTERNAL_ID} characters.", field)
        )
    return external_id


def email_taken_error(field: tuple[str, ...] = EMAIL) -> UserErrorRaised:
    return UserErrorRaised(
        already_exists("Another user of this tenant has this email address.", field)
    )


async def ensure_email_free(
    session: AsyncSession,
    *,
    tenant_id: int,
    email: str,
    user_id: int | None = None,
    field: tuple[str, ...] = EMAIL,
) -> None:
    """ALREADY_EXISTS when another user of the tenant than ``user_id`` has ``email`` in
    any case (compared folded, as the unique constraint does)."""
    statement = select(_users.c.id).where(
        _users.c.tenant_id == tenant_id, _users.c.email_folded == fold(email)
    )
    if user_id is not None:
        statement = statement.where(_users.c.id != user_id)
    if await session.scalar(statement.limit(1)) is not None:
        raise email_taken_error(field)


def is_email_conflict(error: Exception) -> bool:
    """Whether an IntegrityError is a unique email of the tenant lost to a concurrent write."""
    return (
        not is_user_name_conflict(error) and "email" in str(getattr(error, "orig", error)).lower()
    )


def checked_user_name(user_name: str, *, field: tuple[str, ...]) -> str:
    """``user_name`` as given (an identity provider's login name is kept exactly);
    INVALID_INPUT when empty (or only blanks) or longer than 320 characters."""
    if not user_name.strip() or len(user_name) > MAX_USER_NAME:
        raise UserErrorRaised(
            invalid_input(f"A userName has 1 to {MAX_USER_NAME} characters.", field)
        )
    return user_name


def checked_name_part(part: str | None, *, field: tuple[str, ...]) -> str | None:
    """A given or family name trimmed (empty: none); INVALID_INPUT beyond 200 characters."""
    if part is None or not part.strip():
        return None
    trimmed = part.strip()
    if len(trimmed) > MAX_NAME_PART:
        raise UserErrorRaised(
            invalid_input(f"A name part has at most {MAX_NAME_PART} characters.", field)
        )
    return trimmed


def user_name_taken_error(field: tuple[str, ...]) -> UserErrorRaised:
    return UserErrorRaised(already_exists("Another user of this tenant has this userName.", field))


async def ensure_user_name_free(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_name: str,
    field: tuple[str, ...],
    user_id: int | None = None,
) -> None:
    """ALREADY_EXISTS when another user of the tenant than ``user_id`` has ``user_name``
    in any case (compared folded, as the unique constraint does)."""
    statement = select(_users.c.id).where(
        _users.c.tenant_id == tenant_id, _users.c.user_name_folded == fold(user_name)
    )
    if user_id is not None:
        statement = statement.where(_users.c.id != user_id)
    if await session.scalar(statement.limit(1)) is not None:
        raise user_name_taken_error(field)


def is_user_name_conflict(error: Exception) -> bool:
    """Whether an IntegrityError is a unique userName of the tenant lost to a concurrent
    write (the constraint's column names it on both backends)."""
    return "user_name_folded" in str(getattr(error, "orig", error)).lower()
