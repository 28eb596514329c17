"""The products' user lists and the seat map: who each screen shows, as the chart says."""

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Row, Select, String, and_, select, type_coerce

from db.models import Seat, User
from resolvers.parameters import TENANT_ID
from resolvers.reader import Reader
from resolvers.visibility import listed_users

_users = User.__table__  # type: ignore[attr-defined]
_seats = Seat.__table__  # type: ignore[attr-defined]


@cache
def _users_listed_by(field: str) -> Select[Any]:
    return (
        select(_users)
        .where(_users.c.tenant_id == TENANT_ID, listed_users(field))
        .order_by(_users.c.display_name, _users.c.id)
    )


async def users_listed_by(reader: Reader, *, tenant_id: int, field: str) -> Sequence[Row[Any]]:
    """The tenant's users that chart row ``field`` lists, by display name then id."""
    return await reader.rows(_users_listed_by(field), {"tenant_id": tenant_id})


# The seat map: every seat by label, on its own or with its occupant's columns in one
# LEFT JOIN. The seat's columns come first and keep their names, so a row of either
# answers as a seat row; the occupant's are the ones a User is built from.
_SEAT_COLUMNS = (_seats.c.id, _seats.c.label, _seats.c.x, _seats.c.y, _seats.c.user_id)
# Role and status as the stored strings: the User built from them maps each to its
# member once, where the columns' Enum type would convert every row first.
_OCCUPANT_COLUMNS = (
    _users.c.email,
    _users.c.display_name,
    type_coerce(_users.c.role, String).label("role"),
    type_coerce(_users.c.status, String).label("status"),
    _users.c.deactivated_at,
    _users.c.external_id,
)
_SEATS = (
    select(*_SEAT_COLUMNS)
    .where(_seats.c.tenant_id == TENANT_ID)
    .order_by(_seats.c.label, _seats.c.id)
)
_SEATS_WITH_OCCUPANTS = (
    select(*_SEAT_COLUMNS, *_OCCUPANT_COLUMNS)
    .outerjoin(
        _users, and_(_users.c.id == _seats.c.user_id, _users.c.tenant_id == _seats.c.tenant_id)
    )
    .where(_seats.c.tenant_id == TENANT_ID)
    .order_by(_seats.c.label, _seats.c.id)
)


async def seat_map_rows(
    reader: Reader, *, tenant_id: int, with_occupants: bool
) -> Sequence[Row[Any]]:
    """Every seat of the tenant, assigned or not, by label then id: ``id, label, x, y,
    user_id``, then, ``with_occupants``, the columns of the seat's user whatever their
    status (null when there is none): ``email, display_name, role, status,
    deactivated_at, external_id``."""
    statement = _SEATS_WITH_OCCUPANTS if with_occupants else _SEATS
    return await reader.rows(statement, {"tenant_id": tenant_id})
