"""The statements of one batch: a fixed few, however many calls it holds."""

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import ARRAY, DateTime, Integer, Row, String, bindparam, cast, func, select
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


def _pg_insert_from_arrays() -> Any:
    """INSERT ... SELECT FROM unnest(one array per column): one statement of seven
    parameters however many rows, compiled once. A VALUES list of 1,000 rows is 7,000
    parameters, and SQLAlchemy compiles it anew for every batch (most of its time)."""
    arrays = (
        func.unnest(
            *(bindparam(name, type_=ARRAY(column_type)) for name, column_type in _PG_ARRAY_TYPES)
        )
        .table_valued(*(name for name, _ in _PG_ARRAY_TYPES))
        .render_derived(name="batch")
    )
    return (
        postgresql.insert(_calls)
        .from_select(
            [name for name, _ in _PG_ARRAY_TYPES],
            # Each as its column's own type (direction is an enum type on PostgreSQL).
            select(*(cast(arrays.c[name], _calls.c[name].type) for name, _ in _PG_ARRAY_TYPES)),
        )
        .on_conflict_do_nothing(index_elements=[_calls.c.tenant_id, _calls.c.external_id])
        .returning(*_CALL_COLUMNS)
    )


_PG_ARRAY_TYPES = (
    ("tenant_id", Integer()),
    ("external_id", String()),
    ("user_id", Integer()),
    ("direction", String()),
    # Stored naive UTC (db.types.UTCDateTime); the array's items are converted here.
    ("started_at", DateTime()),
    ("duration_seconds", Integer()),
    ("counterpart_number", String()),
)
_PG_INSERT = _pg_insert_from_arrays()
_SQLITE_INSERT = (
    sqlite.insert(_calls)
    .on_conflict_do_nothing(index_elements=[_calls.c.tenant_id, _calls.c.external_id])
    .returning(*_CALL_COLUMNS)
)


async def insert_new_calls(
    session: AsyncSession, *, is_sqlite: bool, rows: Sequence[dict[str, Any]]
) -> list[Row[Any]]:
    """Insert ``rows`` in one multi-row INSERT ... ON CONFLICT DO NOTHING RETURNING; those
    whose external id the tenant already has are skipped. Answers the rows inserted. On
    PostgreSQL, a concurrent transaction inserting the same external id makes this one
    wait for its outcome, so exactly one of the two counts the call."""
    if not rows:
        return []
    if is_sqlite:
        # SQLAlchemy's "insertmanyvalues" sends these as one multi-row VALUES statement
        # (up to 1,000 rows, so one for any batch recordCalls takes), compiled once.
        return list((await session.execute(_SQLITE_INSERT, list(rows))).all())
    columns = {
        name: [row[name] for row in rows] for name, _ in _PG_ARRAY_TYPES if name != "started_at"
    }
    columns["started_at"] = [row["started_at"].replace(tzinfo=None) for row in rows]
    return list((await session.execute(_PG_INSERT, columns)).all())


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
