"""Checking, inside the change's transaction, what a rule points at: the tenant's own
number, user and group, and a user who can receive calls."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.models import PhoneNumber, User, UserGroup
from resolvers import policy
from resolvers.call_rules.fields import TARGET_GROUP_FIELD, TARGET_USER_FIELD
from resolvers.errors import UserErrorCode, UserErrorData, UserErrorRaised, not_found
from resolvers.locks import shared_user_status

_numbers = PhoneNumber.__table__  # type: ignore[attr-defined]
_users = User.__table__  # type: ignore[attr-defined]
_groups = UserGroup.__table__  # type: ignore[attr-defined]


async def check_phone_number(
    session: AsyncSession, *, tenant_id: int, pk: int | None, field: tuple[str, ...]
) -> int:
    found = None
    if pk is not None:
        found = await session.scalar(
            select(_numbers.c.id).where(_numbers.c.id == pk, _numbers.c.tenant_id == tenant_id)
        )
    if found is None:
        raise UserErrorRaised(not_found(field, "phone number"))
    return int(found)


async def check_target_user(
    session: AsyncSession, database: Database, *, tenant_id: int, pk: int | None
) -> int:
    """``pk``, a user of the tenant whom a CALL_SPECIFIC_USER rule may ring (the chart's
    ``receivable``, from the policy table); USER_DEACTIVATED for one it may not."""
    if pk is None:
        raise UserErrorRaised(not_found(TARGET_USER_FIELD))
    # Deactivation locks the user's row before it lists the rules ringing them: sharing
    # the lock until commit, this rule is either refused or listed there.
    status = await shared_user_status(session, database, tenant_id=tenant_id, user_id=pk)
    if status is None:
        raise UserErrorRaised(not_found(TARGET_USER_FIELD))
    if not policy.can_ring(policy.status_facts(status)):
        raise UserErrorRaised(
            UserErrorData(
                UserErrorCode.USER_DEACTIVATED,
                "A deactivated user cannot receive calls; ring an active user.",
                TARGET_USER_FIELD,
            )
        )
    return pk


async def check_target_group(
    session: AsyncSession, database: Database, *, tenant_id: int, pk: int | None
) -> int:
    found = None
    if pk is not None:
        statement = select(_groups.c.id).where(_groups.c.id == pk, _groups.c.tenant_id == tenant_id)
        if not database.is_sqlite:
            # Held until commit, so the group cannot be deleted from under the new rule.
            statement = statement.with_for_update(read=True)
        found = await session.scalar(statement)
    if found is None:
        raise UserErrorRaised(not_found(TARGET_GROUP_FIELD, "user group"))
    return int(found)
