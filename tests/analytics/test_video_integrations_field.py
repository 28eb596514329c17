"""videoIntegrations: deleted on deactivation, not restored by activation; private to the user."""

from db.enums import Role, VideoProvider
from resolvers.ids import to_global_id
from tests.factories import caller_of, make_integration, make_tenant, make_user
from tests.graphql import data_of, execute

QUERY = "query ($id: ID!) { user(id: $id) { videoIntegrations { id provider accountEmail connectedAt } } }"


async def test_integrations_are_gone_after_deactivation_and_stay_gone(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ann = await make_user(database, acme, "Ann Active")
    zoom = await make_integration(database, ann, VideoProvider.ZOOM, "ann@zoom.example")
    meet = await make_integration(database, ann, VideoProvider.GOOGLE_MEET)
    caller = caller_of(admin, acme)
    ann_id = to_global_id("User", ann.id)

    before = await data_of(database, caller, QUERY, {"id": ann_id})
    await data_of(
        database,
        caller,
        "mutation ($id: ID!) { deactivateUser(input: {userId: $id}) { changed } }",
        {"id": ann_id},
    )
    after_deactivation = await data_of(database, caller, QUERY, {"id": ann_id})
    await data_of(
        database,
        caller,
        "mutation ($id: ID!) { activateUser(input: {userId: $id}) { changed } }",
        {"id": ann_id},
    )
    after_activation = await data_of(database, caller, QUERY, {"id": ann_id})

    assert before == {
        "user": {
            "videoIntegrations": [
                {
                    "id": to_global_id("VideoIntegration", zoom.id),
                    "provider": "ZOOM",
                    "accountEmail": "ann@zoom.example",
                    "connectedAt": "2026-01-05T09:00:00+00:00",
                },
                {
                    "id": to_global_id("VideoIntegration", meet.id),
                    "provider": "GOOGLE_MEET",
                    "accountEmail": "ann.active@acme.example",
                    "connectedAt": "2026-01-05T09:00:00+00:00",
                },
            ]
        }
    }
    assert after_deactivation == {"user": {"videoIntegrations": []}}
    assert after_activation == {"user": {"videoIntegrations": []}}


async def test_members_see_only_their_own_integrations(database):
    acme = await make_tenant(database)
    member = await make_user(database, acme, "Mia Member")
    other = await make_user(database, acme, "Oto Other")
    await make_integration(database, member, VideoProvider.ZOOM)
    await make_integration(database, other, VideoProvider.ZOOM)
    caller = caller_of(member, acme)

    own = await data_of(database, caller, "{ me { videoIntegrations { provider accountEmail } } }")
    others = await execute(database, caller, QUERY, {"id": to_global_id("User", other.id)})

    assert own == {
        "me": {
            "videoIntegrations": [{"provider": "ZOOM", "accountEmail": "mia.member@acme.example"}]
        }
    }
    assert others.data == {"user": None}
    assert [(e.path, e.extensions) for e in others.errors or []] == [
        (["user", "videoIntegrations"], {"code": "FORBIDDEN"})
    ]
