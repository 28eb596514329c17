"""Every cursor-taking argument of the composed schema, fed crafted cursors.

A cursor is opaque; whatever a caller puts there (valid base64 JSON of the wrong
shape, types or ranges, or a genuine cursor of another list) must come back as
INVALID_INPUT, never as an internal error. The arguments are found by walking the
schema (every ``after`` of a field that returns a page), so a new list is covered.
"""

import base64
import json
import os
from datetime import UTC, datetime
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.engine import Database
from db.enums import ActorKind, AuditAction, CallDirection, Role, UserStatusAction, VideoProvider
from db.models import (
    AuditEntry,
    OutboxEvent,
    ScheduledStatusChange,
    WebhookDelivery,
    WebhookEndpoint,
)
from resolvers.tokens import Caller
from schemas import cursors
from tests.admin.token_world import make_scim_token
from tests.factories import (
    add,
    caller_of,
    make_call,
    make_meeting,
    make_phone_number,
    make_tenant,
    make_token,
    make_user,
)
from tests.graphql import execute
from tests.schemas.schema_walk import (
    SCHEMA,
    ArgumentSite,
    argument_sites,
    is_page,
    operation_for,
)

SITES = argument_sites(SCHEMA, lambda field, _argument, name: name == "after" and is_page(field))
NOT_A_CURSOR = ("`after` is not a cursor this list gave out.", {"code": "INVALID_INPUT"})
FUZZ = settings(
    max_examples=int(os.environ.get("ROSTER_FUZZ_EXAMPLES", "60")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children)
    ),
    max_leaves=8,
)


def encoded(value: Any) -> str:
    # json, not orjson: integers past 64 bits must be written too.
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


def tag_of(cursor: str) -> Any:
    return orjson.loads(base64.urlsafe_b64decode(cursor))[0]


def _sorts_by_instant(cursor: str) -> bool:
    try:
        datetime.fromisoformat(orjson.loads(base64.urlsafe_b64decode(cursor))[1])
    except (ValueError, TypeError):  # not a text, or not an instant: a name, an id
        return False
    return True


def crafted(genuine: str) -> list[str]:
    """Cursors nobody gave out, made after ``genuine`` (its tag, its kind of sort key):
    right shape and wrong types, wrong shape, not JSON at all."""
    tag = tag_of(genuine)
    keys: list[list[Any]] = [
        [None, 1],
        ["Ada", "7"],
        ["Ada", 2**70],
        ["Ada", 2**63],
        ["Ada", 2**31],
        [[1], [2]],
        ["Ada", 1.5],
        ["Ada", True],
        ["Ada", -1],
        ["Ada", 0],
        [1, 1],
        [{"a": 1}, 1],
        ["x" * 5000, 1],
        [],
        ["Ada"],
        ["Ada", 1, 2],
    ]
    if _sorts_by_instant(genuine):
        keys += [
            ["Ada", 1],
            ["2026-01-01T00:00:00", 1],  # an instant without offset
            ["0001-01-01T00:00:00+14:00", 1],  # before year 1 in UTC
            ["9999-12-31T23:59:59-12:00", 1],  # after year 9999 in UTC
            ["2026-13-01T00:00:00+00:00", 1],
        ]
    values: list[Any] = [[tag, *key] for key in keys]
    values += [key for key in keys if len(key) == 2]  # the old untagged form
    values += [None, "Ada", 1, {"tag": tag}, [tag], [None, "Ada", 1], [tag.upper(), "Ada", 1]]
    return [encoded(value) for value in values] + [
        "",
        "not base64!",
        "bm90IGEgY3Vyc29y",  # "not a cursor"
        "A" * 100_000,
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ]


async def _world(database: Database) -> Caller:
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    for day in (1, 2):
        moment = datetime(2026, 1, day, tzinfo=UTC)
        await make_call(database, admin, CallDirection.INBOUND, moment)
        await make_meeting(database, admin, VideoProvider.ZOOM, moment)
        await make_token(database, admin)
        await make_scim_token(database, acme, f"okta-{day}")
        await make_phone_number(database, acme, f"+8131234000{day}", ben)
        await add(
            database,
            AuditEntry(
                tenant_id=acme.id, actor_kind=ActorKind.USER, actor_id=admin.id,
                action=AuditAction.USER_UPDATED, target_type="User", target_id=ben.id,
                target_user_id=ben.id, at=moment,
            ),
            ScheduledStatusChange(
                tenant_id=acme.id, user_id=ben.id, action=UserStatusAction.DEACTIVATED,
                at=datetime(2099, 1, day, tzinfo=UTC), created_by_id=admin.id,
            ),
        )  # fmt: skip
    # Webhook endpoints 1 and 2 (schema_walk's endpointId names the first), two deliveries.
    (hook, _) = await add(
        database,
        WebhookEndpoint(tenant_id=acme.id, url="https://93.184.215.14/a", secret="whsec_x"),
        WebhookEndpoint(tenant_id=acme.id, url="https://93.184.215.14/b", secret="whsec_y"),
    )
    events = await add(
        database, *(OutboxEvent(tenant_id=acme.id, type="user.deactivated") for _ in range(2))
    )
    await add(
        database,
        *(WebhookDelivery(tenant_id=acme.id, endpoint_id=hook.id, event_id=e.id) for e in events),
    )
    return caller_of(admin, acme)


def _page_query(site: ArgumentSite) -> tuple[str, str]:
    query, variables = operation_for(SCHEMA, site, depth=2)
    (variable,) = variables
    return query.replace(f"${variable}: String", f"${variable}: String, $first: Int").replace(
        f"after: ${variable}", f"after: ${variable}, first: $first"
    ), variable


