"""The federated roster for the router subscription tests: the five subgraph processes
sharing committed changes over Redis pub/sub (each process is its own, so the admin
subgraph's commit must travel to the callCenter subgraph's subscribers), the embedded
graph and Hive Gateway, over one seeded SQLite file; and a second router that reaches the
subgraphs over WebSocket."""

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sqlmodel import SQLModel

from db.engine import Database
from db.enums import Role, UserStatus
from db.models import Seat, Tenant, User
from db.seed import seed_demo
from gateway.commands.schema_compose import FEDERATION_DIR
from gateway.commands.tokens import create_token_for
from resolvers.ids import to_global_id
from tests.federation.topology import Topology, federated_roster, free_port, router_command, start

SET_STATUS = """
mutation SetStatus($id: ID!, $active: Boolean!) {
  deactivateUser(input: {userId: $id}) @skip(if: $active) { changed userErrors { code } }
  activateUser(input: {userId: $id}) @include(if: $active) { changed userErrors { code } }
}
"""


@dataclass(frozen=True)
class Seated:
    id: str
    display_name: str
    seat: str
    x: int
    y: int


@dataclass(frozen=True)
class RoutedWorld:
    topology: Topology
    admin: dict[str, str]
    target: Seated  # deactivated and activated by the test
    probe: Seated  # toggled until every stream is known to be listening


async def _seed(url: str) -> tuple[Seated, Seated]:
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        await seed_demo(database, users=30, calls=30)
        async with database.read_sessions() as session:
            acme = (
                await session.execute(select(Tenant.id).where(Tenant.slug == "acme"))
            ).scalar_one()
            rows = (
                await session.execute(
                    select(User.id, User.display_name, Seat.label, Seat.x, Seat.y)
                    .join(Seat, Seat.user_id == User.id)
                    .where(
                        User.tenant_id == acme,
                        User.role == Role.MEMBER,
                        User.status == UserStatus.ACTIVE,
                    )
                    .order_by(User.id)
                    .limit(2)
                )
            ).all()
        target, probe = (Seated(to_global_id("User", row[0]), *row[1:]) for row in rows)
        return target, probe
    finally:
        await database.dispose()


@contextmanager
def routed_roster(workdir: Path, *, events_url: str) -> Iterator[RoutedWorld]:
    """Seeds a database in ``workdir`` and starts everything over it, the processes sharing
    events through the Redis server at ``events_url``; stops it all on exit."""
    url = f"sqlite+aiosqlite:///{workdir}/roster.db"
    target, probe = asyncio.run(_seed(url))
    token = asyncio.run(create_token_for(url, email="admin@acme.example", tenant="acme"))
    settings = {
        "ROSTER_EVENTS_URL": events_url,
        # Its own channels: other runs on the same Redis server hear nothing of this one.
        "ROSTER_EVENTS_CHANNEL_PREFIX": f"test-{uuid.uuid4().hex[:12]}:",
    }
    with federated_roster(url, workdir, settings=settings) as topology:
        yield RoutedWorld(topology, {"Authorization": f"Bearer {token}"}, target, probe)


def set_status(world: RoutedWorld, user: Seated, *, active: bool) -> dict[str, Any]:
    """Deactivates or activates ``user`` through the (first) router, as the admin."""
    response = httpx.post(
        world.topology.router_url,
        json={"query": SET_STATUS, "variables": {"id": user.id, "active": active}},
        headers=world.admin,
        timeout=30,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


@contextmanager
def router_over_websockets(world: RoutedWorld, logs: Path) -> Iterator[str]:
    """A second Hive Gateway on the same supergraph whose subscriptions reach the subgraphs
    over graphql-transport-ws (ROSTER_ROUTER_SUBSCRIPTIONS=ws); yields its /graphql URL."""
    port = free_port()
    env = {
        **os.environ,
        "ROSTER_SUBGRAPH_SECRET": world.topology.subgraph_secret,
        "ROSTER_ROUTER_SUBSCRIPTIONS": "ws",
    }
    router = start(
        "router-ws",
        router_command(world.topology.supergraph, port),
        env=env,
        cwd=FEDERATION_DIR,
        logs=logs,
    )
    try:
        router.wait_until_ready(f"http://127.0.0.1:{port}/healthcheck")
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        router.stop()
