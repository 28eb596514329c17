"""The User List's pages."""

from typing import Self

import strawberry

from resolvers.users import UserPage, UserQuery, page_of_users
from schemas.context import Info
from schemas.pagination import PageInfo, check_first, decode_cursor, encode_cursor
from schemas.prefetch import prefetch_users
from schemas.subgraph import owned_by
from schemas.user import User


@owned_by("admin", except_fields=())
@strawberry.type(description="A user in a page of users.")
class UserEdge:
    node: User = strawberry.field(description="The user.")
    cursor: str = strawberry.field(description="Pass as `after` to continue after this user.")


@owned_by("admin", except_fields=())
@strawberry.type(description="A page of users.")
class UserConnection:
    edges: list[UserEdge] = strawberry.field(description="The users of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page stands.")
    total_count: int = strawberry.field(description="How many users match, over all pages.")

    @classmethod
    def of(cls, page: UserPage) -> Self:
        edges = [
            UserEdge(node=User.from_row(row), cursor=encode_cursor(row.display_name, row.id))
            for row in page.rows
        ]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.has_next_page,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=page.total_count,
        )


async def resolve_user_page(
    info: Info, *, query: UserQuery, first: int | None, after: str | None
) -> UserConnection:
    first = check_first(first)
    after_key = None
    if after is not None:
        name, pk = decode_cursor(after, 2)
        after_key = (str(name), int(pk))
    page = await page_of_users(
        info.context.reader,
        tenant_id=info.context.tenant_id,
        query=query,
        first=first,
        after=after_key,
        with_total=_selects(info, "totalCount"),
    )
    await prefetch_users(info, [row.id for row in page.rows], ("edges", "node"))
    return UserConnection.of(page)


def _selects(info: Info, name: str) -> bool:
    return any(
        getattr(selection, "name", None) == name
        for field in info.selected_fields
        for selection in field.selections
    )
