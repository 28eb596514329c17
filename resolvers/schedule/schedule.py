"""scheduleUserStatusChange: queue an activation or deactivation to run at ``at``."""

from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction, ScheduledChangeState, UserStatusAction
from db.models import User
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, api_value, record_audit
from resolvers.context import RosterContext
from resolvers.errors import (
    UserErrorCode,
    UserErrorData,
    UserErrorRaised,
    invalid_input,
    not_found,
)
from resolvers.schedule.clock import SYSTEM_CLOCK, Clock
from resolvers.schedule.outcome import ScheduledChangeResult, change_row, changes_table
from resolvers.status.change import REASSIGN_TO, USER_ID, refusals
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

AT = ("input", "at")
_users = User.__table__  # type: ignore[attr-defined]


async def schedule_status_change(
    context: RosterContext,
    *,
    caller: Caller,
    tenant_id: int,
    user_id: int | None,
    action: UserStatusAction,
    at: datetime,
    reassign_rules_to: int | None = None,
    reassign_given: bool = False,
    clock: Clock = SYSTEM_CLOCK,
) -> ScheduledChangeResult:
    """Queue ``action`` for ``user_id`` at ``at``, checked now as far as now can tell.

    The status code path checks everything again when the change runs (as its creator,
    so guards such as LAST_ADMIN apply then). ``user_id`` and ``reassign_rules_to`` are
    primary keys already decoded; None means the id given did not decode.
    ``reassign_given`` says whether ``reassignIncomingCallRulesTo`` was in the input.
    """
    refused = refusals(caller, user_id)
    if refused or user_id is None:
        return ScheduledChangeResult(user_errors=refused)
    if at <= clock():
        return ScheduledChangeResult(
            user_errors=[invalid_input("`at` must lie in the future.", AT)]
        )

    async def work(session: AsyncSession) -> ScheduledChangeResult:
        exists = await session.scalar(
            select(_users.c.id).where(_users.c.id == user_id, _users.c.tenant_id == tenant_id)
        )
        if exists is None:
            raise UserErrorRaised(not_found(USER_ID))
        if action is UserStatusAction.DEACTIVATED and caller.user_id == user_id:
            raise UserErrorRaised(
                UserErrorData(
                    UserErrorCode.CANNOT_DEACTIVATE_SELF,
                    "You cannot schedule your own deactivation.",
                    USER_ID,
                )
            )
        if reassign_given:
            await _check_reassign_target(
                session, tenant_id=tenant_id, user_id=user_id, action=action, to=reassign_rules_to
            )
        change_id = await session.scalar(
            insert(changes_table)
            .values(
                tenant_id=tenant_id,
                user_id=user_id,
                action=action.value,
                at=at,
                reassign_rules_to_id=reassign_rules_to if reassign_given else None,
                created_by_id=caller.user_id,
                created_at=clock(),
                state=ScheduledChangeState.PENDING.value,
            )
            .returning(changes_table.c.id)
        )
        assert change_id is not None
        changes = [
            FieldChange("action", None, action.value),
            FieldChange("at", None, api_value(at.astimezone(UTC))),
        ]
        if reassign_given:
            changes.append(
                FieldChange(
                    "reassignIncomingCallRulesTo",
                    None,
                    api_value(reassign_rules_to, id_type="User"),
                )
            )
        await record_audit(
            session,
            tenant_id=tenant_id,
            actor=Actor.of(caller),
            action=AuditAction.STATUS_CHANGE_SCHEDULED,
            target_type="ScheduledStatusChange",
            target_id=change_id,
            target_user_id=user_id,
            changes=changes,
        )
        row = await change_row(session, tenant_id=tenant_id, change_id=change_id)
        return ScheduledChangeResult(change=row)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return ScheduledChangeResult(user_errors=[raised.error])


async def _check_reassign_target(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    action: UserStatusAction,
    to: int | None,
) -> None:
    """What can be known now of the target; whether it can take calls is checked at run
    time, as it may be activated or deactivated meanwhile."""
    if action is not UserStatusAction.DEACTIVATED:
        raise UserErrorRaised(
            invalid_input("Rules are reassigned only when a user is deactivated.", REASSIGN_TO)
        )
    if to is None:
        raise UserErrorRaised(not_found(REASSIGN_TO))
    if to == user_id:
        raise UserErrorRaised(
            invalid_input("Rules cannot be reassigned to the user being deactivated.", REASSIGN_TO)
        )
    exists = await session.scalar(
        select(_users.c.id).where(_users.c.id == to, _users.c.tenant_id == tenant_id)
    )
    if exists is None:
        raise UserErrorRaised(not_found(REASSIGN_TO))
