"""A tenant's time zone: the zone its local days, periods and rollups are counted in.

Changing it is one UPDATE; the trigger on ``tenants.time_zone`` rebuilds the tenant's
``call_rollups`` in the same transaction (db/rollup_triggers.py), so no read ever sees
days of the old zone under the new one.
"""

from dataclasses import dataclass
from functools import cache
from zoneinfo import available_timezones

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Tenant

_tenants = Tenant.__table__  # type: ignore[attr-defined]
_ZONE_LENGTH = 64  # tenants.time_zone
# Names the zone database ships that are no place's zone (the machine's own, a template).
_NOT_A_PLACE = frozenset({"localtime", "posixrules", "Factory"})


class TimeZoneRefused(ValueError):
    """The zone is no IANA time zone name this system (and its database) knows."""


@dataclass(frozen=True, slots=True)
class TimeZoneChange:
    slug: str
    previous: str
    current: str

    @property
    def changed(self) -> bool:
        return self.previous != self.current


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones()) - _NOT_A_PLACE


def checked_time_zone(name: str) -> str:
    """``name`` when it is an IANA zone name (``Asia/Tokyo``, ``UTC``), else TimeZoneRefused."""
    if name not in _known_zones():
        shown = name if len(name) <= _ZONE_LENGTH and name.isprintable() else repr(name[:64])
        raise TimeZoneRefused(
            f"{shown!r} is no IANA time zone name; use one such as Asia/Tokyo, Europe/London or UTC"
        )
    return name


async def set_tenant_time_zone(
    session: AsyncSession, *, slug: str, time_zone: str
) -> TimeZoneChange:
    """Set the time zone of the tenant ``slug`` in ``session``'s transaction; LookupError
    for no such tenant, TimeZoneRefused for a zone name neither Python nor the database
    knows. The tenant's rollups are rebuilt in the same transaction when it changes."""
    checked_time_zone(time_zone)
    row = (
        await session.execute(
            select(_tenants.c.id, _tenants.c.time_zone)
            .where(_tenants.c.slug == slug)
            .with_for_update()
        )
    ).first()
    if row is None:
        raise LookupError(f"no tenant {slug!r}")
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        known = await session.scalar(
            text("SELECT count(*) FROM pg_timezone_names WHERE name = :name"), {"name": time_zone}
        )
        if not known:
            raise TimeZoneRefused(f"PostgreSQL does not know the time zone {time_zone!r}")
    if row.time_zone != time_zone:
        await session.execute(
            update(_tenants).where(_tenants.c.id == row.id).values(time_zone=time_zone)
        )
    return TimeZoneChange(slug=slug, previous=row.time_zone, current=time_zone)
