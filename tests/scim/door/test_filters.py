"""Lists with filter, startIndex, count, attributes and excludedAttributes."""

from urllib.parse import quote

import httpx
import pytest

from db.engine import Database
from tests.scim.door.bodies import error_body, list_body, new_user, patch
from tests.scim.world import ScimWorld


@pytest.fixture
async def people(scim: httpx.AsyncClient, world: ScimWorld) -> dict[str, str]:
    """Three provisioned users besides acme's admin (ada, id 1): name -> id."""
    made = {}
    for user_name, email, extra in (
        (
            "Bea@Acme.Example",
            "bea@acme.example",
            {"externalId": "EXT-b", "name": {"givenName": "Bea", "familyName": "Berg"}},
        ),
        (
            "cai",
            "cai@acme.example",
            {"externalId": "ext-c", "displayName": "Cai 50%_off", "active": False},
        ),
        ("dev_%", "dev@acme.example", {"name": {"givenName": "Dev"}}),
    ):
        answer = (
            await scim.post("/scim/v2/Users", json=new_user(user_name, email, **extra))
        ).json()
        made[user_name] = answer["id"]
    return {
        "ada": str(world.admin.id),
        "bea": made["Bea@Acme.Example"],
        "cai": made["cai"],
        "dev": made["dev_%"],
    }


async def ids(scim: httpx.AsyncClient, scim_filter: str, endpoint: str = "Users") -> list[str]:
    response = await scim.get(f"/scim/v2/{endpoint}?filter={quote(scim_filter)}")
    assert response.status_code == 200, response.json()
    answer = response.json()
    assert answer["totalResults"] == len(answer["Resources"])
    return [resource["id"] for resource in answer["Resources"]]


FILTERS = [
    ('userName eq "bea@acme.example"', ["bea"]),
    ('USERNAME eq "ADA.ADMIN@ACME.EXAMPLE"', ["ada"]),  # roster's own user answers to their email
    ('userName ne "cai"', ["ada", "bea", "dev"]),
    ('userName co "_%"', ["dev"]),
    ('userName sw "DEV_"', ["dev"]),
    ('userName ew ".example"', ["ada", "bea"]),
    ('userName gt "c"', ["cai", "dev"]),
    ('userName le "bea@acme.example"', ["ada", "bea"]),
    ('externalId eq "ext-b"', []),  # caseExact
    ('externalId eq "EXT-b"', ["bea"]),
    ('externalId co "T-"', ["bea"]),
    ('externalId co "-"', ["bea", "cai"]),
    ('externalId sw "EXT"', ["bea"]),
    ("externalId pr", ["bea", "cai"]),
    ("not (externalId pr)", ["ada", "dev"]),
    ("externalId eq null", ["ada", "dev"]),
    ('externalId ne "ext-c"', ["ada", "bea", "dev"]),
    ('not (externalId eq "ext-c")', ["ada", "bea", "dev"]),
    ('displayName eq "ada admin"', ["ada"]),
    ('displayName co "50%_"', ["cai"]),
    ('name.givenName eq "BEA"', ["bea"]),
    ('name.familyName sw "b"', ["bea"]),
    ("name.familyName pr", ["bea"]),
    ("name pr", ["bea", "dev"]),
    ('emails.value eq "CAI@acme.example"', ["cai"]),
    ('emails eq "cai@acme.example"', ["cai"]),
    ('emails[value sw "de" and type eq "work"]', ["dev"]),
    ('emails[type eq "home"]', []),
    ("emails.primary eq true", ["ada", "bea", "cai", "dev"]),
    ("active eq false", ["cai"]),
    ("active eq true", ["ada", "bea", "dev"]),
    ("active ne true", ["cai"]),
    ('id eq "{bea}"', ["bea"]),
    ('id ne "{bea}"', ["ada", "cai", "dev"]),
    ('id eq "nope"', []),
    ('meta.created gt "2000-01-01T00:00:00Z"', ["ada", "bea", "cai", "dev"]),
    ('meta.lastModified lt "2000-01-01T00:00:00"', []),
    ('userName sw "b" or active eq false', ["bea", "cai"]),
    ('name.givenName pr and not (userName eq "dev_%")', ["bea"]),
    ('(userName eq "cai" or userName eq "bea@acme.example") and externalId co "c"', ["cai"]),
]


@pytest.mark.parametrize(("scim_filter", "expected"), FILTERS, ids=[f for f, _ in FILTERS])
async def test_filter(
    scim: httpx.AsyncClient, people: dict[str, str], scim_filter: str, expected: list[str]
) -> None:
    assert await ids(scim, scim_filter.format(**people)) == [people[name] for name in expected]


async def test_filters_on_dates_compare_instants(
    scim: httpx.AsyncClient, people: dict[str, str]
) -> None:
    bea = (await scim.get(f"/scim/v2/Users/{people['bea']}")).json()
    created = bea["meta"]["created"]
    assert await ids(scim, f'meta.created ge "{created}"') == [
        people["bea"],
        people["cai"],
        people["dev"],
    ]
    assert await ids(scim, f'meta.created lt "{created}"') == [people["ada"]]
    assert await ids(scim, f'meta.created eq "{created}"') == [people["bea"]]
    await scim.patch(
        f"/scim/v2/Users/{people['ada']}",
        json=patch({"op": "replace", "path": "displayName", "value": "Ada A."}),
    )
    ada = (await scim.get(f"/scim/v2/Users/{people['ada']}")).json()
    assert await ids(scim, f'meta.lastModified ge "{ada["meta"]["lastModified"]}"') == [
        people["ada"]
    ]


