"""Giving a user a phone number: a new one, or one the tenant keeps unassigned."""

from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from db.models import User
from resolvers.audit.actor import Actor
from resolvers.audit.record import record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised, already_exists, forbidden, invalid_input, not_found
from resolvers.phone_numbers.e164 import NotANumber, to_e164
from resolvers.phone_numbers.outcome import PhoneNumberChange
from resolvers.phone_numbers.rows import lock_number, number_changes, phone_numbers
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

USER_FIELD = ("input", "userId")
NUMBER_FIELD = ("input", "number")
HELD = "Another user of the tenant holds this number; unassign it from them first."

_users = User.__table__  # type: ignore[attr-defined]


async def assign_phone_number(
    context: RosterContext, *, caller: Caller, user_id: int | None, number: str
) -> PhoneNumberChange:
    """Give ``number`` (any common writing of an E.164 number) to ``user_id``.

    A number another user holds is refused (ALREADY_EXISTS), never moved; one the user
    already holds is answered unchanged; one the tenant keeps unassigned is given to
    the user with its id and its call rules. A deactivated user may get one (the chart:
    they keep their numbers). ``user_id`` None means the id did not decode.
    """
    if not caller.is_admin:
        return PhoneNumberChange(user_errors=[forbidden()])
    try:
        e164 = to_e164(number)
    except NotANumber:
        error = invalid_input(
            "Give a whole number with its country code, e.g. +81 3-1234-5678.", NUMBER_FIELD
        )
        return PhoneNumberChange(user_errors=[error])
    if user_id is None:
        return PhoneNumberChange(user_errors=[not_found(USER_FIELD)])

    async def work(session: AsyncSession) -> PhoneNumberChange:
        return await _assign(session, context, caller=caller, user_id=user_id, number=e164)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return PhoneNumberChange(user_errors=[raised.error])


async def _assign(
    session: AsyncSession, context: RosterContext, *, caller: Caller, user_id: int, number: str
) -> PhoneNumberChange:
    tenant_id = caller.tenant_id
    user = await session.scalar(
        select(_users.c.id).where(_users.c.id == user_id, _users.c.tenant_id == tenant_id)
    )
    if user is None:
        raise UserErrorRaised(not_found(USER_FIELD))
    existing = await lock_number(
        session, context.database, tenant_id=tenant_id, where=phone_numbers.c.number == number
    )
    if existing is not None and existing.user_id == user_id:
        return PhoneNumberChange(phone_number=existing, changed=False)
    if existing is not None and existing.user_id is not None:
        raise UserErrorRaised(already_exists(HELD, NUMBER_FIELD))
    if existing is not None:
        statement = update(phone_numbers).where(phone_numbers.c.id == existing.id)
        assigned = (
            await session.execute(statement.values(user_id=user_id).returning(*phone_numbers.c))
        ).one()
    else:
        assigned = await _insert(session, tenant_id=tenant_id, user_id=user_id, number=number)
    await record_audit(
        session,
        tenant_id=tenant_id,
        actor=Actor.of(caller),
        action=AuditAction.PHONE_NUMBER_ASSIGNED,
        target_type="PhoneNumber",
        target_id=assigned.id,
        target_user_id=user_id,
        changes=number_changes(existing, assigned),
    )
    return PhoneNumberChange(phone_number=assigned, changed=True)


async def _insert(session: AsyncSession, *, tenant_id: int, user_id: int, number: str) -> Row[Any]:
    added = insert(phone_numbers).values(tenant_id=tenant_id, number=number, user_id=user_id)
    try:
        return (await session.execute(added.returning(*phone_numbers.c))).one()
    except IntegrityError:
        # Another request added the same number between our read and this insert (the
        # unique (tenant_id, number) constraint): the number is taken, not ours to move.
        raise UserErrorRaised(already_exists(HELD, NUMBER_FIELD)) from None
