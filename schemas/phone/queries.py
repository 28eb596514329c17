"""The phone subgraph's queries."""

import strawberry

from resolvers.product_lists import users_listed_by
from schemas.context import Info
from schemas.prefetch import prefetch_users
from schemas.subgraph import owned_by
from schemas.user import User


@owned_by("phone")
@strawberry.type
class PhoneQuery:
    @strawberry.field(description="Menu > User of MiiTel Phone: active users, by display name.")
    async def phone_user_menu(self, info: Info) -> list[User]:
        rows = await users_listed_by(
            info.context.reader, tenant_id=info.context.tenant_id, field="inPhoneUserMenu"
        )
        await prefetch_users(info, [row.id for row in rows])
        return [User.from_row(row) for row in rows]
