"""What every group write checks: the caller, the name, the member ids."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.folding import fold
from db.models import User, UserGroup
from resolvers.audit.record import FieldChange, api_value
from resolvers.errors import (
    UserErrorData,
    UserErrorRaised,
    already_exists,
    invalid_input,
    not_found,
)

MAX_NAME = 200
MAX_MEMBER_IDS = 500
NAME_FIELD = ("input", "name")
GROUP_FIELD = ("input", "groupId")

_users = User.__table__  # type: ignore[attr-defined]
_groups = UserGroup.__table__  # type: ignore[attr-defined]


@dataclass
class GroupResult:
    """The group as the write left it, or why the write was refused."""

    group: Row[Any] | None = None
    user_errors: list[UserErrorData] = field(default_factory=list)


def checked_name(name: str, *, field: tuple[str, ...] = NAME_FIELD) -> str:
    """``name`` trimmed, or INVALID_INPUT outside 1..200 characters."""
    trimmed = name.strip()
    if not trimmed or len(trimmed) > MAX_NAME:
        raise UserErrorRaised(invalid_input(f"A group name has 1 to {MAX_NAME} characters.", field))
    return trimmed


def member_indexes(ids: Sequence[int | None], path: tuple[str, ...]) -> dict[int, int]:
    """Each user id once, with the index of its first appearance (for errors about it).

    More than 500 ids is INVALID_INPUT about the list; an id that did not decode as a
    User is NOT_FOUND at its index.
    """
    if len(ids) > MAX_MEMBER_IDS:
        raise UserErrorRaised(
            invalid_input(f"At most {MAX_MEMBER_IDS} ids at once; got {len(ids)}.", path)
        )
    indexes: dict[int, int] = {}
    for index, pk in enumerate(ids):
        if pk is None:
            raise UserErrorRaised(not_found((*path, str(index))))
        indexes.setdefault(pk, index)
    return indexes


async def check_members_exist(
    session: AsyncSession,
    *,
    tenant_id: int,
    indexes: dict[int, int],
    path: tuple[str, ...],
    provisioned: bool = False,
) -> None:
    """Every id is a user of the tenant, deactivated ones included (the chart keeps them
    in groups); the first that is not is NOT_FOUND at its index.

    ``provisioned``: an identity provider names them, so users detached from SCIM (whom
    it no longer sees) are NOT_FOUND too, and the error names the list, not an index.
    """
    if not indexes:
        return
    statement = select(_users.c.id).where(
        _users.c.id.in_(list(indexes)), _users.c.tenant_id == tenant_id
    )
    if provisioned:
        statement = statement.where(_users.c.scim_detached_at.is_(None))
    found = set(await session.scalars(statement))
    missing = [index for pk, index in indexes.items() if pk not in found]
    if missing:
        raise UserErrorRaised(not_found(path if provisioned else (*path, str(min(missing)))))


async def check_name_free(
    session: AsyncSession,
    *,
    tenant_id: int,
    name: str,
    except_group_id: int | None = None,
    field: tuple[str, ...] = NAME_FIELD,
) -> None:
    """No other group of the tenant has ``name``, compared case-insensitively (folded)."""
    statement = select(_groups.c.name).where(_groups.c.tenant_id == tenant_id)
    if except_group_id is not None:
        statement = statement.where(_groups.c.id != except_group_id)
    wanted = fold(name)
    if any(fold(taken) == wanted for taken in await session.scalars(statement)):
        raise UserErrorRaised(already_exists("Another group of the tenant has this name.", field))


def member_changes(added: Sequence[int], removed: Sequence[int]) -> list[FieldChange]:
    """The audit log's form of a membership change: ``addedMembers`` (before null, after
    the users added) and ``removedMembers`` (before the users removed, after null), as
    global ids by primary key; each only when it lists someone."""
    changes = []
    if added:
        changes.append(FieldChange("addedMembers", None, api_value(sorted(added), id_type="User")))
    if removed:
        changes.append(
            FieldChange("removedMembers", api_value(sorted(removed), id_type="User"), None)
        )
    return changes
