"""Factories for test data: small, explicit, one row kind each."""

from datetime import UTC, datetime
from typing import Any

from sqlmodel import SQLModel

from db.engine import Database
from db.enums import CallDirection, IncomingCallAction, Role, UserStatus, VideoProvider
from db.models import (
    Call,
    Comment,
    CommentMention,
    GroupMembership,
    IncomingCallRule,
    Meeting,
    PhoneNumber,
    Seat,
    Tenant,
    User,
    UserGroup,
    VideoIntegration,
)
from db.types import utcnow
from resolvers.tokens import Caller, create_token


async def add(database: Database, *rows: SQLModel) -> list[Any]:
    """Insert ``rows`` in one transaction and return them with their ids."""
    async with database.write_sessions() as session, session.begin():
        session.add_all(rows)
        await session.flush()
        for row in rows:
            await session.refresh(row)
    return list(rows)


async def make_tenant(
    database: Database, slug: str = "acme", time_zone: str = "Asia/Tokyo"
) -> Tenant:
    (tenant,) = await add(database, Tenant(slug=slug, name=slug.title(), time_zone=time_zone))
    return tenant


async def make_user(
    database: Database,
    tenant: Tenant,
    name: str,
    *,
    role: Role = Role.MEMBER,
    status: UserStatus = UserStatus.ACTIVE,
    deactivated_at: datetime | None = None,
) -> User:
    if status is UserStatus.DEACTIVATED and deactivated_at is None:
        deactivated_at = utcnow()
    email = f"{name.lower().replace(' ', '.')}@{tenant.slug}.example"
    (user,) = await add(
        database,
        User(
            tenant_id=tenant.id,
            email=email,
            display_name=name,
            role=role,
            status=status,
            deactivated_at=deactivated_at,
        ),
    )
    return user


async def make_token(database: Database, user: User) -> str:
    async with database.write_sessions() as session, session.begin():
        _, secret = await create_token(session, user=user)
        return secret


def caller_of(user: User, tenant: Tenant) -> Caller:
    assert user.id is not None and tenant.id is not None
    return Caller(
        user_id=user.id,
        tenant_id=tenant.id,
        role=Role(user.role),
        status=UserStatus(user.status),
        time_zone=tenant.time_zone,
    )


async def make_integration(
    database: Database, user: User, provider: VideoProvider, account_email: str | None = None
) -> VideoIntegration:
    (integration,) = await add(
        database,
        VideoIntegration(
            tenant_id=user.tenant_id,
            user_id=user.id,
            provider=provider,
            account_email=account_email or user.email,
            connected_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        ),
    )
    return integration


async def make_phone_number(
    database: Database, tenant: Tenant, number: str, user: User | None = None
) -> PhoneNumber:
    (phone,) = await add(
        database, PhoneNumber(tenant_id=tenant.id, number=number, user_id=user.id if user else None)
    )
    return phone


async def make_rule(
    database: Database,
    phone: PhoneNumber,
    name: str,
    action: IncomingCallAction,
    *,
    target_user: User | None = None,
    target_group: UserGroup | None = None,
) -> IncomingCallRule:
    (rule,) = await add(
        database,
        IncomingCallRule(
            tenant_id=phone.tenant_id,
            name=name,
            phone_number_id=phone.id,
            action=action,
            target_user_id=target_user.id if target_user else None,
            target_group_id=target_group.id if target_group else None,
        ),
    )
    return rule


async def make_group(
    database: Database, tenant: Tenant, name: str, members: list[User]
) -> UserGroup:
    (group,) = await add(database, UserGroup(tenant_id=tenant.id, name=name))
    await add(database, *(GroupMembership(group_id=group.id, user_id=m.id) for m in members))
    return group


async def make_seat(
    database: Database,
    tenant: Tenant,
    label: str,
    *,
    x: int = 0,
    y: int = 0,
    user: User | None = None,
) -> Seat:
    (seat,) = await add(
        database,
        Seat(tenant_id=tenant.id, label=label, x=x, y=y, user_id=user.id if user else None),
    )
    return seat


async def make_call(
    database: Database,
    user: User,
    direction: CallDirection,
    started_at: datetime,
    *,
    duration_seconds: int = 60,
    counterpart_number: str = "+81300000000",
) -> Call:
    (call,) = await add(
        database,
        Call(
            tenant_id=user.tenant_id,
            user_id=user.id,
            direction=direction,
            started_at=started_at,
            duration_seconds=duration_seconds,
            counterpart_number=counterpart_number,
        ),
    )
    return call


async def make_meeting(
    database: Database,
    user: User,
    provider: VideoProvider,
    started_at: datetime,
    *,
    title: str = "Weekly sync",
    duration_seconds: int = 1800,
) -> Meeting:
    (meeting,) = await add(
        database,
        Meeting(
            tenant_id=user.tenant_id,
            user_id=user.id,
            provider=provider,
            title=title,
            started_at=started_at,
            duration_seconds=duration_seconds,
        ),
    )
    return meeting


async def make_comment(
    database: Database,
    call: Call,
    author: User,
    body: str,
    *,
    mentions: tuple[User, ...] = (),
    created_at: datetime | None = None,
) -> Comment:
    (comment,) = await add(
        database,
        Comment(
            tenant_id=call.tenant_id,
            call_id=call.id,
            author_id=author.id,
            body=body,
            created_at=created_at or utcnow(),
        ),
    )
    await add(
        database, *(CommentMention(comment_id=comment.id, user_id=user.id) for user in mentions)
    )
    return comment
