"""createUser: a new hire, ACTIVE at once, with an email no one else in the tenant has."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction, Role, UserStatus
from db.models import User
from db.types import utcnow
from resolvers.audit.actor import Actor
from resolvers.audit.record import api_value, changed_fields, record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorData, UserErrorRaised, forbidden
from resolvers.people.checks import (
    checked_display_name,
    checked_email,
    checked_external_id,
    email_taken_error,
    ensure_email_free,
    is_email_conflict,
)
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

_users = User.__table__  # type: ignore[attr-defined]


@dataclass
class UserCreation:
    user: Row[Any] | None = None
    user_errors: list[UserErrorData] = field(default_factory=list)


async def create_user(
    context: RosterContext,
    *,
    caller: Caller,
    tenant_id: int,
    email: str,
    display_name: str,
    role: Role = Role.MEMBER,
    external_id: str | None = None,
) -> UserCreation:
    """Create an ACTIVE user of ``tenant_id`` (admins only), audited, in one transaction."""
    if not caller.is_admin:
        return UserCreation(user_errors=[forbidden()])

    async def work(session: AsyncSession) -> UserCreation:
        address = checked_email(email)
        name = checked_display_name(display_name)
        assert name is not None
        external = checked_external_id(external_id)
        await ensure_email_free(session, tenant_id=tenant_id, email=address)
        user = await insert_user(
            session,
            actor=Actor.of(caller),
            tenant_id=tenant_id,
            email=address,
            display_name=name,
            role=role,
            external_id=external,
        )
        return UserCreation(user=user)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return UserCreation(user_errors=[raised.error])
    except IntegrityError as error:
        # Another request took the email between the check and the insert.
        if not is_email_conflict(error):
            raise
        return UserCreation(user_errors=[email_taken_error().error])


async def insert_user(
    session: AsyncSession,
    *,
    actor: Actor,
    tenant_id: int,
    email: str,
    display_name: str,
    role: Role = Role.MEMBER,
    external_id: str | None = None,
    user_name: str | None = None,
    given_name: str | None = None,
    family_name: str | None = None,
    scim_enterprise: dict[str, Any] | None = None,
) -> Row[Any]:
    """Insert an ACTIVE user with values already checked, and its USER_CREATED entry;
    answer the new row. The one way a user is made (createUser, provisioning)."""
    now = utcnow()
    user = (
        await session.execute(
            insert(_users)
            .values(
                tenant_id=tenant_id,
                email=email,
                display_name=display_name,
                role=role,
                status=UserStatus.ACTIVE,
                version=1,
                created_at=now,
                external_id=external_id,
                user_name=user_name,
                given_name=given_name,
                family_name=family_name,
                scim_enterprise=scim_enterprise,
            )
            .returning(*_users.c)
        )
    ).one()
    await record_audit(
        session,
        tenant_id=tenant_id,
        actor=actor,
        action=AuditAction.USER_CREATED,
        target_type="User",
        target_id=user.id,
        target_user_id=user.id,
        # What the new user has: a field left empty (no externalId) is no change.
        changes=changed_fields(
            {},
            {
                "userName": user.user_name,
                "email": user.email,
                "displayName": user.display_name,
                "givenName": user.given_name,
                "familyName": user.family_name,
                "role": api_value(Role(user.role)),
                "externalId": user.external_id,
                "enterprise": user.scim_enterprise,
            },
        ),
        at=now,
    )
    return user
