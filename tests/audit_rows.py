"""The audit log as stored: what tests compare the entries a mutation wrote against."""

from typing import Any

from sqlalchemy import func, select

from db.engine import Database
from db.models import AuditEntry
from resolvers.ids import to_global_id


async def audit_entries(database: Database, *actions: str) -> list[dict[str, Any]]:
    """Every audit entry (of ``actions``, if given), oldest first, without its id and instant."""
    statement = select(AuditEntry).order_by(AuditEntry.id)  # type: ignore[arg-type]
    if actions:
        statement = statement.where(AuditEntry.action.in_(actions))  # type: ignore[attr-defined]
    async with database.session() as session:
        rows = (await session.execute(statement)).scalars().all()
    return [
        {
            "tenant_id": row.tenant_id,
            "actor_kind": row.actor_kind,
            "actor_id": row.actor_id,
            "action": row.action,
            "target_type": row.target_type,
            "target_id": row.target_id,
            "target_user_id": row.target_user_id,
            "changes": row.changes,
        }
        for row in rows
    ]


async def audit_count(database: Database) -> int:
    async with database.session() as session:
        return int(await session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def gids(type_name: str, *rows: Any) -> list[str]:
    """Global ids of ``rows``, by primary key: the order the audit log lists members in."""
    return [to_global_id(type_name, pk) for pk in sorted(row.id for row in rows)]
