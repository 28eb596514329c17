"""Traces in process: the spans of a request, their parents, and no personal data in them."""

import pytest
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from opentelemetry.trace import SpanKind
from sqlalchemy import text

from gateway.app import create_app
from gateway.settings import Settings
from tests.http import bearer
from tests.telemetry.tracing_app import (
    all_attribute_text,
    ancestors,
    clear_otel_environment,
    opentelemetry_listeners,
    parent_of,
    traced_client,
)

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_SPAN_ID = "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE_ID}-{CALLER_SPAN_ID}-01"
SEARCH = "ada"
EMAIL = "nia.private@acme.example"
SEARCH_USERS = (
    'query SearchUsers { users(first: 5, filter: {search: "ada", status: ACTIVE}) '
    "{ edges { node { displayName email } } } }"
)
CREATE_USER = """
mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) { user { email } userErrors { code } }
}
"""


async def test_a_query_makes_request_graphql_and_sql_spans_in_the_callers_trace(
    database, world, monkeypatch
):
    async with traced_client(database, monkeypatch) as (client, memory, _):
        response = await client.post(
            "/graphql",
            json={"query": SEARCH_USERS},
            headers={**bearer(world["token"]), "traceparent": TRACEPARENT},
        )
        assert opentelemetry_listeners(database) != []  # what the test of tracing off looks for
    assert response.status_code == 200, response.text
    assert response.json()["data"]["users"]["edges"] == [
        {"node": {"displayName": "Ada Admin", "email": "ada.admin@acme.example"}}
    ]
    spans = memory.get_finished_spans()
    assert {format(span.context.trace_id, "032x") for span in spans} == {TRACE_ID}
    [server] = [span for span in spans if span.kind == SpanKind.SERVER]
    assert server.name == "POST /graphql"
    assert server.parent is not None and format(server.parent.span_id, "016x") == CALLER_SPAN_ID
    [operation] = [span for span in spans if span.name == "query SearchUsers"]
    assert parent_of(operation, spans) is server
    assert operation.attributes is not None
    assert operation.attributes["graphql.operation.name"] == "SearchUsers"
    assert operation.attributes["graphql.operation.type"] == "query"
    # The document's shape, its literals blanked.
    assert 'search: ""' in str(operation.attributes["graphql.document"])
    steps = {span.name: span for span in spans if parent_of(span, spans) is operation}
    assert set(steps) == {"GraphQL Parsing", "GraphQL Validation", "GraphQL Execution"}
    sql = [span for span in spans if span.attributes and "db.statement" in span.attributes]
    assert sql, [span.name for span in spans]
    # The user search's statements run under the execution; the token's look-up before it.
    under_execution = [span for span in sql if parent_of(span, spans) is steps["GraphQL Execution"]]
    assert any("FROM users" in str(span.attributes["db.statement"]) for span in under_execution)
    for span in sql:
        assert ancestors(span, spans)[-1] == "POST /graphql"
    assert SEARCH not in all_attribute_text(spans).lower().replace("ada admin", "")


