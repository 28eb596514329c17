"""What a provisioned user's (de)activation must have done in roster: the chart's probes
in every product, and the audit log's entries, read as an admin over GraphQL."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import httpx

from db.models import User
from resolvers.ids import to_global_id
from tests.chart.probes import ChartWatch, equip_by_factories
from tests.factories import make_user
from tests.scim.clients.conftest import LiveScim


@asynccontextmanager
async def chart_of(live: LiveScim, scim_id: str, now: datetime) -> AsyncIterator[ChartWatch]:
    """The user SCIM made, equipped with a seat, an integration, a group, a number, a
    rule and a token of their own, and their history: the chart's probes, through the
    served roster."""
    async with live.database.session() as session:
        user = await session.get(User, int(scim_id))
    assert user is not None
    colleague = await make_user(live.database, live.tenant, "Cole Colleague")
    chris = await equip_by_factories(live.database, live.tenant, user, colleague)
    async with httpx.AsyncClient(base_url=live.url, timeout=30) as client:
        yield await ChartWatch.start(live.database, client, live.admin_token, chris, colleague, now)


STATUS_AUDIT = """
query($user: ID!) {
  auditLog(filter: {targetUserId: $user, actions: [USER_DEACTIVATED, USER_ACTIVATED]}) {
    edges { node { action actorKind actor { id } targetType targetId } } } }
"""


async def status_audit(live: LiveScim, scim_id: str) -> list[dict[str, Any]]:
    """The user's deactivations and activations in the audit log, as the admin reads it."""
    body = await live.graphql(STATUS_AUDIT, user=to_global_id("User", int(scim_id)))
    assert "errors" not in body, body
    return [edge["node"] for edge in body["data"]["auditLog"]["edges"]]
