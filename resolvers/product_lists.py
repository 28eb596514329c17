"""The products' user lists and the seat map: who each screen shows, as the chart says."""

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Row, Select, and_, select

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


_SEATS_OF_TENANT = (
    select(_seats).where(_seats.c.tenant_id == TENANT_ID).order_by(_seats.c.label, _seats.c.id)
)


async def seats_of_tenant(reader: Reader, *, tenant_id: int) -> Sequence[Row[Any]]:
    """Every seat of the tenant, assigned or not, by label then id."""
    return await reader.rows(_SEATS_OF_TENANT, {"tenant_id": tenant_id})


# The seat map reads every occupant at once; by a join, not by thousands of ids.
_SEATED_USERS = (
    select(_users)
    .join(_seats, and_(_seats.c.user_id == _users.c.id, _seats.c.tenant_id == _users.c.tenant_id))
    .where(_seats.c.tenant_id == TENANT_ID)
)


async def seated_users(reader: Reader, *, tenant_id: int) -> Sequence[Row[Any]]:
    """Every user assigned a seat of the tenant, whatever their status."""
    return await reader.rows(_SEATED_USERS, {"tenant_id": tenant_id})
