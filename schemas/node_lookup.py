"""``node(id:)``: any Node of the caller's tenant by its global ID."""

from collections.abc import Callable
from typing import Any

from resolvers.ids import from_global_id
from resolvers.loaders.admin import (
    IncomingCallRuleByIdLoader,
    PhoneNumberByIdLoader,
    UserByIdLoader,
    UserGroupByIdLoader,
    UserStatusEventByIdLoader,
)
from resolvers.loaders.analytics import CallByIdLoader, CommentByIdLoader, MeetingByIdLoader
from resolvers.loaders.base import RowByIdLoader
from resolvers.loaders.call_center import SeatByIdLoader
from schemas.context import Info

NodeLoader = tuple[type[RowByIdLoader], Callable[[Any], Any]]


def _registry() -> dict[str, NodeLoader]:
    from schemas.admin.types import IncomingCallRule, PhoneNumber, UserGroup, UserStatusEvent
    from schemas.analytics.types import Call, Comment, Meeting
    from schemas.call_center.types import Seat
    from schemas.user import User

    return {
        "User": (UserByIdLoader, User.from_row),
        "PhoneNumber": (PhoneNumberByIdLoader, PhoneNumber.from_row),
        "UserGroup": (UserGroupByIdLoader, UserGroup.from_row),
        "IncomingCallRule": (IncomingCallRuleByIdLoader, IncomingCallRule.from_row),
        "UserStatusEvent": (UserStatusEventByIdLoader, UserStatusEvent.from_row),
        "Seat": (SeatByIdLoader, Seat.from_row),
        "Call": (CallByIdLoader, Call.from_row),
        "Meeting": (MeetingByIdLoader, Meeting.from_row),
        "Comment": (CommentByIdLoader, Comment.from_row),
    }


async def resolve_node(info: Info, global_id: str) -> Any:
    decoded = from_global_id(global_id)
    if decoded is None:
        return None
    entry = _registry().get(decoded[0])
    if entry is None:
        return None
    loader_class, build = entry
    row = await info.context.loader(loader_class).load(decoded[1])
    return build(row) if row is not None else None
