"""ROSTER_PLANNED_EXECUTION picks the executor of every schema the app and the tests
build: the planned one (default) or graphql-core's stock execution through Strawberry.

.ci/run runs the chart, contract and authorization tests a second time with it false,
and this module with them, so that run shows it really ran the stock executor.
"""

import os

from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from gateway.app import create_app
from gateway.settings import Settings, get_settings
from schemas.execution import FIELD_PLANS, DirectFieldExecutor
from schemas.graph import plain_schemas
from tests.factories import caller_of, make_tenant, make_user
from tests.graphql import execute


def _endpoint_schemas(app) -> dict[str, object]:
    return {route.path: route.endpoint.schema for route in app.routes if hasattr(route, "endpoint") and hasattr(route.endpoint, "schema")}  # fmt: skip


def test_the_setting_is_on_by_default_and_read_from_the_environment(monkeypatch):
    monkeypatch.delenv("ROSTER_PLANNED_EXECUTION", raising=False)
    assert Settings().planned_execution is True
    monkeypatch.setenv("ROSTER_PLANNED_EXECUTION", "false")
    assert Settings().planned_execution is False


def test_every_endpoint_of_the_app_runs_the_executor_the_setting_picks(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path}/roster.db"
    for planned, executor in ((True, DirectFieldExecutor), (False, StrawberryGraphQLCoreExecutionContext)):  # fmt: skip
        schemas = _endpoint_schemas(
            create_app(Settings(database_url=url, planned_execution=planned))
        )
        assert sorted(schemas) == [
            "/graphql", "/subgraphs/admin/graphql", "/subgraphs/analytics/graphql",
            "/subgraphs/callCenter/graphql", "/subgraphs/phone/graphql",
            "/subgraphs/phoneMobile/graphql",
        ]  # fmt: skip
        for path, schema in schemas.items():
            assert schema.execution_context_class is executor, path  # type: ignore[attr-defined]
            user_type = schema._schema.type_map["User"]  # type: ignore[attr-defined]
            assert (FIELD_PLANS in user_type.extensions) is planned, path


def test_the_stock_schemas_carry_no_plans():
    for name, schema in plain_schemas(False).items():
        assert schema.execution_context_class is StrawberryGraphQLCoreExecutionContext, name
        assert all(
            FIELD_PLANS not in graphql_type.extensions
            for graphql_type in schema._schema.type_map.values()
            if hasattr(graphql_type, "fields")
        ), name


async def test_the_tests_run_the_executor_the_environment_picks(database, monkeypatch):
    """What tests/http.py and tests/graphql.py build follows ROSTER_PLANNED_EXECUTION."""
    wanted = os.environ.get("ROSTER_PLANNED_EXECUTION", "true").lower() not in ("false", "0")
    assert get_settings().planned_execution is wanted
    assert Settings(database_url=database.url).planned_execution is wanted
    built: list[str] = []
    original = DirectFieldExecutor.__init__

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        built.append("planned")
        original(self, *args, **kwargs)

    monkeypatch.setattr(DirectFieldExecutor, "__init__", counted)
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin")
    result = await execute(database, caller_of(ada, acme), "{ me { displayName } }")
    assert result.data == {"me": {"displayName": "Ada Admin"}}
    assert built == (["planned"] if wanted else [])
