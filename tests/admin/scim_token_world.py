"""The token world with SCIM tokens beside the people's, at fixed times."""

from dataclasses import dataclass

from db.engine import Database
from db.models import ApiToken
from resolvers.ids import to_global_id
from tests.admin.token_world import (
    FAR_FUTURE,
    JAN_1,
    JAN_2,
    JAN_3,
    TokenWorld,
    build_token_world,
    make_scim_token,
)


@dataclass
class ScimTokenWorld:
    tokens: TokenWorld
    okta: ApiToken  # acme's, used
    entra_old: ApiToken  # acme's, revoked
    entra: ApiToken  # acme's, expires far ahead
    globex_okta: ApiToken  # globex's

    @staticmethod
    def gid(token: ApiToken) -> str:
        return to_global_id("ScimToken", token.id)  # type: ignore[arg-type]


async def build_scim_token_world(database: Database) -> ScimTokenWorld:
    tokens = await build_token_world(database)
    acme = tokens.world.acme
    return ScimTokenWorld(
        tokens=tokens,
        okta=await make_scim_token(database, acme, "okta", created_at=JAN_1, last_used_at=JAN_3),
        entra_old=await make_scim_token(
            database, acme, "entra-old", created_at=JAN_2, revoked_at=JAN_3
        ),
        entra=await make_scim_token(
            database, acme, "entra", created_at=JAN_3, expires_at=FAR_FUTURE
        ),
        globex_okta=await make_scim_token(database, tokens.globex, "globex-okta"),
    )
