"""deleteWebhookEndpoint: the endpoint goes, and with it every delivery owed to it and
their attempts (the audit log keeps that it existed, and who deleted it); the events
themselves stay in the outbox."""

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from db.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from db.types import utcnow
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction
from resolvers.webhooks.checks import EndpointResult, endpoint_for_update, refusal
from resolvers.webhooks.create import TARGET_TYPE

_endpoints = WebhookEndpoint.__table__  # type: ignore[attr-defined]
_deliveries = WebhookDelivery.__table__  # type: ignore[attr-defined]
_attempts = WebhookAttempt.__table__  # type: ignore[attr-defined]


async def delete_webhook_endpoint(
    context: RosterContext, *, caller: Caller, endpoint_id: int | None
) -> EndpointResult:
    """Delete ``endpoint_id`` with its deliveries and attempts, in one transaction with
    its WEBHOOK_ENDPOINT_DELETED entry. Admins only. A dispatcher delivering one of its
    events right now finishes that POST; its outcome then finds no row to update."""
    refused = refusal(caller)
    if refused is not None:
        return EndpointResult(user_errors=[refused])

    async def work(session: AsyncSession) -> EndpointResult:
        row = await endpoint_for_update(
            session,
            database=context.database,
            tenant_id=caller.tenant_id,
            endpoint_id=endpoint_id,
        )
        owed = select(_deliveries.c.id).where(_deliveries.c.endpoint_id == row.id)
        await session.execute(delete(_attempts).where(_attempts.c.delivery_id.in_(owed)))
        await session.execute(delete(_deliveries).where(_deliveries.c.endpoint_id == row.id))
        await session.execute(delete(_endpoints).where(_endpoints.c.id == row.id))
        await record_audit(
            session,
            tenant_id=caller.tenant_id,
            actor=Actor.of(caller),
            action=AuditAction.WEBHOOK_ENDPOINT_DELETED,
            target_type=TARGET_TYPE,
            target_id=row.id,
            changes=[FieldChange("url", row.url, None)],
            at=utcnow(),
        )
        return EndpointResult(deleted_id=row.id)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return EndpointResult(user_errors=[raised.error])
