"""The PostgreSQL stage of make bench: its databases' names, when it skips, how it finds
recordCalls, and (on PostgreSQL) the raw baseline answering its cells as roster does."""

import asyncio
from typing import Any

import httpx
import orjson
import pytest

from bench.check import normalized
from bench.ingest import IngestFigures, record_calls_document, record_calls_input_type
from bench.operations import RAW, ROSTER, HttpRequest, Operation
from bench.postgres_database import (
    DEFAULT_SERVER,
    PostgresDatabase,
    database_name,
    server_url,
    stale_names,
    unreachable_reason,
)
from bench.postgres_operations import analytics_operations
from bench.postgres_report import section, targets
from bench.postgres_stage import PostgresStage
from bench.raw_server import create_app as create_raw_app
from bench.results import OperationResults
from bench.servers import free_port
from bench.wrk import WrkResult
from db.engine import Database
from db.migrate import upgrade_async
from db.seed import seed_demo
from gateway.app import create_app
from gateway.commands.tokens import create_token_for
from gateway.settings import Settings
from tests.conftest import drop_postgres_database, make_postgres_database


def test_database_names_carry_the_size_and_the_fingerprint() -> None:
    assert database_name("10m", "d5a7bfc2f0b8") == "roster_bench_10m_d5a7bfc2f0b8"
    with pytest.raises(ValueError, match="not a size label"):
        database_name("1m; DROP", "d5a7bfc2f0b8")
    with pytest.raises(ValueError, match="not a size label"):
        database_name("1m", "XYZ")


def test_stale_databases_are_this_size_with_another_fingerprint() -> None:
    existing = [
        "roster_bench_1m_aaaa",
        "roster_bench_1m_bbbb",
        "roster_bench_10m_aaaa",
        "roster_bench_1m_bbbb_building",
        "roster_bench_ingest_1234",
        "postgres",
    ]
    assert stale_names(existing, "1m", "bbbb") == ["roster_bench_1m_aaaa"]
    assert stale_names(existing, "10m", "bbbb") == ["roster_bench_10m_aaaa"]
    assert stale_names(existing, "10m", "aaaa") == []


def test_server_url_prefers_the_bench_variable_then_the_tests_one() -> None:
    bench = "postgresql+asyncpg://bench@127.0.0.1:5432/postgres"
    tests = "postgresql+asyncpg://tests@127.0.0.1:5432/test"
    assert server_url({"ROSTER_BENCH_POSTGRES_URL": bench, "ROSTER_TEST_POSTGRES_URL": tests}) == (
        bench
    )
    assert server_url({"ROSTER_BENCH_POSTGRES_URL": "", "ROSTER_TEST_POSTGRES_URL": tests}) == tests
    assert server_url({}) == DEFAULT_SERVER


def test_a_server_that_does_not_answer_is_the_reason_to_skip() -> None:
    port = free_port()  # nothing listens there
    reason = unreachable_reason(f"postgresql+asyncpg://postgres:secret@127.0.0.1:{port}/postgres")

    assert reason is not None
    assert reason.startswith(
        f"no PostgreSQL server answers at postgresql+asyncpg://postgres:***@127.0.0.1:{port}/postgres ("
    )
    assert "secret" not in reason


def _introspection(args: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "data": {
            "__type": {
                "fields": [
                    {"name": "deactivateUser", "args": []},
                    {"name": "recordCalls", "args": args},
                ]
            }
        }
    }


def test_record_calls_is_found_by_its_input_type() -> None:
    required = {
        "name": "input",
        "type": {
            "kind": "NON_NULL",
            "name": None,
            "ofType": {"kind": "INPUT_OBJECT", "name": "RecordCallsInput"},
        },
    }
    assert record_calls_input_type(_introspection([required])) == "RecordCallsInput"
    assert record_calls_document("RecordCallsInput") == (
        "mutation RecordCalls($input: RecordCallsInput!) "
        "{ recordCalls(input: $input) { __typename } }"
    )
    no_mutation = {"data": {"__type": {"fields": [{"name": "deactivateUser", "args": []}]}}}
    assert record_calls_input_type(no_mutation) is None
    assert record_calls_input_type({"data": {"__type": None}}) is None


