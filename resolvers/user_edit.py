"""The User List's Edit dialog: a new display name and the Activate user checkbox, together."""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import UserStatus
from db.models import User
from resolvers.context import RosterContext
from resolvers.errors import UserErrorCode, UserErrorData, UserErrorRaised, not_found
from resolvers.rename_user import rename_user
from resolvers.status.change import USER_ID, StatusChange, apply_status_change, refusals
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

MAX_DISPLAY_NAME = 200

_users = User.__table__  # type: ignore[attr-defined]


@dataclass
class UserEdit:
    """What the edit did (or, for a dry run, would do); the user is read afterwards."""

    dry_run: bool = False
    # Set when ``active`` was given: the status change, or its refusal.
    status_change: StatusChange | None = None
    user_errors: list[UserErrorData] = field(default_factory=list)


class _StatusRefused(Exception):
    """Rolls the edit back when its status change is refused: nothing is renamed either."""

    def __init__(self, error: UserErrorData) -> None:
        self.error = error


async def edit_user(
    context: RosterContext,
    *,
    caller: Caller,
    tenant_id: int,
    user_id: int | None,
    display_name: str | None,
    active: bool | None,
    dry_run: bool = False,
) -> UserEdit:
    """Rename ``user_id`` and/or set their status, in one transaction: all of it, or none.

    ``active`` takes the one status code path, every effect included. ``user_id`` None
    means the id did not decode.
    """
    refused = refusals(caller, user_id)
    if refused or user_id is None:
        return UserEdit(dry_run=dry_run, user_errors=refused)

    async def work(session: AsyncSession) -> UserEdit:
        exists = await session.scalar(
            select(_users.c.id).where(_users.c.id == user_id, _users.c.tenant_id == tenant_id)
        )
        if exists is None:
            raise UserErrorRaised(not_found(USER_ID))
        name = _checked_name(display_name)
        status_change = None
        if active is not None:
            try:
                status_change = await apply_status_change(
                    session,
                    database=context.database,
                    caller=caller,
                    tenant_id=tenant_id,
                    user_id=user_id,
                    target=UserStatus.ACTIVE if active else UserStatus.DEACTIVATED,
                )
            except UserErrorRaised as raised:
                raise _StatusRefused(raised.error) from None
            status_change.dry_run = dry_run
        if name is not None:
            await rename_user(session, tenant_id=tenant_id, user_id=user_id, name=name)
        return UserEdit(dry_run=dry_run, status_change=status_change)

    try:
        return await write_transaction(context, work, dry_run=dry_run)
    except UserErrorRaised as raised:
        return UserEdit(dry_run=dry_run, user_errors=[raised.error])
    except _StatusRefused as refusal:
        change = StatusChange(dry_run=dry_run, user_errors=[refusal.error])
        return UserEdit(dry_run=dry_run, status_change=change, user_errors=[refusal.error])


def _checked_name(display_name: str | None) -> str | None:
    if display_name is None:
        return None
    name = display_name.strip()
    if not name or len(name) > MAX_DISPLAY_NAME:
        raise UserErrorRaised(
            UserErrorData(
                UserErrorCode.INVALID_INPUT,
                f"A display name has 1 to {MAX_DISPLAY_NAME} characters.",
                ("input", "displayName"),
            )
        )
    return name
