"""The users page as a first attempt writes it: every relation of every user is its own query."""

from datetime import datetime
from typing import Annotated, Any, Self

import strawberry
from sqlalchemy import func, select, tuple_
from sqlmodel import SQLModel
from strawberry.types import Info

from bench.naive.session import NaiveContext
from bench.raw.values import cursor, decode_user_cursor, global_id
from db import enums
from db import models as rows

# strawberry.enum registers the class it is given: the database's enums serve as they are.
for enum in (
    enums.Role,
    enums.UserStatus,
    enums.Product,
    enums.UserStatusAction,
    enums.VideoProvider,
    enums.CallDirection,
):
    strawberry.enum(enum)

NaiveInfo = Info[NaiveContext, Any]


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class PhoneNumber:
    id: strawberry.ID
    number: str


@strawberry.type
class UserGroup:
    id: strawberry.ID
    name: str


@strawberry.type
class UserStatusEvent:
    id: strawberry.ID
    action: enums.UserStatusAction
    at: datetime


@strawberry.type
class VideoIntegration:
    id: strawberry.ID
    provider: enums.VideoProvider
    account_email: str
    connected_at: datetime


@strawberry.type
class Seat:
    id: strawberry.ID
    label: str
    x: int
    y: int


@strawberry.type
class Call:
    id: strawberry.ID
    direction: enums.CallDirection
    started_at: datetime
    duration_seconds: int
    counterpart_number: str


@strawberry.type
class CallEdge:
    cursor: str
    node: Call


@strawberry.type
class CallConnection:
    total_count: int
    page_info: PageInfo
    edges: list[CallEdge]


@strawberry.type
class Meeting:
    id: strawberry.ID
    provider: enums.VideoProvider
    title: str
    started_at: datetime
    duration_seconds: int


@strawberry.type
class MeetingEdge:
    cursor: str
    node: Meeting


@strawberry.type
class MeetingConnection:
    total_count: int
    page_info: PageInfo
    edges: list[MeetingEdge]


def columns(model: type[SQLModel]) -> Any:
    return model.__table__.c  # type: ignore[attr-defined]


def _id(type_name: str, pk: int | None) -> strawberry.ID:
    assert pk is not None
    return strawberry.ID(global_id(type_name, pk))


def _history(model: type[SQLModel], user_pk: int, tenant_id: int, first: int) -> Any:
    c = columns(model)
    return (
        select(model)
        .where(c.tenant_id == tenant_id, c.user_id == user_pk)
        .order_by(c.started_at.desc(), c.id.desc())
        .limit(first + 1)
    )


def _count(model: type[SQLModel], user_pk: int, tenant_id: int) -> Any:
    c = columns(model)
    return select(func.count()).where(c.tenant_id == tenant_id, c.user_id == user_pk)


def _page_info(cursors: list[str], has_next_page: bool) -> PageInfo:
    return PageInfo(has_next_page=has_next_page, end_cursor=cursors[-1] if cursors else None)


