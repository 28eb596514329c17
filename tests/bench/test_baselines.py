"""make bench compares the same JSON: on a small demo, the raw and naive baselines answer
every benchmarked read exactly as roster does, and the write path changes the user twice.

SQLite only: the baselines are hand-written for the benchmark's SQLite database.
"""

import dataclasses
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from bench.check import normalized
from bench.database import BenchDatabase, bench_inputs
from bench.naive_server import create_app as create_naive_app
from bench.operations import NAIVE, RAW, ROSTER, HttpRequest, read_operations, write_operation
from bench.raw_server import create_app as create_raw_app
from db.engine import Database
from db.migrate import upgrade_async
from db.seed import seed_demo
from gateway.app import create_app
from gateway.commands.tokens import create_token_for
from gateway.settings import Settings


@pytest.fixture
async def demo(tmp_path: Path) -> tuple[BenchDatabase, str]:
    path = tmp_path / "bench.db"
    database = Database(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade_async(database.engine)
        await seed_demo(database, users=120, calls=3000)
    finally:
        await database.dispose()
    bench_database = BenchDatabase(path, None)
    token = await create_token_for(bench_database.url, email="admin@acme.example", tenant="acme")
    return bench_database, token


async def _answer(app: Any, request: HttpRequest, token: str) -> dict[str, Any]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://bench"
    ) as client:
        response = await client.request(
            request.method,
            request.path,
            content=request.body,
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
        )
    assert response.status_code == 200, response.text
    body = orjson.loads(response.content)
    assert "errors" not in body, body["errors"]
    return body


async def test_baselines_answer_what_roster_answers(demo):
    database, token = demo
    apps = {
        ROSTER: create_app(Settings(database_url=database.url)),
        RAW: create_raw_app(database.url),
        NAIVE: create_naive_app(database.url),
    }
    first_page = await _answer(
        apps[ROSTER],
        HttpRequest(
            "POST",
            "/graphql",
            orjson.dumps({"query": "{ users(first: 100) { pageInfo { endCursor } } }"}),
        ),
        token,
    )
    inputs = dataclasses.replace(
        bench_inputs(database),
        user_cursors=[None, first_page["data"]["users"]["pageInfo"]["endCursor"]],
    )
    operations = {op.name: op for op in read_operations(inputs, with_router=False)}
    # 120 users: the "1000" list is its two pages of 100 here.
    checked = ["seat-map", "users-10", "users-100", "users-1000"]
    checked += ["mention-suggestions", "dashboard", "call-center-report"]
    sizes = {}
    for name in checked:
        operation = operations[name]
        expected = [await _answer(apps[ROSTER], r, token) for r in operation.requests[ROSTER]]
        for variant in operation.variants:
            if variant == ROSTER:
                continue
            answers = [await _answer(apps[variant], r, token) for r in operation.requests[variant]]
            assert [normalized(a) for a in answers] == [normalized(e) for e in expected], (
                f"{name}: {variant} differs from roster"
            )
        (data,) = expected[0]["data"].values()
        if isinstance(data, dict):  # a connection, or the dashboard
            data = data["edges"] if "edges" in data else data["byUser"]
        sizes[name] = len(data)

    # Lists with something in them, so that agreeing means something.
    assert sizes["users-10"] == 10
    assert sizes["users-100"] == 100
    assert min(sizes.values()) > 0, sizes


async def test_write_path_deactivates_then_activates(demo):
    database, token = demo
    roster = create_app(Settings(database_url=database.url))
    operation = write_operation(bench_inputs(database))
    answer = await _answer(roster, operation.requests[ROSTER][0], token)
    user_id = answer["data"]["deactivate"]["user"]["id"]
    assert answer["data"] == {
        "deactivate": {
            "changed": True,
            "user": {"id": user_id, "status": "DEACTIVATED"},
            "userErrors": [],
        },
        "activate": {
            "changed": True,
            "user": {"id": user_id, "status": "ACTIVE"},
            "userErrors": [],
        },
    }
