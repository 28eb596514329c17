"""Case-insensitive search for any script, on both backends, in all three searching fields:
``users(filter: {search:})``, ``availableUsers(search:)`` and ``mentionSuggestions``.

SQLite's LIKE folds ASCII only (so does PostgreSQL's lower() in the C locale); the
fields compare the case-folded columns db/folding.py keeps, so every case here holds.
"""

import pytest

from db.enums import Role
from resolvers.ids import to_global_id
from tests.factories import caller_of, make_tenant, make_user
from tests.graphql import data_of

NAMES = [
    "Anders Ångström",
    "Jürgen Straße",
    "İlkay Öztürk",
    "山田 花子",
    "ヤマダ タロウ",
    "Rocket 🚀 Team",
    "Party 🎉 Team",
    "50% Off",
    "500 Off",
    "snake_case",
    "snakeXcase",
]

USERS = "query($q: String) { users(filter: {search: $q}) { edges { node { displayName } } } }"
AVAILABLE = "query($q: String) { availableUsers(search: $q) { edges { node { displayName } } } }"
MENTIONS = "query($q: String!) { mentionSuggestions(query: $q, first: 100) { displayName } }"


async def _found(database, caller, field, query):
    if field == "mentionSuggestions":
        data = await data_of(database, caller, MENTIONS, {"q": query})
        return sorted(user["displayName"] for user in data["mentionSuggestions"])
    data = await data_of(database, caller, USERS if field == "users" else AVAILABLE, {"q": query})
    return sorted(edge["node"]["displayName"] for edge in data[field]["edges"])


@pytest.mark.parametrize("field", ["users", "availableUsers", "mentionSuggestions"])
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Latin letters beyond ASCII, in any case.
        ("ÅNGSTRÖM", ["Anders Ångström"]),
        ("ångström", ["Anders Ångström"]),
        ("ÅngStröm", ["Anders Ångström"]),
        # Full case folding: ß is "ss", either way round.
        ("STRASSE", ["Jürgen Straße"]),
        ("straße", ["Jürgen Straße"]),
        ("JÜRGEN", ["Jürgen Straße"]),
        # A decomposed Ö (O + combining diaeresis) finds the composed one.
        ("O\u0308ZTU\u0308RK", ["İlkay Öztürk"]),
        # Turkish İ: folding is locale-independent, so "İ" is "i" + combining dot above;
        # "İLKAY" finds "İlkay", a dotless-looking "ilkay" does not.
        ("İLKAY", ["İlkay Öztürk"]),
        ("ilkay", []),
        # Scripts without case match as typed.
        ("山田", ["山田 花子"]),
        ("ヤマダ", ["ヤマダ タロウ"]),
        # Emoji, % and _ match literally.
        ("🚀", ["Rocket 🚀 Team"]),
        ("🎉 TEAM", ["Party 🎉 Team"]),
        ("50%", ["50% Off"]),
        ("_", ["snake_case"]),
        ("E_C", ["snake_case"]),
    ],
)
async def test_search_folds_case_in_every_script(database, field, query, expected):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Zed Admin", role=Role.ADMIN)
    for name in NAMES:
        await make_user(database, acme, name)

    assert await _found(database, caller_of(admin, acme), field, query) == expected


async def test_a_renamed_user_is_found_by_the_new_name_only(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Zed Admin", role=Role.ADMIN)
    user = await make_user(database, acme, "Old Name")
    caller = caller_of(admin, acme)

    renamed = await data_of(
        database,
        caller,
        "mutation($input: UpdateUserInput!) { updateUser(input: $input) { userErrors { code } } }",
        {"input": {"userId": to_global_id("User", user.id), "displayName": "Émilie Größe"}},
    )

    assert renamed == {"updateUser": {"userErrors": []}}
    for field in ["users", "availableUsers", "mentionSuggestions"]:
        assert await _found(database, caller, field, "ÉMILIE GRÖSSE") == ["Émilie Größe"]
        assert await _found(database, caller, field, "old name") == []
