"""The audit entries a test's changes wrote, as exact data."""

from typing import Any

from sqlalchemy import select

from db.engine import Database
from db.models import AuditEntry

_entries = AuditEntry.__table__  # type: ignore[attr-defined]


async def audit_entries(database: Database, *actions: str) -> list[dict[str, Any]]:
    """Every audit entry (of ``actions``, if given) in the order written, without its
    time and id."""
    statement = select(_entries).order_by(_entries.c.id)
    if actions:
        statement = statement.where(_entries.c.action.in_(actions))
    async with database.session() as session:
        rows = (await session.execute(statement)).all()
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
