"""Sign-in tokens' callers: the user an identity provider's verified JWT stands for.

The gateway verifies the token (gateway/auth/); here its claim finds the user within the
tenant configured for its issuer, in one statement, with the same lifecycle facts as an
API token's caller (resolvers/tokens.py), so the chart decides the same way for both.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select

from db.enums import Role, UserStatus
from db.folding import fold
from db.models import Tenant, User
from resolvers.reader import Reader
from resolvers.tokens import Caller, TokenCaller, token_state

# Refused when the matched user is gone at a re-check, or never matched.
NO_SIGN_IN_USER = "No roster user matches this sign-in token."

_SIGN_IN_CALLERS = select(  # type: ignore[call-overload]
    User.id, User.tenant_id, User.role, User.status, Tenant.time_zone
).join(Tenant, Tenant.id == User.tenant_id)  # type: ignore[arg-type]
# Two rows at most: more than one match is refused, never a guess.
_BY_EMAIL = _SIGN_IN_CALLERS.where(
    Tenant.slug == bindparam("tenant"), User.email_folded == bindparam("email_folded")
).limit(2)
_BY_EXTERNAL_ID = _SIGN_IN_CALLERS.where(
    Tenant.slug == bindparam("tenant"), User.external_id == bindparam("external_id")
).limit(2)
# An open subscription's re-check: the user it was opened by.
_BY_USER_ID = _SIGN_IN_CALLERS.where(User.id == bindparam("user_id"))


def _token_caller(row: Any, *, expires_at: datetime, now: datetime) -> TokenCaller:
    caller = Caller(
        user_id=row.id,
        tenant_id=row.tenant_id,
        role=Role(row.role),
        status=UserStatus(row.status),
        time_zone=row.time_zone,
    )
    state = token_state(revoked_at=None, expires_at=expires_at, now=now)
    return TokenCaller(
        caller=caller, state=state, token_id=None, last_used_at=None, expires_at=expires_at
    )


async def caller_for_sign_in(
    reader: Reader,
    *,
    tenant: str,
    email: str | None = None,
    external_id: str | None = None,
    expires_at: datetime,
    now: datetime,
) -> TokenCaller | None:
    """The user of tenant ``tenant`` (slug) whose email is ``email`` (compared folded, as
    roster keeps emails unique) or whose externalId is ``external_id`` (exactly, as SCIM
    compares it), with the token's state at ``now``; None when no user, or more than one,
    matches. One statement."""
    if email is not None:
        rows = await reader.rows(_BY_EMAIL, {"tenant": tenant, "email_folded": fold(email)})
    elif external_id is not None:
        rows = await reader.rows(_BY_EXTERNAL_ID, {"tenant": tenant, "external_id": external_id})
    else:
        raise ValueError("caller_for_sign_in needs an email or an external_id")
    if len(rows) != 1:
        return None
    return _token_caller(rows[0], expires_at=expires_at, now=now)


async def caller_for_signed_in_user(
    reader: Reader, user_id: int, *, expires_at: datetime, now: datetime
) -> TokenCaller | None:
    """As ``caller_for_sign_in``, for the user ``user_id`` a sign-in token was matched to
    (an open subscription's re-check; one statement)."""
    rows = await reader.rows(_BY_USER_ID, {"user_id": user_id})
    return _token_caller(rows[0], expires_at=expires_at, now=now) if rows else None
