"""The products' user lists: one query resolver, parameterized by the chart row it obeys."""

from typing import Any

import strawberry

from resolvers import policy
from resolvers.policy_text import answer_text
from resolvers.product_lists import users_listed_by
from schemas.context import Info
from schemas.prefetch import prefetch_users
from schemas.user import User


def chart_row_list(field: str, *, screen: str) -> Any:
    """A query field: the tenant's users that chart row ``field`` shows on ``screen``, by
    display name then id, with whatever User fields the operation selects prefetched."""
    rule = policy.rule_for(field)

    async def resolve(info: Info) -> list[User]:
        rows = await users_listed_by(
            info.context.reader, tenant_id=info.context.tenant_id, field=field
        )
        await prefetch_users(info, [row.id for row in rows])
        return [User.from_row(row) for row in rows]

    return strawberry.field(
        resolver=resolve,
        description=f"{screen}, by display name: the users the chart shows there. "
        f"{answer_text(rule)}",
    )
