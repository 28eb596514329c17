"""What a scheduling mutation answers: the queued change, or why it was refused."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ScheduledStatusChange
from resolvers.errors import UserErrorData

changes_table = ScheduledStatusChange.__table__  # type: ignore[attr-defined]


@dataclass
class ScheduledChangeResult:
    change: Row[Any] | None = None
    user_errors: list[UserErrorData] = field(default_factory=list)


async def change_row(session: AsyncSession, *, tenant_id: int, change_id: int) -> Row[Any] | None:
    """The scheduled change ``change_id`` of ``tenant_id``, as stored now."""
    result = await session.execute(
        select(changes_table).where(
            changes_table.c.id == change_id, changes_table.c.tenant_id == tenant_id
        )
    )
    return result.first()
