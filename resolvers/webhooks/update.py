"""updateWebhookEndpoint: change an endpoint's URL, events, description, or switch it
on and off. Switching a disabled endpoint on clears why it was disabled and its failing
period: its deliveries still PENDING go out again."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from db.models import WebhookEndpoint
from db.types import utcnow
from resolvers.audit.actor import Actor
from resolvers.audit.record import changed_fields, record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised
from resolvers.events.types import EventType
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction
from resolvers.webhooks.checks import (
    EndpointResult,
    checked_description,
    checked_events,
    checked_url,
    endpoint_for_update,
    refusal,
)
from resolvers.webhooks.create import TARGET_TYPE

_endpoints = WebhookEndpoint.__table__  # type: ignore[attr-defined]


def _shown(row: Any) -> dict[str, Any]:
    return {
        "url": row.url,
        "events": list(row.event_types),
        "description": row.description,
        "enabled": row.enabled,
    }


async def update_webhook_endpoint(
    context: RosterContext,
    *,
    caller: Caller,
    endpoint_id: int | None,
    url: str | None = None,
    events: Sequence[EventType] | None = None,
    description: str | None = None,
    enabled: bool | None = None,
) -> EndpointResult:
    """Change what is given (None: keep), in one transaction with its
    WEBHOOK_ENDPOINT_UPDATED entry (none when nothing changed). Admins only."""
    refused = refusal(caller)
    if refused is not None:
        return EndpointResult(user_errors=[refused])
    values: dict[str, Any] = {}
    try:
        if url is not None:
            values["url"] = await checked_url(url, context.webhook_urls)
        if events is not None:
            values["event_types"] = checked_events(events)
        if description is not None:
            values["description"] = checked_description(description)
    except UserErrorRaised as raised:
        return EndpointResult(user_errors=[raised.error])

    async def work(session: AsyncSession) -> EndpointResult:
        row = await endpoint_for_update(
            session,
            database=context.database,
            tenant_id=caller.tenant_id,
            endpoint_id=endpoint_id,
        )
        changes = dict(values)
        now = utcnow()
        if enabled is not None and enabled != row.enabled:
            changes["enabled"] = enabled
            if enabled:
                changes |= {"disabled_reason": None, "disabled_at": None, "failing_since": None}
            else:
                changes |= {"disabled_reason": "Disabled by an admin.", "disabled_at": now}
        after = _shown(row) | {
            "url": changes.get("url", row.url),
            "events": list(changes.get("event_types", row.event_types)),
            "description": changes.get("description", row.description),
            "enabled": changes.get("enabled", row.enabled),
        }
        changed = changed_fields(_shown(row), after)
        if not changed:
            return EndpointResult(endpoint=row)
        updated = (
            await session.execute(
                update(_endpoints)
                .where(_endpoints.c.id == row.id)
                .values(**changes, updated_at=now)
                .returning(*_endpoints.c)
            )
        ).one()
        await record_audit(
            session,
            tenant_id=caller.tenant_id,
            actor=Actor.of(caller),
            action=AuditAction.WEBHOOK_ENDPOINT_UPDATED,
            target_type=TARGET_TYPE,
            target_id=row.id,
            changes=changed,
            at=now,
        )
        return EndpointResult(endpoint=updated)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return EndpointResult(user_errors=[raised.error])
