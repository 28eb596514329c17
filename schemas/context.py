"""Typed access to the request context from Strawberry's ``info``."""

from typing import Any

from strawberry.types import Info as StrawberryInfo

from resolvers.context import RosterContext

Info = StrawberryInfo[RosterContext, Any]


def may_see_private(info: Info, user_pk: int) -> bool:
    """Admins see everyone's history and integrations; members only their own; a service,
    no person, no one's."""
    caller = info.context.caller
    return caller.is_admin or (not caller.is_service and caller.user_id == user_pk)
