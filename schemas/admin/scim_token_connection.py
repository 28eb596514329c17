"""scimTokens' pages, newest first (admins only)."""

from typing import Any

from resolvers.api_tokens.listing import page_of_scim_tokens
from schemas.admin.scim_token import ScimToken
from schemas.connections import Connection, connection
from schemas.context import Info
from schemas.cursors import SCIM_TOKENS
from schemas.errors import forbidden_error
from schemas.pagination import check_first


@connection(
    owner="admin",
    node_type=ScimToken,
    noun="SCIM token",
    plural="SCIM tokens",
    list_name="SCIM tokens",
    description="A page of the tenant's SCIM tokens, newest first.",
)
class ScimTokenConnection(Connection[ScimToken]):
    pass


def _sort_key(row: Any) -> tuple[int]:
    return (row.id,)


async def resolve_scim_token_page(
    info: Info, *, first: int | None, after: str | None
) -> ScimTokenConnection:
    if not info.context.caller.is_admin:
        raise forbidden_error()
    first = check_first(first)
    cursors = SCIM_TOKENS.of()
    decoded = cursors.decode(after)
    page = await page_of_scim_tokens(
        info.context.reader,
        tenant_id=info.context.tenant_id,
        first=first,
        after_id=decoded[0] if decoded is not None else None,
    )
    return ScimTokenConnection.of(
        page.rows,
        node=ScimToken.from_row,
        key=_sort_key,
        cursors=cursors,
        has_next_page=page.has_next_page,
        total_count=page.total_count,
    )
