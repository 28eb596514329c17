"""The federated roster in processes, started once for the tests that need it.

One SQLite file seeded with the demo, shared by the five subgraph processes, the
embedded graph and (through them) the router; plus the call-queue product service.
"""

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import exists, select
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers every table)
from db.engine import Database
from db.enums import Role, UserStatus
from db.models import IncomingCallRule, Seat, Tenant, User, VideoIntegration
from db.seed import seed_demo
from gateway.commands.tokens import create_token_for
from resolvers.ids import to_global_id
from tests.federation.topology import Topology, federated_roster, node_missing_reason


@dataclass(frozen=True)
class People:
    """Global IDs of the acme users the tests act on; each test changes only its own."""

    deactivated_by_e2e: str  # active member with a seat, a video integration and a call rule
    deactivated_by_product_test: str  # active member with a seat, in the Sales queue
    queue_member: str  # active member with a seat, never changed
    already_deactivated: str  # deactivated by the seed


@dataclass(frozen=True)
class FederatedWorld:
    topology: Topology
    admin_token: str
    people: People

    @property
    def admin(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.admin_token}"}


@pytest.fixture
def node_required() -> None:
    reason = node_missing_reason()
    if reason is not None:
        pytest.skip(reason)


async def _seed(url: str) -> People:
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        await seed_demo(database, users=30, calls=300)
        async with database.read_sessions() as session:
            acme = (
                await session.execute(select(Tenant.id).where(Tenant.slug == "acme"))
            ).scalar_one()
            members = (
                select(User.id)
                .where(User.tenant_id == acme, User.role == Role.MEMBER)
                .order_by(User.id)
            )
            active = members.where(User.status == UserStatus.ACTIVE)
            seated = active.where(exists().where(Seat.user_id == User.id))
            target = (
                (
                    await session.execute(
                        seated.where(exists().where(VideoIntegration.user_id == User.id)).where(
                            exists().where(IncomingCallRule.target_user_id == User.id)
                        )
                    )
                )
                .scalars()
                .first()
            )
            assert target is not None, "the demo seed has no member with a seat, video and rule"
            others = [pk for pk in (await session.execute(seated)).scalars() if pk != target]
            deactivated = (
                (await session.execute(members.where(User.status == UserStatus.DEACTIVATED)))
                .scalars()
                .first()
            )
            assert len(others) >= 2 and deactivated is not None
        return People(
            deactivated_by_e2e=to_global_id("User", target),
            deactivated_by_product_test=to_global_id("User", others[1]),
            queue_member=to_global_id("User", others[0]),
            already_deactivated=to_global_id("User", deactivated),
        )
    finally:
        await database.dispose()


@pytest.fixture(scope="package")
def federated_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FederatedWorld]:
    reason = node_missing_reason()
    if reason is not None:
        pytest.skip(reason)
    workdir: Path = tmp_path_factory.mktemp("federation")
    url = f"sqlite+aiosqlite:///{workdir}/roster.db"
    people = asyncio.run(_seed(url))
    admin_token = asyncio.run(create_token_for(url, email="admin@acme.example", tenant="acme"))
    call_queues = [
        {
            "id": "queue-support",
            "name": "Support",
            "memberIds": [people.queue_member, people.already_deactivated],
        },
        {
            "id": "queue-sales",
            "name": "Sales",
            "memberIds": [people.deactivated_by_product_test, people.queue_member],
        },
    ]
    with federated_roster(url, workdir, call_queues=call_queues) as topology:
        yield FederatedWorld(topology=topology, admin_token=admin_token, people=people)
