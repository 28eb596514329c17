"""Reading one of the tenant's rules for a change, its row locked until the change ends."""

from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from resolvers.call_rules.fields import rules
from resolvers.errors import UserErrorRaised, not_found

RULE_FIELD = ("input", "ruleId")


async def lock_rule(
    session: AsyncSession, database: Database, *, tenant_id: int, rule_id: int | None
) -> Row[Any]:
    """The tenant's rule ``rule_id``; NOT_FOUND for none (or another tenant's)."""
    row = None
    if rule_id is not None:
        statement = select(rules).where(rules.c.id == rule_id, rules.c.tenant_id == tenant_id)
        if not database.is_sqlite:
            # SQLite's BEGIN IMMEDIATE already holds the one write lock.
            statement = statement.with_for_update()
        row = (await session.execute(statement)).first()
    if row is None:
        raise UserErrorRaised(not_found(RULE_FIELD, "incoming call rule"))
    return row
