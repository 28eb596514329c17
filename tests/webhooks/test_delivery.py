"""A status change reaches a product service as one POST the receiver verifies with the
standardwebhooks package; failures are retried on the schedule and listed, redirects
are not followed, one user's events arrive in order, a rotated secret signs at once."""

import asyncio
from datetime import timedelta

import orjson
from sqlalchemy import select

from db.models import OutboxEvent
from db.types import utcnow
from gateway.webhooks.message import instant
from resolvers.ids import to_global_id
from tests.admin.world import build_world
from tests.webhooks.receiver import Receiver, eventually
from tests.webhooks.world import (
    ACTIVATE,
    DEACTIVATE,
    DELIVERIES,
    admin_token,
    create_endpoint,
    dispatcher,
    graphql,
)

ROTATE = """mutation($id: ID!) { rotateWebhookSecret(input: {id: $id}) {
  secret userErrors { code } } }"""


async def _deliver_until(database, check, **options) -> None:
    sender = dispatcher(database, **options)

    async def sent() -> bool:
        await sender.run_once()
        return check()

    try:
        await eventually(sent)
    finally:
        await sender.close()


async def test_a_deactivation_is_one_signed_post_with_the_outbox_event_as_body(
    database, receiver: Receiver
):
    world = await build_world(database)
    token = await admin_token(database, world)
    endpoint_id, receiver.secret = await create_endpoint(database, token, receiver.url)
    await graphql(database, token, DEACTIVATE, {"id": world.gid(world.ben)})
    await graphql(database, token, ACTIVATE, {"id": world.gid(world.ben)})  # not subscribed

    await _deliver_until(database, lambda: len(receiver.received) == 1)
    async with database.session() as session:
        event, _activation = (
            await session.execute(select(OutboxEvent).order_by(OutboxEvent.id))
        ).scalars()
    (post,) = receiver.received
    assert post.verified is True
    assert post.path == "/hooks/roster"
    assert post.webhook_id == f"evt_{event.id}"
    assert post.headers["content-type"] == "application/json"
    assert post.headers["user-agent"] == "roster-webhooks/1"
    assert post.headers["webhook-signature"].startswith("v1,")
    assert post.body == orjson.dumps(
        {"type": "user.deactivated", "timestamp": instant(event.occurred_at), "data": event.data}
    )
    data = post.json["data"]
    assert post.json["type"] == "user.deactivated"
    assert data["userId"] == to_global_id("User", world.ben.id)
    assert data["status"] == "DEACTIVATED"
    assert data["actorKind"] == "USER"
    assert data["removedVideoIntegrationCount"] == 2

    answer = await graphql(database, token, DELIVERIES, {"id": endpoint_id})
    (edge,) = answer["data"]["webhookDeliveries"]["edges"]
    assert edge["node"]["event"] == {"id": f"evt_{event.id}", "type": "USER_DEACTIVATED"}
    assert edge["node"]["state"] == "DELIVERED"
    assert edge["node"]["attemptCount"] == 1
    assert [a["statusCode"] for a in edge["node"]["attempts"]] == [204]


async def test_a_failing_endpoint_is_retried_on_the_schedule_until_it_answers_2xx(
    database, receiver: Receiver
):
    world = await build_world(database)
    token = await admin_token(database, world)
    endpoint_id, receiver.secret = await create_endpoint(database, token, receiver.url)
    statuses = iter([500, 503])
    receiver.answer = lambda received: next(statuses, 200)
    await graphql(database, token, DEACTIVATE, {"id": world.gid(world.ben)})

    await _deliver_until(database, lambda: len(receiver.received) == 3)
    assert all(post.verified for post in receiver.received)
    # One event: the same webhook-id on every attempt, so the receiver can dedupe.
    assert len({post.webhook_id for post in receiver.received}) == 1
    answer = await graphql(database, token, DELIVERIES, {"id": endpoint_id})
    (edge,) = answer["data"]["webhookDeliveries"]["edges"]
    node = edge["node"]
    assert node["state"] == "DELIVERED"
    assert node["attemptCount"] == 3
    assert [(a["statusCode"], a["error"]) for a in node["attempts"]] == [
        (500, "HTTP 500 X: ok"),
        (503, "HTTP 503 X: ok"),
        (200, None),
    ]
    assert all(a["durationMs"] >= 0 for a in node["attempts"])


async def test_a_redirect_is_not_followed_and_the_delivery_fails_after_the_schedule(
    database, receiver: Receiver
):
    world = await build_world(database)
    token = await admin_token(database, world)
    endpoint_id, receiver.secret = await create_endpoint(database, token, receiver.url)
    receiver.answer = lambda received: 302
    receiver.extra_headers[302] = {"location": f"http://127.0.0.1:{receiver.port}/elsewhere"}
    await graphql(database, token, DEACTIVATE, {"id": world.gid(world.ben)})

    # 1 attempt + 3 retries of the fast schedule, then FAILED: never /elsewhere.
    await _deliver_until(database, lambda: len(receiver.received) == 4)
    await asyncio.sleep(0)
    assert {post.path for post in receiver.received} == {"/hooks/roster"}
    answer = await graphql(database, token, DELIVERIES, {"id": endpoint_id})
    node = answer["data"]["webhookDeliveries"]["edges"][0]["node"]
    assert node["state"] == "FAILED"
    assert node["attemptCount"] == 4
    assert node["deliveredAt"] is None
    assert [a["statusCode"] for a in node["attempts"]] == [302] * 4
    assert node["attempts"][0]["error"] == "HTTP 302 X (redirects are not followed): ok"