INVALID = [
    # title is no attribute of roster's User schema: the models refuse it.
    ('title eq "Boss"', "Field not found: title"),
    (
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "R&D"',
        "roster cannot filter on urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department; it filters on id, userName, externalId, displayName, name.givenName, name.familyName, emails.value, emails.type, emails.primary, active, meta.created, meta.lastModified.",
    ),
    (
        'phoneNumbers.value eq "+1"',
        "roster cannot filter on phoneNumbers.value; it filters on id, userName, externalId, displayName, name.givenName, name.familyName, emails.value, emails.type, emails.primary, active, meta.created, meta.lastModified.",
    ),
    (
        'groups[value eq "1"]',
        "roster cannot filter on groups; it filters on id, userName, externalId, displayName, name.givenName, name.familyName, emails.value, emails.type, emails.primary, active, meta.created, meta.lastModified.",
    ),
    ('id gt "1"', "id compares with eq and ne only."),
    (
        'meta.created co "20"',
        "meta.created is a dateTime: compare it with eq, ne, gt, ge, lt or le.",
    ),
]


@pytest.mark.parametrize(("scim_filter", "detail"), INVALID, ids=[f for f, _ in INVALID])
async def test_a_filter_on_what_roster_does_not_map_is_400_invalid_filter(
    scim: httpx.AsyncClient, scim_filter: str, detail: str
) -> None:
    response = await scim.get(f"/scim/v2/Users?filter={quote(scim_filter)}")
    assert (response.status_code, response.json()) == (
        400,
        error_body(400, detail, "invalidFilter"),
    )


@pytest.mark.parametrize(
    "scim_filter",
    [
        "userName eq",
        'nosuch eq "x"',
        'userName zz "x"',
        "active gt true",
        '(userName eq "x"',
        'meta.created gt "yesterday"',
    ],
)
async def test_a_filter_the_library_refuses_is_400_invalid_filter(
    scim: httpx.AsyncClient, scim_filter: str
) -> None:
    response = await scim.get(f"/scim/v2/Users?filter={quote(scim_filter)}")
    answer = response.json()
    assert (response.status_code, answer["status"], answer["scimType"]) == (
        400,
        "400",
        "invalidFilter",
    )


async def test_paging_by_start_index_and_count(
    scim: httpx.AsyncClient, people: dict[str, str]
) -> None:
    answer = (await scim.get("/scim/v2/Users?startIndex=2&count=2")).json()
    assert [user["id"] for user in answer["Resources"]] == [people["bea"], people["cai"]]
    assert (answer["totalResults"], answer["startIndex"], answer["itemsPerPage"]) == (4, 2, 2)
    past = (await scim.get("/scim/v2/Users?startIndex=9")).json()
    assert past == list_body([], total=4, start=9)


async def test_count_zero_gives_the_total_only(
    scim: httpx.AsyncClient, people: dict[str, str]
) -> None:
    response = await scim.get("/scim/v2/Users?count=0&filter=active%20eq%20true")
    assert (response.status_code, response.json()) == (200, list_body([], total=3))


async def test_count_is_capped_at_100(
    scim: httpx.AsyncClient, database: Database, world: ScimWorld
) -> None:
    from tests.factories import make_user

    for number in range(101):
        await make_user(database, world.tenant, f"Crowd {number:03}")
    answer = (await scim.get("/scim/v2/Users?count=500")).json()
    assert (answer["totalResults"], answer["itemsPerPage"], len(answer["Resources"])) == (
        102,
        100,
        100,
    )
    unasked = (await scim.get("/scim/v2/Users")).json()
    assert unasked["itemsPerPage"] == 100


async def test_attributes_keep_what_is_asked_and_the_id(
    scim: httpx.AsyncClient, people: dict[str, str]
) -> None:
    bea = quote('userName eq "bea@acme.example"')
    answer = (
        await scim.get(f"/scim/v2/Users?attributes=userName,name.givenName&filter={bea}")
    ).json()
    assert answer == list_body(
        [
            {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "id": people["bea"],
                "userName": "Bea@Acme.Example",
                "name": {"givenName": "Bea"},
            }
        ]
    )
    one = (await scim.get(f"/scim/v2/Users/{people['bea']}?attributes=active")).json()
    assert one == {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": people["bea"],
        "active": True,
    }


async def test_excluded_attributes_leave_out_what_is_named(
    scim: httpx.AsyncClient, people: dict[str, str]
) -> None:
    one = (
        await scim.get(f"/scim/v2/Users/{people['dev']}?excludedAttributes=emails,meta,name")
    ).json()
    assert one == {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": people["dev"],
        "userName": "dev_%",
        "displayName": "Dev",
        "active": True,
    }


async def test_display_name_filters_fold_any_script(scim: httpx.AsyncClient) -> None:
    # SQLite's lower() folds ASCII only: the filter compares display_name_folded instead.
    answer = (
        await scim.post(
            "/scim/v2/Users",
            json=new_user("asa", "asa@acme.example", displayName="ÅSA Straße"),
        )
    ).json()
    assert await ids(scim, 'displayName eq "åsa strasse"') == [answer["id"]]
    assert await ids(scim, 'displayName sw "Åsa STR"') == [answer["id"]]
    assert await ids(scim, 'displayName eq "asa strasse"') == []
