"""`roster serve` refuses settings it cannot serve safely: one paragraph, exit status 2,
no traceback, nothing listening."""

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gateway.test_settings import SECRET, TOKEN

ENDING = " Fix the environment (or .env) and start it again.\n"


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port something already listens on: roster, if it accepted its settings, fails to
    bind it and exits 3 instead of serving."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        yield int(taken.getsockname()[1])


def run_roster(tmp_path: Path, *args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    """`roster ARGS` in ``tmp_path`` (no .env), with ``variables`` as its only ROSTER_ ones."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("ROSTER_")}
    env["ROSTER_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path}/roster.db"
    env.update(variables)
    return subprocess.run(
        [sys.executable, "-m", "gateway.cli", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("variables", "args", "message"),
    [
        (
            {"ROSTER_MAX_DEPTH": "0"},
            (),
            "roster cannot start with these settings: ROSTER_MAX_DEPTH='0': input should be "
            "greater than or equal to 1." + ENDING,
        ),
        (
            {"ROSTER_DATABASE_URL": "postgresql://roster:hunter2@db/roster"},
            (),
            "roster cannot start with these settings: ROSTER_DATABASE_URL="
            "'postgresql://roster:***@db/roster': roster does not run on 'postgresql'; write "
            "sqlite+aiosqlite:///FILE or postgresql+asyncpg://USER@HOST:PORT/DB." + ENDING,
        ),
        (
            {"ROSTER_CORS_ORIGINS": "https://app.example.com/"},
            (),
            "roster cannot start with these settings: ROSTER_CORS_ORIGINS="
            "'https://app.example.com/': 'https://app.example.com/': an origin has no path, "
            "query or fragment (not even a final '/'); write scheme://host[:port]." + ENDING,
        ),
        (
            {"ROSTER_ENV": "production"},
            (),
            "roster cannot start with these settings: ROSTER_ENV=production serves the subgraph "
            "endpoints (/subgraphs/<name>/graphql), which answer `_entities` and `_service` to "
            "any valid API token unless they are closed to all but the router: set "
            "ROSTER_SUBGRAPH_SECRET to a long random value the router sends, or set "
            "ROSTER_SUBGRAPHS_ENABLED=false to serve /graphql alone." + ENDING,
        ),
        (
            {"ROSTER_ENV": "production", "ROSTER_SUBGRAPH_SECRET": SECRET},
            ("--subgraph", "admin"),
            None,  # accepted
        ),
        (
            {"ROSTER_ENV": "production", "ROSTER_SUBGRAPHS_ENABLED": "false"},
            ("--subgraph", "admin"),
            "roster cannot serve the subgraph admin: ROSTER_SUBGRAPHS_ENABLED=false turns the "
            "subgraph endpoints off. Unset it, or serve without --subgraph.\n",
        ),
        (
            {"ROSTER_ENV": "production", "ROSTER_SUBGRAPHS_ENABLED": "false"},
            (),
            None,
        ),
        (
            {
                "ROSTER_ENV": "production",
                "ROSTER_SUBGRAPH_SECRET": SECRET,
                "ROSTER_GRAPHIQL_TOKEN": TOKEN,
            },
            (),
            "roster cannot start with these settings: ROSTER_GRAPHIQL_TOKEN would put an API "
            "token into the GraphiQL page; it is for development only (make run sets it), and "
            "production serves no GraphiQL: unset it." + ENDING,
        ),
        (
            {"ROSTER_GRAPHIQL_TOKEN": TOKEN},
            ("--host", "0.0.0.0"),
            "roster will not serve ROSTER_GRAPHIQL_TOKEN on --host 0.0.0.0: the GraphiQL page "
            "hands that token to whoever opens it, so it is served on a loopback host only "
            "(127.0.0.1, ::1, localhost). Unset ROSTER_GRAPHIQL_TOKEN, or serve on 127.0.0.1.\n",
        ),
    ],
)
def test_serve_refuses_unsafe_or_malformed_settings_with_one_readable_paragraph(
    tmp_path, busy_port, variables, args, message
):
    done = run_roster(tmp_path, "serve", "--port", str(busy_port), *args, **variables)

    if message is None:
        # Accepted settings: the app was built, then uvicorn could not bind the port.
        assert done.returncode == 3, done.stderr
        assert "Application startup complete." in done.stderr
        assert "address already in use" in done.stderr
        assert "roster cannot" not in done.stderr
        return
    assert (done.returncode, done.stderr, done.stdout) == (2, message, "")
    assert SECRET not in done.stderr and TOKEN not in done.stderr


@pytest.mark.parametrize("command", [("db", "upgrade"), ("token", "create", "--email", "a@b.c")])
def test_the_database_commands_refuse_a_malformed_setting_the_same_way(tmp_path, command):
    done = run_roster(tmp_path, *command, ROSTER_DATABASE_URL="sqlite+aiosqlite://")

    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "roster cannot start with these settings: ROSTER_DATABASE_URL='sqlite+aiosqlite://': "
        "an in-memory SQLite database (no file) is a new one per connection; write "
        "sqlite+aiosqlite:///FILE." + ENDING
    )
