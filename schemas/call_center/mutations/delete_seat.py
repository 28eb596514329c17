import strawberry

from resolvers.ids import pk_of, to_global_id
from resolvers.seats.delete import delete_seat as delete
from schemas.call_center.payloads import DeleteSeatInput, DeleteSeatPayload
from schemas.context import Info
from schemas.errors import user_errors


async def delete_seat(info: Info, input: DeleteSeatInput) -> DeleteSeatPayload:
    result = await delete(
        info.context, caller=info.context.caller, seat_id=pk_of(input.seat_id, "Seat")
    )
    deleted = result.deleted_seat_id
    return DeleteSeatPayload(
        deleted_seat_id=strawberry.ID(to_global_id("Seat", deleted))
        if deleted is not None
        else None,
        user_errors=user_errors(result.user_errors),
    )
