"""``_entities`` as the router calls it: 100 User representations in one request cost one
statement per loader in each subgraph, and another tenant's user resolves to null."""

import pytest

from db.engine import Database
from db.enums import Role, UserStatus, VideoProvider
from db.models import GroupMembership, PhoneNumber, Seat, Tenant, User, UserGroup, VideoIntegration
from resolvers.ids import to_global_id
from resolvers.loaders.admin import GroupsByUserIdLoader, PhoneNumbersByUserIdLoader, UserByIdLoader
from resolvers.loaders.analytics import VideoIntegrationsByUserIdLoader
from resolvers.loaders.call_center import SeatByUserIdLoader
from tests.factories import add, caller_of, make_tenant, make_user
from tests.graphql import StatementCounter, data_of

# Per subgraph: the User fields it owns, and the statements they cost for any number of
# users: one per loader, whose classes are named here.
ENTITY_FIELDS = {
    "admin": (
        "email displayName status active canLogIn(product: ADMIN) inAvailableUserList "
        "phoneNumbers { number } groups { name }",
        [UserByIdLoader, PhoneNumbersByUserIdLoader, GroupsByUserIdLoader],
    ),
    "analytics": (
        "mentionable inDashboardByUser inDashboardByPeriod videoIntegrations { provider }",
        [UserByIdLoader, VideoIntegrationsByUserIdLoader],
    ),
    "phone": ("inPhoneUserMenu", [UserByIdLoader]),
    "phoneMobile": ("inMobileInternalList", [UserByIdLoader]),
    "callCenter": (
        "inRealtimeMonitor visibleInSeatMap seat { label }",
        [UserByIdLoader, SeatByUserIdLoader],
    ),
}
USERS = 100


def entities_query(fields: str) -> str:
    return (
        "query ($representations: [_Any!]!) { _entities(representations: $representations) "
        f"{{ ... on User {{ id {fields} }} }} }}"
    )


def representations(users: list[User]) -> list[dict[str, str]]:
    assert all(user.id is not None for user in users)
    return [{"__typename": "User", "id": to_global_id("User", user.id)} for user in users]  # type: ignore[arg-type]


async def crowd(database: Database, tenant: Tenant) -> list[User]:
    """USERS users; every third deactivated, every other one seated, with a number,
    a group and a video integration."""
    users = await add(
        database,
        *(
            User(
                tenant_id=tenant.id,
                email=f"agent{n}@{tenant.slug}.example",
                display_name=f"Agent {n:03}",
                role=Role.MEMBER,
                status=UserStatus.DEACTIVATED if n % 3 == 0 else UserStatus.ACTIVE,
            )
            for n in range(USERS)
        ),
    )
    (group,) = await add(database, UserGroup(tenant_id=tenant.id, name="Agents"))
    await add(
        database,
        *(GroupMembership(group_id=group.id, user_id=user.id) for user in users[::2]),
        *(
            PhoneNumber(tenant_id=tenant.id, number=f"+8150{n:08}", user_id=user.id)
            for n, user in enumerate(users[::2])
        ),
        *(
            Seat(tenant_id=tenant.id, label=f"S-{n:03}", x=n, y=0, user_id=user.id)
            for n, user in enumerate(users[::2])
        ),
        *(
            VideoIntegration(
                tenant_id=tenant.id,
                user_id=user.id,
                provider=VideoProvider.ZOOM,
                account_email=user.email,
            )
            for user in users[::2]
            if user.status == UserStatus.ACTIVE
        ),
    )
    return users


@pytest.mark.parametrize("subgraph", list(ENTITY_FIELDS))
async def test_a_hundred_user_representations_cost_one_statement_per_loader(database, subgraph):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    users = await crowd(database, acme)
    fields, loaders = ENTITY_FIELDS[subgraph]
    query = entities_query(fields)

    with StatementCounter(database) as one:
        single = await data_of(
            database,
            caller_of(admin, acme),
            query,
            {"representations": representations(users[:1])},
            schema=subgraph,
        )
    with StatementCounter(database) as hundred:
        many = await data_of(
            database,
            caller_of(admin, acme),
            query,
            {"representations": representations(users)},
            schema=subgraph,
        )

    assert (one.count, hundred.count) == (len(loaders), len(loaders)), hundred.statements
    assert [entity["id"] for entity in many["_entities"]] == [
        rep["id"] for rep in representations(users)
    ]
    assert many["_entities"][0] == single["_entities"][0]


async def test_every_subgraph_resolves_another_tenants_user_to_null(database):
    acme = await make_tenant(database)
    globex = await make_tenant(database, "globex")
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    colleague = await make_user(database, acme, "Cy Colleague")
    stranger = await make_user(database, globex, "Gus Globex")
    mine = {"id": representations([colleague])[0]["id"], "__typename": "User"}

    for subgraph in ENTITY_FIELDS:
        # Fresh representations each time: Strawberry pops __typename out of them.
        reps = representations([colleague, stranger, colleague])
        data = await data_of(
            database,
            caller_of(admin, acme),
            entities_query("__typename"),
            {"representations": reps},
            schema=subgraph,
        )
        assert (subgraph, data) == (subgraph, {"_entities": [mine, None, mine]})
