"""A tenant with an admin (whose token calls) and Ben, whom the calls try to change."""

from typing import Any

from sqlmodel import select

from db.engine import Database
from db.enums import Role, UserStatus
from db.models import User
from tests.factories import make_tenant, make_token, make_user


async def admin_and_ben(database: Database) -> dict[str, Any]:
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    return {"token": await make_token(database, admin), "ben": ben}


async def ben_status(database: Database, world: dict[str, Any]) -> UserStatus:
    async with database.session() as session:
        status = await session.scalar(select(User.status).where(User.id == world["ben"].id))
    return UserStatus(status)
