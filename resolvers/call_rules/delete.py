"""deleteIncomingCallRule: the rule goes; the audit log keeps what it was."""

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, record_audit
from resolvers.call_rules.fields import RuleFields, rules
from resolvers.call_rules.locked import lock_rule
from resolvers.call_rules.outcome import CallRuleChange
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised, forbidden
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction


async def delete_incoming_call_rule(
    context: RosterContext, *, caller: Caller, rule_id: int | None
) -> CallRuleChange:
    """Delete ``rule_id``; ``rule_id`` None means the id did not decode."""
    if not caller.is_admin:
        return CallRuleChange(user_errors=[forbidden()])

    async def work(session: AsyncSession) -> CallRuleChange:
        tenant_id = caller.tenant_id
        row = await lock_rule(session, context.database, tenant_id=tenant_id, rule_id=rule_id)
        await session.execute(delete(rules).where(rules.c.id == row.id))
        fields = RuleFields.of(row)
        await record_audit(
            session,
            tenant_id=tenant_id,
            actor=Actor.of(caller),
            action=AuditAction.INCOMING_CALL_RULE_DELETED,
            target_type="IncomingCallRule",
            target_id=row.id,
            target_user_id=fields.target_user_id,
            changes=[FieldChange(key, value, None) for key, value in fields.audited().items()],
        )
        return CallRuleChange(changed=True, deleted_rule_id=row.id)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return CallRuleChange(user_errors=[raised.error])
