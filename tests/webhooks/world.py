"""What the webhook tests share: a tenant, a receiver, endpoints made over GraphQL, a
dispatcher with a fast retry schedule."""

from datetime import timedelta
from typing import Any

from db.engine import Database
from gateway.webhooks.dispatcher import DispatcherConfig, WebhookDispatcher
from resolvers.schedule.clock import SYSTEM_CLOCK, Clock
from resolvers.webhooks.outcome import RetryPolicy
from resolvers.webhooks.urls import UrlPolicy
from tests.factories import make_token
from tests.http import bearer, graphql_body, http_client

LOCAL = UrlPolicy(https_only=False, allowed_hosts=frozenset({"127.0.0.1"}))
FAST = RetryPolicy((0.05, 0.05, 0.05), timedelta(days=5))

CREATE = """mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
  webhookEndpoint { id url events enabled } secret userErrors { code field message } } }"""
DEACTIVATE = """mutation($id: ID!) { deactivateUser(input: {userId: $id}) { changed } }"""
ACTIVATE = """mutation($id: ID!) { activateUser(input: {userId: $id}) { changed } }"""
DELIVERIES = """query($id: ID!) { webhookDeliveries(endpointId: $id, first: 20) { totalCount
  edges { node { event { id type } state attemptCount deliveredAt
  attempts { statusCode error durationMs } } } } }"""


def dispatcher(
    database: Database,
    *,
    retry: RetryPolicy = FAST,
    clock: Clock = SYSTEM_CLOCK,
    timeout_seconds: float = 5.0,
    concurrency: int = 4,
) -> WebhookDispatcher:
    return WebhookDispatcher(
        database,
        DispatcherConfig(
            policy=LOCAL, timeout_seconds=timeout_seconds, retry=retry, concurrency=concurrency
        ),
        clock=clock,
    )


async def graphql(
    database: Database, token: str, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The JSON answer of ``query`` over HTTP, as the app serves it (127.0.0.1 allowed)."""
    async with http_client(database, webhook_allowed_hosts="127.0.0.1") as client:
        response = await client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=bearer(token)
        )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = graphql_body(response)
    return result


async def create_endpoint(
    database: Database, token: str, url: str, events: tuple[str, ...] = ("USER_DEACTIVATED",)
) -> tuple[str, str]:
    """A new endpoint's global id and secret."""
    answer = await graphql(database, token, CREATE, {"input": {"url": url, "events": list(events)}})
    payload = answer["data"]["createWebhookEndpoint"]
    assert payload["userErrors"] == [], payload
    return payload["webhookEndpoint"]["id"], payload["secret"]


async def admin_token(database: Database, world: Any) -> str:
    return await make_token(database, world.ada)
