"""createUserGroup: a new group of the tenant, with its first members."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.enums import AuditAction
from db.models import GroupMembership, UserGroup
from db.types import utcnow
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised, forbidden
from resolvers.groups.checks import (
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
        group = await insert_group(
            session,
            database=context.database,
            actor=Actor.of(caller),
            tenant_id=tenant_id,
            name=trimmed,
            indexes=indexes,
            members_path=MEMBERS_FIELD,
        )
        return GroupResult(group=group)

    try:
        trimmed = checked_name(name)
        indexes = member_indexes(member_ids, MEMBERS_FIELD)
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return GroupResult(user_errors=[raised.error])


async def insert_group(
    session: AsyncSession,
    *,
    database: Database,
    actor: Actor,
    tenant_id: int,
    name: str,
    indexes: dict[int, int],
    members_path: tuple[str, ...],
    external_id: str | None = None,
    name_field: tuple[str, ...] = NAME_FIELD,
    provisioned: bool = False,
) -> Row[Any]:
    """Insert the group ``name`` (checked and trimmed) with the members ``indexes`` names,
    and its USER_GROUP_CREATED entry; answer the new row. The one way a group is made
    (createUserGroup, provisioning). ``provisioned``: see ``check_members_exist``."""
    await lock_tenant(session, database=database, tenant_id=tenant_id)
    await check_name_free(session, tenant_id=tenant_id, name=name, field=name_field)
    await check_members_exist(
        session, tenant_id=tenant_id, indexes=indexes, path=members_path, provisioned=provisioned
    )
    now = utcnow()
    added = insert(_groups).values(
        tenant_id=tenant_id, name=name, external_id=external_id, version=1, created_at=now
    )
    group = (await session.execute(added.returning(*_groups.c))).one()
    if indexes:
        await session.execute(
            insert(_memberships), [{"group_id": group.id, "user_id": pk} for pk in indexes]
        )
    changes = [FieldChange("name", None, name)]
    if external_id is not None:
        changes.append(FieldChange("externalId", None, external_id))
    await record_audit(
        session,
        tenant_id=tenant_id,
        actor=actor,
        action=AuditAction.USER_GROUP_CREATED,
        target_type="UserGroup",
        target_id=group.id,
        changes=[*changes, *member_changes(list(indexes), [])],
        at=now,
    )
    return group
