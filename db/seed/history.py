"""Video integrations of a demo tenant and the status events that explain who lacks them.

Deactivation deletes a user's integrations and snapshots them in its event, so a
deactivated user's integrations appear only in that snapshot, never as rows.
"""

import random
from datetime import datetime, timedelta
from typing import Any

from db.enums import IncomingCallAction, UserStatusAction, VideoProvider
from db.seed.ids import IdCounters
from db.seed.people import PlannedUser

INTEGRATED_SHARE = 0.7
PROVIDERS = tuple(VideoProvider)


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    span = (end - start).total_seconds()
    return start + timedelta(seconds=int(span * rng.uniform(0.02, 0.6)))


def _connect(
    rng: random.Random, ids: IdCounters, user: PlannedUser, *, start: datetime, end: datetime
) -> list[dict[str, Any]]:
    count = 1 if rng.random() < 0.75 else (2 if rng.random() < 0.8 else 3)
    chosen = set(rng.sample(PROVIDERS, count))
    return [
        {
            "id": ids.next("video_integrations"),
            "tenant_id": user.tenant_id,
            "user_id": user.id,
            "provider": provider,
            "account_email": user.email,
            "connected_at": _between(rng, start, end),
        }
        for provider in PROVIDERS
        if provider in chosen
    ]


def _snapshot(integration: dict[str, Any]) -> dict[str, Any]:
    """The shape the status change code path records for a deleted integration."""
    return {
        "id": integration["id"],
        "provider": str(integration["provider"]),
        "account_email": integration["account_email"],
        "connected_at": integration["connected_at"].isoformat(),
    }


def plan_video_and_history(
    users: list[PlannedUser],
    rules: list[dict[str, Any]],
    *,
    rng: random.Random,
    ids: IdCounters,
    now: datetime,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Returns the integration rows and the status event rows; sets each user's providers."""
    integrations: list[dict[str, Any]] = []
    removed: dict[tuple[int, datetime], list[dict[str, Any]]] = {}
    # One deactivated user surely had integrations, so the demo shows a removal snapshot.
    showcase = next((user.id for user in users if not user.active), None)
    for user in users:
        start = user.created_at
        if user.returned is not None:
            left, back = user.returned
            if rng.random() < INTEGRATED_SHARE:
                gone = _connect(rng, ids, user, start=start, end=left)
                removed[(user.id, left)] = [_snapshot(row) for row in gone]
            start = back
        if user.id != showcase and rng.random() >= INTEGRATED_SHARE:
            continue
        connected = _connect(rng, ids, user, start=start, end=user.active_until(now))
        user.providers = tuple(row["provider"] for row in connected)
        if user.deactivated_at is None:
            integrations.extend(connected)
        else:
            removed[(user.id, user.deactivated_at)] = [_snapshot(row) for row in connected]
    return integrations, _events(users, rules, removed=removed, ids=ids)


def _events(
    users: list[PlannedUser],
    rules: list[dict[str, Any]],
    *,
    removed: dict[tuple[int, datetime], list[dict[str, Any]]],
    ids: IdCounters,
) -> list[dict[str, Any]]:
    actor = users[0]
    rules_by_target: dict[int, list[int]] = {}
    for rule in sorted(rules, key=lambda rule: rule["id"]):
        if rule["action"] is IncomingCallAction.CALL_SPECIFIC_USER:
            rules_by_target.setdefault(rule["target_user_id"], []).append(rule["id"])

    def event(user: PlannedUser, action: UserStatusAction, at: datetime) -> dict[str, Any]:
        deactivating = action is UserStatusAction.DEACTIVATED
        still_targeted = deactivating and at == user.deactivated_at
        return {
            "tenant_id": user.tenant_id,
            "user_id": user.id,
            "actor_id": actor.id,
            "action": action,
            "at": at,
            "removed_video_integrations": removed.get((user.id, at), []),
            "affected_incoming_call_rule_ids": rules_by_target.get(user.id, [])
            if still_targeted
            else [],
        }

    events = []
    for user in users:
        if user.returned is not None:
            left, back = user.returned
            events.append(event(user, UserStatusAction.DEACTIVATED, left))
            events.append(event(user, UserStatusAction.ACTIVATED, back))
        if user.deactivated_at is not None:
            events.append(event(user, UserStatusAction.DEACTIVATED, user.deactivated_at))
    events.sort(key=lambda row: (row["at"], row["user_id"]))
    for row in events:
        row["id"] = ids.next("user_status_events")
    return events
