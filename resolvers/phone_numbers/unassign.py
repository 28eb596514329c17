"""Taking a number from its user: it stays in the tenant, and so do its call rules."""

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from resolvers.audit.actor import Actor
from resolvers.audit.record import record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised, forbidden, not_found
from resolvers.phone_numbers.outcome import PhoneNumberChange
from resolvers.phone_numbers.rows import lock_number, number_changes, phone_numbers
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

NUMBER_ID_FIELD = ("input", "phoneNumberId")


async def unassign_phone_number(
    context: RosterContext, *, caller: Caller, phone_number_id: int | None
) -> PhoneNumberChange:
    """Leave ``phone_number_id`` in the tenant with no user; an unassigned number is
    answered unchanged. ``phone_number_id`` None means the id did not decode."""
    if not caller.is_admin:
        return PhoneNumberChange(user_errors=[forbidden()])
    if phone_number_id is None:
        return PhoneNumberChange(user_errors=[not_found(NUMBER_ID_FIELD, "phone number")])

    async def work(session: AsyncSession) -> PhoneNumberChange:
        tenant_id = caller.tenant_id
        before = await lock_number(
            session,
            context.database,
            tenant_id=tenant_id,
            where=phone_numbers.c.id == phone_number_id,
        )
        if before is None:
            raise UserErrorRaised(not_found(NUMBER_ID_FIELD, "phone number"))
        if before.user_id is None:
            return PhoneNumberChange(phone_number=before, changed=False)
        statement = update(phone_numbers).where(phone_numbers.c.id == before.id)
        after = (
            await session.execute(statement.values(user_id=None).returning(*phone_numbers.c))
        ).one()
        await record_audit(
            session,
            tenant_id=tenant_id,
            actor=Actor.of(caller),
            action=AuditAction.PHONE_NUMBER_UNASSIGNED,
            target_type="PhoneNumber",
            target_id=before.id,
            target_user_id=before.user_id,
            changes=number_changes(before, after),
        )
        return PhoneNumberChange(phone_number=after, changed=True)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return PhoneNumberChange(user_errors=[raised.error])