@strawberry.type
class User:
    pk: strawberry.Private[int]
    id: strawberry.ID
    email: str
    display_name: str
    role: enums.Role
    status: enums.UserStatus
    active: bool
    deactivated_at: datetime | None

    @classmethod
    def of(cls, row: rows.User) -> Self:
        assert row.id is not None
        return cls(
            pk=row.id,
            id=_id("User", row.id),
            email=row.email,
            display_name=row.display_name,
            role=row.role,
            status=row.status,
            active=row.status == enums.UserStatus.ACTIVE,
            deactivated_at=row.deactivated_at,
        )

    @strawberry.field
    def can_log_in(self, product: enums.Product) -> bool:
        return self.active

    @strawberry.field
    def in_available_user_list(self) -> bool:
        return self.active

    @strawberry.field
    async def phone_numbers(self, info: NaiveInfo) -> list[PhoneNumber]:
        model = rows.PhoneNumber
        c = columns(model)
        found = await info.context.all(
            select(model)
            .where(c.user_id == self.pk, c.tenant_id == info.context.tenant_id)
            .order_by(c.id)
        )
        return [PhoneNumber(id=_id("PhoneNumber", r.id), number=r.number) for r in found]

    @strawberry.field
    async def groups(self, info: NaiveInfo) -> list[UserGroup]:
        model = rows.UserGroup
        c, membership = columns(model), columns(rows.GroupMembership)
        found = await info.context.all(
            select(model)
            .join(rows.GroupMembership, membership.group_id == c.id)
            .where(membership.user_id == self.pk, c.tenant_id == info.context.tenant_id)
            .order_by(c.name, c.id)
        )
        return [UserGroup(id=_id("UserGroup", r.id), name=r.name) for r in found]

    @strawberry.field
    async def status_history(self, info: NaiveInfo) -> list[UserStatusEvent]:
        model = rows.UserStatusEvent
        c = columns(model)
        found = await info.context.all(
            select(model)
            .where(c.user_id == self.pk, c.tenant_id == info.context.tenant_id)
            .order_by(c.at.desc(), c.id.desc())
        )
        return [
            UserStatusEvent(id=_id("UserStatusEvent", r.id), action=r.action, at=r.at)
            for r in found
        ]

    @strawberry.field
    async def video_integrations(self, info: NaiveInfo) -> list[VideoIntegration]:
        model = rows.VideoIntegration
        c = columns(model)
        found = await info.context.all(
            select(model)
            .where(c.user_id == self.pk, c.tenant_id == info.context.tenant_id)
            .order_by(c.connected_at, c.id)
        )
        return [
            VideoIntegration(
                id=_id("VideoIntegration", r.id),
                provider=r.provider,
                account_email=r.account_email,
                connected_at=r.connected_at,
            )
            for r in found
        ]

    @strawberry.field
    async def call_history(self, info: NaiveInfo, first: int = 50) -> CallConnection:
        tenant_id = info.context.tenant_id
        found = await info.context.all(_history(rows.Call, self.pk, tenant_id, first))
        total = await info.context.scalar(_count(rows.Call, self.pk, tenant_id))
        edges = [
            CallEdge(
                cursor=cursor("callHistory", r.started_at, r.id),
                node=Call(
                    id=_id("Call", r.id),
                    direction=r.direction,
                    started_at=r.started_at,
                    duration_seconds=r.duration_seconds,
                    counterpart_number=r.counterpart_number,
                ),
            )
            for r in found[:first]
        ]
        page_info = _page_info([edge.cursor for edge in edges], len(found) > first)
        return CallConnection(total_count=total, page_info=page_info, edges=edges)

    @strawberry.field
    async def meeting_history(self, info: NaiveInfo, first: int = 50) -> MeetingConnection:
        tenant_id = info.context.tenant_id
        found = await info.context.all(_history(rows.Meeting, self.pk, tenant_id, first))
        total = await info.context.scalar(_count(rows.Meeting, self.pk, tenant_id))
        edges = [
            MeetingEdge(
                cursor=cursor("meetingHistory", r.started_at, r.id),
                node=Meeting(
                    id=_id("Meeting", r.id),
                    provider=r.provider,
                    title=r.title,
                    started_at=r.started_at,
                    duration_seconds=r.duration_seconds,
                ),
            )
            for r in found[:first]
        ]
        page_info = _page_info([edge.cursor for edge in edges], len(found) > first)
        return MeetingConnection(total_count=total, page_info=page_info, edges=edges)

    @strawberry.field
    def in_dashboard_conditions(self) -> bool:
        return True

    @strawberry.field
    def in_dashboard_overview(self) -> bool:
        return True

    @strawberry.field
    def in_dashboard_by_user(self) -> bool:
        return self.active

    @strawberry.field
    def in_dashboard_by_period(self) -> bool:
        return True

    @strawberry.field
    def mentionable(self) -> bool:
        return self.active

    @strawberry.field
    def in_phone_user_menu(self) -> bool:
        return self.active

    @strawberry.field
    def in_mobile_internal_list(self) -> bool:
        return self.active

    @strawberry.field
    def in_realtime_monitor(self) -> bool:
        return self.active

    async def _seat_row(self, info: NaiveInfo) -> rows.Seat | None:
        model = rows.Seat
        c = columns(model)
        found = await info.context.all(
            select(model).where(c.user_id == self.pk, c.tenant_id == info.context.tenant_id)
        )
        return found[0] if found else None

    @strawberry.field
    async def seat(self, info: NaiveInfo) -> Seat | None:
        row = await self._seat_row(info)
        if row is None:
            return None
        return Seat(id=_id("Seat", row.id), label=row.label, x=row.x, y=row.y)

    @strawberry.field
    async def visible_in_seat_map(self, info: NaiveInfo) -> bool:
        return self.active and await self._seat_row(info) is not None

    @strawberry.field
    async def in_call_center_report(
        self,
        info: NaiveInfo,
        from_: Annotated[datetime, strawberry.argument(name="from")],
        to: datetime,
    ) -> bool:
        model = rows.Call
        c = columns(model)
        found = await info.context.all(
            select(c.id)
            .where(
                c.tenant_id == info.context.tenant_id,
                c.user_id == self.pk,
                c.started_at >= from_,
                c.started_at < to,
            )
            .limit(1)
        )
        return self.active or bool(found)


@strawberry.type
class UserEdge:
    cursor: str
    node: User


@strawberry.type
class UserConnection:
    total_count: int
    page_info: PageInfo
    edges: list[UserEdge]


@strawberry.type
class Query:
    @strawberry.field
    async def users(
        self, info: NaiveInfo, first: int = 50, after: str | None = None
    ) -> UserConnection:
        model = rows.User
        c = columns(model)
        tenant_id = info.context.tenant_id
        statement = select(model).where(c.tenant_id == tenant_id)
        if after is not None:
            name, pk = decode_user_cursor(after)
            statement = statement.where(tuple_(c.display_name, c.id) > tuple_(name, pk))
        found = await info.context.all(statement.order_by(c.display_name, c.id).limit(first + 1))
        total = await info.context.scalar(
            select(func.count()).select_from(model).where(c.tenant_id == tenant_id)
        )
        edges = [
            UserEdge(cursor=cursor("users", r.display_name, r.id), node=User.of(r))
            for r in found[:first]
        ]
        return UserConnection(
            total_count=total,
            page_info=_page_info([edge.cursor for edge in edges], len(found) > first),
            edges=edges,
        )


schema = strawberry.Schema(query=Query)
