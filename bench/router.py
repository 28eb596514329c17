"""The seat map through the federation router: roster's five subgraphs as their own
processes behind Hive Gateway, as `make router` runs them (tests/federation/topology.py)."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.database import CACHE
from bench.servers import ROSTER_ENV, Target


def router_missing_reason() -> str | None:
    """Why the router cannot run here, or None when it can."""
    from gateway.commands.schema_compose import node_modules_ready
    from tests.federation.topology import node_missing_reason

    reason = node_missing_reason()
    if reason is None and not node_modules_ready():
        reason = "federation/node_modules is missing (make federation-deps installs it)"
    return reason


@contextmanager
def running_router(database_url: str) -> Iterator[Target]:
    """The router (it answers at /graphql) and every process of the topology behind it."""
    from tests.federation.topology import federated_roster

    workdir = CACHE / "router"
    workdir.mkdir(exist_ok=True)
    os.environ.update(ROSTER_ENV)  # the topology's processes inherit it
    with federated_roster(database_url, Path(workdir)) as topology:
        pids = [process.popen.pid for process in topology.processes]
        yield Target(topology.router_url.removesuffix("/graphql"), pids)
