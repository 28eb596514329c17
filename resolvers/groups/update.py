"""updateUserGroup: rename a group, add and remove members; a no-op writes nothing."""

from collections.abc import Sequence

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from db.models import GroupMembership, UserGroup
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised, forbidden, invalid_input, not_found
from resolvers.groups.checks import (
    GROUP_FIELD,
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

ADD_FIELD = ("input", "addMemberIds")
REMOVE_FIELD = ("input", "removeMemberIds")

_groups = UserGroup.__table__  # type: ignore[attr-defined]
_memberships = GroupMembership.__table__  # type: ignore[attr-defined]


async def update_user_group(
    context: RosterContext,
    *,
    caller: Caller,
    group_id: int | None,
    name: str | None = None,
    add_member_ids: Sequence[int | None] = (),
    remove_member_ids: Sequence[int | None] = (),
) -> GroupResult:
    """Rename ``group_id`` and/or change its members, in one transaction.

    Adding a member already there, or removing one who is not, changes nothing; an id
    both added and removed is INVALID_INPUT. When nothing changes, nothing is written
    and no audit entry is made. Ids are primary keys decoded (None: did not decode).
    """
    if not caller.is_admin:
        return GroupResult(user_errors=[forbidden()])
    if group_id is None:
        return GroupResult(user_errors=[not_found(GROUP_FIELD, "group")])
    tenant_id = caller.tenant_id

    async def work(session: AsyncSession) -> GroupResult:
        await lock_tenant(session, database=context.database, tenant_id=tenant_id)
        group = (
            await session.execute(
                select(_groups).where(_groups.c.id == group_id, _groups.c.tenant_id == tenant_id)
            )
        ).first()
        if group is None:
            raise UserErrorRaised(not_found(GROUP_FIELD, "group"))
        await check_members_exist(session, tenant_id=tenant_id, indexes=adds, path=ADD_FIELD)
        await check_members_exist(session, tenant_id=tenant_id, indexes=removes, path=REMOVE_FIELD)
        changes: list[FieldChange] = []
        if trimmed is not None and trimmed != group.name:
            await check_name_free(
                session, tenant_id=tenant_id, name=trimmed, except_group_id=group_id
            )
            await session.execute(
                update(_groups).where(_groups.c.id == group_id).values(name=trimmed)
            )
            changes.append(FieldChange("name", group.name, trimmed))
        present = set(
            await session.scalars(
                select(_memberships.c.user_id).where(
                    _memberships.c.group_id == group_id,
                    _memberships.c.user_id.in_([*adds, *removes]),
                )
            )
        )
        added = [pk for pk in adds if pk not in present]
        removed = [pk for pk in removes if pk in present]
        if added:
            await session.execute(
                insert(_memberships), [{"group_id": group_id, "user_id": pk} for pk in added]
            )
        if removed:
            await session.execute(
                delete(_memberships).where(
                    _memberships.c.group_id == group_id, _memberships.c.user_id.in_(removed)
                )
            )
        changes.extend(member_changes(added, removed))
        if changes:
            await record_audit(
                session,
                tenant_id=tenant_id,
                actor=Actor.of(caller),
                action=AuditAction.USER_GROUP_UPDATED,
                target_type="UserGroup",
                target_id=group_id,
                changes=changes,
            )
        if any(change.field == "name" for change in changes):
            group = (await session.execute(select(_groups).where(_groups.c.id == group_id))).one()
        return GroupResult(group=group)

    try:
        trimmed = checked_name(name) if name is not None else None
        adds = member_indexes(add_member_ids, ADD_FIELD)
        removes = member_indexes(remove_member_ids, REMOVE_FIELD)
        _check_not_both(adds, removes)
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return GroupResult(user_errors=[raised.error])


def _check_not_both(adds: dict[int, int], removes: dict[int, int]) -> None:
    both = [index for pk, index in removes.items() if pk in adds]
    if both:
        raise UserErrorRaised(
            invalid_input(
                "An id cannot be both added and removed.", (*REMOVE_FIELD, str(min(both)))
            )
        )
