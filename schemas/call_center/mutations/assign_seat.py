from resolvers.ids import pk_of
from resolvers.seats.assign import assign_seat as assign
from schemas.call_center.payloads import AssignSeatInput, SeatPayload
from schemas.call_center.types import Seat
from schemas.context import Info
from schemas.errors import user_errors


async def assign_seat(info: Info, input: AssignSeatInput) -> SeatPayload:
    freeing = input.user_id is None
    result = await assign(
        info.context,
        caller=info.context.caller,
        seat_id=pk_of(input.seat_id, "Seat"),
        user_id=None if input.user_id is None else pk_of(input.user_id, "User"),
        freeing=freeing,
    )
    return SeatPayload(
        seat=Seat.from_row(result.seat) if result.seat is not None else None,
        user_errors=user_errors(result.user_errors),
    )