def _end_cursor(data: Any) -> str:
    """The endCursor of the one page in ``data``, wherever the walk put it."""
    while "pageInfo" not in data:
        (data,) = data.values()
    cursor = data["pageInfo"]["endCursor"]
    assert isinstance(cursor, str)
    return cursor


async def _answer(database: Database, caller: Caller, site: ArgumentSite, cursor: str) -> Any:
    query, variable = _page_query(site)
    return await execute(database, caller, query, {variable: cursor, "first": 1})


def test_the_walk_finds_every_list_that_pages():
    assert [str(site) for site in SITES] == [
        "Query.apiTokens(after)",
        "Query.auditLog(after)",
        "Query.availableUsers(after)",
        "Query.phoneNumbers(after)",
        "Query.scheduledStatusChanges(after)",
        "Query.scimTokens(after)",
        "Query.users(after)",
        "Query.webhookDeliveries(after)",
        "Query.webhookEndpoints(after)",
        "User.callHistory(after)",
        "User.meetingHistory(after)",
    ]


async def test_crafted_and_foreign_cursors_are_invalid_input(database: Database):
    caller = await _world(database)
    genuine: dict[ArgumentSite, str] = {}
    for site in SITES:
        query, variable = _page_query(site)
        result = await execute(database, caller, query, {variable: None, "first": 1})
        assert result.errors is None, (site, result.errors)
        genuine[site] = _end_cursor(result.data)

    for site in SITES:
        # Its own cursor continues the list: the crafted ones are refused for what they are.
        own = await _answer(database, caller, site, genuine[site])
        assert own.errors is None, (site, own.errors)
        foreign = [cursor for other, cursor in genuine.items() if other != site]
        for cursor in crafted(genuine[site]) + foreign:
            result = await _answer(database, caller, site, cursor)
            assert [(e.message, e.extensions) for e in result.errors or []] == [NOT_A_CURSOR], (
                site,
                cursor[:80],
            )


async def test_a_cursor_is_bound_to_the_filter_it_was_given_under(database: Database):
    caller = await _world(database)
    query = (
        "query($after: String, $q: String) { users(first: 1, after: $after, "
        "filter: {search: $q}) { pageInfo { endCursor } edges { node { displayName } } } }"
    )
    first = await execute(database, caller, query, {"after": None, "q": "a"})
    assert first.errors is None
    cursor = _end_cursor(first.data)

    same = await execute(database, caller, query, {"after": cursor, "q": "a"})
    other = await execute(database, caller, query, {"after": cursor, "q": "b"})

    assert same.errors is None
    assert [(e.message, e.extensions) for e in other.errors or []] == [NOT_A_CURSOR]


@pytest.fixture
async def tags(database: Database) -> tuple[Caller, dict[ArgumentSite, Any]]:
    """The caller of a world where every list has a page, and each list's cursor tag."""
    caller = await _world(database)
    found = {}
    for site in SITES:
        query, variable = _page_query(site)
        result = await execute(database, caller, query, {variable: None, "first": 1})
        found[site] = tag_of(_end_cursor(result.data))
    return caller, found


@FUZZ
@given(site=st.sampled_from(SITES), key=st.lists(JSON_VALUES, max_size=3), tagged=st.booleans())
async def test_generated_cursors_never_fail_inside(
    database: Database,
    tags: tuple[Caller, dict[ArgumentSite, Any]],
    site: ArgumentSite,
    key: list[Any],
    tagged: bool,
):
    caller, tag_of_site = tags
    value = [tag_of_site[site], *key] if tagged else key
    result = await _answer(database, caller, site, encoded(value))
    errors = [(e.message, e.extensions) for e in result.errors or []]
    assert errors in ([], [NOT_A_CURSOR]), (site, value, errors)


async def test_a_history_cursor_survives_another_spelling_of_its_window(database: Database):
    caller = await _world(database)
    query = (
        "query($after: String, $from: DateTime) { me { callHistory(first: 1, after: $after, "
        "from: $from) { pageInfo { endCursor } edges { node { startedAt } } } } }"
    )
    first = await execute(
        database, caller, query, {"after": None, "from": "2026-01-01T09:00+09:00"}
    )
    assert first.errors is None
    cursor = _end_cursor(first.data)
    cursors._page_cursors.cache_clear()  # as in another worker, which never saw the first

    same = await execute(database, caller, query, {"after": cursor, "from": "2026-01-01T00:00Z"})
    later = await execute(database, caller, query, {"after": cursor, "from": "2026-01-02T00:00Z"})

    assert same.errors is None
    assert same.data == {
        "me": {
            "callHistory": {
                "pageInfo": {"endCursor": same.data["me"]["callHistory"]["pageInfo"]["endCursor"]},
                "edges": [{"node": {"startedAt": "2026-01-01T00:00:00+00:00"}}],
            }
        }
    }
    assert [(e.message, e.extensions) for e in later.errors or []] == [NOT_A_CURSOR]


async def test_the_longest_display_name_makes_a_cursor_that_continues(database: Database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    await make_user(database, acme, "🚀" * 200)  # the longest name, four bytes a character
    await make_user(database, acme, "🛸 last")
    caller = caller_of(admin, acme)
    query = (
        "query($after: String) { users(first: 2, after: $after) "
        "{ pageInfo { endCursor } edges { node { displayName } } } }"
    )

    first = await execute(database, caller, query, {"after": None})
    assert first.errors is None
    cursor = _end_cursor(first.data)
    rest = await execute(database, caller, query, {"after": cursor})

    assert len(cursor) > 1024
    assert rest.errors is None
    assert rest.data is not None
    assert [edge["node"]["displayName"] for edge in rest.data["users"]["edges"]] == ["🛸 last"]
