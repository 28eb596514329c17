"""A request that is over reads nothing more: no field left running takes a connection.

graphql-core lets a field run on after the response when a non-null sibling failed and
nulled their parent; its loads used to open a connection after the request had given its
own back, and that one went back to the pool only when the garbage collector found it.
"""

import asyncio

import pytest
from sqlalchemy import text

from db.engine import Database
from resolvers.context import make_context
from resolvers.reader import Reader
from tests.graphql import execute
from tests.schemas.oracle.world import build_oracle_world


def _checked_out(database: Database) -> int:
    return database.engine.sync_engine.pool.checkedout()  # type: ignore[attr-defined]


async def test_a_field_left_running_after_the_response_takes_no_connection(database):
    world = await build_oracle_world(database)
    # `dashboard` is non-null and refuses its window, so the whole data is null while
    # `node` is still loading its user.
    query = """{
      node(id: "%s") { ... on User { inMobileInternalList } }
      dashboard(from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z") { overview { callCount } }
    }""" % world.gid(world.rows.cai)  # noqa: UP031
    for planned_execution in (True, False):
        result = await execute(database, world.admin, query, planned_execution=planned_execution)
        assert result.data is None
        assert [e.message for e in result.errors or []] == ["`from` must be before `to`."]
        for _ in range(50):  # let what graphql-core left running finish
            await asyncio.sleep(0.01)
        assert _checked_out(database) == 0


async def test_a_finished_reader_refuses_to_read_and_a_closed_one_reads_again(database):
    world = await build_oracle_world(database)
    context = make_context(database, world.admin)
    reader: Reader = context.reader
    assert await reader.scalar(text("SELECT 1")) == 1
    await context.before_write()  # given back for a write: the next read takes one again
    assert await reader.scalar(text("SELECT 2")) == 2
    await context.close()
    assert _checked_out(database) == 0
    with pytest.raises(RuntimeError, match="the request is over: it reads nothing more"):
        await reader.scalar(text("SELECT 3"))
    assert _checked_out(database) == 0
