"""The endpoint mutations and queries over GraphQL: admins of the tenant only, each
change audited, the secret shown once; an endpoint failing too long is disabled."""

from datetime import timedelta

from sqlalchemy import func, select

from db.enums import Role
from db.models import AuditEntry, WebhookAttempt, WebhookDelivery
from db.types import utcnow
from gateway.settings import Settings
from gateway.webhooks.config import url_policy
from resolvers.webhooks.outcome import RetryPolicy
from resolvers.webhooks.urls import UrlPolicy
from tests.admin.world import build_world
from tests.factories import make_tenant, make_token, make_user
from tests.webhooks.receiver import Receiver, eventually
from tests.webhooks.world import (
    CREATE,
    DEACTIVATE,
    admin_token,
    create_endpoint,
    dispatcher,
    graphql,
)

ENDPOINT = "id url description events enabled disabledReason disabledAt failingSince"
LIST = f"{{ webhookEndpoints(first: 10) {{ totalCount edges {{ node {{ {ENDPOINT} }} }} }} }}"
UPDATE = f"""mutation($input: UpdateWebhookEndpointInput!) {{ updateWebhookEndpoint(input: $input)
  {{ webhookEndpoint {{ {ENDPOINT} }} userErrors {{ code field message }} }} }}"""
DELETE = """mutation($id: ID!) { deleteWebhookEndpoint(input: {id: $id}) {
  deletedWebhookEndpointId userErrors { code field } } }"""
ROTATE = """mutation($id: ID!) { rotateWebhookSecret(input: {id: $id}) {
  webhookEndpoint { id } secret userErrors { code field } } }"""
DELIVERIES = """query($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount } }"""


async def _audit(database) -> list[tuple[str, str]]:
    async with database.session() as session:
        rows = await session.execute(
            select(AuditEntry.action, AuditEntry.target_type).order_by(AuditEntry.id)
        )
        return [(action, target) for action, target in rows]


async def test_an_admin_creates_lists_updates_rotates_and_deletes_an_endpoint(database):
    world = await build_world(database)
    token = await admin_token(database, world)
    answer = await graphql(database, token, CREATE, {"input": {
        "url": "https://93.184.215.14/roster", "events": ["USER_DEACTIVATED", "USER_DEACTIVATED"],
        "description": "  Phone backend ",
    }})  # fmt: skip
    created = answer["data"]["createWebhookEndpoint"]
    endpoint_id = created["webhookEndpoint"]["id"]
    assert created["secret"].startswith("whsec_") and len(created["secret"]) == 50
    listed = (await graphql(database, token, LIST))["data"]["webhookEndpoints"]
    assert listed == {"totalCount": 1, "edges": [{"node": {
        "id": endpoint_id, "url": "https://93.184.215.14/roster", "description": "Phone backend",
        "events": ["USER_DEACTIVATED"], "enabled": True, "disabledReason": None,
        "disabledAt": None, "failingSince": None,
    }}]}  # fmt: skip

    updated = (await graphql(database, token, UPDATE, {"input": {
        "id": endpoint_id, "events": ["USER_ACTIVATED", "USER_DEACTIVATED"], "enabled": False,
    }}))["data"]["updateWebhookEndpoint"]  # fmt: skip
    assert updated["userErrors"] == []
    node = updated["webhookEndpoint"]
    assert (node["events"], node["enabled"], node["disabledReason"]) == (
        ["USER_ACTIVATED", "USER_DEACTIVATED"], False, "Disabled by an admin.",
    )  # fmt: skip
    again = await graphql(database, token, UPDATE, {"input": {"id": endpoint_id, "enabled": True}})
    assert again["data"]["updateWebhookEndpoint"]["webhookEndpoint"]["disabledAt"] is None
    rotated = (await graphql(database, token, ROTATE, {"id": endpoint_id}))["data"]
    assert rotated["rotateWebhookSecret"]["secret"] != created["secret"]

    # A deactivation queues a delivery; deleting the endpoint takes it along.
    await graphql(database, token, DEACTIVATE, {"id": world.gid(world.ben)})
    deleted = (await graphql(database, token, DELETE, {"id": endpoint_id}))["data"]
    assert deleted == {
        "deleteWebhookEndpoint": {"deletedWebhookEndpointId": endpoint_id, "userErrors": []}
    }
    async with database.session() as session:
        assert await session.scalar(select(func.count()).select_from(WebhookDelivery)) == 0
        assert await session.scalar(select(func.count()).select_from(WebhookAttempt)) == 0
    assert [entry for entry in await _audit(database) if entry[1] == "WebhookEndpoint"] == [
        ("WEBHOOK_ENDPOINT_CREATED", "WebhookEndpoint"),
        ("WEBHOOK_ENDPOINT_UPDATED", "WebhookEndpoint"),
        ("WEBHOOK_ENDPOINT_UPDATED", "WebhookEndpoint"),
        ("WEBHOOK_SECRET_ROTATED", "WebhookEndpoint"),
        ("WEBHOOK_ENDPOINT_DELETED", "WebhookEndpoint"),
    ]
    assert (await graphql(database, token, LIST))["data"]["webhookEndpoints"]["totalCount"] == 0


