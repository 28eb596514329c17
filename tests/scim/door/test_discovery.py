"""The discovery endpoints (RFC 7644 §4): what the door announces is what it implements."""

import httpx
import pytest
from pydantic import ValidationError

from db.engine import Database
from gateway.settings import Settings
from tests.http import http_client
from tests.scim.door.bodies import error_body
from tests.scim.world import BASE, ScimWorld

CONFIG = {
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    "meta": {"resourceType": "ServiceProviderConfig", "location": f"{BASE}/ServiceProviderConfig"},
    "patch": {"supported": True},
    "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
    "filter": {"supported": True, "maxResults": 100},
    "changePassword": {"supported": False},
    "sort": {"supported": False},
    "etag": {"supported": True},
    "authenticationSchemes": [
        {
            "type": "oauthbearertoken",
            "name": "Bearer token",
            "description": "A tenant's SCIM token (roster token create --scim --tenant SLUG), sent as Authorization: Bearer <token>.",
            "primary": True,
        }
    ],
}

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"


async def test_service_provider_config(scim: httpx.AsyncClient) -> None:
    response = await scim.get("/scim/v2/ServiceProviderConfig")
    assert (response.status_code, response.json()) == (200, CONFIG)
    assert response.headers["content-type"] == "application/scim+json"


async def test_the_documentation_url_is_announced_when_set(database: Database) -> None:
    url = "https://docs.example.com/roster/scim"
    async with http_client(database, scim_documentation_url=url) as client:
        answer = (await client.get("/scim/v2/ServiceProviderConfig")).json()
    assert answer["documentationUri"] == url
    assert answer["authenticationSchemes"][0]["documentationUri"] == url
    with pytest.raises(ValidationError, match="an absolute http"):
        Settings(scim_documentation_url="docs/scim.md")


async def test_resource_types(scim: httpx.AsyncClient) -> None:
    response = await scim.get("/scim/v2/ResourceTypes")
    assert (response.status_code, response.json()) == (
        200,
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
            "totalResults": 2,
            "startIndex": 1,
            "itemsPerPage": 2,
            "Resources": [
                {
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
                    "id": name,
                    "meta": {
                        "resourceType": "ResourceType",
                        "location": f"{BASE}/ResourceTypes/{name}",
                    },
                    "name": name,
                    "description": name,
                    "endpoint": f"/{name}s",
                    "schema": f"urn:ietf:params:scim:schemas:core:2.0:{name}",
                    **extensions,
                }
                for name, extensions in (
                    ("User", {"schemaExtensions": [{"schema": ENTERPRISE, "required": False}]}),
                    ("Group", {}),
                )
            ],
        },
    )
    one = await scim.get("/scim/v2/ResourceTypes/Group")
    assert (one.status_code, one.json()) == (200, response.json()["Resources"][1])


# Each published attribute -> its mutability, and its sub-attributes' (only what roster keeps).
PUBLISHED = {
    "urn:ietf:params:scim:schemas:core:2.0:User": {
        "userName": ("readWrite", {}),
        "name": (
            "readWrite",
            {"formatted": "readOnly", "familyName": "readWrite", "givenName": "readWrite"},
        ),
        "displayName": ("readWrite", {}),
        "active": ("readWrite", {}),
        "emails": (
            "readWrite",
            {"value": "readWrite", "type": "readWrite", "primary": "readWrite"},
        ),
        "phoneNumbers": ("readOnly", {"value": "readOnly", "type": "readOnly"}),
        "groups": (
            "readOnly",
            {"value": "readOnly", "$ref": "readOnly", "display": "readOnly", "type": "readOnly"},
        ),
    },
    ENTERPRISE: {
        "employeeNumber": ("readWrite", {}),
        "costCenter": ("readWrite", {}),
        "organization": ("readWrite", {}),
        "division": ("readWrite", {}),
        "department": ("readWrite", {}),
        "manager": (
            "readWrite",
            {"value": "readWrite", "$ref": "readWrite", "displayName": "readOnly"},
        ),
    },
    "urn:ietf:params:scim:schemas:core:2.0:Group": {
        "displayName": ("readWrite", {}),
        "members": (
            "readWrite",
            {"value": "immutable", "$ref": "immutable", "type": "immutable", "display": "readOnly"},
        ),
    },
}


async def test_schemas_are_what_roster_keeps(scim: httpx.AsyncClient) -> None:
    answer = (await scim.get("/scim/v2/Schemas")).json()
    published = {
        schema["id"]: {
            attribute["name"]: (
                attribute["mutability"],
                {sub["name"]: sub["mutability"] for sub in attribute.get("subAttributes", [])},
            )
            for attribute in schema["attributes"]
        }
        for schema in answer["Resources"]
    }
    assert published == PUBLISHED
    assert list(published) == list(PUBLISHED)
    user = (await scim.get("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User")).json()
    attributes = {attribute["name"]: attribute for attribute in user["attributes"]}
    assert attributes["userName"]["uniqueness"] == "server"
    unknown = await scim.get("/scim/v2/Schemas/urn:nope")
    assert (unknown.status_code, unknown.json()) == (
        404,
        error_body(404, "Schema 'urn:nope' not found"),
    )


async def test_discovery_refuses_filters(scim: httpx.AsyncClient) -> None:
    response = await scim.get("/scim/v2/ResourceTypes?filter=name%20eq%20%22User%22")
    assert (response.status_code, response.json()) == (
        403,
        error_body(403, "Discovery endpoints do not support filtering"),
    )


async def test_a_subgraph_process_serves_scim_only_for_admin(
    database: Database, world: ScimWorld
) -> None:
    from gateway.app import create_app

    for subgraph, status in (("admin", 200), ("phone", 404)):
        app = create_app(
            Settings(database_url=database.url), database=database, only_subgraph=subgraph
        )
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://roster.test") as client:
            response = await client.get(
                "/scim/v2/Users", headers={"Authorization": f"Bearer {world.token}"}
            )
        assert response.status_code == status, subgraph
