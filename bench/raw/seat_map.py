"""The seat map with its occupants, in one JOIN."""

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from bench.raw.auth import RawCaller
from bench.raw.values import global_id

_SEATS = text(
    "SELECT seats.id, seats.label, seats.x, seats.y, seats.user_id, "
    "users.display_name, users.status FROM seats "
    "LEFT JOIN users ON users.id = seats.user_id AND users.tenant_id = seats.tenant_id "
    "WHERE seats.tenant_id = :tenant ORDER BY seats.label, seats.id"
)


async def seat_map(connection: AsyncConnection, caller: RawCaller) -> dict[str, Any]:
    seats = []
    for row in (await connection.execute(_SEATS, {"tenant": caller.tenant_id})).all():
        occupant = None
        # Deactivated users keep their seat but leave the map.
        if row.status == "ACTIVE":
            occupant = {
                "id": global_id("User", row.user_id),
                "displayName": row.display_name,
                "status": row.status,
                "inPhoneUserMenu": True,
                "inRealtimeMonitor": True,
                "visibleInSeatMap": True,
            }
        seats.append(
            {
                "id": global_id("Seat", row.id),
                "label": row.label,
                "x": row.x,
                "y": row.y,
                "occupant": occupant,
            }
        )
    return {"seatMap": seats}