async def test_members_are_refused_and_another_tenants_endpoint_is_not_found(database):
    world = await build_world(database)
    token = await admin_token(database, world)
    endpoint_id, _ = await create_endpoint(database, token, "https://93.184.215.14/roster")
    member = await make_token(database, world.cai)
    globex = await make_tenant(database, "globex")
    gus = await make_token(database, await make_user(database, globex, "Gus", role=Role.ADMIN))

    refused = await graphql(database, member, CREATE, {"input": {
        "url": "https://93.184.215.14/x", "events": ["USER_ACTIVATED"]}})  # fmt: skip
    assert refused["data"]["createWebhookEndpoint"]["userErrors"][0]["code"] == "FORBIDDEN"
    for query in (DELETE, ROTATE):
        answer = await graphql(database, member, query, {"id": endpoint_id})
        (payload,) = answer["data"].values()
        assert payload["userErrors"] == [{"code": "FORBIDDEN", "field": ["input"]}]
        answer = await graphql(database, gus, query, {"id": endpoint_id})
        (payload,) = answer["data"].values()
        assert payload["userErrors"] == [{"code": "NOT_FOUND", "field": ["input", "id"]}]
    listed = await graphql(database, member, LIST)
    assert listed["errors"][0]["extensions"] == {"code": "FORBIDDEN"}
    assert (await graphql(database, gus, LIST))["data"]["webhookEndpoints"]["totalCount"] == 0
    foreign = await graphql(database, gus, DELIVERIES, {"id": endpoint_id})
    assert foreign["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert foreign["data"] is None


async def test_input_errors_name_their_field(database):
    world = await build_world(database)
    token = await admin_token(database, world)
    cases = [
        ({"url": "http://10.0.0.1/x", "events": ["USER_ACTIVATED"]}, ["input", "url"]),
        ({"url": "https://93.184.215.14/", "events": []}, ["input", "events"]),
        ({"url": "https://93.184.215.14/", "events": ["USER_ACTIVATED"], "description": "x" * 501},
         ["input", "description"]),
    ]  # fmt: skip
    for given, field in cases:
        answer = await graphql(database, token, CREATE, {"input": given})
        payload = answer["data"]["createWebhookEndpoint"]
        assert payload["webhookEndpoint"] is None and payload["secret"] is None
        assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
            ("INVALID_INPUT", field)
        ]


def test_production_takes_https_only_and_the_allow_list_comes_from_the_settings():
    production = Settings(env="production", webhook_allowed_hosts="Hooks.Local, 10.0.0.5")
    assert url_policy(production) == UrlPolicy(
        https_only=True, allowed_hosts=frozenset({"hooks.local", "10.0.0.5"})
    )
    assert url_policy(Settings(env="development")).https_only is False


async def test_an_endpoint_failing_longer_than_the_limit_is_disabled_and_says_so(
    database, receiver: Receiver
):
    world = await build_world(database)
    token = await admin_token(database, world)
    _, receiver.secret = await create_endpoint(database, token, receiver.url)
    receiver.answer = lambda received: 500
    await graphql(database, token, DEACTIVATE, {"id": world.gid(world.ben)})
    start = utcnow()
    now = [start]

    def clock():
        return now[0]

    sender = dispatcher(database, retry=RetryPolicy((60.0,) * 5, timedelta(days=5)), clock=clock)
    try:
        await sender.run_once()
        assert len(receiver.received) == 1
        listed = (await graphql(database, token, LIST))["data"]["webhookEndpoints"]
        node = listed["edges"][0]["node"]
        assert (node["enabled"], node["failingSince"] is not None) == (True, True)
        now[0] = start + timedelta(days=6)  # the retries ran out of patience meanwhile

        async def retried() -> bool:
            await sender.run_once()
            return len(receiver.received) == 2

        await eventually(retried)
    finally:
        await sender.close()
    node = (await graphql(database, token, LIST))["data"]["webhookEndpoints"]["edges"][0]["node"]
    assert node["enabled"] is False
    assert node["disabledReason"].startswith("Every attempt failed since ")
    assert node["disabledAt"] is not None
    # Disabled: nothing more is sent, however late it gets.
    await graphql(database, token, DEACTIVATE, {"id": world.gid(world.cai)})
    sender = dispatcher(database, clock=lambda: start + timedelta(days=30))
    try:
        assert await sender.run_once() is False
    finally:
        await sender.close()
    assert len(receiver.received) == 2
