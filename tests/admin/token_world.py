"""API tokens with fixed times, for exact answers."""

from dataclasses import dataclass
from datetime import UTC, datetime

from db.engine import Database
from db.enums import Role, TokenKind
from db.models import ApiToken, Tenant, User
from resolvers.ids import to_global_id
from resolvers.tokens import TENANT_TOKEN_PREFIXES, Caller, hash_token
from tests.admin.world import World, build_world
from tests.factories import add, caller_of, make_tenant, make_user

JAN_1 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
JAN_2 = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)
JAN_3 = datetime(2026, 1, 3, 9, 0, tzinfo=UTC)
FAR_FUTURE = datetime(2099, 1, 1, 0, 0, tzinfo=UTC)


async def make_api_token(
    database: Database,
    user: User,
    name: str,
    *,
    created_at: datetime = JAN_1,
    **columns: datetime | None,
) -> ApiToken:
    """A token of ``user`` whose secret is ``rst_<name>`` (tests only)."""
    (token,) = await add(
        database,
        ApiToken(
            tenant_id=user.tenant_id,
            user_id=user.id,
            token_hash=hash_token(f"rst_{name}"),
            name=name,
            created_at=created_at,
            **columns,
        ),
    )
    return token


async def make_tenant_token(
    database: Database,
    tenant: Tenant,
    name: str,
    *,
    kind: TokenKind,
    created_at: datetime = JAN_1,
    **columns: datetime | None,
) -> ApiToken:
    """A ``kind`` token of ``tenant``, no person's, whose secret is its kind's prefix and
    ``name`` (``rst_scim_okta``, ``rst_svc_phone``; tests only)."""
    (token,) = await add(
        database,
        ApiToken(
            tenant_id=tenant.id,
            kind=kind,
            user_id=None,
            token_hash=hash_token(TENANT_TOKEN_PREFIXES[kind] + name),
            name=name,
            created_at=created_at,
            **columns,
        ),
    )
    return token


async def make_scim_token(
    database: Database, tenant: Tenant, name: str, **columns: datetime | None
) -> ApiToken:
    return await make_tenant_token(database, tenant, name, kind=TokenKind.SCIM, **columns)


async def make_service_token(
    database: Database, tenant: Tenant, name: str, **columns: datetime | None
) -> ApiToken:
    return await make_tenant_token(database, tenant, name, kind=TokenKind.SERVICE, **columns)


@dataclass
class TokenWorld:
    world: World
    globex: Tenant
    gus: User
    ben_laptop: ApiToken  # Ben's, used
    cai_ci: ApiToken  # Cai's, expires far ahead
    ada_old: ApiToken  # Ada's, revoked
    gus_token: ApiToken  # globex's

    @property
    def foreign_admin(self) -> Caller:
        return caller_of(self.gus, self.globex)

    @staticmethod
    def gid(token: ApiToken) -> str:
        return to_global_id("ApiToken", token.id)  # type: ignore[arg-type]


async def build_token_world(database: Database) -> TokenWorld:
    world = await build_world(database)
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant", role=Role.ADMIN)
    ben_laptop = await make_api_token(
        database, world.ben, "ben-laptop", created_at=JAN_1, last_used_at=JAN_3
    )
    cai_ci = await make_api_token(
        database, world.cai, "cai-ci", created_at=JAN_2, expires_at=FAR_FUTURE
    )
    ada_old = await make_api_token(
        database, world.ada, "ada-old", created_at=JAN_3, revoked_at=JAN_3
    )
    gus_token = await make_api_token(database, gus, "gus-token", created_at=JAN_3)
    return TokenWorld(
        world=world,
        globex=globex,
        gus=gus,
        ben_laptop=ben_laptop,
        cai_ci=cai_ci,
        ada_old=ada_old,
        gus_token=gus_token,
    )
