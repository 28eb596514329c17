"""graphql-http's server audit (GraphQL over HTTP conformance) against a live roster under uvicorn."""

import asyncio
import json
import os
import shutil
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers every table)
from db.engine import Database
from db.enums import Role
from tests.factories import make_tenant, make_token, make_user

REPO = Path(__file__).resolve().parents[2]
AUDIT = Path(__file__).resolve().parent / "audit"
AUDIT_COUNT = 61  # graphql-http 1.23.1's server audits: MUST, SHOULD and MAY


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def seeded_database(path: Path) -> tuple[str, str]:
    """A SQLite file with one tenant and its admin: (url, the admin's token)."""
    url = f"sqlite+aiosqlite:///{path}"
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        acme = await make_tenant(database)
        admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
        token = await make_token(database, admin)
    finally:
        await database.dispose()
    return url, token


async def wait_until_healthy(base_url: str, server: asyncio.subprocess.Process) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(200):
            if server.returncode is not None:
                raise RuntimeError(f"uvicorn exited with {server.returncode}")
            try:
                if (await client.get(f"{base_url}/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.05)
    raise RuntimeError("uvicorn did not answer /healthz within 10 s")


@pytest.fixture
async def live_roster(tmp_path: Path) -> AsyncIterator[tuple[str, str]]:
    """roster served by uvicorn on a free port: (GraphQL URL, an admin token)."""
    url, token = await seeded_database(tmp_path / "roster.db")
    port = free_port()
    env = {**os.environ, "ROSTER_DATABASE_URL": url, "ROSTER_ENV": "development"}
    env.pop("ROSTER_SERVE_SUBGRAPH", None)
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "uvicorn", "gateway.app:create_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
        cwd=REPO, env=env,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    try:
        await wait_until_healthy(base_url, server)
        yield f"{base_url}/graphql", token
    finally:
        if server.returncode is None:
            server.terminate()
            await asyncio.wait_for(server.wait(), timeout=10)


async def run_audit(url: str, token: str) -> list[dict[str, str | None]]:
    node = shutil.which("node")
    assert node is not None
    if not (AUDIT / "node_modules" / "graphql-http").is_dir():
        pytest.fail(f"graphql-http is not installed: run `npm ci` in {AUDIT.relative_to(REPO)}")
    audit = await asyncio.create_subprocess_exec(
        node, str(AUDIT / "audit.mjs"), url, token,
        cwd=AUDIT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    stdout, stderr = await asyncio.wait_for(audit.communicate(), timeout=120)
    assert audit.returncode == 0, stderr.decode()
    report: list[dict[str, str | None]] = json.loads(stdout)
    return report


@pytest.mark.skipif(shutil.which("node") is None, reason="the audit is a Node.js program: no node")
async def test_every_graphql_over_http_audit_passes(
    live_roster: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    url, token = live_roster

    report = await run_audit(url, token)

    passed = [result for result in report if result["status"] == "ok"]
    with capsys.disabled():
        print(f"\ngraphql-http server audit: {len(passed)} of {len(report)} passed")
    failures = [
        f"{result['id']} {result['name']}: {result['reason']} ({result['response']})"
        for result in report
        if result["status"] != "ok"
    ]
    assert failures == []
    assert len(report) == AUDIT_COUNT
