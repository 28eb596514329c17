"""createWebhookEndpoint: the secret is in this answer only."""

from resolvers.webhooks.create import create_webhook_endpoint as create
from schemas.admin.webhook_endpoint import WebhookEndpoint
from schemas.admin.webhook_payloads import (
    CreateWebhookEndpointInput,
    CreateWebhookEndpointPayload,
)
from schemas.context import Info
from schemas.errors import user_errors


async def create_webhook_endpoint(
    info: Info, input: CreateWebhookEndpointInput
) -> CreateWebhookEndpointPayload:
    context = info.context
    result = await create(
        context,
        caller=context.caller,
        url=input.url,
        events=input.events,
        description=input.description,
    )
    endpoint = result.endpoint
    return CreateWebhookEndpointPayload(
        webhook_endpoint=WebhookEndpoint.from_row(endpoint) if endpoint is not None else None,
        secret=result.secret,
        user_errors=user_errors(result.user_errors),
    )
