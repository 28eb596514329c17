"""apiTokens' pages, newest first."""

from typing import Any

from resolvers.api_tokens.listing import page_of_api_tokens
from resolvers.loaders.admin import UserByIdLoader
from schemas.admin.api_token import ApiToken
from schemas.connections import Connection, connection
from schemas.context import Info
from schemas.cursors import API_TOKENS
from schemas.errors import forbidden_error
from schemas.pagination import check_first


@connection(
    owner="admin",
    node_type=ApiToken,
    noun="API token",
    plural="API tokens",
    list_name="API tokens",
    description="A page of API tokens, newest first.",
)
class ApiTokenConnection(Connection[ApiToken]):
    pass


def _sort_key(row: Any) -> tuple[int]:
    return (row.id,)


async def resolve_api_token_page(
    info: Info, *, first: int | None, after: str | None
) -> ApiTokenConnection:
    """A page of the tokens the caller may see; their users in one batch."""
    if info.context.caller.is_service:
        raise forbidden_error("A service owns no API tokens and administers none.")
    first = check_first(first)
    cursors = API_TOKENS.of()
    decoded = cursors.decode(after)
    page = await page_of_api_tokens(
        info.context.reader,
        caller=info.context.caller,
        first=first,
        after_id=decoded[0] if decoded is not None else None,
    )
    user_ids = sorted({row.user_id for row in page.rows})
    if user_ids:
        await info.context.loader(UserByIdLoader).prefetch(user_ids)
    return ApiTokenConnection.of(
        page.rows,
        node=ApiToken.from_row,
        key=_sort_key,
        cursors=cursors,
        has_next_page=page.has_next_page,
        total_count=page.total_count,
    )
