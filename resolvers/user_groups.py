"""The tenant's user groups."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, select

from db.models import UserGroup
from resolvers.reader import Reader

_groups = UserGroup.__table__  # type: ignore[attr-defined]


async def user_groups(reader: Reader, *, tenant_id: int) -> Sequence[Row[Any]]:
    """Every group of the tenant, by name then id."""
    return await reader.rows(
        select(_groups)
        .where(_groups.c.tenant_id == tenant_id)
        .order_by(_groups.c.name, _groups.c.id)
    )
