"""``roster rollups verify | rebuild`` and ``roster tenant set-time-zone``: thin doors to
resolvers/calls/rollup_check.py, db/rollup_triggers.py and resolvers/tenant_time_zone.py."""

from sqlalchemy import func, select

from db import rollup_triggers
from db.engine import Database
from db.models import CallRollup, Tenant
from resolvers.calls.rollup_check import RollupCheck, RollupDifference, check_rollups
from resolvers.reader import Reader
from resolvers.tenant_time_zone import TimeZoneChange, set_tenant_time_zone

_tenants = Tenant.__table__  # type: ignore[attr-defined]
_rollups = CallRollup.__table__  # type: ignore[attr-defined]


async def _tenant_id(reader: Reader, slug: str | None) -> int | None:
    if slug is None:
        return None
    tenant_id = await reader.scalar(select(_tenants.c.id).where(_tenants.c.slug == slug))
    if tenant_id is None:
        raise LookupError(f"no tenant {slug!r}")
    return int(tenant_id)


async def verify_rollups(database_url: str, *, tenant: str | None) -> RollupCheck:
    """The differences between ``call_rollups`` and a full scan of the calls."""
    database = Database(database_url)
    reader = Reader(database)
    try:
        return await check_rollups(reader, tenant_id=await _tenant_id(reader, tenant))
    finally:
        await reader.finish()
        await database.dispose()


async def rebuild_rollups(database_url: str, *, tenant: str | None) -> int:
    """Recompute the rollups (of ``tenant`` only, when given) from the calls in one
    transaction; the number of rows they then hold."""
    database = Database(database_url)
    try:
        async with database.engine.begin() as connection:
            tenant_id = tenant_ids = None
            if tenant is not None:
                tenant_id = await connection.scalar(
                    select(_tenants.c.id).where(_tenants.c.slug == tenant)
                )
                if tenant_id is None:
                    raise LookupError(f"no tenant {tenant!r}")
                tenant_ids = [tenant_id]
            await connection.run_sync(rollup_triggers.rebuild, tenant_ids)
            counted = select(func.count()).select_from(_rollups)
            if tenant_id is not None:
                counted = counted.where(_rollups.c.tenant_id == tenant_id)
            return int(await connection.scalar(counted) or 0)
    finally:
        await database.dispose()


async def change_time_zone(database_url: str, *, slug: str, time_zone: str) -> TimeZoneChange:
    database = Database(database_url)
    try:
        async with database.write_sessions() as session, session.begin():
            return await set_tenant_time_zone(session, slug=slug, time_zone=time_zone)
    finally:
        await database.dispose()


def difference_line(difference: RollupDifference) -> str:
    def shown(figures: tuple[int, int, int, int] | None) -> str:
        if figures is None:
            return "no row"
        inbound, inbound_seconds, outbound, outbound_seconds = figures
        return (
            f"inbound {inbound} ({inbound_seconds} s), outbound {outbound} ({outbound_seconds} s)"
        )

    return (
        f"{difference.tenant_slug} {difference.local_day.isoformat()} user {difference.user_id}: "
        f"expected {shown(difference.expected)}, found {shown(difference.found)}"
    )
