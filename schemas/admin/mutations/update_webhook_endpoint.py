"""updateWebhookEndpoint: fields not given keep their value."""

from resolvers.ids import pk_of
from resolvers.webhooks.update import update_webhook_endpoint as update
from schemas.admin.webhook_endpoint import WebhookEndpoint
from schemas.admin.webhook_payloads import (
    UpdateWebhookEndpointInput,
    UpdateWebhookEndpointPayload,
)
from schemas.context import Info
from schemas.errors import user_errors


async def update_webhook_endpoint(
    info: Info, input: UpdateWebhookEndpointInput
) -> UpdateWebhookEndpointPayload:
    context = info.context
    result = await update(
        context,
        caller=context.caller,
        endpoint_id=pk_of(input.id, "WebhookEndpoint"),
        url=input.url,
        events=input.events,
        description=input.description,
        enabled=input.enabled,
    )
    endpoint = result.endpoint
    return UpdateWebhookEndpointPayload(
        webhook_endpoint=WebhookEndpoint.from_row(endpoint) if endpoint is not None else None,
        user_errors=user_errors(result.user_errors),
    )
