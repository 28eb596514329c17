"""rotateWebhookSecret: a fresh signing secret, answered this once. For a grace period
(``SECRET_GRACE``) every POST carries two signatures, the new secret's and the previous
one's (space-separated, as Standard Webhooks allows), so the receiver keeps verifying
while it switches; then the new secret alone signs."""

from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from db.models import WebhookEndpoint
from db.types import utcnow
from resolvers.audit.actor import Actor
from resolvers.audit.record import record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction
from resolvers.webhooks.checks import EndpointResult, endpoint_for_update, refusal
from resolvers.webhooks.create import TARGET_TYPE
from resolvers.webhooks.secrets import new_secret

_endpoints = WebhookEndpoint.__table__  # type: ignore[attr-defined]
SECRET_GRACE = timedelta(hours=24)


async def rotate_webhook_secret(
    context: RosterContext, *, caller: Caller, endpoint_id: int | None
) -> EndpointResult:
    """Replace ``endpoint_id``'s secret, in one transaction with its
    WEBHOOK_SECRET_ROTATED entry (which holds no secret). Admins only."""
    refused = refusal(caller)
    if refused is not None:
        return EndpointResult(user_errors=[refused])
    secret = new_secret()

    async def work(session: AsyncSession) -> EndpointResult:
        row = await endpoint_for_update(
            session,
            database=context.database,
            tenant_id=caller.tenant_id,
            endpoint_id=endpoint_id,
        )
        now = utcnow()
        updated = (
            await session.execute(
                update(_endpoints)
                .where(_endpoints.c.id == row.id)
                .values(
                    secret=secret,
                    previous_secret=row.secret,
                    previous_secret_expires_at=now + SECRET_GRACE,
                    updated_at=now,
                )
                .returning(*_endpoints.c)
            )
        ).one()
        await record_audit(
            session,
            tenant_id=caller.tenant_id,
            actor=Actor.of(caller),
            action=AuditAction.WEBHOOK_SECRET_ROTATED,
            target_type=TARGET_TYPE,
            target_id=row.id,
            at=now,
        )
        return EndpointResult(endpoint=updated, secret=secret)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return EndpointResult(user_errors=[raised.error])
