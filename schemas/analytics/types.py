"""Calls, meetings and comments: the objects the analytics subgraph owns."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry

from db.enums import CallDirection as CallDirectionValue
from db.enums import VideoProvider as VideoProviderValue
from resolvers.ids import to_global_id
from resolvers.loaders.analytics import (
    CallByIdLoader,
    CommentByIdLoader,
    CommentsByCallIdLoader,
    MeetingByIdLoader,
    MentionedUsersByCommentIdLoader,
)
from schemas.context import Info
from schemas.enums import CallDirection, VideoProvider
from schemas.node import Node
from schemas.node_lookup import node_entity
from schemas.subgraph import owned_by

if TYPE_CHECKING:
    from schemas.user import User

_user = strawberry.lazy("schemas.user")


async def _user_of(info: Info, pk: int) -> Any:
    from schemas.user import load_user

    user = await load_user(info, pk)
    if user is None:
        # Foreign keys make this impossible; say so rather than return a null for User!.
        raise LookupError(f"user {pk} of an activity row is missing")
    return user


@node_entity(CallByIdLoader)
@owned_by("analytics")
@strawberry.federation.type(keys=["id"], description="A phone call a user made or answered.")
class Call(Node):
    pk: strawberry.Private[int]
    user_pk: strawberry.Private[int]
    direction: CallDirection = strawberry.field(
        description="INBOUND: answered by the user; OUTBOUND: made by the user."
    )
    started_at: datetime = strawberry.field(description="When the call began.")
    duration_seconds: int = strawberry.field(description="How long the call lasted.")
    counterpart_number: str = strawberry.field(description="The other party's number, E.164.")

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            id=strawberry.ID(to_global_id("Call", row.id)),
            pk=row.id,
            user_pk=row.user_id,
            direction=CallDirectionValue(row.direction),
            started_at=row.started_at,
            duration_seconds=row.duration_seconds,
            counterpart_number=row.counterpart_number,
        )

    @strawberry.field(description="The user who made or answered the call; kept when deactivated.")
    async def user(self, info: Info) -> Annotated["User", _user]:
        return await _user_of(info, self.user_pk)

    @strawberry.field(description="Comments on the call, oldest first.")
    async def comments(self, info: Info) -> list["Comment"]:
        rows = await info.context.loader(CommentsByCallIdLoader).load(self.pk)
        return [Comment.from_row(row) for row in rows]


@node_entity(MeetingByIdLoader)
@owned_by("analytics")
@strawberry.federation.type(
    keys=["id"], description="A video meeting of a user, as Video Analytics shows it."
)
class Meeting(Node):
    user_pk: strawberry.Private[int]
    provider: VideoProvider = strawberry.field(description="The meeting service.")
    title: str = strawberry.field(description="The meeting's title.")
    started_at: datetime = strawberry.field(description="When the meeting began.")
    duration_seconds: int = strawberry.field(description="How long the meeting lasted.")

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            id=strawberry.ID(to_global_id("Meeting", row.id)),
            user_pk=row.user_id,
            provider=VideoProviderValue(row.provider),
            title=row.title,
            started_at=row.started_at,
            duration_seconds=row.duration_seconds,
        )

    @strawberry.field(description="The user who held the meeting; kept when deactivated.")
    async def user(self, info: Info) -> Annotated["User", _user]:
        return await _user_of(info, self.user_pk)


@node_entity(CommentByIdLoader)
@owned_by("analytics")
@strawberry.federation.type(keys=["id"], description="A comment on a call.")
class Comment(Node):
    pk: strawberry.Private[int]
    call_pk: strawberry.Private[int]
    author_pk: strawberry.Private[int]
    body: str = strawberry.field(description="What the author wrote.")
    created_at: datetime = strawberry.field(description="When it was written.")

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            id=strawberry.ID(to_global_id("Comment", row.id)),
            pk=row.id,
            call_pk=row.call_id,
            author_pk=row.author_id,
            body=row.body,
            created_at=row.created_at,
        )

    @strawberry.field(description="The call commented on.")
    async def call(self, info: Info) -> Call:
        row = await info.context.loader(CallByIdLoader).load(self.call_pk)
        if row is None:
            raise LookupError(f"call {self.call_pk} of comment {self.pk} is missing")
        return Call.from_row(row)

    @strawberry.field(description="Who wrote it.")
    async def author(self, info: Info) -> Annotated["User", _user]:
        return await _user_of(info, self.author_pk)

    @strawberry.field(
        description="Everyone the comment mentions, deactivated users included: past mentions "
        "stay shown."
    )
    async def mentions(self, info: Info) -> list[Annotated["User", _user]]:
        from schemas.user import User

        rows = await info.context.loader(MentionedUsersByCommentIdLoader).load(self.pk)
        return [User.from_row(row) for row in rows]