async def _answer(app: Any, request: HttpRequest, token: str) -> Any:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://bench"
    ) as client:
        response = await client.request(
            request.method,
            request.path,
            content=request.body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
    assert response.status_code == 200, response.text
    body = orjson.loads(response.content)
    assert "errors" not in body, body["errors"]
    return body


async def _seeded(url: str) -> str:
    database = Database(url)
    try:
        await upgrade_async(database.engine)
        await seed_demo(database, users=120, calls=3000)
    finally:
        await database.dispose()
    return await create_token_for(url, email="admin@acme.example", tenant="acme")


async def _compare(url: str, token: str, operations: list[Any]) -> dict[str, int]:
    roster, raw = create_app(Settings(database_url=url)), create_raw_app(url)
    sizes = {}
    for operation in operations:
        (expected,) = [await _answer(roster, r, token) for r in operation.requests[ROSTER]]
        (actual,) = [await _answer(raw, r, token) for r in operation.requests[RAW]]
        assert normalized(actual) == normalized(expected), f"{operation.name}: raw differs"
        (data,) = expected["data"].values()
        sizes[operation.name] = len(data["byPeriod"] if isinstance(data, dict) else data)
    return sizes


@pytest.mark.postgres
def test_raw_baseline_answers_the_postgres_cells_as_roster_does(postgres_server_url: str) -> None:
    url, name = asyncio.run(make_postgres_database(postgres_server_url))
    try:
        token = asyncio.run(_seeded(url))
        operations = analytics_operations(PostgresDatabase("1m", 3000, url, None))
        sizes = asyncio.run(_compare(url, token, operations))
    finally:
        asyncio.run(drop_postgres_database(postgres_server_url, name))

    assert [operation.name for operation in operations] == [
        "dashboard-30d-1m",
        "call-center-report-30d-1m",
        "dashboard-90d-1m",
        "call-center-report-90d-1m",
    ]
    assert sizes["dashboard-30d-1m"] == 30
    assert sizes["dashboard-90d-1m"] == 90
    assert sizes["call-center-report-30d-1m"] > 100


def _results(name: str, roster_ms: float, raw_ms: float) -> OperationResults:
    operation = Operation(name, name, 10, {ROSTER: [], RAW: []})
    result = OperationResults(operation)
    for variant, mean in ((ROSTER, roster_ms), (RAW, raw_ms)):
        result.add(variant, WrkResult(5, 10.0, 1, mean, mean, mean, 0))
    return result


def test_targets_say_met_or_missed_with_the_figure() -> None:
    stage = PostgresStage(DEFAULT_SERVER)
    stage.results = [
        _results("dashboard-30d-1m", 100, 1000),
        _results("dashboard-30d-10m", 120, 2000),
    ]
    stage.ingestion = IngestFigures(50_000, None, 2_000.0, 3_000.0, "the schema has no recordCalls")

    assert targets(stage) == [
        "- dashboard over 30 days at 10m: roster/raw ≥ 20: **missed** (16.67)",
        "- dashboard over 30 days at 1m: roster/raw ≥ 5: **met** (10.00)",
        "- roster's dashboard over 30 days at 10M within 1.5x of its time at 1M: **met** (1.20x)",
        "- recordCalls ≥ 20,000 calls/s: not measured (the schema has no recordCalls)",
    ]


def test_a_skipped_stage_says_why_in_the_report() -> None:
    stage = PostgresStage(DEFAULT_SERVER, skipped="no PostgreSQL server answers at x")

    lines = section(stage, machine={}, total_seconds=0.0, settings={}, measured_at="then")

    assert lines[1] == "Not measured then: no PostgreSQL server answers at x."
