"""revokeApiToken, revokeScimToken and ``roster token revoke``: the token stops working at
its next request; a repeat changes nothing."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.enums import TokenKind
from db.models import ApiToken
from db.types import utcnow
from resolvers.api_tokens.kinds import KIND_FACTS
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, api_value, record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorData, UserErrorRaised, forbidden, not_found
from resolvers.events.record import announce
from resolvers.events.types import EventNotice, NoticeType
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

TOKEN_ID = ("input", "tokenId")

_tokens = ApiToken.__table__  # type: ignore[attr-defined]


@dataclass
class ApiTokenRevocation:
    token: Row[Any] | None = None
    # False when the token was already revoked: nothing written.
    changed: bool = False
    user_errors: list[UserErrorData] = field(default_factory=list)


async def revoke_api_token(
    context: RosterContext,
    *,
    caller: Caller,
    tenant_id: int,
    token_id: int | None,
    kind: TokenKind = TokenKind.USER,
) -> ApiTokenRevocation:
    """Revoke ``token_id`` of ``kind``: a person's, an admin any of the tenant's, a member
    only their own (a service owns none); a tenant's (SCIM, service), admins only.
    ``token_id`` None means the id did not decode."""
    if caller.is_service or (kind is not TokenKind.USER and not caller.is_admin):
        return ApiTokenRevocation(user_errors=[forbidden()])
    if token_id is None:
        return ApiTokenRevocation(user_errors=[not_found(TOKEN_ID, KIND_FACTS[kind].noun)])

    async def work(session: AsyncSession) -> ApiTokenRevocation:
        return await apply_revocation(
            session,
            database=context.database,
            caller=caller,
            actor=Actor.of(caller),
            tenant_id=tenant_id,
            token_id=token_id,
            kind=kind,
        )

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return ApiTokenRevocation(user_errors=[raised.error])


async def apply_revocation(
    session: AsyncSession,
    *,
    database: Database,
    caller: Caller | None,
    actor: Actor,
    tenant_id: int,
    token_id: int,
    kind: TokenKind = TokenKind.USER,
    now: datetime | None = None,
) -> ApiTokenRevocation:
    """The revocation of the ``kind`` token ``token_id`` in ``session``'s open
    transaction: a token of another kind is not found. ``caller`` None is the system (the
    CLI), which may revoke any token; raises ``UserErrorRaised`` when refused."""
    facts = KIND_FACTS[kind]
    statement = select(_tokens).where(
        _tokens.c.id == token_id, _tokens.c.tenant_id == tenant_id, _tokens.c.kind == kind.value
    )
    if not database.is_sqlite:
        # Two revocations of one token serialize: the second sees it revoked.
        statement = statement.with_for_update()
    token = (await session.execute(statement)).first()
    if token is None:
        raise UserErrorRaised(not_found(TOKEN_ID, facts.noun))
    if caller is not None and not caller.is_admin and token.user_id != caller.user_id:
        raise UserErrorRaised(forbidden("Members may revoke only their own tokens."))
    if token.revoked_at is not None:
        return ApiTokenRevocation(token=token, changed=False)
    moment = now or utcnow()
    revoked = (
        await session.execute(
            update(_tokens)
            .where(_tokens.c.id == token_id)
            .values(revoked_at=moment)
            .returning(*_tokens.c)
        )
    ).one()
    await record_audit(
        session,
        tenant_id=tenant_id,
        actor=actor,
        action=facts.revoked,
        target_type=facts.target_type,
        target_id=token_id,
        target_user_id=token.user_id,
        changes=[FieldChange("revokedAt", None, api_value(moment))],
        at=moment,
    )
    # Open subscriptions of the token end at once, in every process.
    await announce(
        session,
        EventNotice(
            tenant_id=tenant_id,
            type=NoticeType.TOKEN_REVOKED,
            user_id=token.user_id,
            token_id=token_id,
        ),
    )
    return ApiTokenRevocation(token=revoked, changed=True)
