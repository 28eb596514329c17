"""createUserGroup: a new group of the tenant, with its first members."""

from collections.abc import Sequence

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from db.models import GroupMembership, UserGroup
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised, forbidden
from resolvers.groups.checks import (
    GroupResult,
    check_members_exist,
    check_name_free,
    checked_name,
    member_changes,
    member_indexes,
)
from resolvers.locks import lock_tenant
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

MEMBERS_FIELD = ("input", "memberIds")

_groups = UserGroup.__table__  # type: ignore[attr-defined]
_memberships = GroupMembership.__table__  # type: ignore[attr-defined]


async def create_user_group(
    context: RosterContext,
    *,
    caller: Caller,
    name: str,
    member_ids: Sequence[int | None],
) -> GroupResult:
    """Create the group ``name`` in the caller's tenant with ``member_ids`` (primary keys
    decoded; None where an id did not decode), in one transaction with its audit entry."""
    if not caller.is_admin:
        return GroupResult(user_errors=[forbidden()])
    tenant_id = caller.tenant_id

    async def work(session: AsyncSession) -> GroupResult:
        await lock_tenant(session, database=context.database, tenant_id=tenant_id)
        await check_name_free(session, tenant_id=tenant_id, name=trimmed)
        await check_members_exist(session, tenant_id=tenant_id, indexes=indexes, path=MEMBERS_FIELD)
        added = insert(_groups).values(tenant_id=tenant_id, name=trimmed)
        group = (await session.execute(added.returning(*_groups.c))).one()
        if indexes:
            await session.execute(
                insert(_memberships), [{"group_id": group.id, "user_id": pk} for pk in indexes]
            )
        await record_audit(
            session,
            tenant_id=tenant_id,
            actor=Actor.of(caller),
            action=AuditAction.USER_GROUP_CREATED,
            target_type="UserGroup",
            target_id=group.id,
            changes=[FieldChange("name", None, trimmed), *member_changes(list(indexes), [])],
        )
        return GroupResult(group=group)

    try:
        trimmed = checked_name(name)
        indexes = member_indexes(member_ids, MEMBERS_FIELD)
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return GroupResult(user_errors=[raised.error])
