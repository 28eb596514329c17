from sqlmodel import col, select

from db.engine import Database
from db.models import Tenant, User
from resolvers.tokens import create_token


async def create_token_for(database_url: str, *, email: str, tenant: str | None) -> str:
    database = Database(database_url)
    try:
        async with database.write_sessions() as session, session.begin():
            statement = (
                select(User)
                .join(Tenant, col(Tenant.id) == col(User.tenant_id))
                .where(col(User.email) == email)
            )
            if tenant is not None:
                statement = statement.where(col(Tenant.slug) == tenant)
            users = list((await session.execute(statement)).scalars())
            if not users:
                where = f" in tenant {tenant!r}" if tenant else ""
                raise LookupError(f"no user with email {email!r}{where}")
            if len(users) > 1:
                raise LookupError(f"{email!r} is in several tenants; pass --tenant")
            return await create_token(session, user=users[0])
    finally:
        await database.dispose()
