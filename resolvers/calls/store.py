"""The statements of one batch: a fixed few, however many calls it holds."""

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Call, User

LARGEST_KEY = 2**31 - 1
_calls = Call.__table__  # type: ignore[attr-defined]
_users = User.__table__  # type: ignore[attr-defined]
_CALL_COLUMNS = (
    _calls.c.id,
    _calls.c.external_id,
    _calls.c.user_id,
    _calls.c.direction,
    _calls.c.started_at,
    _calls.c.duration_seconds,
    _calls.c.counterpart_number,
)


async def users_in_tenant(
    session: AsyncSession, *, tenant_id: int, user_ids: Collection[int]
) -> set[int]:
    """Which of ``user_ids`` are users of the tenant, deactivated ones included."""
    # A global id may carry any 18 digits; PostgreSQL refuses a bind past the key's INTEGER.
    possible = [pk for pk in user_ids if 0 < pk <= LARGEST_KEY]
    if not possible:
        return set()
    statement = select(_users.c.id).where(
        _users.c.tenant_id == tenant_id, _users.c.id.in_(possible)
    )
    return set((await session.scalars(statement)).all())


async def insert_new_calls(
    session: AsyncSession, *, is_sqlite: bool, rows: Sequence[dict[str, Any]]
) -> list[Row[Any]]:
    """Insert ``rows`` in one statement; those whose external id the tenant already has
    are skipped. Answers the rows inserted. On PostgreSQL, a concurrent transaction
    inserting the same external id makes this one wait for its outcome, so exactly one
    of the two counts the call."""
    if not rows:
        return []
    dialect_insert = sqlite.insert if is_sqlite else postgresql.insert
    statement = (
        dialect_insert(_calls)
        .values(list(rows))
        .on_conflict_do_nothing(index_elements=[_calls.c.tenant_id, _calls.c.external_id])
        .returning(*_CALL_COLUMNS)
    )
    return list((await session.execute(statement)).all())


async def calls_by_external_id(
    session: AsyncSession, *, tenant_id: int, external_ids: Collection[str]
) -> dict[str, Any]:
    """The tenant's stored calls with these external ids."""
    if not external_ids:
        return {}
    statement = select(*_CALL_COLUMNS).where(
        _calls.c.tenant_id == tenant_id, _calls.c.external_id.in_(list(external_ids))
    )
    return {row.external_id: row for row in (await session.execute(statement)).all()}