async def test_one_users_events_arrive_in_order_an_earlier_failure_holds_back_the_next(
    database, receiver: Receiver
):
    world = await build_world(database)
    token = await admin_token(database, world)
    _, receiver.secret = await create_endpoint(
        database, token, receiver.url, ("USER_DEACTIVATED", "USER_ACTIVATED")
    )
    ben = to_global_id("User", world.ben.id)
    failures = {"user.deactivated": 2}

    def answer(received) -> int:
        kind = received.json["type"]
        if received.json["data"]["userId"] == ben and failures.get(kind, 0) > 0:
            failures[kind] -= 1
            return 500
        return 204

    receiver.answer = answer
    for query in (DEACTIVATE, ACTIVATE):
        await graphql(database, token, query, {"id": world.gid(world.ben)})
    await graphql(database, token, DEACTIVATE, {"id": world.gid(world.cai)})

    await _deliver_until(database, lambda: len(receiver.received) == 5)
    bens = [post.json["type"] for post in receiver.received if post.json["data"]["userId"] == ben]
    # Ben's deactivation failed twice: his activation waited for it, Cai's did not.
    assert bens == ["user.deactivated"] * 3 + ["user.activated"]
    cai_index = next(
        index for index, post in enumerate(receiver.received) if post.json["data"]["userId"] != ben
    )
    assert cai_index < 3


async def test_after_a_rotation_both_secrets_sign_for_a_day_then_the_new_one_alone(
    database, receiver: Receiver
):
    world = await build_world(database)
    token = await admin_token(database, world)
    endpoint_id, first_secret = await create_endpoint(
        database, token, receiver.url, ("USER_DEACTIVATED", "USER_ACTIVATED")
    )
    rotated = await graphql(database, token, ROTATE, {"id": endpoint_id})
    new_secret = rotated["data"]["rotateWebhookSecret"]["secret"]
    assert rotated["data"]["rotateWebhookSecret"]["userErrors"] == []
    assert new_secret.startswith("whsec_") and new_secret != first_secret
    receiver.secret = first_secret  # a receiver that has not switched yet
    receiver.answer = lambda received: 204 if received.verified else 401
    await graphql(database, token, DEACTIVATE, {"id": world.gid(world.ben)})
    await _deliver_until(database, lambda: len(receiver.received) == 1)
    assert receiver.received[0].verified is True
    assert len(receiver.received[0].headers["webhook-signature"].split(" ")) == 2
    verifies_with_new = Receiver(secret=new_secret)
    assert await _verifies(verifies_with_new, receiver.received[0]) is True

    # A day later the previous secret signs no more: only the switched receiver verifies.
    await graphql(database, token, ACTIVATE, {"id": world.gid(world.ben)})
    later = utcnow() + timedelta(hours=25)
    await _deliver_until(database, lambda: len(receiver.received) == 2, clock=lambda: later)
    assert receiver.received[1].verified is False
    assert len(receiver.received[1].headers["webhook-signature"].split(" ")) == 1
    receiver.secret = new_secret
    await _deliver_until(
        database, lambda: len(receiver.received) == 3, clock=lambda: later + timedelta(seconds=1)
    )
    assert [post.verified for post in receiver.received] == [True, False, True]


async def _verifies(receiver: Receiver, post) -> bool:
    from standardwebhooks.webhooks import Webhook, WebhookVerificationError

    try:
        Webhook(receiver.secret).verify(post.body, post.headers)
    except WebhookVerificationError:
        return False
    return True


async def test_410_gone_disables_the_endpoint_at_once(database, receiver: Receiver):
    world = await build_world(database)
    token = await admin_token(database, world)
    endpoint_id, receiver.secret = await create_endpoint(database, token, receiver.url)
    receiver.answer = lambda received: 410
    await graphql(database, token, DEACTIVATE, {"id": world.gid(world.ben)})
    await _deliver_until(database, lambda: len(receiver.received) == 1)
    listed = await graphql(
        database, token, "{ webhookEndpoints { edges { node { id enabled disabledReason } } } }"
    )
    assert listed["data"]["webhookEndpoints"]["edges"] == [
        {"node": {"id": endpoint_id, "enabled": False,
                  "disabledReason": "The endpoint answered 410 Gone."}}
    ]  # fmt: skip
    answer = await graphql(database, token, DELIVERIES, {"id": endpoint_id})
    node = answer["data"]["webhookDeliveries"]["edges"][0]["node"]
    # Still PENDING (its retry due): it goes out if an admin enables the endpoint again.
    assert (node["state"], node["attemptCount"]) == ("PENDING", 1)
