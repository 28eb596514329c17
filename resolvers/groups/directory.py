"""Groups as SCIM's door reads them: pages by a filter, each group with its members when
asked, in a fixed number of statements whatever the page size.

Members detached from SCIM are not listed (they left its view) though they stay in the
group in roster; deactivated members are listed.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, func, select

from db.models import GroupMembership, User, UserGroup
from resolvers.reader import Reader

_users = User.__table__  # type: ignore[attr-defined]
_groups = UserGroup.__table__  # type: ignore[attr-defined]
_memberships = GroupMembership.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class DirectoryGroup:
    row: Row[Any]  # the user_groups row, all columns
    members: list[tuple[int, str]] | None  # (user id, display name), by id; None: not asked


# What a filter's attribute path (lower-case) compares. "displayname" is the folded name
# (names are unique per tenant case-insensitively): compare it with db.folding.fold of
# the value.
GROUP_COLUMNS: Mapping[str, ColumnElement[Any]] = MappingProxyType(
    {
        "id": _groups.c.id,
        "displayname": _groups.c.name_folded,
        "externalid": _groups.c.external_id,
        "meta.created": _groups.c.created_at,
        "meta.lastmodified": func.coalesce(_groups.c.updated_at, _groups.c.created_at),
    }
)


def _of_tenant(tenant_id: int, where: ColumnElement[bool] | None) -> ColumnElement[bool]:
    condition = _groups.c.tenant_id == tenant_id
    return condition if where is None else and_(condition, where)


async def directory_groups(
    reader: Reader,
    *,
    tenant_id: int,
    where: ColumnElement[bool] | None,
    offset: int,
    limit: int,
    with_members: bool,
) -> tuple[int, list[DirectoryGroup]]:
    """How many groups of the tenant match ``where`` (None: all), and the page of them
    from ``offset`` (0-based), at most ``limit``, by id."""
    condition = _of_tenant(tenant_id, where)
    total = int(await reader.scalar(select(func.count()).select_from(_groups).where(condition)))
    rows = await reader.rows(
        select(_groups).where(condition).order_by(_groups.c.id).offset(offset).limit(limit)
    )
    return total, await _with_members(reader, tenant_id=tenant_id, rows=rows, asked=with_members)


async def directory_group(
    reader: Reader, *, tenant_id: int, group_id: int, with_members: bool = True
) -> DirectoryGroup | None:
    """The tenant's group ``group_id``; None when the tenant has none with this id."""
    rows = await reader.rows(select(_groups).where(_of_tenant(tenant_id, _groups.c.id == group_id)))
    found = await _with_members(reader, tenant_id=tenant_id, rows=rows, asked=with_members)
    return found[0] if found else None


async def _with_members(
    reader: Reader, *, tenant_id: int, rows: Sequence[Row[Any]], asked: bool
) -> list[DirectoryGroup]:
    """``rows`` with their members in SCIM's view when ``asked``: one statement in all."""
    if not asked or not rows:
        return [DirectoryGroup(row=row, members=[] if asked else None) for row in rows]
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for member in await reader.rows(
        select(_memberships.c.group_id, _users.c.id, _users.c.display_name)
        .join(_users, _users.c.id == _memberships.c.user_id)
        .where(
            _memberships.c.group_id.in_([row.id for row in rows]),
            _users.c.tenant_id == tenant_id,
            _users.c.scim_detached_at.is_(None),
        )
        .order_by(_memberships.c.group_id, _users.c.id)
    ):
        members[member.group_id].append((member.id, member.display_name))
    return [DirectoryGroup(row=row, members=members[row.id]) for row in rows]
