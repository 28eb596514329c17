"""``node(id:)``: any Node of the caller's tenant by its global ID."""

from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

from resolvers.ids import from_global_id, pk_of
from resolvers.loaders.admin import (
    IncomingCallRuleByIdLoader,
    PhoneNumberByIdLoader,
    UserByIdLoader,
    UserGroupByIdLoader,
    UserStatusEventByIdLoader,
)
from resolvers.loaders.analytics import (
    CallByIdLoader,
    CommentByIdLoader,
    MeetingByIdLoader,
    VideoIntegrationByIdLoader,
)
from resolvers.loaders.base import RowByIdLoader
from resolvers.loaders.call_center import SeatByIdLoader
from schemas.context import Info, may_see_private
from schemas.errors import forbidden_error


class NodeKind(NamedTuple):
    loader: type[RowByIdLoader]
    build: Callable[[Any], Any]
    # For private objects (history, integrations): the column naming the user they belong to.
    private_to: str | None = None


@cache
def _registry() -> dict[str, NodeKind]:
    from schemas.admin.types import IncomingCallRule, PhoneNumber, UserGroup, UserStatusEvent
    from schemas.analytics.types import Call, Comment, Meeting
    from schemas.call_center.types import Seat
    from schemas.user import User
    from schemas.video import VideoIntegration

    return {
        "User": NodeKind(UserByIdLoader, User.from_row),
        "PhoneNumber": NodeKind(PhoneNumberByIdLoader, PhoneNumber.from_row),
        "UserGroup": NodeKind(UserGroupByIdLoader, UserGroup.from_row),
        "IncomingCallRule": NodeKind(IncomingCallRuleByIdLoader, IncomingCallRule.from_row),
        "UserStatusEvent": NodeKind(
            UserStatusEventByIdLoader, UserStatusEvent.from_row, private_to="user_id"
        ),
        "VideoIntegration": NodeKind(
            VideoIntegrationByIdLoader, VideoIntegration.from_row, private_to="user_id"
        ),
        "Seat": NodeKind(SeatByIdLoader, Seat.from_row),
        "Call": NodeKind(CallByIdLoader, Call.from_row),
        "Meeting": NodeKind(MeetingByIdLoader, Meeting.from_row),
        "Comment": NodeKind(CommentByIdLoader, Comment.from_row),
    }


async def load_node(info: Info, type_name: str, pk: int) -> Any:
    """The ``type_name`` object with primary key ``pk`` in the caller's tenant, or None."""
    kind = _registry().get(type_name)
    if kind is None:
        return None
    row = await info.context.loader(kind.loader).load(pk)
    if row is None:
        return None
    if kind.private_to is not None and not may_see_private(info, getattr(row, kind.private_to)):
        raise forbidden_error()
    return kind.build(row)


async def resolve_node(info: Info, global_id: str) -> Any:
    decoded = from_global_id(global_id)
    return await load_node(info, *decoded) if decoded is not None else None


async def resolve_entity(info: Info, type_name: str, global_id: str) -> Any:
    """An entity's ``resolve_reference``: the representation's id, of this type only."""
    pk = pk_of(global_id, type_name)
    return await load_node(info, type_name, pk) if pk is not None else None
