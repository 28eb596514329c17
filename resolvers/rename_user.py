"""The Edit dialog's display name."""

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import User

_users = User.__table__  # type: ignore[attr-defined]


async def rename_user(session: AsyncSession, *, tenant_id: int, user_id: int, name: str) -> None:
    """Set the display name of ``user_id`` of ``tenant_id`` in ``session``'s transaction;
    another tenant's user is untouched."""
    await session.execute(
        update(_users)
        .where(_users.c.id == user_id, _users.c.tenant_id == tenant_id)
        .values(display_name=name)
    )
