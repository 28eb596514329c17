"""Requests by document id over HTTP (POST and GET, documentId and APQ's hash), unknown
ids, and free text refused before parsing where only trusted documents run."""

import uuid

import orjson
import pytest

from resolvers.ids import to_global_id
from tests.documents.world import (
    DEACTIVATE,
    ME,
    ME_ID,
    TWO_OPERATIONS,
    counting_parses,
    documents_client,
    id_of,
    register,
)
from tests.gateway.admin_and_ben import admin_and_ben, ben_status
from tests.http import bearer, graphql_body

ADA = {"me": {"email": "ada.admin@acme.example", "displayName": "Ada Admin"}}
ONLY_TRUSTED = (
    "This API runs trusted documents only (ROSTER_TRUSTED_DOCUMENTS_ONLY): send a "
    "registered document's id in `documentId` (sha256:<hex>) instead of its text in "
    "`query`. Register a frontend's operations with `roster documents add` "
    "(docs/trusted-documents.md)."
)
TRUSTED_ONLY_REFUSAL = {
    "errors": [{"message": ONLY_TRUSTED, "extensions": {"code": "TRUSTED_DOCUMENTS_ONLY"}}]
}
GRAPHQL_RESPONSE = "application/graphql-response+json"


def _apq(body: str) -> dict[str, object]:
    return {"persistedQuery": {"version": 1, "sha256Hash": id_of(body).removeprefix("sha256:")}}


async def test_a_registered_document_runs_by_id_over_post_and_get_with_no_parse(
    database, tmp_path, monkeypatch
):
    world = await admin_and_ben(database)
    register(tmp_path, ME)
    async with documents_client(database, tmp_path, trusted_documents_only=True) as client:
        with counting_parses(monkeypatch) as parsed:
            posted = await client.post(
                "/graphql", json={"documentId": ME_ID}, headers=bearer(world["token"])
            )
            got = await client.get(
                "/graphql", params={"documentId": ME_ID}, headers=bearer(world["token"])
            )
            apq = await client.get(
                "/graphql",
                params={"extensions": orjson.dumps(_apq(ME)).decode()},
                headers=bearer(world["token"]),
            )
            # The id and the text together: the same document, run as the registered one.
            both = await client.post(
                "/graphql",
                json={"documentId": ME_ID, "query": ME},
                headers=bearer(world["token"]),
            )
    for response in (posted, got, apq, both):
        assert (response.status_code, graphql_body(response)) == (200, {"data": ADA})
    assert parsed == []  # parsed once, when the app loaded it; never per request


async def test_a_mutation_by_document_id_with_variables_over_post_only(database, tmp_path):
    world = await admin_and_ben(database)
    [deactivate] = register(tmp_path, DEACTIVATE)
    ben = to_global_id("User", world["ben"].id)
    async with documents_client(database, tmp_path, trusted_documents_only=True) as client:
        over_get = await client.get(
            "/graphql",
            params={"documentId": deactivate, "variables": orjson.dumps({"id": ben}).decode()},
            headers=bearer(world["token"]),
        )
        assert str(await ben_status(database, world)) == "ACTIVE"
        posted = await client.post(
            "/graphql",
            json={"documentId": deactivate, "variables": {"id": ben}},
            headers=bearer(world["token"]),
        )
    assert over_get.status_code == 405
    assert graphql_body(over_get)["errors"][0]["extensions"] == {"code": "METHOD_NOT_ALLOWED"}
    assert graphql_body(posted) == {
        "data": {
            "deactivateUser": {
                "changed": True,
                "user": {"displayName": "Ben Bell", "status": "DEACTIVATED"},
            }
        }
    }
    assert str(await ben_status(database, world)) == "DEACTIVATED"


async def test_a_document_of_two_operations_runs_the_one_named(database, tmp_path):
    world = await admin_and_ben(database)
    [both] = register(tmp_path, TWO_OPERATIONS)
    async with documents_client(database, tmp_path, trusted_documents_only=True) as client:
        unnamed = await client.post(
            "/graphql",
            json={"documentId": both},
            headers=bearer(world["token"]) | {"Accept": GRAPHQL_RESPONSE},
        )
        count = await client.post(
            "/graphql",
            json={"documentId": both, "operationName": "Count"},
            headers=bearer(world["token"]),
        )
    assert unnamed.status_code == 400
    assert graphql_body(unnamed)["errors"][0]["message"] == (
        "The document has several operations: name the one to run in `operationName`."
    )
    assert graphql_body(count) == {"data": {"users": {"totalCount": 2}}}


@pytest.mark.parametrize("trusted_only", [True, False])
async def test_unknown_ids_are_refused_with_the_conventions_clients_expect(
    database, tmp_path, trusted_only
):
    world = await admin_and_ben(database)
    register(tmp_path, ME)
    unknown = id_of("query Unknown { me { id } }")
    async with documents_client(database, tmp_path, trusted_documents_only=trusted_only) as client:
        by_id = await client.post(
            "/graphql", json={"documentId": unknown}, headers=bearer(world["token"])
        )
        by_hash = await client.post(
            "/graphql",
            json={"extensions": _apq("query Unknown { me { id } }")},
            headers=bearer(world["token"]),
        )
        not_sha256 = await client.get(
            "/graphql", params={"documentId": "x-relay:abc"}, headers=bearer(world["token"])
        )
    assert (by_id.status_code, graphql_body(by_id)) == (
        400,
        {
            "errors": [
                {
                    "message": f"No trusted document has the id {unknown}: register it with "
                    "`roster documents add` (and restart roster), or send the id the build "
                    "registered.",
                    "extensions": {"code": "PERSISTED_DOCUMENT_NOT_FOUND"},
                }
            ]
        },
    )
    # Apollo's: a 200 its clients answer by sending the query with its hash.
    assert (by_hash.status_code, graphql_body(by_hash)) == (
        200,
        {
            "errors": [
                {
                    "message": "PersistedQueryNotFound",
                    "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
                }
            ]
        },
    )
    assert by_hash.headers["cache-control"] == "private, no-cache, must-revalidate"
    assert not_sha256.status_code == 400
    assert not_sha256.json()["errors"][0]["message"] == (
        "`documentId` 'x-relay:abc' is not a document id roster knows: send "
        "sha256:<the 64 lower-case hex digits of the document's SHA-256>."
    )


