"""Groups as an identity provider keeps them (SCIM's door calls these): made, changed and
deleted through the same cores as the admin's group mutations, with actor PROVISIONING.

Each function is one system transaction: all of it, or nothing. Refusals are raised as
``UserErrorRaised`` (fields named by SCIM attribute) or ``StaleVersion``. Users detached
from SCIM are out of the provider's view: never named as members, never removed by it.
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.models import GroupMembership, User
from resolvers.audit.actor import PROVISIONING
from resolvers.errors import StaleVersion
from resolvers.groups.checks import checked_name, member_indexes
from resolvers.groups.create import insert_group
from resolvers.groups.delete import delete_group
from resolvers.groups.update import update_group
from resolvers.locks import lock_tenant
from resolvers.people.checks import checked_external_id
from resolvers.people.provisioning import DISPLAY_NAME, EXTERNAL_ID, ID
from resolvers.transactions import system_transaction

__all__ = [
    "StaleVersion",
    "delete_provisioned_group",
    "provision_group",
    "update_provisioned_group",
]

MEMBERS = ("members",)

_users = User.__table__  # type: ignore[attr-defined]
_memberships = GroupMembership.__table__  # type: ignore[attr-defined]


async def provision_group(
    database: Database,
    *,
    tenant_id: int,
    name: str,
    external_id: str | None,
    member_ids: Sequence[int],
) -> Row[Any]:
    """A new group of ``tenant_id`` with ``member_ids``; answers the user_groups row."""
    trimmed = checked_name(name, field=DISPLAY_NAME)
    external = checked_external_id(external_id, field=EXTERNAL_ID)
    indexes = member_indexes(member_ids, MEMBERS)

    async def work(session: AsyncSession) -> Row[Any]:
        return await insert_group(
            session,
            database=database,
            actor=PROVISIONING,
            tenant_id=tenant_id,
            name=trimmed,
            external_id=external,
            indexes=indexes,
            members_path=MEMBERS,
            name_field=DISPLAY_NAME,
            provisioned=True,
        )

    return await system_transaction(database, work)


async def update_provisioned_group(
    database: Database,
    *,
    tenant_id: int,
    group_id: int,
    name: str,
    external_id: str | None,
    member_ids: Sequence[int],
    expected_version: int | None = None,
) -> Row[Any]:
    """Give ``group_id`` this name, externalId and member set (the provider's whole view
    of it: members detached from SCIM stay, unseen); answers the row as it then is."""
    trimmed = checked_name(name, field=DISPLAY_NAME)
    external = checked_external_id(external_id, field=EXTERNAL_ID)
    wanted = member_indexes(member_ids, MEMBERS)

    async def work(session: AsyncSession) -> Row[Any]:
        await lock_tenant(session, database=database, tenant_id=tenant_id)
        seen = await _members_in_view(session, tenant_id=tenant_id, group_id=group_id)
        return await update_group(
            session,
            database=database,
            actor=PROVISIONING,
            tenant_id=tenant_id,
            group_id=group_id,
            name=trimmed,
            external_id=external,
            adds={pk: index for pk, index in wanted.items() if pk not in seen},
            removes={pk: 0 for pk in sorted(seen) if pk not in wanted},
            add_path=MEMBERS,
            remove_path=MEMBERS,
            expected_version=expected_version,
            group_field=ID,
            name_field=DISPLAY_NAME,
            provisioned=True,
        )

    return await system_transaction(database, work)


async def delete_provisioned_group(
    database: Database, *, tenant_id: int, group_id: int, expected_version: int | None = None
) -> None:
    """Delete ``group_id`` (its members stay users); refused while a call rule rings it."""

    async def work(session: AsyncSession) -> None:
        await delete_group(
            session,
            database=database,
            actor=PROVISIONING,
            tenant_id=tenant_id,
            group_id=group_id,
            expected_version=expected_version,
            group_field=ID,
        )

    await system_transaction(database, work)


async def _members_in_view(session: AsyncSession, *, tenant_id: int, group_id: int) -> set[int]:
    """The group's members the provider sees: users of the tenant not detached from SCIM."""
    return set(
        await session.scalars(
            select(_memberships.c.user_id)
            .join(_users, _users.c.id == _memberships.c.user_id)
            .where(
                _memberships.c.group_id == group_id,
                _users.c.tenant_id == tenant_id,
                _users.c.scim_detached_at.is_(None),
            )
        )
    )
