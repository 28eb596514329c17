"""Pages of users: the User List and the lists of available users."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, func, or_, select, tuple_

from db.enums import UserStatus
from db.folding import fold
from db.models import GroupMembership, User
from resolvers.reader import Reader
from resolvers.visibility import listed_users

_users = User.__table__  # type: ignore[attr-defined]
_memberships = GroupMembership.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class UserPage:
    rows: list[Row[Any]]
    has_next_page: bool
    total_count: int


@dataclass(frozen=True, slots=True)
class UserQuery:
    status: UserStatus | None = None
    search: str | None = None
    group_id: int | None = None
    only_field: str | None = None  # a chart row that decides who is listed


def _conditions(tenant_id: int, query: UserQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [_users.c.tenant_id == tenant_id]
    if query.only_field is not None:
        conditions.append(listed_users(query.only_field))
    if query.status is not None:
        conditions.append(_users.c.status == query.status)
    if query.search:
        # Both sides folded in Python: case-insensitive for every script, on both backends.
        folded = fold(query.search)
        conditions.append(
            or_(
                _users.c.display_name_folded.contains(folded, autoescape=True),
                _users.c.email_folded.contains(folded, autoescape=True),
            )
        )
    if query.group_id is not None:
        conditions.append(
            _users.c.id.in_(
                select(_memberships.c.user_id).where(_memberships.c.group_id == query.group_id)
            )
        )
    return conditions


async def page_of_users(
    reader: Reader,
    *,
    tenant_id: int,
    query: UserQuery,
    first: int,
    after: tuple[str, int] | None,
    with_total: bool = True,
) -> UserPage:
    """Users ordered by display name then id; ``after`` is the last (name, id) seen."""
    conditions = _conditions(tenant_id, query)
    page_conditions = list(conditions)
    if after is not None:
        page_conditions.append(
            tuple_(_users.c.display_name, _users.c.id) > tuple_(after[0], after[1])
        )
    rows = list(
        await reader.rows(
            select(_users)
            .where(and_(*page_conditions))
            .order_by(_users.c.display_name, _users.c.id)
            .limit(first + 1)
        )
    )
    total = 0
    if with_total:
        total = int(
            await reader.scalar(select(func.count()).select_from(_users).where(and_(*conditions)))
            or 0
        )
    return UserPage(rows=rows[:first], has_next_page=len(rows) > first, total_count=total)
