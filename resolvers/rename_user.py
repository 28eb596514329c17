"""The Edit dialog's display name."""

from sqlalchemy import update

from db.engine import Database
from db.models import User
from resolvers.retry import retry_on_lock

_users = User.__table__  # type: ignore[attr-defined]


async def rename_user(database: Database, *, tenant_id: int, user_id: int, name: str) -> None:
    """Set the display name of ``user_id`` of ``tenant_id``; another tenant's user is untouched."""

    async def write() -> None:
        async with database.write_sessions() as session, session.begin():
            await session.execute(
                update(_users)
                .where(_users.c.id == user_id, _users.c.tenant_id == tenant_id)
                .values(display_name=name)
            )

    await retry_on_lock(write)
