"""createIncomingCallRule: a new rule on one of the tenant's numbers."""

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction, IncomingCallAction
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, record_audit
from resolvers.call_rules.fields import GivenId, RuleFields, checked_name, rules, target_mismatch
from resolvers.call_rules.outcome import CallRuleChange
from resolvers.call_rules.targets import check_phone_number, check_target_group, check_target_user
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised, forbidden
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

PHONE_NUMBER_FIELD = ("input", "phoneNumberId")


async def create_incoming_call_rule(
    context: RosterContext,
    *,
    caller: Caller,
    name: str,
    phone_number_id: int | None,
    action: IncomingCallAction,
    target_user: GivenId | None,
    target_group: GivenId | None,
) -> CallRuleChange:
    """A rule answering ``phone_number_id`` (assigned or not) with ``action``, ringing the
    target the action names: never a user who cannot receive calls (USER_DEACTIVATED).
    ``phone_number_id`` None means the id did not decode."""
    if not caller.is_admin:
        return CallRuleChange(user_errors=[forbidden()])
    try:
        trimmed = checked_name(name)
        mismatch = target_mismatch(
            action, has_user=target_user is not None, has_group=target_group is not None
        )
        if mismatch is not None:
            raise UserErrorRaised(mismatch)
    except UserErrorRaised as raised:
        return CallRuleChange(user_errors=[raised.error])

    async def work(session: AsyncSession) -> CallRuleChange:
        tenant_id, database = caller.tenant_id, context.database
        fields = RuleFields(
            name=trimmed,
            phone_number_id=await check_phone_number(
                session, tenant_id=tenant_id, pk=phone_number_id, field=PHONE_NUMBER_FIELD
            ),
            action=action,
            target_user_id=None
            if target_user is None
            else await check_target_user(session, database, tenant_id=tenant_id, pk=target_user.pk),
            target_group_id=None
            if target_group is None
            else await check_target_group(
                session, database, tenant_id=tenant_id, pk=target_group.pk
            ),
        )
        added = insert(rules).values(tenant_id=tenant_id, **fields.columns())
        row = (await session.execute(added.returning(*rules.c))).one()
        await record_audit(
            session,
            tenant_id=tenant_id,
            actor=Actor.of(caller),
            action=AuditAction.INCOMING_CALL_RULE_CREATED,
            target_type="IncomingCallRule",
            target_id=row.id,
            target_user_id=fields.target_user_id,
            changes=[FieldChange(key, None, value) for key, value in fields.audited().items()],
        )
        return CallRuleChange(rule=row, changed=True)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return CallRuleChange(user_errors=[raised.error])
