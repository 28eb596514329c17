"""The objects the callCenter subgraph owns besides its User fields."""

from collections.abc import Iterable
from typing import Any, Self

import strawberry

from resolvers import policy
from resolvers.ids import to_global_id
from resolvers.loaders.admin import UserByIdLoader
from resolvers.loaders.base import NOT_LOADED, NotLoaded
from resolvers.loaders.call_center import SeatByIdLoader
from schemas.context import Info
from schemas.node import Node
from schemas.node_lookup import node_entity
from schemas.prefetch import loaded
from schemas.subgraph import owned_by
from schemas.user import User


@node_entity(SeatByIdLoader)
@owned_by("callCenter")
@strawberry.federation.type(keys=["id"], description="A desk on the call center's seat map.")
class Seat(Node):
    user_pk: strawberry.Private[int | None]
    # The occupant as the chart shows them, when the seat was read together with its
    # user (the seat map); otherwise NOT_LOADED, and ``occupant`` loads them.
    shown_occupant: strawberry.Private[User | NotLoaded | None] = NOT_LOADED
    label: str = strawberry.field(description="The seat's name on the map, e.g. A-12.")
    x: int = strawberry.field(description="Column on the seat map.")
    y: int = strawberry.field(description="Row on the seat map.")

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            id=strawberry.ID(to_global_id("Seat", row.id)),
            label=row.label,
            x=row.x,
            y=row.y,
            user_pk=row.user_id,
        )

    @classmethod
    def from_rows(cls, rows: Iterable[Any]) -> list[Self]:
        """Seats from rows of ``seat_map_rows`` without occupants (unpacked by position:
        thousands of seats make a map)."""
        return [
            cls(id=strawberry.ID(to_global_id("Seat", pk)), label=label, x=x, y=y, user_pk=user_pk)
            for pk, label, x, y, user_pk in rows
        ]

    @classmethod
    def with_occupants(cls, rows: Iterable[Any]) -> list[Self]:
        """Seats with their occupants, from rows of ``seat_map_rows`` with occupants."""
        seats = []
        for pk, label, x, y, user_pk, *occupant_columns in rows:
            occupant = None
            if occupant_columns[0] is not None:  # the seat's user (an email), found in the tenant
                user = User.from_values(user_pk, *occupant_columns)
                occupant = _visible_occupant(user)
            seats.append(
                cls(
                    id=strawberry.ID(to_global_id("Seat", pk)),
                    label=label,
                    x=x,
                    y=y,
                    user_pk=user_pk,
                    shown_occupant=occupant,
                )
            )
        return seats

    @strawberry.field(
        description="Who sits here: null when the seat is unassigned or its user is "
        "deactivated (the seat itself is kept)."
    )
    def occupant(self, info: Info) -> User | None:
        if self.user_pk is None:
            return None
        if self.shown_occupant is not NOT_LOADED:
            return self.shown_occupant
        loader = info.context.loader(UserByIdLoader)
        return loaded(loader, self.user_pk, lambda row: _visible_occupant(_user(row)))


def _user(row: Any) -> User | None:
    return User.from_row(row) if row is not None else None


def _visible_occupant(user: User | None) -> User | None:
    """The seat's user as the seat map shows them: only while the chart says so."""
    if user is None:
        return None
    facts = policy.facts(user.active, True)
    return user if policy.answer("visibleInSeatMap", facts) else None


@owned_by("callCenter", except_fields=())
@strawberry.type(description="One user's calls in the period of a Call Center report.")
class CallCenterReportRow:
    user: User = strawberry.field(description="The user the row counts.")
    inbound_count: int = strawberry.field(description="Calls the user answered.")
    outbound_count: int = strawberry.field(description="Calls the user made.")
    total_talk_seconds: int = strawberry.field(
        description="Talk time of those calls together, in seconds."
    )

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            user=User.from_row(row),
            inbound_count=int(row.inbound_count),
            outbound_count=int(row.outbound_count),
            total_talk_seconds=int(row.total_talk_seconds),
        )
