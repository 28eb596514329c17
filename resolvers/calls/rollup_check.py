"""``call_rollups`` against a full scan of the calls: the rows where they differ.

The expected rows are one GROUP BY over every call (of one tenant, or all), each call's
local day read in its tenant's zone by the rule the triggers use (db/rollup_triggers.py):
on PostgreSQL ``(started_at AT TIME ZONE 'UTC' AT TIME ZONE tz)::date``, on SQLite
``roster_local_day``. Both sides meet in one statement, so the answer is one snapshot.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Date, case, cast, func, literal, or_, select, type_coerce, union_all

from db.enums import CallDirection
from db.models import Call, CallRollup, Tenant
from resolvers.reader import Reader

_calls = Call.__table__  # type: ignore[attr-defined]
_rollups = CallRollup.__table__  # type: ignore[attr-defined]
_tenants = Tenant.__table__  # type: ignore[attr-defined]
_FIGURES = ("inbound_count", "inbound_seconds", "outbound_count", "outbound_seconds")


@dataclass(frozen=True, slots=True)
class RollupDifference:
    """One (tenant, local day, user) whose row is not what the calls give: ``None`` for
    a row missing on that side, else (inbound count, inbound seconds, outbound count,
    outbound seconds)."""

    tenant_slug: str
    local_day: date
    user_id: int
    expected: tuple[int, int, int, int] | None
    found: tuple[int, int, int, int] | None


@dataclass(frozen=True, slots=True)
class RollupCheck:
    rollup_rows: int
    differences: list[RollupDifference]


def _local_day(is_sqlite: bool) -> Any:
    if is_sqlite:
        # No CAST on SQLite: its DATE affinity is numeric; the text is the stored form.
        return type_coerce(func.roster_local_day(_calls.c.started_at, _tenants.c.time_zone), Date)
    local = func.timezone(_tenants.c.time_zone, func.timezone("UTC", _calls.c.started_at))
    return cast(local, Date)


def _expected(is_sqlite: bool, tenant_id: int | None) -> Any:
    def sum_of(direction: CallDirection, value: Any) -> Any:
        return func.sum(case((_calls.c.direction == direction, value), else_=0))

    statement = (
        select(
            literal(1).label("expected"),
            _calls.c.tenant_id,
            _local_day(is_sqlite).label("local_day"),
            _calls.c.user_id,
            sum_of(CallDirection.INBOUND, 1).label("inbound_count"),
            sum_of(CallDirection.INBOUND, _calls.c.duration_seconds).label("inbound_seconds"),
            sum_of(CallDirection.OUTBOUND, 1).label("outbound_count"),
            sum_of(CallDirection.OUTBOUND, _calls.c.duration_seconds).label("outbound_seconds"),
        )
        .select_from(_calls.join(_tenants, _tenants.c.id == _calls.c.tenant_id))
        .group_by(_calls.c.tenant_id, "local_day", _calls.c.user_id)
    )
    if tenant_id is not None:
        statement = statement.where(_calls.c.tenant_id == tenant_id)
    return statement


def _found(tenant_id: int | None) -> Any:
    statement = select(
        literal(0).label("expected"),
        _rollups.c.tenant_id,
        _rollups.c.local_day,
        _rollups.c.user_id,
        *(_rollups.c[name] for name in _FIGURES),
    )
    if tenant_id is not None:
        statement = statement.where(_rollups.c.tenant_id == tenant_id)
    return statement


async def check_rollups(reader: Reader, *, tenant_id: int | None = None) -> RollupCheck:
    """Every difference between ``call_rollups`` and the calls (of ``tenant_id`` only,
    when given), by tenant, day and user; and how many rollup rows there are."""
    both = union_all(_expected(reader.database.is_sqlite, tenant_id), _found(tenant_id)).subquery(
        "both_sides"
    )

    def side(expected: int, name: str) -> Any:
        return func.sum(case((both.c.expected == expected, both.c[name]), else_=None))

    def present(expected: int) -> Any:
        return func.sum(case((both.c.expected == expected, 1), else_=0)).label(
            f"present_{expected}"
        )

    keys = (both.c.tenant_id, both.c.local_day, both.c.user_id)
    differs = [
        func.coalesce(side(1, name), -1) != func.coalesce(side(0, name), -1) for name in _FIGURES
    ]
    rows = await reader.rows(
        select(
            *keys,
            _tenants.c.slug,
            present(1),
            present(0),
            *(side(1, name).label(f"expected_{name}") for name in _FIGURES),
            *(side(0, name).label(f"found_{name}") for name in _FIGURES),
        )
        .select_from(both.join(_tenants, _tenants.c.id == both.c.tenant_id))
        .group_by(*keys, _tenants.c.slug)
        .having(or_(*differs))
        .order_by(_tenants.c.slug, both.c.local_day, both.c.user_id)
    )
    counted = select(func.count()).select_from(_rollups)
    if tenant_id is not None:
        counted = counted.where(_rollups.c.tenant_id == tenant_id)
    differences = [
        RollupDifference(
            tenant_slug=row.slug,
            local_day=row.local_day,
            user_id=row.user_id,
            expected=_figures(row, "expected") if row.present_1 else None,
            found=_figures(row, "found") if row.present_0 else None,
        )
        for row in rows
    ]
    return RollupCheck(rollup_rows=int(await reader.scalar(counted)), differences=differences)


def _figures(row: Any, side: str) -> tuple[int, int, int, int]:
    inbound, inbound_seconds, outbound, outbound_seconds = (
        int(row._mapping[f"{side}_{name}"]) for name in _FIGURES
    )
    return inbound, inbound_seconds, outbound, outbound_seconds