async def test_resolver_spans_carry_no_personal_argument(database, world, monkeypatch):
    async with traced_client(database, monkeypatch, trace_resolvers=True) as (client, memory, _):
        searched = await client.post(
            "/graphql", json={"query": SEARCH_USERS}, headers=bearer(world["token"])
        )
        variables = {"input": {"email": EMAIL, "displayName": "Nia Private", "role": "MEMBER"}}
        created = await client.post(
            "/graphql",
            json={"query": CREATE_USER, "variables": variables},
            headers=bearer(world["token"]),
        )
        by_get = await client.get(
            "/graphql", params={"query": SEARCH_USERS}, headers=bearer(world["token"])
        )
    assert searched.status_code == created.status_code == by_get.status_code == 200
    assert created.json()["data"]["createUser"] == {"user": {"email": EMAIL}, "userErrors": []}
    spans = memory.get_finished_spans()
    resolving = {span.name: span for span in spans if span.name.startswith("GraphQL Resolving")}
    users = resolving["GraphQL Resolving: users"]
    assert users.attributes is not None
    assert users.attributes["graphql.param.first"] == 5
    assert users.attributes["graphql.param.filter"] == "{status: ACTIVE, groupId: None}"
    create = resolving["GraphQL Resolving: createUser"]
    assert create.attributes is not None
    assert create.attributes["graphql.param.input"] == "{role: MEMBER}"
    # The GET's server span names the path, not the query string the document came in.
    gets = [span for span in spans if span.name == "GET /graphql"]
    assert [span.attributes["http.target"] for span in gets if span.attributes] == ["/graphql"]
    text = all_attribute_text(spans).lower()
    for secret in (EMAIL, "nia private", "nia.private", f'"{SEARCH}"', f"={SEARCH}"):
        assert secret not in text, secret


async def test_a_statement_outside_any_request_makes_no_span(database, world, monkeypatch):
    async with traced_client(database, monkeypatch) as (_, memory, tracing):
        async with database.session() as session:  # as the worker's polls and the bus do
            assert (await session.execute(text("SELECT 1"))).scalar_one() == 1
        assert memory.get_finished_spans() == ()
        # The same statement inside a trace is its span.
        with tracing.provider.get_tracer("test").start_as_current_span("a request"):
            async with database.session() as session:
                await session.execute(text("SELECT 1"))
    names = [span.name for span in memory.get_finished_spans()]
    assert names[-1] == "a request" and any(name.startswith("SELECT") for name in names), names


async def test_tracing_off_installs_nothing(database, monkeypatch):
    clear_otel_environment(monkeypatch)
    app = create_app(Settings(database_url=database.url), database=database)
    assert app.state.tracing is None
    assert app.user_middleware == []
    assert not SQLAlchemyInstrumentor().is_instrumented_by_opentelemetry
    assert opentelemetry_listeners(database) == []


@pytest.mark.parametrize(
    ("environment", "exporters"),
    [
        ({}, []),
        ({"OTEL_TRACES_EXPORTER": "none"}, []),
        ({"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"}, []),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"}, ["otlp"]),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://c:4318/v1/traces"}, ["otlp"]),
        ({"OTEL_TRACES_EXPORTER": "console"}, ["console"]),
        ({"OTEL_TRACES_EXPORTER": "otlp,console"}, ["otlp", "console"]),
        ({"OTEL_SDK_DISABLED": "true", "OTEL_TRACES_EXPORTER": "console"}, []),
    ],
)
def test_the_standard_environment_turns_traces_on(environment, exporters):
    from gateway.telemetry.tracing import exporter_names

    assert exporter_names(environment) == exporters


def test_an_exporter_or_protocol_roster_lacks_is_refused_by_name():
    from gateway.settings import SettingsError
    from gateway.telemetry.tracing import start_tracing

    with pytest.raises(SettingsError, match="OTEL_TRACES_EXPORTER=zipkin"):
        start_tracing(
            trace_resolvers=False, only_subgraph=None, environ={"OTEL_TRACES_EXPORTER": "zipkin"}
        )
    grpc = {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4317", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"}
    with pytest.raises(SettingsError, match="OTEL_EXPORTER_OTLP_PROTOCOL=grpc"):
        start_tracing(trace_resolvers=False, only_subgraph=None, environ=grpc)


def test_the_service_is_named_after_the_subgraph_unless_the_environment_names_it(monkeypatch):
    from gateway.telemetry.tracing_setup import service_resource

    clear_otel_environment(monkeypatch)
    assert service_resource(None).attributes["service.name"] == "roster"
    assert service_resource("admin").attributes["service.name"] == "roster-admin"
    monkeypatch.setenv("OTEL_SERVICE_NAME", "roster-eu-1")
    assert service_resource("admin").attributes["service.name"] == "roster-eu-1"
