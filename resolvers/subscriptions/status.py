"""userStatusChanged: each committed status change of the tenant, read back as the
subscriber may see it."""

from collections.abc import AsyncGenerator
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any

from resolvers.context import RosterContext
from resolvers.events.types import EventNotice, EventType
from resolvers.loaders.admin import UserByIdLoader, UserStatusEventByIdLoader
from resolvers.subscriptions.watch import checked_notices

# What each status event leaves the user as: active after an activation.
ACTIVE_AFTER = {EventType.USER_ACTIVATED.value: True, EventType.USER_DEACTIVATED.value: False}


def is_status_change(notice: EventNotice) -> bool:
    """True for the notice of a committed activation or deactivation."""
    return notice.type in ACTIVE_AFTER and notice.user_id is not None


@dataclass(frozen=True, slots=True)
class StatusChangeRows:
    """The user whose status changed and the status event (audit) of the change, as
    read after it committed."""

    user: Any
    event: Any


async def status_changes(context: RosterContext) -> AsyncGenerator[StatusChangeRows, None]:
    """Every status change of the caller's tenant from now on; one the subscriber's
    tenant cannot read (gone since) is left out."""
    async with aclosing(checked_notices(context)) as notices:
        async for notice in notices:
            if not is_status_change(notice) or notice.status_event_id is None:
                continue
            assert notice.user_id is not None
            user = await context.loader(UserByIdLoader).load(notice.user_id)
            event = await context.loader(UserStatusEventByIdLoader).load(notice.status_event_id)
            if user is not None and event is not None:
                yield StatusChangeRows(user=user, event=event)
