"""What the single sign-on tests share: acme's people, the refusal body, a `me` call."""

from typing import Any

import httpx

from db.enums import Role
from tests.factories import make_tenant, make_user
from tests.http import graphql_body

ME = {"query": "{ me { email role } }"}
BEN = {"data": {"me": {"email": "ben.bell@acme.example", "role": "MEMBER"}}}


def refused(message: str) -> dict[str, Any]:
    return {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def acme_people(database: Any) -> tuple[Any, Any, Any]:
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    return acme, ada, ben


async def me(client: httpx.AsyncClient, token: str) -> tuple[int, Any]:
    response = await client.post("/graphql", json=ME, headers=bearer(token))
    return response.status_code, graphql_body(response)
