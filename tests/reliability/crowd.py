"""One tenant with a user to toggle and a crowd of users to deactivate, inserted in bulk."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import SQLModel

from db.engine import Database
from db.enums import IncomingCallAction, Role, VideoProvider
from db.models import (
    IncomingCallRule,
    PhoneNumber,
    Tenant,
    User,
    UserStatusEvent,
    VideoIntegration,
)
from resolvers.ids import to_global_id
from tests.factories import add, make_integration, make_tenant, make_token, make_user

COUNTED = {
    "users": User,
    "video_integrations": VideoIntegration,
    "incoming_call_rules": IncomingCallRule,
    "events": UserStatusEvent,
}


@dataclass
class Crowd:
    acme: Tenant
    token: str  # the admin's
    ben: User  # the user everybody toggles
    ben_integrations: list[VideoIntegration]
    ben_rules: list[IncomingCallRule]  # CALL_SPECIFIC_USER -> ben
    members: list[User]  # one integration each
    member_integrations: list[VideoIntegration]

    @staticmethod
    def gid(row: SQLModel) -> str:
        return to_global_id(type(row).__name__, row.id)  # type: ignore[attr-defined]


async def build_crowd(database: Database, members: int) -> Crowd:
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    ben_integrations = [
        await make_integration(database, ben, VideoProvider.ZOOM),
        await make_integration(database, ben, VideoProvider.MICROSOFT_TEAMS),
    ]
    main, support = await add(
        database,
        PhoneNumber(tenant_id=acme.id, number="+81312340001", user_id=ben.id),
        PhoneNumber(tenant_id=acme.id, number="+81312340002"),
    )
    ben_rules = await add(
        database,
        *(
            IncomingCallRule(
                tenant_id=acme.id,
                name=name,
                phone_number_id=phone.id,
                action=IncomingCallAction.CALL_SPECIFIC_USER,
                target_user_id=ben.id,
            )
            for name, phone in (("Main line", main), ("Support", support))
        ),
    )
    crowd = await add(
        database,
        *(
            User(
                tenant_id=acme.id,
                email=f"member{n:03d}@acme.example",
                display_name=f"Member {n:03d}",
                role=Role.MEMBER,
            )
            for n in range(members)
        ),
    )
    member_integrations = await add(
        database,
        *(
            VideoIntegration(
                tenant_id=acme.id,
                user_id=member.id,
                provider=VideoProvider.GOOGLE_MEET,
                account_email=member.email,
                connected_at=ben_integrations[0].connected_at,
            )
            for member in crowd
        ),
    )
    return Crowd(
        acme=acme,
        token=await make_token(database, ada),
        ben=ben,
        ben_integrations=ben_integrations,
        ben_rules=ben_rules,
        members=crowd,
        member_integrations=member_integrations,
    )


async def row_counts(database: Database) -> dict[str, int]:
    async with database.session() as session:
        return {
            name: int(await session.scalar(select(func.count()).select_from(model)) or 0)
            for name, model in COUNTED.items()
        }
