"""The log keeps internal errors with their traceback and request id, and drops request errors."""

import logging

from db.enums import Role
from gateway.log_filters import STRAWBERRY_LOGGER
from schemas.admin.user_fields import AdminUserFields
from tests.factories import make_tenant, make_token, make_user
from tests.http import bearer, http_client


async def test_only_internal_errors_reach_the_log(database, caplog, monkeypatch):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    token = await make_token(database, admin)

    def broken(self):
        raise RuntimeError("a real fault")

    caplog.set_level(logging.ERROR, logger=STRAWBERRY_LOGGER)
    async with http_client(database) as client:
        await client.post("/graphql", json={"query": "{ me { emial } }"}, headers=bearer(token))
        await client.post(
            "/graphql",
            json={"query": "{ users(first: 500) { totalCount } }"},
            headers=bearer(token),
        )
        assert [r for r in caplog.records if r.name == STRAWBERRY_LOGGER] == []
        monkeypatch.setattr(AdminUserFields, "facts", property(broken))
        failed = await client.post(
            "/graphql", json={"query": "{ me { inAvailableUserList } }"}, headers=bearer(token)
        )
    logged = [r for r in caplog.records if r.name == STRAWBERRY_LOGGER]
    # Where and what, not the GraphQL error's text (it quotes the document); the traceback
    # says the rest.
    assert [r.getMessage() for r in logged] == [
        "masked internal error in me.inAvailableUserList: RuntimeError"
    ]
    assert getattr(logged[0], "request_id", None) == failed.headers["x-request-id"]
    assert logged[0].exc_info is not None
    assert str(logged[0].exc_info[1]) == "a real fault"
