"""connectVideoIntegration: active users only; members only for themselves; one per provider."""

from db.enums import Role, UserStatus, VideoProvider
from resolvers.ids import to_global_id
from tests.factories import caller_of, make_integration, make_tenant, make_user
from tests.graphql import data_of

MUTATION = """mutation ($input: ConnectVideoIntegrationInput!) {
  connectVideoIntegration(input: $input) {
    videoIntegration { id provider accountEmail }
    userErrors { code message field }
  }
}"""
INTEGRATIONS = (
    "query ($id: ID!) { user(id: $id) { videoIntegrations { id provider accountEmail } } }"
)


def uid(user) -> str:
    return to_global_id("User", user.id)


async def _connect(database, caller, user_id, provider="ZOOM", email="me@zoom.example"):
    input_ = {"userId": user_id, "provider": provider, "accountEmail": email}
    data = await data_of(database, caller, MUTATION, {"input": input_})
    return data["connectVideoIntegration"]


async def test_connecting_adds_and_reconnecting_replaces_the_providers_account(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    member = await make_user(database, acme, "Mia Member")
    teams = await make_integration(database, member, VideoProvider.MICROSOFT_TEAMS)
    member_caller = caller_of(member, acme)

    added = await _connect(database, member_caller, uid(member), email=" mia@zoom.example ")
    zoom_id = added["videoIntegration"]["id"]
    replaced = await _connect(
        database, caller_of(admin, acme), uid(member), email="mia2@zoom.example"
    )

    assert added == {
        "videoIntegration": {"id": zoom_id, "provider": "ZOOM", "accountEmail": "mia@zoom.example"},
        "userErrors": [],
    }
    assert replaced == {
        "videoIntegration": {
            "id": zoom_id,
            "provider": "ZOOM",
            "accountEmail": "mia2@zoom.example",
        },
        "userErrors": [],
    }
    assert await data_of(database, member_caller, INTEGRATIONS, {"id": uid(member)}) == {
        "user": {
            "videoIntegrations": [
                {
                    "id": to_global_id("VideoIntegration", teams.id),
                    "provider": "MICROSOFT_TEAMS",
                    "accountEmail": "mia.member@acme.example",
                },
                {"id": zoom_id, "provider": "ZOOM", "accountEmail": "mia2@zoom.example"},
            ]
        }
    }


async def test_refusals_write_nothing(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    member = await make_user(database, acme, "Mia Member")
    bob = await make_user(database, acme, "Bob Gone", status=UserStatus.DEACTIVATED)
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Other")
    admin_caller, member_caller = caller_of(admin, acme), caller_of(member, acme)

    def refused(code, message, field):
        return {
            "videoIntegration": None,
            "userErrors": [{"code": code, "message": message, "field": field}],
        }

    assert await _connect(database, admin_caller, uid(bob)) == refused(
        "USER_DEACTIVATED",
        "A deactivated user cannot connect a video integration.",
        ["input", "userId"],
    )
    assert await _connect(database, member_caller, uid(admin)) == refused(
        "FORBIDDEN", "Members may connect integrations only for themselves.", ["input", "userId"]
    )
    assert await _connect(database, member_caller, uid(gus)) == refused(
        "NOT_FOUND", "No user with this id.", ["input", "userId"]
    )
    assert await _connect(database, admin_caller, uid(gus)) == refused(
        "NOT_FOUND", "No user with this id.", ["input", "userId"]
    )
    assert await _connect(database, member_caller, uid(member), email="not an email") == refused(
        "INVALID_INPUT", "accountEmail is not an email address.", ["input", "accountEmail"]
    )
    for user in (admin, member, bob):
        assert await data_of(database, admin_caller, INTEGRATIONS, {"id": uid(user)}) == {
            "user": {"videoIntegrations": []}
        }
