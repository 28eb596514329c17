"""createWebhookEndpoint: a product service's URL that receives the tenant's events."""

from collections.abc import Sequence

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from db.models import WebhookEndpoint
from db.types import utcnow
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, record_audit
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
    refusal,
)
from resolvers.webhooks.secrets import new_secret

TARGET_TYPE = "WebhookEndpoint"

_endpoints = WebhookEndpoint.__table__  # type: ignore[attr-defined]


async def create_webhook_endpoint(
    context: RosterContext,
    *,
    caller: Caller,
    url: str,
    events: Sequence[EventType],
    description: str,
) -> EndpointResult:
    """A new enabled endpoint of the caller's tenant with a fresh secret (answered this
    once), in one transaction with its WEBHOOK_ENDPOINT_CREATED entry. Admins only."""
    refused = refusal(caller)
    if refused is not None:
        return EndpointResult(user_errors=[refused])
    try:
        checked = await checked_url(url, context.webhook_urls)
        names = checked_events(events)
        trimmed = checked_description(description)
    except UserErrorRaised as raised:
        return EndpointResult(user_errors=[raised.error])
    secret = new_secret()

    async def work(session: AsyncSession) -> EndpointResult:
        now = utcnow()
        added = insert(_endpoints).values(
            tenant_id=caller.tenant_id,
            url=checked,
            description=trimmed,
            event_types=names,
            secret=secret,
            enabled=True,
            created_at=now,
            updated_at=now,
        )
        endpoint = (await session.execute(added.returning(*_endpoints.c))).one()
        await record_audit(
            session,
            tenant_id=caller.tenant_id,
            actor=Actor.of(caller),
            action=AuditAction.WEBHOOK_ENDPOINT_CREATED,
            target_type=TARGET_TYPE,
            target_id=endpoint.id,
            changes=[
                FieldChange("url", None, checked),
                FieldChange("events", None, names),
                FieldChange("description", None, trimmed),
            ],
            at=now,
        )
        return EndpointResult(endpoint=endpoint, secret=secret)

    return await write_transaction(context, work)
