"""assignSeat: seat a user (moving them from the seat they held), or free the seat."""

from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.enums import AuditAction
from db.models import Seat, User
from resolvers import policy
from resolvers.audit.actor import Actor
from resolvers.audit.record import record_audit
from resolvers.context import RosterContext
from resolvers.errors import (
    UserErrorCode,
    UserErrorData,
    UserErrorRaised,
    forbidden,
    not_found,
)
from resolvers.locks import lock_tenant, shared_user_status
from resolvers.seats.checks import SEAT_FIELD, SeatResult, occupant_change, seat_row
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

USER_FIELD = ("input", "userId")

_seats = Seat.__table__  # type: ignore[attr-defined]
_users = User.__table__  # type: ignore[attr-defined]


async def assign_seat(
    context: RosterContext,
    *,
    caller: Caller,
    seat_id: int | None,
    user_id: int | None,
    freeing: bool,
) -> SeatResult:
    """Give ``seat_id`` to ``user_id``, or free it when ``freeing``, in one transaction.

    A user holds at most one seat: one who already has another is moved, their old seat
    freed first (seats.user_id is unique, checked per statement on both backends). A
    user the seat map would not show there (deactivated) is USER_DEACTIVATED. Whoever
    sat here before is left without a seat. Each seat whose occupant changes gets a
    SEAT_ASSIGNED entry: the old seat of a moved user first, then this one. Giving a seat
    to its occupant, or freeing a free seat, writes nothing. Ids are primary keys
    decoded (None: did not decode).
    """
    if not caller.is_admin:
        return SeatResult(user_errors=[forbidden()])
    if seat_id is None:
        return SeatResult(user_errors=[not_found(SEAT_FIELD, "seat")])
    if not freeing and user_id is None:
        return SeatResult(user_errors=[not_found(USER_FIELD)])
    tenant_id = caller.tenant_id

    async def work(session: AsyncSession) -> SeatResult:
        if user_id is not None:
            await _check_seatable(session, context.database, tenant_id=tenant_id, user_id=user_id)
        await lock_tenant(session, database=context.database, tenant_id=tenant_id)
        seat = await seat_row(session, tenant_id=tenant_id, seat_id=seat_id)
        if seat.user_id == user_id:
            return SeatResult(seat=seat)
        actor = Actor.of(caller)
        if user_id is not None:
            old_seat = await session.scalar(
                select(_seats.c.id).where(
                    _seats.c.tenant_id == tenant_id, _seats.c.user_id == user_id
                )
            )
            if old_seat is not None:
                await session.execute(
                    update(_seats).where(_seats.c.id == old_seat).values(user_id=None)
                )
                await record_audit(
                    session,
                    tenant_id=tenant_id,
                    actor=actor,
                    action=AuditAction.SEAT_ASSIGNED,
                    target_type="Seat",
                    target_id=old_seat,
                    target_user_id=user_id,
                    changes=[occupant_change(user_id, None)],
                )
        assigned = await _set_occupant(session, seat_id=seat_id, user_id=user_id)
        await record_audit(
            session,
            tenant_id=tenant_id,
            actor=actor,
            action=AuditAction.SEAT_ASSIGNED,
            target_type="Seat",
            target_id=seat_id,
            target_user_id=user_id if user_id is not None else seat.user_id,
            changes=[occupant_change(seat.user_id, user_id)],
        )
        return SeatResult(seat=assigned)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return SeatResult(user_errors=[raised.error])


async def _check_seatable(
    session: AsyncSession, database: Database, *, tenant_id: int, user_id: int
) -> None:
    """The user is of the tenant and, given a seat, would be on the seat map (the chart's
    row decides: a deactivated user would not be)."""
    # A deactivation running meanwhile holds the row: this waits and sees its status.
    status = await shared_user_status(session, database, tenant_id=tenant_id, user_id=user_id)
    if status is None:
        raise UserErrorRaised(not_found(USER_FIELD))
    if not policy.answer("visibleInSeatMap", policy.status_facts(status, has_seat=True)):
        raise UserErrorRaised(
            UserErrorData(
                UserErrorCode.USER_DEACTIVATED,
                "A deactivated user is not shown on the seat map: activate them first.",
                USER_FIELD,
            )
        )


async def _set_occupant(session: AsyncSession, *, seat_id: int, user_id: int | None) -> Row[Any]:
    changed = update(_seats).where(_seats.c.id == seat_id).values(user_id=user_id)
    return (await session.execute(changed.returning(*_seats.c))).one()
