"""``roster serve`` in production writes its log as JSON lines on stderr, every line of
it (uvicorn's own included), one line per request, and no access log beside it."""

import asyncio
import os
import signal
import sys
from pathlib import Path

import httpx
import orjson

from tests.http import bearer
from tests.reliability.live_server import READY_SECONDS, free_port

ROSTER = Path(sys.executable).with_name("roster")
ME = {"query": "query Me { me { id } }"}


async def _ready(base_url: str, server: asyncio.subprocess.Process) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + READY_SECONDS
    async with httpx.AsyncClient(timeout=2.0) as client:
        while loop.time() < deadline:
            assert server.returncode is None, "roster serve exited"
            try:
                if (await client.get(f"{base_url}/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"roster serve was not ready within {READY_SECONDS:g} s")


async def test_roster_serve_in_production_writes_one_json_line_per_request(database, world):
    port = free_port()
    # The test's own environment may name other settings: only these apply.
    env = {name: value for name, value in os.environ.items() if not name.startswith("ROSTER_")}
    env.update(
        ROSTER_DATABASE_URL=database.url,
        ROSTER_ENV="production",
        ROSTER_SUBGRAPHS_ENABLED="false",
        # The trusted documents' production default would refuse this ad-hoc query.
        ROSTER_TRUSTED_DOCUMENTS_ONLY="false",
    )
    server = await asyncio.create_subprocess_exec(
        str(ROSTER),
        "serve",
        "--port",
        str(port),
        "--no-worker",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        await _ready(base_url, server)
        async with httpx.AsyncClient(base_url=base_url, timeout=10) as client:
            answered = await client.post("/graphql", json=ME, headers=bearer(world["token"]))
            refused = await client.post("/graphql", json=ME)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        stdout, stderr = await asyncio.wait_for(server.communicate(), 20)
    assert (answered.status_code, refused.status_code) == (200, 401)
    assert stdout == b""
    lines = [orjson.loads(line) for line in stderr.splitlines()]
    assert {"level", "logger", "message", "timestamp"} <= set(lines[0])
    # uvicorn's own lines come through the same handler.
    assert any(line["logger"] == "uvicorn.error" for line in lines)
    requests = [line for line in lines if line.get("event") == "request"]
    # In the order they finish: the first records its token's use after its response.
    assert {
        line["request_id"]: (line["operation_name"], line["status"], line["tenant_id"])
        for line in requests
    } == {
        answered.headers["x-request-id"]: ("Me", 200, world["ben"].tenant_id),
        refused.headers["x-request-id"]: (None, 401, None),
    }
    assert len(requests) == 2
    # /readyz's polls and the two requests: no access log line for any of them.
    assert [line for line in lines if line["logger"] == "uvicorn.access"] == []
