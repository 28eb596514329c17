"""createSeat: a new, unassigned seat on the tenant's seat map."""

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from db.models import Seat
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised, forbidden
from resolvers.locks import lock_tenant
from resolvers.seats.checks import SeatResult, check_coordinate, check_label_free, checked_label
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

_seats = Seat.__table__  # type: ignore[attr-defined]


async def create_seat(
    context: RosterContext, *, caller: Caller, label: str, x: int, y: int
) -> SeatResult:
    """Create the seat ``label`` at column ``x``, row ``y``, with its audit entry."""
    if not caller.is_admin:
        return SeatResult(user_errors=[forbidden()])
    tenant_id = caller.tenant_id

    async def work(session: AsyncSession) -> SeatResult:
        await lock_tenant(session, database=context.database, tenant_id=tenant_id)
        await check_label_free(session, tenant_id=tenant_id, label=trimmed)
        added = insert(_seats).values(tenant_id=tenant_id, label=trimmed, x=x, y=y)
        seat = (await session.execute(added.returning(*_seats.c))).one()
        await record_audit(
            session,
            tenant_id=tenant_id,
            actor=Actor.of(caller),
            action=AuditAction.SEAT_CREATED,
            target_type="Seat",
            target_id=seat.id,
            changes=[
                FieldChange("label", None, trimmed),
                FieldChange("x", None, x),
                FieldChange("y", None, y),
            ],
        )
        return SeatResult(seat=seat)

    try:
        trimmed = checked_label(label)
        check_coordinate(x, "x")
        check_coordinate(y, "y")
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return SeatResult(user_errors=[raised.error])
