"""The webhook endpoint mutations' inputs and payloads."""

import strawberry

from resolvers.events.types import EventType
from schemas.admin.webhook_endpoint import WebhookEndpoint
from schemas.errors import UserError
from schemas.subgraph import owned_by

SECRET_DESCRIPTION = (
    "The signing secret (whsec_...), for the receiver's Standard Webhooks verifier: in "
    "this answer only, never readable again; null when refused."
)


@strawberry.input(description="A new webhook endpoint of your tenant.")
class CreateWebhookEndpointInput:
    url: str = strawberry.field(
        description="Where to POST: https (http too in development), a public host unless "
        "allowed by ROSTER_WEBHOOK_ALLOWED_HOSTS, no user name or password; 2,048 "
        "characters at most."
    )
    events: list[EventType] = strawberry.field(description="The event types to send; one or more.")
    description: str = strawberry.field(
        default="", description="What the endpoint is for: 500 characters at most."
    )


@owned_by("admin", except_fields=())
@strawberry.type(description="The new endpoint, and its signing secret: shown here once.")
class CreateWebhookEndpointPayload:
    webhook_endpoint: WebhookEndpoint | None = strawberry.field(
        description="The new endpoint, enabled; null when refused."
    )
    secret: str | None = strawberry.field(description=SECRET_DESCRIPTION)
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.input(
    description="What to change of a webhook endpoint; fields not given keep their value."
)
class UpdateWebhookEndpointInput:
    id: strawberry.ID = strawberry.field(description="The endpoint: a WebhookEndpoint id of yours.")
    url: str | None = strawberry.field(default=None, description="The new URL (same rules).")
    events: list[EventType] | None = strawberry.field(
        default=None, description="The event types to send from now on; one or more."
    )
    description: str | None = strawberry.field(default=None, description="The new description.")
    enabled: bool | None = strawberry.field(
        default=None,
        description="false: stop sending (what is queued waits, PENDING; new events are "
        "not queued); true: send again, clearing why it was disabled and its failing period.",
    )


@owned_by("admin", except_fields=())
@strawberry.type(description="The endpoint as changed.")
class UpdateWebhookEndpointPayload:
    webhook_endpoint: WebhookEndpoint | None = strawberry.field(
        description="The endpoint; null when refused."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.input(description="Which webhook endpoint.")
class WebhookEndpointIdInput:
    id: strawberry.ID = strawberry.field(description="The endpoint: a WebhookEndpoint id of yours.")


@owned_by("admin", except_fields=())
@strawberry.type(description="The id of the endpoint deleted, with its deliveries and attempts.")
class DeleteWebhookEndpointPayload:
    deleted_webhook_endpoint_id: strawberry.ID | None = strawberry.field(
        description="The deleted endpoint's id; null when refused."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@owned_by("admin", except_fields=())
@strawberry.type(description="The endpoint with its new signing secret: shown here once.")
class RotateWebhookSecretPayload:
    webhook_endpoint: WebhookEndpoint | None = strawberry.field(
        description="The endpoint; null when refused."
    )
    secret: str | None = strawberry.field(
        description="The new signing secret: every POST from now on is signed with it, and "
        "for 24 hours with the previous secret too (two space-separated signatures). In "
        "this answer only; null when refused."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
