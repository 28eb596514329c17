"""The differential oracle: generated operations against the real composed schema, each
answered by the planned executor and by graphql-core's own, must get the same answer.

Generated operations are queries: they read, so one world serves every example. The
mutations are written by hand (test_mutations.py), each pair of runs on a world of its
own. `make test` runs a bounded, derandomized set; `make fuzz` sets ROSTER_FUZZ_EXAMPLES.
"""

import os
from collections.abc import AsyncIterator

import pytest
from graphql import IntValueNode, StringValueNode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import queries

from db.engine import Database
from resolvers.ids import to_global_id
from schemas.graph import NODE_TYPES, plain_schemas
from tests.gateway.test_fuzz import CUSTOM_SCALARS
from tests.schemas.oracle.compare import both
from tests.schemas.oracle.world import OracleWorld, build_oracle_world

EXAMPLES = int(os.environ.get("ROSTER_FUZZ_EXAMPLES", "250"))
ORACLE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
SCHEMA = plain_schemas()["composed"]._schema
# Ids of rows the world has (each kind's first few) and of rows it has not, of every
# Node type, and ids that are no global id at all.
GLOBAL_IDS = [to_global_id(t.__name__, pk) for t in NODE_TYPES for pk in range(1, 6)]
IDS = st.sampled_from(GLOBAL_IDS) | st.sampled_from(["", "1", "VXNlcjo5OTk5OTk="])
# Page sizes around the accepted range, and the ends of a 32-bit Int.
INTS = st.integers(-1, 102) | st.sampled_from([2**31 - 1, -(2**31)])
SCALARS = {
    **CUSTOM_SCALARS,
    "ID": IDS.map(lambda value: StringValueNode(value=value)),
    "Int": INTS.map(lambda value: IntValueNode(value=str(value))),
}
CALLERS = ("admin", "member", "foreign_admin")


@pytest.fixture
async def world(database: Database) -> AsyncIterator[OracleWorld]:
    yield await build_oracle_world(database)


@ORACLE
@given(query=queries(SCHEMA, custom_scalars=SCALARS), caller=st.sampled_from(CALLERS))
async def test_generated_queries_get_the_same_answer_from_both_executors(
    database, world, query, caller
):
    await both(database, getattr(world, caller), query)
