"""What provisioning tests compare: whole tables before and after, rows without instants."""

from datetime import datetime
from typing import Any

from sqlalchemy import Row, select

from db.engine import Database
from db.models import (
    GroupMembership,
    IncomingCallRule,
    User,
    UserGroup,
    UserStatusEvent,
    VideoIntegration,
)
from resolvers.people.enterprise import EnterpriseFields
from resolvers.people.provisioning import ProvisionedFields
from tests.audit_rows import audit_entries

TABLES = (User, UserGroup, GroupMembership, UserStatusEvent, VideoIntegration, IncomingCallRule)
INSTANTS = ("created_at", "updated_at", "deactivated_at", "scim_detached_at")


async def snapshot(database: Database) -> dict[str, Any]:
    """Every row of every table a provisioning write may touch, and the audit log."""
    tables: dict[str, Any] = {}
    async with database.session() as session:
        for model in TABLES:
            table = model.__table__  # type: ignore[attr-defined]
            rows = await session.execute(select(table).order_by(*table.primary_key.columns))
            tables[table.name] = [dict(row._mapping) for row in rows]
    tables["audit"] = await audit_entries(database)
    return tables


async def user_row(database: Database, user_id: int) -> Row[Any]:
    users = User.__table__  # type: ignore[attr-defined]
    async with database.session() as session:
        return (await session.execute(select(users).where(users.c.id == user_id))).one()


async def group_row(database: Database, group_id: int) -> Row[Any] | None:
    groups = UserGroup.__table__  # type: ignore[attr-defined]
    async with database.session() as session:
        return (await session.execute(select(groups).where(groups.c.id == group_id))).first()


async def member_ids(database: Database, group_id: int) -> list[int]:
    memberships = GroupMembership.__table__  # type: ignore[attr-defined]
    async with database.session() as session:
        return list(
            await session.scalars(
                select(memberships.c.user_id)
                .where(memberships.c.group_id == group_id)
                .order_by(memberships.c.user_id)
            )
        )


async def status_events(database: Database, user_id: int) -> list[tuple[str, str, Any]]:
    """(action, actor_kind, actor_id) of the user's status events, oldest first."""
    events = UserStatusEvent.__table__  # type: ignore[attr-defined]
    async with database.session() as session:
        rows = await session.execute(
            select(events.c.action, events.c.actor_kind, events.c.actor_id)
            .where(events.c.user_id == user_id)
            .order_by(events.c.id)
        )
        return [(str(a), str(k), i) for a, k, i in rows]


def without_instants(row: Row[Any]) -> dict[str, Any]:
    """The row's columns but its instants, which each test checks on their own."""
    return {key: value for key, value in row._mapping.items() if key not in INSTANTS}


def is_instant(value: Any) -> bool:
    return isinstance(value, datetime) and value.tzinfo is not None


def fields(
    user_name: str = "Nia.New@Acme.example",
    *,
    email: str = "nia.new@acme.example",
    display_name: str = "Nia New",
    given_name: str | None = "Nia",
    family_name: str | None = "New",
    external_id: str | None = "00u1nia",
    enterprise: EnterpriseFields | None = None,
) -> ProvisionedFields:
    return ProvisionedFields(
        user_name=user_name,
        email=email,
        display_name=display_name,
        given_name=given_name,
        family_name=family_name,
        external_id=external_id,
        enterprise=enterprise or EnterpriseFields(),
    )


def ids(*rows: Any) -> list[int]:
    """The primary keys of ``rows``, in the order given."""
    return [int(row.id) for row in rows]
