"""Inputs and payloads of the seat mutations."""

import strawberry

from schemas.call_center.types import Seat
from schemas.errors import UserError
from schemas.subgraph import owned_by


@strawberry.input(description="A new seat on the seat map, unassigned.")
class CreateSeatInput:
    label: str = strawberry.field(
        description="1 to 64 characters, trimmed; unique in the tenant, case-insensitively."
    )
    x: int = strawberry.field(description="Column on the seat map, 0 to 10000.")
    y: int = strawberry.field(description="Row on the seat map, 0 to 10000.")


@strawberry.input(description="Who sits at a seat.")
class AssignSeatInput:
    seat_id: strawberry.ID = strawberry.field(description="The seat.")
    user_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="An active user, moved here from their old seat if they had one; null "
        "frees the seat. Whoever sat here before is left without a seat.",
    )


@strawberry.input(description="The seat to delete.")
class DeleteSeatInput:
    seat_id: strawberry.ID = strawberry.field(
        description="The seat; its occupant is left without one."
    )


@owned_by("callCenter", except_fields=())
@strawberry.type(description="A seat as the mutation left it.")
class SeatPayload:
    seat: Seat | None = strawberry.field(description="The seat; null when the input was refused.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@owned_by("callCenter", except_fields=())
@strawberry.type(description="The seat deleted.")
class DeleteSeatPayload:
    deleted_seat_id: strawberry.ID | None = strawberry.field(
        description="The id the seat had; null when the input was refused."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
