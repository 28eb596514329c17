"""What the scheduling tests share: a fixed clock, the acme world plus globex, and reads."""

from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from db.engine import Database
from db.enums import Role, ScheduledChangeState, UserStatus, UserStatusAction
from db.models import ScheduledStatusChange, User, UserStatusEvent
from resolvers.context import make_context
from resolvers.schedule.outcome import ScheduledChangeResult
from resolvers.schedule.schedule import schedule_status_change
from resolvers.tokens import Caller
from tests.admin.world import World, build_world
from tests.audit_rows import audit_entries
from tests.factories import add, make_tenant, make_user

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


@dataclass
class ScheduleWorld(World):
    globex_user: User  # a user of another tenant


async def build_schedule_world(database: Database) -> ScheduleWorld:
    acme = await build_world(database)
    globex = await make_tenant(database, "globex")
    return ScheduleWorld(
        **{field.name: getattr(acme, field.name) for field in fields(acme)},
        globex_user=await make_user(database, globex, "Gil Gray"),
    )


async def schedule(
    database: Database,
    caller: Caller,
    user: User,
    action: UserStatusAction = UserStatusAction.DEACTIVATED,
    *,
    at: datetime = NOW + timedelta(minutes=5),
    reassign_to: User | None = None,
) -> ScheduledChangeResult:
    context = make_context(database, caller)
    try:
        return await schedule_status_change(
            context,
            caller=caller,
            tenant_id=caller.tenant_id,
            user_id=user.id,
            action=action,
            at=at,
            reassign_rules_to=reassign_to.id if reassign_to else None,
            reassign_given=reassign_to is not None,
            clock=clock,
        )
    finally:
        await context.close()


async def queue_row(
    database: Database,
    caller: Caller,
    user: User,
    action: UserStatusAction = UserStatusAction.DEACTIVATED,
    *,
    at: datetime = NOW,
    reassign_to: User | None = None,
) -> ScheduledStatusChange:
    """A PENDING change written straight to the queue (so ``at`` may be due already)."""
    (row,) = await add(
        database,
        ScheduledStatusChange(
            tenant_id=caller.tenant_id,
            user_id=user.id,
            action=action.value,
            at=at,
            reassign_rules_to_id=reassign_to.id if reassign_to else None,
            created_by_id=caller.user_id,
            created_at=at - timedelta(days=1),
            state=ScheduledChangeState.PENDING.value,
        ),
    )
    return row


async def rows_of(database: Database, model: type, *order: str) -> list[Any]:
    table = model.__table__  # type: ignore[attr-defined]
    async with database.session() as session:
        result = await session.execute(
            select(table).order_by(*(table.c[name] for name in order or ("id",)))
        )
        return list(result.all())


async def changes(database: Database) -> list[Any]:
    return await rows_of(database, ScheduledStatusChange)


async def audit(database: Database) -> list[dict[str, Any]]:
    """Every audit entry, without its tenant, id and time, in the order written."""
    return [
        {key: value for key, value in entry.items() if key != "tenant_id"}
        for entry in await audit_entries(database)
    ]


async def events(database: Database) -> list[Any]:
    return await rows_of(database, UserStatusEvent)


async def user_row(database: Database, user: User) -> Any:
    table = User.__table__  # type: ignore[attr-defined]
    async with database.session() as session:
        return (await session.execute(select(table).where(table.c.id == user.id))).one()


async def set_role(database: Database, user: User, role: Role) -> None:
    table = User.__table__  # type: ignore[attr-defined]
    async with database.write_sessions() as session, session.begin():
        await session.execute(table.update().where(table.c.id == user.id).values(role=role))


async def set_status(database: Database, user: User, status: UserStatus) -> None:
    """Behind the status path's back: only the facts a later run must notice."""
    table = User.__table__  # type: ignore[attr-defined]
    async with database.write_sessions() as session, session.begin():
        await session.execute(table.update().where(table.c.id == user.id).values(status=status))
