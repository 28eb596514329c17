"""`roster serve` runs the dispatcher by default: an endpoint registered and a user
deactivated over HTTP, the receiver gets the signed POST from the serving process."""

from pathlib import Path

import httpx
import pytest

from tests.admin.world import build_world
from tests.http import bearer
from tests.webhooks.processes import serving
from tests.webhooks.receiver import Receiver, eventually
from tests.webhooks.world import CREATE, DEACTIVATE, admin_token


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
async def test_roster_serve_delivers_webhooks_by_default(
    database, receiver: Receiver, tmp_path: Path
):
    world = await build_world(database)
    token = await admin_token(database, world)
    async with (
        serving(database.url, tmp_path / "serve.log") as base_url,
        httpx.AsyncClient(base_url=base_url, timeout=15) as client,
    ):
        created = await client.post("/graphql", headers=bearer(token), json={
            "query": CREATE,
            "variables": {"input": {"url": receiver.url, "events": ["USER_DEACTIVATED"]}},
        })  # fmt: skip
        payload = created.json()["data"]["createWebhookEndpoint"]
        assert payload["userErrors"] == []
        receiver.secret = payload["secret"]
        await client.post("/graphql", headers=bearer(token), json={
            "query": DEACTIVATE, "variables": {"id": world.gid(world.ben)},
        })  # fmt: skip

        async def received() -> bool:
            return len(receiver.received) == 1

        await eventually(received)
    (post,) = receiver.received
    assert post.verified is True
    assert post.json["type"] == "user.deactivated"
    assert post.json["data"]["userId"] == world.gid(world.ben)
