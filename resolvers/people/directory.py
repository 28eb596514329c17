"""Users as SCIM's door reads them: pages by a filter, each user with their phone numbers
and groups, in a fixed number of statements whatever the page size.

Users detached from SCIM are out of its view (never listed, never found); deactivated
users are in it (both identity providers require it).
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, func, select

from db.enums import UserStatus
from db.models import GroupMembership, PhoneNumber, User, UserGroup
from resolvers.reader import Reader

_users = User.__table__  # type: ignore[attr-defined]
_phones = PhoneNumber.__table__  # type: ignore[attr-defined]
_groups = UserGroup.__table__  # type: ignore[attr-defined]
_memberships = GroupMembership.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class DirectoryUser:
    row: Row[Any]  # the users row, all columns
    phone_numbers: list[str]  # E.164, by id (as GraphQL lists them)
    groups: list[tuple[int, str]]  # (group id, name), by name then id
    manager_name: str | None = None  # the display name of the enterprise manager, if any


# What a filter's attribute path (lower-case) compares. "username" and "emails.value"
# are the folded columns: compare them with db.folding.fold of the value.
USER_COLUMNS: Mapping[str, ColumnElement[Any]] = MappingProxyType(
    {
        "id": _users.c.id,
        "username": _users.c.user_name_folded,
        "externalid": _users.c.external_id,
        "displayname": _users.c.display_name_folded,
        "name.givenname": _users.c.given_name,
        "name.familyname": _users.c.family_name,
        "emails.value": _users.c.email_folded,
        "active": _users.c.status == UserStatus.ACTIVE.value,
        "meta.created": _users.c.created_at,
        "meta.lastmodified": func.coalesce(_users.c.updated_at, _users.c.created_at),
    }
)


def _in_view(tenant_id: int, where: ColumnElement[bool] | None) -> ColumnElement[bool]:
    condition = and_(_users.c.tenant_id == tenant_id, _users.c.scim_detached_at.is_(None))
    return condition if where is None else and_(condition, where)


async def directory_users(
    reader: Reader,
    *,
    tenant_id: int,
    where: ColumnElement[bool] | None,
    offset: int,
    limit: int,
) -> tuple[int, list[DirectoryUser]]:
    """How many users of the tenant in SCIM's view match ``where`` (None: all), and the
    page of them from ``offset`` (0-based), at most ``limit``, by id."""
    condition = _in_view(tenant_id, where)
    total = int(await reader.scalar(select(func.count()).select_from(_users).where(condition)))
    rows = await reader.rows(
        select(_users).where(condition).order_by(_users.c.id).offset(offset).limit(limit)
    )
    return total, await _with_details(reader, tenant_id=tenant_id, rows=rows)


async def directory_user(reader: Reader, *, tenant_id: int, user_id: int) -> DirectoryUser | None:
    """The tenant's user ``user_id`` as SCIM sees them; None when there is none in its view
    (another tenant's, or detached from SCIM)."""
    rows = await reader.rows(select(_users).where(_in_view(tenant_id, _users.c.id == user_id)))
    found = await _with_details(reader, tenant_id=tenant_id, rows=rows)
    return found[0] if found else None


async def _with_details(
    reader: Reader, *, tenant_id: int, rows: Sequence[Row[Any]]
) -> list[DirectoryUser]:
    """``rows`` with their numbers and groups: one statement each, for the whole page."""
    if not rows:
        return []
    ids = [row.id for row in rows]
    numbers: dict[int, list[str]] = defaultdict(list)
    for phone in await reader.rows(
        select(_phones.c.user_id, _phones.c.number)
        .where(_phones.c.user_id.in_(ids), _phones.c.tenant_id == tenant_id)
        .order_by(_phones.c.user_id, _phones.c.id)
    ):
        numbers[phone.user_id].append(phone.number)
    groups: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for membership in await reader.rows(
        select(_memberships.c.user_id, _groups.c.id, _groups.c.name)
        .join(_groups, _groups.c.id == _memberships.c.group_id)
        .where(_memberships.c.user_id.in_(ids), _groups.c.tenant_id == tenant_id)
        .order_by(_memberships.c.user_id, _groups.c.name, _groups.c.id)
    ):
        groups[membership.user_id].append((membership.id, membership.name))
    managers = await _manager_names(reader, tenant_id=tenant_id, rows=rows)
    return [
        DirectoryUser(
            row=row,
            phone_numbers=numbers[row.id],
            groups=groups[row.id],
            manager_name=managers.get(_manager_id(row)),
        )
        for row in rows
    ]


def _manager_id(row: Row[Any]) -> int | None:
    manager_id = (row.scim_enterprise or {}).get("managerId")
    return int(manager_id) if manager_id is not None else None


async def _manager_names(
    reader: Reader, *, tenant_id: int, rows: Sequence[Row[Any]]
) -> dict[int | None, str]:
    """The display names of the managers ``rows`` name, by id: one statement."""
    ids = {manager_id for row in rows if (manager_id := _manager_id(row)) is not None}
    if not ids:
        return {}
    found = await reader.rows(
        select(_users.c.id, _users.c.display_name).where(
            _users.c.id.in_(ids), _users.c.tenant_id == tenant_id
        )
    )
    return {manager.id: manager.display_name for manager in found}
