"""The subscriptions stage's database and its writer: a tenant with an admin and a user
whose status is toggled, each toggle a real status change (``apply_status_change``, its
outbox row and its announcement) in its own transaction.

Run as a module, the writer is the other process of the cross-process setup:
``python -m bench.subscription_world URL TENANT USER COUNT PAUSE`` prints one JSON object,
event id -> the moment (``time.monotonic``, one clock for every process of a machine)
its transaction's commit returned.
"""

import asyncio
import sys
import time
from typing import Any

import orjson
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers every table)
from db.engine import Database
from db.enums import ActorKind, Role, UserStatus
from db.models import Tenant, User
from resolvers.audit.actor import Actor
from resolvers.events.types import EventNotice
from resolvers.status.change import apply_status_change


async def build_world(database: Database) -> tuple[int, int]:
    """Every table, a tenant, its admin and the user to toggle: (tenant id, user id)."""
    async with database.engine.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all)
    async with database.write_sessions() as session, session.begin():
        tenant = Tenant(name="Bench", slug="bench")
        session.add(tenant)
        await session.flush()
        assert tenant.id is not None
        users = [
            User(
                tenant_id=tenant.id,
                email=f"{name.split()[0].lower()}@bench.example",
                display_name=name,
                role=role,
                status=UserStatus.ACTIVE,
            )
            for name, role in (("Ada Admin", Role.ADMIN), ("Ben Bell", Role.MEMBER))
        ]
        session.add_all(users)
        await session.flush()
        assert users[1].id is not None
        return tenant.id, users[1].id


async def commit_changes(
    database: Database, *, tenant_id: int, user_id: int, count: int, pause: float
) -> dict[int, float]:
    """Toggle the user ``count`` times, ``pause`` seconds apart; event id -> commit time."""
    committed: dict[int, float] = {}

    def stamp(items: list[Any]) -> None:
        moment = time.monotonic()
        for item in items:
            if isinstance(item, EventNotice) and item.event_id is not None:
                committed[item.event_id] = moment

    # First in the list: the moment is taken before any bus sees the commit.
    database.commit_listeners.insert(0, stamp)
    try:
        for index in range(count):
            target = UserStatus.DEACTIVATED if index % 2 == 0 else UserStatus.ACTIVE
            async with database.write_sessions() as session, session.begin():
                await apply_status_change(
                    session,
                    database=database,
                    caller=None,
                    tenant_id=tenant_id,
                    user_id=user_id,
                    target=target,
                    actor=Actor(ActorKind.CLI),
                )
            await asyncio.sleep(pause)
    finally:
        database.commit_listeners.remove(stamp)
    return committed


async def _write(url: str, tenant_id: int, user_id: int, count: int, pause: float) -> None:
    database = Database(url)
    try:
        committed = await commit_changes(
            database, tenant_id=tenant_id, user_id=user_id, count=count, pause=pause
        )
    finally:
        await database.dispose()
    sys.stdout.buffer.write(orjson.dumps({str(key): value for key, value in committed.items()}))


if __name__ == "__main__":
    url, tenant, user, count, pause = sys.argv[1:6]
    asyncio.run(_write(url, int(tenant), int(user), int(count), float(pause)))
