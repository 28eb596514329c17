"""updateUserGroup: rename a group, add and remove members; a no-op writes nothing."""

from collections.abc import Sequence
from enum import Enum
from typing import Any

from sqlalchemy import Row, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.enums import AuditAction
from db.models import GroupMembership, UserGroup
from db.types import utcnow
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised, check_version, forbidden, invalid_input, not_found
from resolvers.groups.checks import (
    GROUP_FIELD,
    NAME_FIELD,
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
        group = await update_group(
            session,
            database=context.database,
            actor=Actor.of(caller),
            tenant_id=tenant_id,
            group_id=group_id,
            name=trimmed,
            adds=adds,
            removes=removes,
            add_path=ADD_FIELD,
            remove_path=REMOVE_FIELD,
        )
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


class Keep(Enum):
    """A field an update leaves as it is (None would clear it)."""

    KEEP = "KEEP"


async def update_group(
    session: AsyncSession,
    *,
    database: Database,
    actor: Actor,
    tenant_id: int,
    group_id: int,
    name: str | None,
    adds: dict[int, int],
    removes: dict[int, int],
    add_path: tuple[str, ...],
    remove_path: tuple[str, ...],
    external_id: str | Keep | None = Keep.KEEP,
    expected_version: int | None = None,
    group_field: tuple[str, ...] = GROUP_FIELD,
    name_field: tuple[str, ...] = NAME_FIELD,
    provisioned: bool = False,
) -> Row[Any]:
    """Rename ``group_id`` (``name`` checked and trimmed; None: kept), set its externalId,
    add and remove members, with one USER_GROUP_UPDATED entry; answer the row as it then
    is. A change bumps the version and sets ``updated_at``; when nothing changes nothing
    is written. The one way a group changes (updateUserGroup, provisioning)."""
    await lock_tenant(session, database=database, tenant_id=tenant_id)
    group = (
        await session.execute(
            select(_groups).where(_groups.c.id == group_id, _groups.c.tenant_id == tenant_id)
        )
    ).first()
    if group is None:
        raise UserErrorRaised(not_found(group_field, "group"))
    check_version(expected_version, group.version)
    for indexes, path in ((adds, add_path), (removes, remove_path)):
        await check_members_exist(
            session, tenant_id=tenant_id, indexes=indexes, path=path, provisioned=provisioned
        )
    values: dict[str, Any] = {}
    changes: list[FieldChange] = []
    if name is not None and name != group.name:
        await check_name_free(
            session, tenant_id=tenant_id, name=name, except_group_id=group_id, field=name_field
        )
        values["name"] = name
        changes.append(FieldChange("name", group.name, name))
    if not isinstance(external_id, Keep) and external_id != group.external_id:
        values["external_id"] = external_id
        changes.append(FieldChange("externalId", group.external_id, external_id))
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
    if not changes:
        return group
    now = utcnow()
    group = (
        await session.execute(
            update(_groups)
            .where(_groups.c.id == group_id)
            .values(**values, version=_groups.c.version + 1, updated_at=now)
            .returning(*_groups.c)
        )
    ).one()
    await record_audit(
        session,
        tenant_id=tenant_id,
        actor=actor,
        action=AuditAction.USER_GROUP_UPDATED,
        target_type="UserGroup",
        target_id=group_id,
        changes=changes,
        at=now,
    )
    return group
