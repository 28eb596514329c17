"""The phoneMobile subgraph's queries."""

import strawberry

from resolvers.product_lists import users_listed_by
from schemas.context import Info
from schemas.prefetch import prefetch_users
from schemas.subgraph import owned_by
from schemas.user import User


@owned_by("phoneMobile")
@strawberry.type
class PhoneMobileQuery:
    @strawberry.field(
        description="The Internal contacts of MiiTel Phone Mobile: active users, by display name."
    )
    async def mobile_internal_contacts(self, info: Info) -> list[User]:
        rows = await users_listed_by(
            info.context.reader, tenant_id=info.context.tenant_id, field="inMobileInternalList"
        )
        await prefetch_users(info, [row.id for row in rows])
        return [User.from_row(row) for row in rows]
