"""One operation through Hive Gateway to two subgraph processes makes ONE trace: the
gateway's spans, each subgraph's HTTP and GraphQL spans under a gateway span, and each
subgraph's SQL under its own request; all exported over OTLP/HTTP to a receiver the test
serves, and none carrying the searched user's email or the search string."""

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from db.engine import Database
from db.enums import Role, UserStatus
from db.models import Tenant, User
from db.seed import seed_demo
from gateway.commands.tokens import create_token_for
from tests.federation.otlp_receiver import OtlpReceiver, ReceivedSpan, otlp_receiver
from tests.federation.topology import Topology, federated_roster

pytestmark = pytest.mark.usefixtures("node_required")

# admin answers users (and the email), phone whether its user menu lists them.
TRACED = """
query TracedSearch($search: String!) {
  users(first: 5, filter: {search: $search}) {
    edges { node { email inPhoneUserMenu } }
  }
}
"""
SERVER = 2  # OTLP's SPAN_KIND_SERVER
WAIT_SECONDS = 30.0


async def _seed(url: str) -> tuple[str, str]:
    """Seeds the demo; (email, display name) of an active acme member."""
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        await seed_demo(database, users=12, calls=10)
        async with database.read_sessions() as session:
            acme = (
                await session.execute(select(Tenant.id).where(Tenant.slug == "acme"))
            ).scalar_one()
            row = (
                await session.execute(
                    select(User.email, User.display_name)
                    .where(
                        User.tenant_id == acme,
                        User.role == Role.MEMBER,
                        User.status == UserStatus.ACTIVE,
                    )
                    .order_by(User.id)
                    .limit(1)
                )
            ).one()
        return row[0], row[1]
    finally:
        await database.dispose()


@pytest.fixture(scope="module")
def traced_world(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Topology, OtlpReceiver, str, str, str]]:
    workdir: Path = tmp_path_factory.mktemp("traces")
    url = f"sqlite+aiosqlite:///{workdir}/roster.db"
    email, display_name = asyncio.run(_seed(url))
    token = asyncio.run(create_token_for(url, email="admin@acme.example", tenant="acme"))
    with otlp_receiver() as receiver:
        settings = {
            "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.url,
            # Batches leave within a fifth of a second, not the default five.
            "OTEL_BSP_SCHEDULE_DELAY": "200",
        }
        with federated_roster(url, workdir, settings=settings) as topology:
            yield topology, receiver, token, email, display_name


def _trace(receiver: OtlpReceiver, trace_id: str) -> list[ReceivedSpan]:
    return [span for span in receiver.spans if span.trace_id == trace_id]


def _ancestors(span: ReceivedSpan, spans: dict[str, ReceivedSpan]) -> list[ReceivedSpan]:
    chain = []
    parent = spans.get(span.parent_span_id)
    while parent is not None:
        chain.append(parent)
        parent = spans.get(parent.parent_span_id)
    return chain


def _complete(spans: list[ReceivedSpan]) -> bool:
    services = {span.service for span in spans}
    sql = {span.service for span in spans if "db.statement" in span.attributes}
    return {"roster-router", "roster-admin", "roster-phone"} <= services and {
        "roster-admin",
        "roster-phone",
    } <= sql


def test_one_trace_runs_from_the_router_through_two_subgraphs_to_their_sql(traced_world):
    topology, receiver, token, email, display_name = traced_world
    search = display_name.lower()
    response = httpx.post(
        topology.router_url,
        json={"query": TRACED, "variables": {"search": search}},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    [found] = [
        edge["node"] for edge in body["data"]["users"]["edges"] if edge["node"]["email"] == email
    ]
    assert found == {"email": email, "inPhoneUserMenu": True}

    # The router's HTTP span for this request is the root of the trace.
    deadline = time.monotonic() + WAIT_SECONDS
    spans: list[ReceivedSpan] = []
    while time.monotonic() < deadline:
        roots = [
            span
            for span in receiver.spans
            if span.service == "roster-router"
            and not span.parent_span_id
            and span.attributes.get("graphql.operation.name") != "IntrospectionQuery"
            and any(
                other.trace_id == span.trace_id and other.service == "roster-phone"
                for other in receiver.spans
            )
        ]
        if roots:
            spans = _trace(receiver, roots[0].trace_id)
            if _complete(spans):
                break
        time.sleep(0.2)
    assert _complete(spans), sorted({(span.service, span.name) for span in spans})
    by_id = {span.span_id: span for span in spans}
    assert len({span.trace_id for span in spans}) == 1

    router = [span for span in spans if span.service == "roster-router"]
    assert any(span.attributes.get("graphql.operation.name") == "TracedSearch" for span in router)
    for subgraph in ("admin", "phone"):
        service = f"roster-{subgraph}"
        [server] = [span for span in spans if span.service == service and span.kind == SERVER]
        assert server.name == "POST /graphql"
        # The subgraph's request continues the router's fetch to the subgraph.
        parent = by_id[server.parent_span_id]
        assert (parent.service, parent.name) == ("roster-router", "http.fetch")
        [operation] = [
            span for span in spans if span.service == service and span.name.startswith("query")
        ]
        assert operation.name == "query TracedSearch"
        assert by_id[operation.parent_span_id] is server
        sql = [
            span for span in spans if span.service == service and "db.statement" in span.attributes
        ]
        assert sql
        for statement in sql:
            assert server in _ancestors(statement, by_id)
            assert _ancestors(statement, by_id)[-1].service == "roster-router"

    for span in spans:
        text = " ".join([span.name, *(f"{key}={value}" for key, value in span.attributes.items())])
        assert email not in text, (span.service, span.name)
        assert search not in text.lower(), (span.service, span.name, text)
