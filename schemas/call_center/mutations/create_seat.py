from resolvers.seats.create import create_seat as create
from schemas.call_center.payloads import CreateSeatInput, SeatPayload
from schemas.call_center.types import Seat
from schemas.context import Info
from schemas.errors import user_errors


async def create_seat(info: Info, input: CreateSeatInput) -> SeatPayload:
    result = await create(
        info.context, caller=info.context.caller, label=input.label, x=input.x, y=input.y
    )
    return SeatPayload(
        seat=Seat.from_row(result.seat) if result.seat is not None else None,
        user_errors=user_errors(result.user_errors),
    )
