"""apiTokens: an admin sees the tenant's tokens, a member only their own; newest first."""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Integer, Row, Select, bindparam, func, select

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


def _conditions(own_only: bool, after: bool) -> list[Any]:
    conditions = [_tokens.c.tenant_id == TENANT_ID]
    if own_only:
        conditions.append(_tokens.c.user_id == bindparam("user_id"))
    if after:
        conditions.append(_tokens.c.id < bindparam("after_id"))
    return conditions


@cache
def _page_statement(own_only: bool, after: bool) -> Select[Any]:
    # Ids grow with creation: by id descending is newest first, on the primary key.
    return (
        select(*_COLUMNS)
        .where(*_conditions(own_only, after))
        .order_by(_tokens.c.id.desc())
        .limit(bindparam("page_rows", type_=Integer))
    )


@cache
def _count_statement(own_only: bool) -> Select[Any]:
    return select(func.count()).select_from(_tokens).where(*_conditions(own_only, False))


async def page_of_api_tokens(
    reader: Reader, *, caller: Caller, first: int, after_id: int | None
) -> ApiTokenPage:
    """The page after token ``after_id`` of the tokens ``caller`` may see: two statements,
    whatever the page size."""
    own_only = not caller.is_admin
    parameters: dict[str, Any] = {"tenant_id": caller.tenant_id, "page_rows": first + 1}
    if own_only:
        parameters["user_id"] = caller.user_id
    if after_id is not None:
        parameters["after_id"] = after_id
    rows = await reader.rows(_page_statement(own_only, after_id is not None), parameters)
    total = await reader.scalar(_count_statement(own_only), parameters)
    return ApiTokenPage(
        rows=rows[:first], has_next_page=len(rows) > first, total_count=int(total or 0)
    )
