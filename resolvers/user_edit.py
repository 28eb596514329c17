"""The User List's Edit dialog: display name, email, role and the Activate user checkbox,
together: all of it, or none."""

from dataclasses import dataclass, field

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.enums import Product, Role, UserStatus
from resolvers import policy
from resolvers.audit.actor import Actor
from resolvers.context import RosterContext
from resolvers.errors import UserErrorCode, UserErrorData, UserErrorRaised, not_found
from resolvers.locks import lock_user
from resolvers.people.checks import (
    checked_display_name,
    checked_email,
    email_taken_error,
    ensure_email_free,
    is_email_conflict,
)
from resolvers.people.fields import write_user_fields
from resolvers.status.change import (
    USER_ID,
    StatusChange,
    apply_status_change,
    count_other_active_admins,
    refusals,
)
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

ROLE = ("input", "role")


@dataclass
class UserEdit:
    """What the edit did (or, for a dry run, would do); the user is read afterwards."""

    dry_run: bool = False
    # Set when ``active`` was given: the status change, or its refusal.
    status_change: StatusChange | None = None
    user_errors: list[UserErrorData] = field(default_factory=list)


class _StatusRefused(Exception):
    """Rolls the edit back when its status change is refused: nothing else changes either."""

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
    email: str | None = None,
    role: Role | None = None,
    dry_run: bool = False,
) -> UserEdit:
    """Edit ``user_id`` in one transaction: all of it, or none.

    ``active`` takes the one status code path, every effect included (and its own
    audit entry); the display name, email and role changes that change something are
    one USER_UPDATED entry. ``user_id`` None means the id did not decode.
    """
    refused = refusals(caller, user_id)
    if refused or user_id is None:
        return UserEdit(dry_run=dry_run, user_errors=refused)

    async def work(session: AsyncSession) -> UserEdit:
        before = await lock_user(session, context.database, tenant_id=tenant_id, user_id=user_id)
        if before is None:
            raise UserErrorRaised(not_found(USER_ID))
        name = checked_display_name(display_name)
        address = checked_email(email) if email is not None else None
        if address is not None:
            await ensure_email_free(session, tenant_id=tenant_id, email=address, user_id=user_id)
        status_change = None
        status = UserStatus(before.status)
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
            assert status_change.user is not None
            status = UserStatus(status_change.user.status)
        if role is Role.MEMBER and before.role == Role.ADMIN:
            await _check_demotion(
                session, context.database, tenant_id=tenant_id, user_id=user_id, status=status
            )
        values = {
            key: value
            for key, value in (("display_name", name), ("email", address), ("role", role))
            if value is not None
        }
        await write_user_fields(
            session, actor=Actor.of(caller), tenant_id=tenant_id, before=before, values=values
        )
        return UserEdit(dry_run=dry_run, status_change=status_change)

    try:
        return await write_transaction(context, work, dry_run=dry_run)
    except UserErrorRaised as raised:
        return UserEdit(dry_run=dry_run, user_errors=[raised.error])
    except _StatusRefused as refusal:
        change = StatusChange(dry_run=dry_run, user_errors=[refusal.error])
        return UserEdit(dry_run=dry_run, status_change=change, user_errors=[refusal.error])
    except IntegrityError as error:
        # Another request took the email between the check and the update.
        if not is_email_conflict(error):
            raise
        return UserEdit(dry_run=dry_run, user_errors=[email_taken_error().error])


async def _check_demotion(
    session: AsyncSession, database: Database, *, tenant_id: int, user_id: int, status: UserStatus
) -> None:
    """LAST_ADMIN when making ``user_id`` a member would leave no admin who can log in."""
    if not policy.can_log_in(Product.ADMIN, policy.status_facts(status)):
        return
    if not await count_other_active_admins(session, database, tenant_id=tenant_id, user_id=user_id):
        raise UserErrorRaised(
            UserErrorData(
                UserErrorCode.LAST_ADMIN,
                "This is the tenant's last active admin; make another admin first.",
                ROLE,
            )
        )
