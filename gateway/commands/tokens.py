"""``roster token create | list | revoke``: API tokens from the command line, a person's
and a tenant's SCIM and service tokens (the system acts: audit entries name the CLI)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from db.engine import Database
from db.enums import ActorKind, TokenKind
from db.models import ApiToken, Tenant, User
from db.types import utcnow
from gateway.events.setup import publishing
from gateway.settings import Settings
from resolvers.api_tokens.create_tenant_token import add_tenant_token
from resolvers.api_tokens.kinds import KIND_FACTS
from resolvers.api_tokens.revoke import apply_revocation
from resolvers.audit.actor import Actor
from resolvers.errors import UserErrorRaised
from resolvers.ids import from_global_id
from resolvers.tokens import create_token, token_state


async def create_token_for(
    database_url: str,
    *,
    email: str,
    tenant: str | None,
    name: str = "cli",
    expires_in_days: int | None = None,
) -> str:
    """The secret of a new token of the user with ``email`` (in ``tenant``)."""
    expires_at = utcnow() + timedelta(days=expires_in_days) if expires_in_days else None
    database = Database(database_url)
    try:
        async with database.write_sessions() as session, session.begin():
            statement = (
                select(User)
                .join(Tenant, col(Tenant.id) == col(User.tenant_id))
                .where(col(User.email) == email)
            )
            if tenant is not None:
                statement = statement.where(col(Tenant.slug) == tenant)
            users = list((await session.execute(statement)).scalars())
            if not users:
                where = f" in tenant {tenant!r}" if tenant else ""
                raise LookupError(f"no user with email {email!r}{where}")
            if len(users) > 1:
                raise LookupError(f"{email!r} is in several tenants; pass --tenant")
            _, secret = await create_token(session, user=users[0], name=name, expires_at=expires_at)
            return secret
    finally:
        await database.dispose()


async def create_tenant_token_for(
    database_url: str,
    *,
    kind: TokenKind,
    tenant: str,
    name: str,
    expires_in_days: int | None = None,
) -> str:
    """The secret of a new ``kind`` token (SCIM or SERVICE) of ``tenant`` (its slug),
    audited as the CLI's doing."""
    expires_at = utcnow() + timedelta(days=expires_in_days) if expires_in_days else None
    database = Database(database_url)
    try:
        async with database.write_sessions() as session, session.begin():
            tenant_id = await session.scalar(
                select(col(Tenant.id)).where(col(Tenant.slug) == tenant)
            )
            if tenant_id is None:
                raise LookupError(f"no tenant {tenant!r}")
            try:
                creation = await add_tenant_token(
                    session,
                    kind=kind,
                    tenant_id=tenant_id,
                    actor=Actor(ActorKind.CLI),
                    name=name,
                    expires_at=expires_at,
                )
            except UserErrorRaised as raised:
                raise LookupError(raised.error.message) from None
            assert creation.secret is not None
            return creation.secret
    finally:
        await database.dispose()


@dataclass(frozen=True, slots=True)
class TokenLine:
    """One token as ``roster token list`` shows it: no secret, no hash."""

    id: int
    tenant: str
    kind: TokenKind
    name: str
    email: str | None  # None: a SCIM or service token, no person's
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    state: str


async def list_tokens(
    database_url: str, *, tenant: str | None = None, email: str | None = None
) -> list[TokenLine]:
    """Every token, SCIM and service tokens too (of ``tenant``, of the user with
    ``email``), newest first."""
    tokens = ApiToken.__table__  # type: ignore[attr-defined]
    users = User.__table__  # type: ignore[attr-defined]
    tenants = Tenant.__table__  # type: ignore[attr-defined]
    statement = (
        select(
            tokens.c.id,
            tenants.c.slug,
            tokens.c.kind,
            tokens.c.name,
            users.c.email,
            tokens.c.created_at,
            tokens.c.last_used_at,
            tokens.c.expires_at,
            tokens.c.revoked_at,
        )
        .outerjoin(users, users.c.id == tokens.c.user_id)
        .join(tenants, tenants.c.id == tokens.c.tenant_id)
        .order_by(tokens.c.id.desc())
    )
    if tenant is not None:
        statement = statement.where(tenants.c.slug == tenant)
    if email is not None:
        statement = statement.where(users.c.email == email)
    database = Database(database_url)
    try:
        async with database.session() as session:
            rows = (await session.execute(statement)).all()
    finally:
        await database.dispose()
    now = utcnow()
    return [
        TokenLine(
            id=row.id,
            tenant=row.slug,
            kind=TokenKind(row.kind),
            name=row.name,
            email=row.email,
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            expires_at=row.expires_at,
            state=token_state(revoked_at=row.revoked_at, expires_at=row.expires_at, now=now),
        )
        for row in rows
    ]


