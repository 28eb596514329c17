"""The callCenter subgraph's mutations, one per file."""

import strawberry

from schemas.call_center.mutations.assign_seat import assign_seat
from schemas.call_center.mutations.create_seat import create_seat
from schemas.call_center.mutations.delete_seat import delete_seat
from schemas.subgraph import owned_by


@owned_by("callCenter")
@strawberry.type
class CallCenterMutation:
    create_seat = strawberry.mutation(
        resolver=create_seat, description="Add a seat to the seat map (admins only)."
    )
    assign_seat = strawberry.mutation(
        resolver=assign_seat,
        description="Seat an active user (moving them from their old seat), or free a seat "
        "(admins only).",
    )
    delete_seat = strawberry.mutation(
        resolver=delete_seat, description="Remove a seat from the seat map (admins only)."
    )
