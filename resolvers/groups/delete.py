"""deleteUserGroup: a group no call rule rings goes, and its memberships with it."""

from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.enums import AuditAction
from db.models import GroupMembership, IncomingCallRule, UserGroup
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, record_audit
from resolvers.context import RosterContext
from resolvers.errors import (
    UserErrorData,
    UserErrorRaised,
    check_version,
    forbidden,
    invalid_input,
    not_found,
)
from resolvers.groups.checks import GROUP_FIELD, member_changes
from resolvers.locks import lock_tenant
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

_groups = UserGroup.__table__  # type: ignore[attr-defined]
_memberships = GroupMembership.__table__  # type: ignore[attr-defined]
_rules = IncomingCallRule.__table__  # type: ignore[attr-defined]


@dataclass
class GroupDeletion:
    deleted_group_id: int | None = None
    user_errors: list[UserErrorData] = field(default_factory=list)


async def delete_user_group(
    context: RosterContext, *, caller: Caller, group_id: int | None
) -> GroupDeletion:
    """Delete ``group_id`` and its memberships, in one transaction with its audit entry.

    Refused (INVALID_INPUT) while an incoming call rule rings the group: deleting it
    would leave the rule ringing nobody. The members themselves are untouched.
    """
    if not caller.is_admin:
        return GroupDeletion(user_errors=[forbidden()])
    if group_id is None:
        return GroupDeletion(user_errors=[not_found(GROUP_FIELD, "group")])
    tenant_id = caller.tenant_id

    async def work(session: AsyncSession) -> GroupDeletion:
        await delete_group(
            session,
            database=context.database,
            actor=Actor.of(caller),
            tenant_id=tenant_id,
            group_id=group_id,
        )
        return GroupDeletion(deleted_group_id=group_id)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return GroupDeletion(user_errors=[raised.error])


async def delete_group(
    session: AsyncSession,
    *,
    database: Database,
    actor: Actor,
    tenant_id: int,
    group_id: int,
    expected_version: int | None = None,
    group_field: tuple[str, ...] = GROUP_FIELD,
) -> None:
    """Delete ``group_id`` and its memberships, with its USER_GROUP_DELETED entry; refused
    while a call rule rings it. The one way a group goes (deleteUserGroup, provisioning)."""
    await lock_tenant(session, database=database, tenant_id=tenant_id)
    group = (
        await session.execute(
            select(_groups.c.name, _groups.c.version).where(
                _groups.c.id == group_id, _groups.c.tenant_id == tenant_id
            )
        )
    ).first()
    if group is None:
        raise UserErrorRaised(not_found(group_field, "group"))
    check_version(expected_version, group.version)
    rule_count = int(
        await session.scalar(
            select(func.count())
            .select_from(_rules)
            .where(_rules.c.tenant_id == tenant_id, _rules.c.target_group_id == group_id)
        )
        or 0
    )
    if rule_count:
        rules = (
            "1 incoming call rule rings"
            if rule_count == 1
            else f"{rule_count} incoming call rules ring"
        )
        raise UserErrorRaised(
            invalid_input(f"{rules} this group: change or delete them first.", group_field)
        )
    members = list(
        await session.scalars(
            select(_memberships.c.user_id).where(_memberships.c.group_id == group_id)
        )
    )
    await session.execute(delete(_memberships).where(_memberships.c.group_id == group_id))
    await session.execute(delete(_groups).where(_groups.c.id == group_id))
    await record_audit(
        session,
        tenant_id=tenant_id,
        actor=actor,
        action=AuditAction.USER_GROUP_DELETED,
        target_type="UserGroup",
        target_id=group_id,
        changes=[FieldChange("name", group.name, None), *member_changes([], members)],
    )