async def test_an_id_and_a_text_that_disagree_are_refused(database, tmp_path):
    world = await admin_and_ben(database)
    register(tmp_path, ME)
    async with documents_client(database, tmp_path, trusted_documents_only=False) as client:
        mismatch = await client.post(
            "/graphql",
            json={"documentId": ME_ID, "query": "{ me { id } }"},
            headers=bearer(world["token"]),
        )
        two_ids = await client.post(
            "/graphql",
            json={"documentId": ME_ID, "extensions": _apq("{ me { id } }")},
            headers=bearer(world["token"]),
        )
    assert mismatch.status_code == two_ids.status_code == 400
    assert graphql_body(mismatch)["errors"][0]["message"] == (
        "The document sent in `query` is not the one its id names (the SHA-256 of its text "
        "differs): send the id alone, or the text with its own id."
    )
    assert graphql_body(two_ids)["errors"][0]["message"] == (
        "`documentId` and `extensions.persistedQuery.sha256Hash` name different documents: "
        "send one of them."
    )


async def test_free_text_is_refused_before_parsing_where_only_trusted_documents_run(
    database, tmp_path, monkeypatch
):
    world = await admin_and_ben(database)
    register(tmp_path, ME)
    broken = f"query Broken_{uuid.uuid4().hex} {{ me {{ email"  # a syntax error, if parsed
    unregistered = "query Other { me { email } }"
    async with documents_client(
        database, tmp_path, env="production", subgraphs_enabled=False
    ) as client:
        with counting_parses(monkeypatch) as parsed:
            free = await client.post(
                "/graphql", json={"query": broken}, headers=bearer(world["token"])
            )
            over_get = await client.get(
                "/graphql", params={"query": broken}, headers=bearer(world["token"])
            )
            # An APQ client registering a query with its hash registers nothing here.
            registering = await client.post(
                "/graphql",
                json={"query": unregistered, "extensions": _apq(unregistered)},
                headers=bearer(world["token"]),
            )
            again = await client.post(
                "/graphql",
                json={"extensions": _apq(unregistered)},
                headers=bearer(world["token"]),
            )
            # Refused before authentication too: no token, the same refusal.
            anonymous = await client.post("/graphql", json={"query": broken})
    assert parsed == []
    for response in (free, over_get, registering, anonymous):
        assert (response.status_code, graphql_body(response)) == (400, TRUSTED_ONLY_REFUSAL)
    assert graphql_body(again)["errors"][0]["extensions"] == {"code": "PERSISTED_QUERY_NOT_FOUND"}


async def test_development_runs_free_text_and_apq_registers_nothing(
    database, tmp_path, monkeypatch
):
    world = await admin_and_ben(database)
    # Never seen before, so the parser cache has not got it: the one parse is counted.
    text = f"query Free_{uuid.uuid4().hex} {{ me {{ displayName }} }}"
    directory = tmp_path / "documents"
    async with documents_client(database, directory) as client:  # development's default
        with counting_parses(monkeypatch) as parsed:
            free = await client.post(
                "/graphql", json={"query": text}, headers=bearer(world["token"])
            )
        assert parsed == [text]  # what the trusted-document tests count, counted
        with_hash = await client.post(
            "/graphql",
            json={"query": text, "extensions": _apq(text)},
            headers=bearer(world["token"]),
        )
        hash_alone = await client.post(
            "/graphql", json={"extensions": _apq(text)}, headers=bearer(world["token"])
        )
    expected = {"data": {"me": {"displayName": "Ada Admin"}}}
    assert graphql_body(free) == graphql_body(with_hash) == expected
    assert graphql_body(hash_alone)["errors"][0]["extensions"] == {
        "code": "PERSISTED_QUERY_NOT_FOUND"
    }
    assert not directory.exists()


async def test_the_subgraph_endpoints_run_the_routers_text_where_the_api_is_trusted_only(
    database, tmp_path
):
    world = await admin_and_ben(database)
    register(tmp_path, ME)
    secret = "a-long-router-secret-0123456789"
    headers = bearer(world["token"]) | {"X-Roster-Subgraph-Secret": secret}
    async with documents_client(
        database, tmp_path, env="production", subgraph_secret=secret
    ) as client:
        api = await client.post("/graphql", json={"query": ME}, headers=headers)
        plan = await client.post("/subgraphs/admin/graphql", json={"query": ME}, headers=headers)
        by_id = await client.post(
            "/subgraphs/admin/graphql", json={"documentId": ME_ID}, headers=headers
        )
    assert (api.status_code, graphql_body(api)) == (400, TRUSTED_ONLY_REFUSAL)
    assert (plan.status_code, graphql_body(plan)) == (200, {"data": ADA})
    assert by_id.status_code == 400
    assert graphql_body(by_id)["errors"][0]["message"] == (
        "This endpoint runs the documents sent in `query` (a subgraph's, for the router's "
        "query plans): trusted documents (`documentId`, `extensions.persistedQuery`) are "
        "served on /graphql."
    )
