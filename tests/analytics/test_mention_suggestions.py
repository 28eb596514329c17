"""mentionSuggestions: active users only, any case, name or email, at most `first`."""

from db.enums import Role, UserStatus
from tests.factories import caller_of, make_tenant, make_user
from tests.graphql import data_of, execute

QUERY = "query ($q: String!, $first: Int) { mentionSuggestions(query: $q, first: $first) { displayName email mentionable } }"


async def _names(database, caller, query, first=None):
    data = await data_of(database, caller, QUERY, {"q": query, "first": first})
    return [user["displayName"] for user in data["mentionSuggestions"]]


async def test_suggestions_match_active_users_by_name_or_email(database):
    acme = await make_tenant(database)
    member = await make_user(database, acme, "Mia Member")
    await make_user(database, acme, "Taro Tanaka", role=Role.ADMIN)
    await make_user(database, acme, "Kenta Sato")
    await make_user(database, acme, "Tamaki Gone", status=UserStatus.DEACTIVATED)
    await make_user(database, acme, "50% Off")
    globex = await make_tenant(database, "globex")
    await make_user(database, globex, "Taro Other")
    caller = caller_of(member, acme)

    assert await _names(database, caller, "ta") == ["Kenta Sato", "Taro Tanaka"]
    assert await _names(database, caller, "TANAKA") == ["Taro Tanaka"]
    assert await _names(database, caller, "  kenta.sato@ACME ") == ["Kenta Sato"]
    assert await _names(database, caller, "tamaki") == []
    assert await _names(database, caller, "%") == ["50% Off"]
    assert await _names(database, caller, "") == [
        "50% Off",
        "Kenta Sato",
        "Mia Member",
        "Taro Tanaka",
    ]
    assert await _names(database, caller, "", first=2) == ["50% Off", "Kenta Sato"]

    data = await data_of(database, caller, QUERY, {"q": "taro"})
    assert data == {
        "mentionSuggestions": [
            {"displayName": "Taro Tanaka", "email": "taro.tanaka@acme.example", "mentionable": True}
        ]
    }


async def test_first_outside_1_to_100_is_invalid_input(database):
    acme = await make_tenant(database)
    member = await make_user(database, acme, "Mia Member")

    result = await execute(database, caller_of(member, acme), QUERY, {"q": "m", "first": 101})

    assert result.data is None
    assert [(e.message, e.extensions) for e in result.errors or []] == [
        ("`first` must be between 1 and 100; got 101.", {"code": "INVALID_INPUT"})
    ]
