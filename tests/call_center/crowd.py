"""A tenant of any size for statement budgets: every user with a seat and calls."""

from datetime import UTC, datetime, timedelta

from db.engine import Database
from db.enums import CallDirection, Role, UserStatus
from db.models import Call, Seat, Tenant, User
from tests.factories import add

MARCH_1ST = datetime(2026, 2, 28, 15, 0, tzinfo=UTC)  # 00:00 in Tokyo


async def make_crowd(database: Database, tenant: Tenant, size: int) -> list[User]:
    """``size`` users (the first an admin, every fifth deactivated), each with a seat and
    an answered and a made call on March 1st (Tokyo)."""
    assert tenant.id is not None
    tenant_id = tenant.id
    users = await add(
        database,
        *(
            User(
                tenant_id=tenant_id,
                email=f"user{index:03}@{tenant.slug}.example",
                display_name=f"User {index:03}",
                role=Role.ADMIN if index == 0 else Role.MEMBER,
                status=UserStatus.DEACTIVATED if index % 5 == 4 else UserStatus.ACTIVE,
                deactivated_at=MARCH_1ST if index % 5 == 4 else None,
            )
            for index in range(size)
        ),
    )
    await add(
        database,
        *(
            Seat(
                tenant_id=tenant_id,
                label=f"S-{index:03}",
                x=index % 10,
                y=index // 10,
                user_id=user.id,
            )
            for index, user in enumerate(users)
        ),
        *(
            Call(
                tenant_id=tenant_id,
                user_id=user.id,
                direction=direction,
                started_at=MARCH_1ST + timedelta(hours=1, minutes=index),
                duration_seconds=60,
                counterpart_number="+81300000000",
            )
            for index, user in enumerate(users)
            for direction in (CallDirection.INBOUND, CallDirection.OUTBOUND)
        ),
    )
    return users
