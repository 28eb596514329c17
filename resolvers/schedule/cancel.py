"""cancelScheduledStatusChange: a pending change is called off and never runs."""

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction, ScheduledChangeState
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised, forbidden, invalid_input, not_found
from resolvers.schedule.outcome import ScheduledChangeResult, change_row, changes_table
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

CHANGE_ID = ("input", "id")
WHAT = "scheduled status change"


async def cancel_scheduled_status_change(
    context: RosterContext, *, caller: Caller, tenant_id: int, change_id: int | None
) -> ScheduledChangeResult:
    """Mark ``change_id`` CANCELLED, if it is still PENDING. ``change_id`` None: the id
    given did not decode.

    The runner claims a row under a lock (PostgreSQL) or the write lock (SQLite), and
    this update is conditional on PENDING: a change is either cancelled or run, never both.
    """
    if not caller.is_admin:
        return ScheduledChangeResult(user_errors=[forbidden()])
    if change_id is None:
        return ScheduledChangeResult(user_errors=[not_found(CHANGE_ID, WHAT)])

    async def work(session: AsyncSession) -> ScheduledChangeResult:
        row = await change_row(session, tenant_id=tenant_id, change_id=change_id)
        if row is None:
            raise UserErrorRaised(not_found(CHANGE_ID, WHAT))
        cancelled = await session.execute(
            update(changes_table)
            .where(
                changes_table.c.id == change_id,
                changes_table.c.state == ScheduledChangeState.PENDING.value,
            )
            .values(state=ScheduledChangeState.CANCELLED.value)
            .returning(changes_table.c.id)
        )
        if cancelled.first() is None:
            # Read again: the runner may have finished it since the first read.
            row = await change_row(session, tenant_id=tenant_id, change_id=change_id)
            assert row is not None
            raise UserErrorRaised(
                invalid_input(
                    f"Only a PENDING change can be cancelled; this one is {row.state}.",
                    CHANGE_ID,
                )
            )
        await record_audit(
            session,
            tenant_id=tenant_id,
            actor=Actor.of(caller),
            action=AuditAction.SCHEDULED_STATUS_CHANGE_CANCELLED,
            target_type="ScheduledStatusChange",
            target_id=change_id,
            target_user_id=row.user_id,
            changes=[
                FieldChange(
                    "state",
                    ScheduledChangeState.PENDING.value,
                    ScheduledChangeState.CANCELLED.value,
                )
            ],
        )
        return ScheduledChangeResult(
            change=await change_row(session, tenant_id=tenant_id, change_id=change_id)
        )

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return ScheduledChangeResult(user_errors=[raised.error])
