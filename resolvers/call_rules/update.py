"""updateIncomingCallRule: a new name, action or target; what is not given stays."""

from dataclasses import replace

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction, IncomingCallAction
from resolvers.audit.actor import Actor
from resolvers.audit.record import changed_fields, record_audit
from resolvers.call_rules.fields import GivenId, RuleFields, checked_name, rules, target_mismatch
from resolvers.call_rules.locked import lock_rule
from resolvers.call_rules.outcome import CallRuleChange
from resolvers.call_rules.targets import check_target_group, check_target_user
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised, forbidden
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction


async def update_incoming_call_rule(
    context: RosterContext,
    *,
    caller: Caller,
    rule_id: int | None,
    name: str | None,
    action: IncomingCallAction | None,
    target_user: GivenId | None,
    target_group: GivenId | None,
) -> CallRuleChange:
    """Change the fields given of ``rule_id``; a field not given (None) keeps its value.

    A new action takes its targets from the input alone (the old ones are cleared), so the
    target it needs must be given with it. A rule is pointed at a user only if they can
    receive calls (USER_DEACTIVATED otherwise); a rule already ringing a deactivated user
    may still be renamed. Nothing changed: nothing written, no audit entry.
    ``rule_id`` None means the id did not decode.
    """
    if not caller.is_admin:
        return CallRuleChange(user_errors=[forbidden()])
    try:
        trimmed = checked_name(name) if name is not None else None
    except UserErrorRaised as raised:
        return CallRuleChange(user_errors=[raised.error])

    async def work(session: AsyncSession) -> CallRuleChange:
        tenant_id, database = caller.tenant_id, context.database
        row = await lock_rule(session, database, tenant_id=tenant_id, rule_id=rule_id)
        before = RuleFields.of(row)
        new_action = action if action is not None and action != before.action else None
        if new_action is None:
            # The action stays: so do the targets not given.
            has_user = target_user is not None or before.target_user_id is not None
            has_group = target_group is not None or before.target_group_id is not None
        else:
            has_user, has_group = target_user is not None, target_group is not None
        mismatch = target_mismatch(
            new_action or before.action, has_user=has_user, has_group=has_group
        )
        if mismatch is not None:
            raise UserErrorRaised(mismatch)
        target_user_id = before.target_user_id if new_action is None else None
        if target_user is not None:
            target_user_id = await _target_user(session, context, tenant_id, before, target_user.pk)
        target_group_id = before.target_group_id if new_action is None else None
        if target_group is not None:
            target_group_id = await check_target_group(
                session, database, tenant_id=tenant_id, pk=target_group.pk
            )
        after = replace(
            before,
            name=trimmed if trimmed is not None else before.name,
            action=new_action or before.action,
            target_user_id=target_user_id,
            target_group_id=target_group_id,
        )
        changes = changed_fields(before.audited(), after.audited())
        if not changes:
            return CallRuleChange(rule=row, changed=False)
        statement = update(rules).where(rules.c.id == row.id).values(**after.columns())
        updated = (await session.execute(statement.returning(*rules.c))).one()
        await record_audit(
            session,
            tenant_id=tenant_id,
            actor=Actor.of(caller),
            action=AuditAction.INCOMING_CALL_RULE_UPDATED,
            target_type="IncomingCallRule",
            target_id=row.id,
            # The user the rule rings now, or (moved off them) the one it rang.
            target_user_id=after.target_user_id or before.target_user_id,
            changes=changes,
        )
        return CallRuleChange(rule=updated, changed=True)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return CallRuleChange(user_errors=[raised.error])


async def _target_user(
    session: AsyncSession,
    context: RosterContext,
    tenant_id: int,
    before: RuleFields,
    pk: int | None,
) -> int:
    """The user given as the target: the rule's own target kept as it is needs no check
    of their status (renaming a rule that rings a deactivated user points it nowhere new)."""
    if pk is not None and pk == before.target_user_id:
        return pk
    return await check_target_user(session, context.database, tenant_id=tenant_id, pk=pk)
