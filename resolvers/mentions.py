"""Mention autocomplete: who the comment box suggests for a typed fragment."""

from typing import Any

from sqlalchemy import ColumnElement, Row, or_, select

from db.models import User
from resolvers.reader import Reader
from resolvers.visibility import listed_users

_users = User.__table__  # type: ignore[attr-defined]


async def mention_suggestions(
    reader: Reader, *, tenant_id: int, query: str, first: int
) -> list[Row[Any]]:
    """Users ``mentionable`` shows whose display name or email contains ``query``, by name."""
    conditions: list[ColumnElement[bool]] = [
        _users.c.tenant_id == tenant_id,
        listed_users("mentionable"),
    ]
    fragment = query.strip()
    if fragment:
        conditions.append(
            or_(
                _users.c.display_name.icontains(fragment, autoescape=True),
                _users.c.email.icontains(fragment, autoescape=True),
            )
        )
    return list(
        await reader.rows(
            select(_users)
            .where(*conditions)
            .order_by(_users.c.display_name, _users.c.id)
            .limit(first)
        )
    )
