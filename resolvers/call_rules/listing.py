"""Listing incoming call rules, and whether each can still receive calls."""

from typing import Any

from sqlalchemy import Row, not_, select

from db.models import IncomingCallRule
from resolvers.reader import Reader
from resolvers.visibility import listed_call_rules

_rules = IncomingCallRule.__table__  # type: ignore[attr-defined]


async def incoming_call_rules(
    reader: Reader, *, tenant_id: int, receivable: bool | None
) -> list[Row[Any]]:
    statement = select(_rules).where(_rules.c.tenant_id == tenant_id).order_by(_rules.c.id)
    if receivable is not None:
        receives = listed_call_rules("receivable")
        statement = statement.where(receives if receivable else not_(receives))
    return list(await reader.rows(statement))
