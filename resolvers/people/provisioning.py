"""Users as an identity provider keeps them (SCIM's door calls these): created, updated,
activated, deactivated and detached through the same cores as the admin's mutations.

Each function is one system transaction: all of it, or nothing. Refusals are raised as
``UserErrorRaised`` (fields named by SCIM attribute) or ``StaleVersion``.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Row, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.enums import AuditAction, UserStatus
from db.folding import fold
from db.models import User
from db.types import utcnow
from resolvers.audit.actor import PROVISIONING
from resolvers.errors import (
    StaleVersion,
    UserErrorRaised,
    check_version,
    not_found,
)
from resolvers.locks import lock_user
from resolvers.people.checks import (
    checked_display_name,
    checked_email,
    checked_external_id,
    checked_name_part,
    checked_user_name,
    email_taken_error,
    ensure_email_free,
    ensure_user_name_free,
    is_email_conflict,
    is_user_name_conflict,
    user_name_taken_error,
)
from resolvers.people.create_user import insert_user
from resolvers.people.enterprise import EnterpriseFields, check_enterprise
from resolvers.people.fields import write_user_fields
from resolvers.status.change import apply_status_change
from resolvers.transactions import system_transaction

# StaleVersion lives in resolvers.errors (groups raise it too); importable from here.
__all__ = [
    "EnterpriseFields",
    "ProvisionedFields",
    "StaleVersion",
    "detach_provisioned_user",
    "provision_user",
    "update_provisioned_user",
]

ID = ("id",)
USER_NAME = ("userName",)
EMAILS = ("emails",)
DISPLAY_NAME = ("displayName",)
EXTERNAL_ID = ("externalId",)
GIVEN_NAME = ("name", "givenName")
FAMILY_NAME = ("name", "familyName")

_users = User.__table__  # type: ignore[attr-defined]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ProvisionedFields:
    """What an identity provider says about a person (SCIM's User, mapped by the door)."""

    user_name: str  # stored as given; unique per tenant case-insensitively
    email: str
    display_name: str
    given_name: str | None
    family_name: str | None
    external_id: str | None
    enterprise: EnterpriseFields = field(default_factory=EnterpriseFields)

    def checked(self) -> dict[str, Any]:
        """The users columns these fields write, each checked (INVALID_INPUT otherwise)."""
        name = checked_display_name(self.display_name, field=DISPLAY_NAME)
        assert name is not None
        return {
            "user_name": checked_user_name(self.user_name, field=USER_NAME),
            "email": checked_email(self.email, field=EMAILS),
            "display_name": name,
            "given_name": checked_name_part(self.given_name, field=GIVEN_NAME),
            "family_name": checked_name_part(self.family_name, field=FAMILY_NAME),
            "external_id": checked_external_id(self.external_id, field=EXTERNAL_ID),
            "scim_enterprise": self.enterprise.stored(),
        }


async def provision_user(
    database: Database, *, tenant_id: int, fields: ProvisionedFields, active: bool = True
) -> Row[Any]:
    """A new MEMBER user of ``tenant_id`` with ``fields``, deactivated at once unless
    ``active``; answers the users row.

    A user of the tenant detached from SCIM with this email (someone rehired) is
    attached again instead: the same user, their history kept, their fields written.
    """
    values = fields.checked()

    async def work(session: AsyncSession) -> Row[Any]:
        await check_enterprise(session, tenant_id=tenant_id, enterprise=fields.enterprise)
        detached = await _detached_with_email(session, tenant_id=tenant_id, email=values["email"])
        await ensure_user_name_free(
            session,
            tenant_id=tenant_id,
            user_name=values["user_name"],
            field=USER_NAME,
            user_id=detached.id if detached is not None else None,
        )
        if detached is not None:
            user_id = detached.id
            before = await _locked(session, database, tenant_id=tenant_id, user_id=user_id)
            await write_user_fields(
                session,
                actor=PROVISIONING,
                tenant_id=tenant_id,
                before=before,
                values={**values, "scim_detached_at": None},
            )
        else:
            await ensure_email_free(
                session, tenant_id=tenant_id, email=values["email"], field=EMAILS
            )
            user_id = (
                await insert_user(session, actor=PROVISIONING, tenant_id=tenant_id, **values)
            ).id
        await _set_active(session, database, tenant_id=tenant_id, user_id=user_id, active=active)
        return await _locked(session, database, tenant_id=tenant_id, user_id=user_id)

    return await _run(database, work)


async def update_provisioned_user(
    database: Database,
    *,
    tenant_id: int,
    user_id: int,
    fields: ProvisionedFields,
    active: bool | None,
    expected_version: int | None = None,
) -> Row[Any]:
    """Write ``fields`` to ``user_id`` (one USER_UPDATED entry for what changed) and, when
    ``active`` is given, set the status through the one status code path; None leaves it.
    ``expected_version`` given: StaleVersion unless the row is at that version."""
    values = fields.checked()

    async def work(session: AsyncSession) -> Row[Any]:
        before = await _attached(
            session, database, tenant_id=tenant_id, user_id=user_id, expected=expected_version
        )
        await check_enterprise(session, tenant_id=tenant_id, enterprise=fields.enterprise)
        await ensure_user_name_free(
            session,
            tenant_id=tenant_id,
            user_name=values["user_name"],
            field=USER_NAME,
            user_id=user_id,
        )
        await ensure_email_free(
            session, tenant_id=tenant_id, email=values["email"], user_id=user_id, field=EMAILS
        )
        await write_user_fields(
            session, actor=PROVISIONING, tenant_id=tenant_id, before=before, values=values
        )
        if active is not None:
            await _set_active(
                session, database, tenant_id=tenant_id, user_id=user_id, active=active
            )
        return await _locked(session, database, tenant_id=tenant_id, user_id=user_id)

    return await _run(database, work)


async def detach_provisioned_user(
    database: Database, *, tenant_id: int, user_id: int, expected_version: int | None = None
) -> None:
    """SCIM's DELETE: deactivate ``user_id`` through the one status code path, then take
    them out of SCIM's view (their userName freed); roster keeps them, deactivated, with
    their history. A refused deactivation (the last admin) leaves everything as it was."""

    async def work(session: AsyncSession) -> None:
        await _attached(
            session, database, tenant_id=tenant_id, user_id=user_id, expected=expected_version
        )
        await _set_active(session, database, tenant_id=tenant_id, user_id=user_id, active=False)
        before = await _locked(session, database, tenant_id=tenant_id, user_id=user_id)
        now = utcnow()
        await write_user_fields(
            session,
            actor=PROVISIONING,
            tenant_id=tenant_id,
            before=before,
            values={"user_name": None, "scim_detached_at": now},
            action=AuditAction.USER_DETACHED,
            at=now,
        )

    await _run(database, work)


async def _run(database: Database, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    try:
        return await system_transaction(database, work)
    except IntegrityError as error:
        # Another writer took the userName or the email between the check and the write.
        if is_user_name_conflict(error):
            raise user_name_taken_error(USER_NAME) from None
        if is_email_conflict(error):
            raise email_taken_error(EMAILS) from None
        raise


async def _locked(
    session: AsyncSession, database: Database, *, tenant_id: int, user_id: int
) -> Row[Any]:
    user = await lock_user(session, database, tenant_id=tenant_id, user_id=user_id)
    if user is None:
        raise UserErrorRaised(not_found(ID))
    return user


async def _attached(
    session: AsyncSession,
    database: Database,
    *,
    tenant_id: int,
    user_id: int,
    expected: int | None,
) -> Row[Any]:
    """The user's row, locked; NOT_FOUND for no such user of the tenant or one detached
    from SCIM, StaleVersion when ``expected`` is given and differs."""
    user = await _locked(session, database, tenant_id=tenant_id, user_id=user_id)
    if user.scim_detached_at is not None:
        raise UserErrorRaised(not_found(ID))
    check_version(expected, user.version)
    return user


async def _detached_with_email(
    session: AsyncSession, *, tenant_id: int, email: str
) -> Row[Any] | None:
    return (
        await session.execute(
            select(_users.c.id).where(
                _users.c.tenant_id == tenant_id,
                _users.c.email_folded == fold(email),
                _users.c.scim_detached_at.is_not(None),
            )
        )
    ).first()


async def _set_active(
    session: AsyncSession, database: Database, *, tenant_id: int, user_id: int, active: bool
) -> None:
    """The status ``active`` names, through the one status code path (no-op if already)."""
    await apply_status_change(
        session,
        database=database,
        caller=None,
        tenant_id=tenant_id,
        user_id=user_id,
        target=UserStatus.ACTIVE if active else UserStatus.DEACTIVATED,
        actor=PROVISIONING,
        user_field=ID,
    )
