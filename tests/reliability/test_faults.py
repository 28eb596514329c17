"""Faults: a write that fails halfway, a connection dropped mid-request, the database gone and back.

Each ends in a clear error (503, or a GraphQL error with a code), writes
nothing, and the next request succeeds without restarting roster.
"""

import asyncio
import threading
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

import resolvers.status.change
from db.engine import Database
from db.models import IncomingCallRule, User, UserStatusEvent, VideoIntegration
from gateway.extensions import MASKED_MESSAGE
from gateway.faults import DATABASE_UNAVAILABLE, UNAVAILABLE_MESSAGE
from tests.admin.world import World, build_world
from tests.factories import make_token
from tests.http import bearer, graphql_body, http_client
from tests.reliability.tcp_proxy import TcpProxy

DEACTIVATE = """mutation($id: ID!, $to: ID) {
  deactivateUser(input: {userId: $id, reassignIncomingCallRulesTo: $to}) {
    changed user { status } removedVideoIntegrations { id }
    affectedIncomingCallRules { id targetUser { id } } userErrors { code }
  }
}"""
ME = "{ me { displayName status } }"
LEAKS = ("Traceback", "sqlalchemy", "asyncpg", "sqlite", "injected", "Error:")
SNAPSHOT = (User, VideoIntegration, IncomingCallRule, UserStatusEvent)


