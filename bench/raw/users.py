"""The users page with every field of the five subgraphs: one statement per relation."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncConnection

from bench.raw.auth import RawCaller
from bench.raw.values import cursor, global_id, instant, stored


def _by_users(sql: str) -> Any:
    return text(sql).bindparams(bindparam("ids", expanding=True))


_PAGE_FIRST = text(
    "SELECT * FROM users WHERE tenant_id = :tenant ORDER BY display_name, id LIMIT :limit"
)
_PAGE_AFTER = text(
    "SELECT * FROM users WHERE tenant_id = :tenant AND (display_name, id) > (:name, :pk) "
    "ORDER BY display_name, id LIMIT :limit"
)
_TOTAL = text("SELECT count(*) FROM users WHERE tenant_id = :tenant")
_PHONES = _by_users(
    "SELECT id, number, user_id FROM phone_numbers "
    "WHERE user_id IN :ids AND tenant_id = :tenant ORDER BY id"
)
_GROUPS = _by_users(
    "SELECT user_groups.id, user_groups.name, group_memberships.user_id FROM user_groups "
    "JOIN group_memberships ON group_memberships.group_id = user_groups.id "
    "WHERE group_memberships.user_id IN :ids AND user_groups.tenant_id = :tenant "
    "ORDER BY user_groups.name, user_groups.id"
)
_EVENTS = _by_users(
    "SELECT id, action, at, user_id FROM user_status_events "
    "WHERE user_id IN :ids AND tenant_id = :tenant ORDER BY at DESC, id DESC"
)
_INTEGRATIONS = _by_users(
    "SELECT id, provider, account_email, connected_at, user_id FROM video_integrations "
    "WHERE user_id IN :ids AND tenant_id = :tenant ORDER BY connected_at, id"
)
# The newest rows of each user straight off the (tenant, user, started_at) index.
_CALL_PAGES = _by_users(
    "SELECT calls.id, calls.user_id, calls.direction, calls.started_at, "
    "calls.duration_seconds, calls.counterpart_number FROM users JOIN calls ON calls.id IN ("
    "SELECT newest.id FROM calls AS newest WHERE newest.tenant_id = :tenant "
    "AND newest.user_id = users.id ORDER BY newest.started_at DESC, newest.id DESC "
    "LIMIT :limit) WHERE users.id IN :ids AND users.tenant_id = :tenant "
    "ORDER BY calls.user_id, calls.started_at DESC, calls.id DESC"
)
_MEETING_PAGES = _by_users(
    "SELECT meetings.id, meetings.user_id, meetings.provider, meetings.title, "
    "meetings.started_at, meetings.duration_seconds FROM users JOIN meetings ON meetings.id IN ("
    "SELECT newest.id FROM meetings AS newest WHERE newest.tenant_id = :tenant "
    "AND newest.user_id = users.id ORDER BY newest.started_at DESC, newest.id DESC "
    "LIMIT :limit) WHERE users.id IN :ids AND users.tenant_id = :tenant "
    "ORDER BY meetings.user_id, meetings.started_at DESC, meetings.id DESC"
)
_CALL_COUNTS = _by_users(
    "SELECT user_id, count(*) FROM calls WHERE tenant_id = :tenant AND user_id IN :ids "
    "GROUP BY user_id"
)
_MEETING_COUNTS = _by_users(
    "SELECT user_id, count(*) FROM meetings WHERE tenant_id = :tenant AND user_id IN :ids "
    "GROUP BY user_id"
)
_SEATS = _by_users(
    "SELECT id, label, x, y, user_id FROM seats WHERE user_id IN :ids AND tenant_id = :tenant"
)
_HAD_CALLS = _by_users(
    "SELECT DISTINCT user_id FROM calls WHERE tenant_id = :tenant AND user_id IN :ids "
    "AND started_at >= :start AND started_at < :end"
)

HISTORY_FIRST = 3


def _grouped(rows: Sequence[Any], make: Any) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row.user_id].append(make(row))
    return grouped


def _history_page(items: list[tuple[str, dict[str, Any]]], total: int) -> dict[str, Any]:
    edges = [{"cursor": key, "node": node} for key, node in items[:HISTORY_FIRST]]
    return {
        "totalCount": total,
        "pageInfo": {
            "hasNextPage": len(items) > HISTORY_FIRST,
            "endCursor": edges[-1]["cursor"] if edges else None,
        },
        "edges": edges,
    }


def _call(row: Any) -> tuple[str, dict[str, Any]]:
    started_at = instant(row.started_at)
    assert started_at is not None
    node = {
        "id": global_id("Call", row.id),
        "direction": row.direction,
        "startedAt": started_at,
        "durationSeconds": row.duration_seconds,
        "counterpartNumber": row.counterpart_number,
    }
    return cursor("callHistory", started_at, row.id), node


def _meeting(row: Any) -> tuple[str, dict[str, Any]]:
    started_at = instant(row.started_at)
    assert started_at is not None
    node = {
        "id": global_id("Meeting", row.id),
        "provider": row.provider,
        "title": row.title,
        "startedAt": started_at,
        "durationSeconds": row.duration_seconds,
    }
    return cursor("meetingHistory", started_at, row.id), node


async def users_page(
    connection: AsyncConnection,
    caller: RawCaller,
    *,
    first: int,
    after: tuple[str, int] | None,
    start: datetime,
    end: datetime,
) -> dict[str, Any]:
    tenant = caller.tenant_id
    if after is None:
        page = await connection.execute(_PAGE_FIRST, {"tenant": tenant, "limit": first + 1})
    else:
        page = await connection.execute(
            _PAGE_AFTER, {"tenant": tenant, "name": after[0], "pk": after[1], "limit": first + 1}
        )
    rows = page.all()
    users, has_next = rows[:first], len(rows) > first
    total = (await connection.execute(_TOTAL, {"tenant": tenant})).scalar_one()
    keys = {"ids": [row.id for row in users], "tenant": tenant}

    async def grouped(statement: Any, make: Any, **extra: Any) -> dict[int, list[Any]]:
        return _grouped((await connection.execute(statement, {**keys, **extra})).all(), make)

    async def counts(statement: Any) -> dict[int, int]:
        return {user_id: count for user_id, count in await connection.execute(statement, keys)}

    phones = await grouped(
        _PHONES, lambda r: {"id": global_id("PhoneNumber", r.id), "number": r.number}
    )
    groups = await grouped(_GROUPS, lambda r: {"id": global_id("UserGroup", r.id), "name": r.name})
    events = await grouped(
        _EVENTS,
        lambda r: {
            "id": global_id("UserStatusEvent", r.id),
            "action": r.action,
            "at": instant(r.at),
        },
    )
    integrations = await grouped(
        _INTEGRATIONS,
        lambda r: {
            "id": global_id("VideoIntegration", r.id),
            "provider": r.provider,
            "accountEmail": r.account_email,
            "connectedAt": instant(r.connected_at),
        },
    )
    calls = await grouped(_CALL_PAGES, _call, limit=HISTORY_FIRST + 1)
    call_counts = await counts(_CALL_COUNTS)
    meetings = await grouped(_MEETING_PAGES, _meeting, limit=HISTORY_FIRST + 1)
    meeting_counts = await counts(_MEETING_COUNTS)
    seats = {
        row.user_id: {"id": global_id("Seat", row.id), "label": row.label, "x": row.x, "y": row.y}
        for row in (await connection.execute(_SEATS, keys)).all()
    }
    period = {"start": stored(start), "end": stored(end)}
    had_calls = set((await connection.execute(_HAD_CALLS, {**keys, **period})).scalars().all())

    edges = []
    for row in users:
        pk = row.id
        active = row.status == "ACTIVE"
        seat = seats.get(pk)
        node = {
            "id": global_id("User", pk),
            "email": row.email,
            "displayName": row.display_name,
            "role": row.role,
            "status": row.status,
            "active": active,
            "deactivatedAt": instant(row.deactivated_at),
            "admin": active,
            "analytics": active,
            "phone": active,
            "phoneMobile": active,
            "callCenter": active,
            "inAvailableUserList": active,
            "phoneNumbers": phones.get(pk, []),
            "groups": groups.get(pk, []),
            "statusHistory": events.get(pk, []),
            "videoIntegrations": integrations.get(pk, []),
            "callHistory": _history_page(calls.get(pk, []), call_counts.get(pk, 0)),
            "meetingHistory": _history_page(meetings.get(pk, []), meeting_counts.get(pk, 0)),
            "inDashboardConditions": True,
            "inDashboardOverview": True,
            "inDashboardByUser": active,
            "inDashboardByPeriod": True,
            "mentionable": active,
            "inPhoneUserMenu": active,
            "inMobileInternalList": active,
            "inRealtimeMonitor": active,
            "seat": seat,
            "visibleInSeatMap": active and seat is not None,
            "inCallCenterReport": active or pk in had_calls,
        }
        edges.append({"cursor": cursor("users", row.display_name, pk), "node": node})
    return {
        "users": {
            "totalCount": total,
            "pageInfo": {
                "hasNextPage": has_next,
                "endCursor": edges[-1]["cursor"] if edges else None,
            },
            "edges": edges,
        }
    }
