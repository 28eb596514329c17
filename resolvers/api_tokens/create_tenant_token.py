"""createScimToken and ``roster token create --scim | --service``: a tenant's token that
is no person's (SCIM provisioning, or a product service); its secret is answered once
and audited never."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import TokenKind
from db.models import ApiToken
from db.types import utcnow
from resolvers.api_tokens.create import checked_expiry, checked_token_name
from resolvers.api_tokens.kinds import KIND_FACTS
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, api_value, record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorData, UserErrorRaised, forbidden
from resolvers.tokens import Caller, create_tenant_token
from resolvers.transactions import write_transaction

_tokens = ApiToken.__table__  # type: ignore[attr-defined]
_COLUMNS = [column for column in _tokens.c if column.name != "token_hash"]


@dataclass
class TenantTokenCreation:
    token: Row[Any] | None = None
    # The token itself: in this answer only, stored nowhere.
    secret: str | None = None
    user_errors: list[UserErrorData] = field(default_factory=list)


async def add_tenant_token(
    session: AsyncSession,
    *,
    kind: TokenKind,
    tenant_id: int,
    actor: Actor,
    name: str,
    expires_at: datetime | None,
    now: datetime | None = None,
) -> TenantTokenCreation:
    """A checked, audited token of ``kind`` (SCIM or SERVICE) of ``tenant_id`` in
    ``session``'s open transaction; raises ``UserErrorRaised`` for a name or expiry
    createApiToken would refuse too."""
    facts = KIND_FACTS[kind]
    token_name = checked_token_name(name)
    expiry = checked_expiry(expires_at, now=now or utcnow())
    row, secret = await create_tenant_token(
        session, kind=kind, tenant_id=tenant_id, name=token_name, expires_at=expiry
    )
    await record_audit(
        session,
        tenant_id=tenant_id,
        actor=actor,
        action=facts.created,
        target_type=facts.target_type,
        target_id=row.id,  # type: ignore[arg-type]
        target_user_id=None,
        changes=[
            FieldChange("name", None, row.name),
            FieldChange("expiresAt", None, api_value(row.expires_at)),
        ],
        at=row.created_at,
    )
    stored = (await session.execute(select(*_COLUMNS).where(_tokens.c.id == row.id))).one()
    return TenantTokenCreation(token=stored, secret=secret)


async def create_tenant_token_as(
    context: RosterContext,
    *,
    caller: Caller,
    kind: TokenKind,
    tenant_id: int,
    name: str,
    expires_at: datetime | None = None,
    now: datetime | None = None,
) -> TenantTokenCreation:
    """A new token of ``kind`` of the caller's tenant (admins only), audited, in one
    transaction."""
    if not caller.is_admin:
        return TenantTokenCreation(user_errors=[forbidden()])

    async def work(session: AsyncSession) -> TenantTokenCreation:
        return await add_tenant_token(
            session,
            kind=kind,
            tenant_id=tenant_id,
            actor=Actor.of(caller),
            name=name,
            expires_at=expires_at,
            now=now,
        )

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return TenantTokenCreation(user_errors=[raised.error])
