"""The products' user lists and the seat map: who each screen shows, as the chart says."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, select

from db.models import Seat, User
from resolvers.reader import Reader
from resolvers.visibility import listed_users

_users = User.__table__  # type: ignore[attr-defined]
_seats = Seat.__table__  # type: ignore[attr-defined]


async def users_listed_by(reader: Reader, *, tenant_id: int, field: str) -> Sequence[Row[Any]]:
    """The tenant's users that chart row ``field`` lists, by display name then id."""
    return await reader.rows(
        select(_users)
        .where(_users.c.tenant_id == tenant_id, listed_users(field))
        .order_by(_users.c.display_name, _users.c.id)
    )


async def seats_of_tenant(reader: Reader, *, tenant_id: int) -> Sequence[Row[Any]]:
    """Every seat of the tenant, assigned or not, by label then id."""
    return await reader.rows(
        select(_seats).where(_seats.c.tenant_id == tenant_id).order_by(_seats.c.label, _seats.c.id)
    )
