"""deleteWebhookEndpoint: with its deliveries and their attempts."""

import strawberry

from resolvers.ids import pk_of, to_global_id
from resolvers.webhooks.delete import delete_webhook_endpoint as delete
from schemas.admin.webhook_payloads import DeleteWebhookEndpointPayload, WebhookEndpointIdInput
from schemas.context import Info
from schemas.errors import user_errors


async def delete_webhook_endpoint(
    info: Info, input: WebhookEndpointIdInput
) -> DeleteWebhookEndpointPayload:
    context = info.context
    result = await delete(
        context, caller=context.caller, endpoint_id=pk_of(input.id, "WebhookEndpoint")
    )
    deleted = result.deleted_id
    return DeleteWebhookEndpointPayload(
        deleted_webhook_endpoint_id=(
            strawberry.ID(to_global_id("WebhookEndpoint", deleted)) if deleted is not None else None
        ),
        user_errors=user_errors(result.user_errors),
    )
