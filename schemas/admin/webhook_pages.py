"""webhookEndpoints' and webhookDeliveries' pages, newest first (admins only)."""

from typing import Any

from resolvers.ids import pk_of
from resolvers.webhooks.listing import (
    DeliveryView,
    endpoint_exists,
    page_of_deliveries,
    page_of_endpoints,
)
from schemas.admin.webhook_delivery import WebhookDelivery
from schemas.admin.webhook_endpoint import WebhookEndpoint
from schemas.connections import Connection, connection
from schemas.context import Info
from schemas.cursors import WEBHOOK_DELIVERIES, WEBHOOK_ENDPOINTS
from schemas.errors import forbidden_error, not_found_error
from schemas.pagination import check_first


@connection(
    owner="admin",
    node_type=WebhookEndpoint,
    noun="webhook endpoint",
    plural="webhook endpoints",
    list_name="webhook endpoints",
    description="A page of the tenant's webhook endpoints, newest first.",
)
class WebhookEndpointConnection(Connection[WebhookEndpoint]):
    pass


@connection(
    owner="admin",
    node_type=WebhookDelivery,
    noun="delivery",
    plural="deliveries",
    list_name="deliveries",
    description="A page of an endpoint's deliveries, newest first.",
)
class WebhookDeliveryConnection(Connection[WebhookDelivery]):
    pass


def _row_key(row: Any) -> tuple[int]:
    return (row.id,)


def _view_key(view: DeliveryView) -> tuple[int]:
    return (view.row.id,)


async def resolve_webhook_endpoints(
    info: Info, *, first: int | None, after: str | None
) -> WebhookEndpointConnection:
    if not info.context.caller.is_admin:
        raise forbidden_error()
    first = check_first(first)
    cursors = WEBHOOK_ENDPOINTS.of()
    decoded = cursors.decode(after)
    page = await page_of_endpoints(
        info.context.reader,
        tenant_id=info.context.tenant_id,
        first=first,
        after_id=decoded[0] if decoded is not None else None,
    )
    return WebhookEndpointConnection.of(
        page.rows,
        node=WebhookEndpoint.from_row,
        key=_row_key,
        cursors=cursors,
        has_next_page=page.has_next_page,
        total_count=page.total_count,
    )


async def resolve_webhook_deliveries(
    info: Info, *, endpoint_id: str, first: int | None, after: str | None
) -> WebhookDeliveryConnection:
    if not info.context.caller.is_admin:
        raise forbidden_error()
    first = check_first(first)
    pk = pk_of(endpoint_id, "WebhookEndpoint")
    tenant_id = info.context.tenant_id
    if pk is None or not await endpoint_exists(
        info.context.reader, tenant_id=tenant_id, endpoint_id=pk
    ):
        raise not_found_error("No webhook endpoint with this id.")
    cursors = WEBHOOK_DELIVERIES.of(pk)
    decoded = cursors.decode(after)
    page = await page_of_deliveries(
        info.context.reader,
        tenant_id=tenant_id,
        endpoint_id=pk,
        first=first,
        after_id=decoded[0] if decoded is not None else None,
    )
    return WebhookDeliveryConnection.of(
        page.rows,
        node=WebhookDelivery.from_view,
        key=_view_key,
        cursors=cursors,
        has_next_page=page.has_next_page,
        total_count=page.total_count,
    )
