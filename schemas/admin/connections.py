"""The User List's pages (``users`` and ``availableUsers``)."""

from dataclasses import astuple
from typing import Any

from resolvers.users import UserQuery, page_of_users
from schemas.connections import Connection, connection
from schemas.context import Info
from schemas.cursors import CursorKind
from schemas.pagination import check_first
from schemas.prefetch import prefetch_users
from schemas.user import User


@connection(
    owner="admin",
    node_type=User,
    noun="user",
    plural="users",
    list_name="users",
    description="A page of users.",
)
class UserConnection(Connection[User]):
    pass


def _sort_key(row: Any) -> tuple[str, int]:
    return row.display_name, row.id


async def resolve_user_page(
    info: Info, *, kind: CursorKind, query: UserQuery, first: int | None, after: str | None
) -> UserConnection:
    """A page of the users ``query`` names; its cursors are bound to ``kind`` and ``query``."""
    first = check_first(first)
    cursors = kind.of(*astuple(query))
    page = await page_of_users(
        info.context.reader,
        tenant_id=info.context.tenant_id,
        query=query,
        first=first,
        after=cursors.decode(after),
        with_total=_selects(info, "totalCount"),
    )
    await prefetch_users(info, [row.id for row in page.rows], ("edges", "node"))
    return UserConnection.of(
        page.rows,
        node=User.from_row,
        key=_sort_key,
        cursors=cursors,
        has_next_page=page.has_next_page,
        total_count=page.total_count,
    )


def _selects(info: Info, name: str) -> bool:
    return any(
        getattr(selection, "name", None) == name
        for field in info.selected_fields
        for selection in field.selections
    )