_HEADERS = ("ID", "TENANT", "KIND", "NAME", "USER", "CREATED", "LAST USED", "EXPIRES", "STATE")


def _shown(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else "-"


def token_table(lines: Sequence[TokenLine]) -> str:
    """The lines as a plain aligned table (UTC times to the minute)."""
    cells = [_HEADERS] + [
        (
            str(line.id),
            line.tenant,
            str(line.kind),
            line.name,
            line.email or "-",
            _shown(line.created_at),
            _shown(line.last_used_at),
            _shown(line.expires_at),
            str(line.state),
        )
        for line in lines
    ]
    widths = [max(len(row[index]) for row in cells) for index in range(len(_HEADERS))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in cells
    )


_KINDS_BY_TYPE_NAME = {facts.target_type: kind for kind, facts in KIND_FACTS.items()}


def token_pk(reference: str) -> tuple[int, TokenKind | None] | None:
    """The token's primary key from the number ``list`` shows (any kind: None) or its
    global id (an ApiToken's: a person's; a ScimToken's or ServiceToken's: that kind)."""
    if reference.isdigit():
        return int(reference), None
    decoded = from_global_id(reference)
    if decoded is None or decoded[0] not in _KINDS_BY_TYPE_NAME:
        return None
    return decoded[1], _KINDS_BY_TYPE_NAME[decoded[0]]


@dataclass(frozen=True, slots=True)
class TokenRevocation:
    id: int
    kind: TokenKind
    changed: bool  # False: it was already revoked

    def summary(self) -> str:
        noun = KIND_FACTS[self.kind].noun
        if self.changed:
            return f"revoked {noun} {self.id}"
        return f"{noun} {self.id} was already revoked"


async def revoke_token(
    database_url: str, reference: str, *, settings: Settings | None = None
) -> TokenRevocation:
    """Revoke the token ``reference`` names, of any kind, audited as the CLI's doing; the
    token's open subscriptions in every process end (published to Redis when
    ``settings`` name one)."""
    referenced = token_pk(reference)
    if referenced is None:
        raise LookupError(
            f"{reference!r} is neither a token number nor an ApiToken, ScimToken or ServiceToken id"
        )
    pk, named_kind = referenced
    database = Database(database_url)
    try:
        async with (
            publishing(settings, database),
            database.write_sessions() as session,
            session.begin(),
        ):
            tokens = ApiToken.__table__  # type: ignore[attr-defined]
            found: Any = (
                await session.execute(
                    select(tokens.c.tenant_id, tokens.c.kind).where(tokens.c.id == pk)
                )
            ).first()
            kind = TokenKind(found.kind) if found is not None else None
            if kind is None or named_kind not in (None, kind):
                # A global id names its own kind only: an ApiToken's never a SCIM token.
                noun = KIND_FACTS[named_kind].noun if named_kind else "API token"
                raise LookupError(f"no {noun} {reference}")
            try:
                revocation = await apply_revocation(
                    session,
                    database=database,
                    caller=None,
                    actor=Actor(ActorKind.CLI),
                    tenant_id=found.tenant_id,
                    token_id=pk,
                    kind=kind,
                )
            except UserErrorRaised as raised:
                raise LookupError(raised.error.message) from None
            return TokenRevocation(id=pk, kind=kind, changed=revocation.changed)
    finally:
        await database.dispose()