async def snapshot(database: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of the tables a status change writes, in id order."""
    async with database.session() as session:
        return {
            model.__tablename__: [  # type: ignore[attr-defined]
                dict(row._mapping)
                for row in await session.execute(
                    select(model.__table__).order_by(model.__table__.c.id)  # type: ignore[attr-defined]
                )
            ]
            for model in SNAPSHOT
        }


def assert_no_internals(answer: httpx.Response) -> None:
    for leak in LEAKS:
        assert leak not in answer.text, answer.text


def deactivate_ben(world: World) -> dict[str, Any]:
    return {
        "query": DEACTIVATE,
        "variables": {"id": world.gid(world.ben), "to": world.gid(world.cai)},
    }


def assert_ben_deactivated(world: World, answer: httpx.Response) -> None:
    assert answer.status_code == 200, answer.text
    payload = graphql_body(answer)["data"]["deactivateUser"]
    assert payload["changed"] is True
    assert payload["userErrors"] == []
    assert payload["user"] == {"status": "DEACTIVATED"}
    assert sorted(i["id"] for i in payload["removedVideoIntegrations"]) == sorted(
        [world.gid(world.zoom), world.gid(world.teams)]
    )
    # Ben's rules now ring Cai, whom the change reassigned them to.
    assert sorted(
        (r["id"], r["targetUser"]["id"]) for r in payload["affectedIncomingCallRules"]
    ) == sorted(
        [
            (world.gid(world.main_line), world.gid(world.cai)),
            (world.gid(world.support_line), world.gid(world.cai)),
        ]
    )


async def test_a_failure_before_the_event_write_rolls_everything_back(database, monkeypatch):
    world = await build_world(database)
    token = await make_token(database, world.ada)
    before = await snapshot(database)

    def event_write_fails(**_columns: Any) -> UserStatusEvent:
        raise RuntimeError("injected: the event write failed")

    # The event is built after the status update, the integrations' deletion and the
    # rules' reassignment have all been sent to the database.
    monkeypatch.setattr(resolvers.status.change, "UserStatusEvent", event_write_fails)
    async with http_client(database) as client:
        answer = await client.post("/graphql", json=deactivate_ben(world), headers=bearer(token))
        monkeypatch.undo()

        assert answer.status_code == 200
        body = graphql_body(answer)
        assert body["data"] is None
        assert [(e["message"], e["path"]) for e in body["errors"]] == [
            (MASKED_MESSAGE, ["deactivateUser"])
        ]
        assert_no_internals(answer)
        assert await snapshot(database) == before

        # Without the fault the same change goes through, so the rollback hid nothing.
        retried = await client.post("/graphql", json=deactivate_ben(world), headers=bearer(token))
    assert_ben_deactivated(world, retried)


async def terminate_backends(server_url: str, database_name: str) -> int:
    """Cut every connection to ``database_name``, as a failover or an admin would."""
    admin = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            terminated = await connection.scalar(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": database_name},
            )
    finally:
        await admin.dispose()
    return int(terminated or 0)


async def test_a_connection_dropped_mid_request_is_a_clear_error_and_roster_recovers(
    postgres, postgres_server_url, monkeypatch
):
    world = await build_world(postgres)
    token = await make_token(postgres, world.ada)
    before = await snapshot(postgres)
    write_status = resolvers.status.change._write_status
    backend: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    async def slow_after_the_status_update(session: AsyncSession, **kwargs: Any) -> Any:
        updated = await write_status(session, **kwargs)
        if not backend.done():
            backend.set_result(await session.scalar(text("SELECT pg_backend_pid()")))
            await session.execute(text("SELECT pg_sleep(20)"))
        return updated

    monkeypatch.setattr(resolvers.status.change, "_write_status", slow_after_the_status_update)
    async with http_client(postgres) as client:
        request = asyncio.create_task(
            client.post("/graphql", json=deactivate_ben(world), headers=bearer(token))
        )
        await asyncio.wait_for(backend, 10)
        # The pool's idle connections go too, so the next request must replace them.
        assert (
            await terminate_backends(postgres_server_url, make_url(postgres.url).database or "")
            >= 1
        )
        answer = await asyncio.wait_for(request, 10)

        assert answer.status_code == 200
        body = graphql_body(answer)
        assert body["data"] is None
        assert [(e["message"], e["path"], e["extensions"]) for e in body["errors"]] == [
            (UNAVAILABLE_MESSAGE, ["deactivateUser"], {"code": DATABASE_UNAVAILABLE})
        ]
        assert_no_internals(answer)
        assert await snapshot(postgres) == before

        # The next request, on the same app and pool, goes through.
        assert_ben_deactivated(
            world, await client.post("/graphql", json=deactivate_ben(world), headers=bearer(token))
        )


def assert_unavailable(answer: httpx.Response) -> None:
    assert answer.status_code == 503, answer.text
    assert answer.headers["retry-after"] == "1"
    assert graphql_body(answer) == {
        "errors": [{"message": UNAVAILABLE_MESSAGE, "extensions": {"code": DATABASE_UNAVAILABLE}}]
    }
    assert_no_internals(answer)


async def test_the_database_stopped_and_started_is_503_then_recovers(postgres):
    world = await build_world(postgres)
    token = await make_token(postgres, world.ada)
    url = make_url(postgres.url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    await proxy.start()
    through_proxy = Database(url.set(host="127.0.0.1", port=proxy.port).render_as_string(False))
    me = {"data": {"me": {"displayName": "Ada Admin", "status": "ACTIVE"}}}
    try:
        async with http_client(through_proxy) as client:
            assert (await client.get("/readyz")).status_code == 200
            answer = await client.post("/graphql", json={"query": ME}, headers=bearer(token))
            assert (answer.status_code, graphql_body(answer)) == (200, me)

            await proxy.stop()
            ready = await client.get("/readyz")
            assert (ready.status_code, ready.json()) == (
                503,
                {"status": "unavailable", "database": "unreachable"},
            )
            assert_unavailable(
                await client.post("/graphql", json={"query": ME}, headers=bearer(token))
            )
            assert_unavailable(
                await client.get(
                    "/graphql",
                    params={"query": ME},
                    headers={**bearer(token), "Accept": "application/graphql-response+json"},
                )
            )
            assert_unavailable(
                await client.post("/graphql", json=deactivate_ben(world), headers=bearer(token))
            )

            await proxy.start()
            assert (await client.get("/readyz")).status_code == 200
            answer = await client.post("/graphql", json={"query": ME}, headers=bearer(token))
            assert (answer.status_code, graphql_body(answer)) == (200, me)
            before = await snapshot(postgres)
            assert [u["status"] for u in before["users"] if u["id"] == world.ben.id] == ["ACTIVE"]
            assert_ben_deactivated(
                world,
                await client.post("/graphql", json=deactivate_ben(world), headers=bearer(token)),
            )
    finally:
        await through_proxy.dispose()
        await proxy.stop()


async def test_an_unreachable_sqlite_file_is_503_with_a_code(tmp_path):
    unreachable = Database(f"sqlite+aiosqlite:///{tmp_path}/missing-dir/roster.db")
    try:
        async with http_client(unreachable) as client:
            answer = await client.post(
                "/graphql", json={"query": ME}, headers=bearer("rst_any_token")
            )
    finally:
        await unreachable.dispose()
        await aiosqlite_workers_stopped()
    assert_unavailable(answer)


async def aiosqlite_workers_stopped() -> None:
    """Wait (1 s at most) for aiosqlite's worker threads to end.

    After a failed connect aiosqlite stops its worker without awaiting it; the worker
    then reports to this test's event loop, which must still be running.
    """
    for _ in range(100):
        if not any(t.name.endswith("(_connection_worker_thread)") for t in threading.enumerate()):
            return
        await asyncio.sleep(0.01)


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(ConnectionRefusedError(111, "Connection refused"), id="refused"),
        pytest.param(RuntimeError("a bug"), id="a bug is not unavailability"),
    ],
)
def test_only_unreachability_is_called_unavailable(fault):
    from gateway.faults import is_database_unavailable

    wrapped = ValueError("while reading the token")
    wrapped.__cause__ = fault
    assert is_database_unavailable(wrapped) is isinstance(fault, OSError)
