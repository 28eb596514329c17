"""apiTokens and scimTokens: an admin sees the tenant's tokens of a kind, a member only
their own person's tokens; newest first."""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Integer, Row, Select, bindparam, func, select

from db.enums import TokenKind
from db.models import ApiToken
from resolvers.parameters import TENANT_ID
from resolvers.reader import Reader
from resolvers.tokens import Caller

# Every column but the hash: nothing above this layer has any use for it.
_tokens = ApiToken.__table__  # type: ignore[attr-defined]
_COLUMNS = [column for column in _tokens.c if column.name != "token_hash"]


@dataclass(frozen=True, slots=True)
class ApiTokenPage:
    rows: Sequence[Row[Any]]
    has_next_page: bool
    total_count: int


def _conditions(kind: TokenKind, own_only: bool, after: bool) -> list[Any]:
    conditions = [_tokens.c.tenant_id == TENANT_ID, _tokens.c.kind == kind.value]
    if own_only:
        conditions.append(_tokens.c.user_id == bindparam("user_id"))
    if after:
        conditions.append(_tokens.c.id < bindparam("after_id"))
    return conditions


@cache
def _page_statement(kind: TokenKind, own_only: bool, after: bool) -> Select[Any]:
    # Ids grow with creation: by id descending is newest first, on the primary key.
    return (
        select(*_COLUMNS)
        .where(*_conditions(kind, own_only, after))
        .order_by(_tokens.c.id.desc())
        .limit(bindparam("page_rows", type_=Integer))
    )


@cache
def _count_statement(kind: TokenKind, own_only: bool) -> Select[Any]:
    return select(func.count()).select_from(_tokens).where(*_conditions(kind, own_only, False))


async def _page(
    reader: Reader,
    *,
    kind: TokenKind,
    tenant_id: int,
    own_only: bool,
    user_id: int | None,
    first: int,
    after_id: int | None,
) -> ApiTokenPage:
    parameters: dict[str, Any] = {"tenant_id": tenant_id, "page_rows": first + 1}
    if own_only:
        parameters["user_id"] = user_id
    if after_id is not None:
        parameters["after_id"] = after_id
    rows = await reader.rows(_page_statement(kind, own_only, after_id is not None), parameters)
    total = await reader.scalar(_count_statement(kind, own_only), parameters)
    return ApiTokenPage(
        rows=rows[:first], has_next_page=len(rows) > first, total_count=int(total or 0)
    )


async def page_of_api_tokens(
    reader: Reader, *, caller: Caller, first: int, after_id: int | None
) -> ApiTokenPage:
    """The page after token ``after_id`` of the people's tokens ``caller`` may see (never
    a SCIM token): two statements, whatever the page size. A service is no admin and
    owns none (its NULL user matches no token)."""
    return await _page(
        reader,
        kind=TokenKind.USER,
        tenant_id=caller.tenant_id,
        own_only=not caller.is_admin,
        user_id=caller.user_id,
        first=first,
        after_id=after_id,
    )


async def page_of_scim_tokens(
    reader: Reader, *, tenant_id: int, first: int, after_id: int | None
) -> ApiTokenPage:
    """The page after token ``after_id`` of the tenant's SCIM tokens (the caller is an
    admin: the schema checked): two statements, whatever the page size."""
    return await _page(
        reader,
        kind=TokenKind.SCIM,
        tenant_id=tenant_id,
        own_only=False,
        user_id=None,
        first=first,
        after_id=after_id,
    )
