"""rotateWebhookSecret: the new secret is in this answer only."""

from resolvers.ids import pk_of
from resolvers.webhooks.rotate import rotate_webhook_secret as rotate
from schemas.admin.webhook_endpoint import WebhookEndpoint
from schemas.admin.webhook_payloads import RotateWebhookSecretPayload, WebhookEndpointIdInput
from schemas.context import Info
from schemas.errors import user_errors


async def rotate_webhook_secret(
    info: Info, input: WebhookEndpointIdInput
) -> RotateWebhookSecretPayload:
    context = info.context
    result = await rotate(
        context, caller=context.caller, endpoint_id=pk_of(input.id, "WebhookEndpoint")
    )
    endpoint = result.endpoint
    return RotateWebhookSecretPayload(
        webhook_endpoint=WebhookEndpoint.from_row(endpoint) if endpoint is not None else None,
        secret=result.secret,
        user_errors=user_errors(result.user_errors),
    )
