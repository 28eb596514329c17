"""Reading one of the tenant's numbers for a change, and what the audit log says of it."""

from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.models import PhoneNumber
from resolvers.audit.record import FieldChange, api_value, changed_fields

phone_numbers = PhoneNumber.__table__  # type: ignore[attr-defined]


async def lock_number(
    session: AsyncSession, database: Database, *, tenant_id: int, where: Any
) -> Row[Any] | None:
    """The tenant's number matching ``where``, locked until the transaction ends (on
    PostgreSQL; SQLite's BEGIN IMMEDIATE already holds the one write lock)."""
    statement = select(phone_numbers).where(phone_numbers.c.tenant_id == tenant_id, where)
    if not database.is_sqlite:
        statement = statement.with_for_update()
    return (await session.execute(statement)).first()


def audited(row: Row[Any] | None) -> dict[str, Any]:
    """The number's fields as the API shows them; nothing for a number that did not exist."""
    if row is None:
        return {"number": None, "user": None}
    return {"number": row.number, "user": api_value(row.user_id, id_type="User")}


def number_changes(before: Row[Any] | None, after: Row[Any]) -> list[FieldChange]:
    return changed_fields(audited(before), audited(after))
