"""deleteSeat: a seat leaves the map; its occupant, if any, is left without one."""

from dataclasses import dataclass, field

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from db.models import Seat
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorData, UserErrorRaised, forbidden, not_found
from resolvers.locks import lock_tenant
from resolvers.seats.checks import SEAT_FIELD, occupant_change, seat_row
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

_seats = Seat.__table__  # type: ignore[attr-defined]


@dataclass
class SeatDeletion:
    deleted_seat_id: int | None = None
    user_errors: list[UserErrorData] = field(default_factory=list)


async def delete_seat(
    context: RosterContext, *, caller: Caller, seat_id: int | None
) -> SeatDeletion:
    """Delete ``seat_id`` with its audit entry (about its occupant, when it had one)."""
    if not caller.is_admin:
        return SeatDeletion(user_errors=[forbidden()])
    if seat_id is None:
        return SeatDeletion(user_errors=[not_found(SEAT_FIELD, "seat")])
    tenant_id = caller.tenant_id

    async def work(session: AsyncSession) -> SeatDeletion:
        await lock_tenant(session, database=context.database, tenant_id=tenant_id)
        seat = await seat_row(session, tenant_id=tenant_id, seat_id=seat_id)
        await session.execute(delete(_seats).where(_seats.c.id == seat_id))
        changes = [
            FieldChange("label", seat.label, None),
            FieldChange("x", seat.x, None),
            FieldChange("y", seat.y, None),
        ]
        if seat.user_id is not None:
            changes.append(occupant_change(seat.user_id, None))
        await record_audit(
            session,
            tenant_id=tenant_id,
            actor=Actor.of(caller),
            action=AuditAction.SEAT_DELETED,
            target_type="Seat",
            target_id=seat_id,
            target_user_id=seat.user_id,
            changes=changes,
        )
        return SeatDeletion(deleted_seat_id=seat_id)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return SeatDeletion(user_errors=[raised.error])
