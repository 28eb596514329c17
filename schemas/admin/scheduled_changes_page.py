"""The root ``scheduledStatusChanges`` list: the tenant's queue, by ``at`` then id."""

from typing import Any

from db.enums import ScheduledChangeState
from resolvers.schedule.page import page_of_scheduled_changes
from schemas.admin.scheduled_change import ScheduledStatusChange
from schemas.connections import Connection, connection
from schemas.context import Info
from schemas.cursors import SCHEDULED_STATUS_CHANGES
from schemas.errors import forbidden_error
from schemas.pagination import check_first


@connection(
    owner="admin",
    node_type=ScheduledStatusChange,
    noun="scheduled status change",
    plural="scheduled status changes",
    list_name="scheduled status changes",
    description="A page of scheduled status changes.",
)
class ScheduledStatusChangeConnection(Connection[ScheduledStatusChange]):
    pass


def _sort_key(row: Any) -> tuple[Any, int]:
    return row.at, row.id


async def resolve_scheduled_changes_page(
    info: Info, *, first: int | None, after: str | None, state: ScheduledChangeState | None
) -> ScheduledStatusChangeConnection:
    if not info.context.caller.is_admin:
        raise forbidden_error()
    first = check_first(first)
    cursors = SCHEDULED_STATUS_CHANGES.of(state.value if state is not None else None)
    page = await page_of_scheduled_changes(
        info.context.reader,
        tenant_id=info.context.tenant_id,
        state=state,
        first=first,
        after=cursors.decode(after),  # type: ignore[arg-type]
        with_total=_selects_total(info),
    )
    return ScheduledStatusChangeConnection.of(
        page.rows,
        node=ScheduledStatusChange.from_row,
        key=_sort_key,
        cursors=cursors,
        has_next_page=page.has_next_page,
        total_count=page.total_count,
    )


def _selects_total(info: Info) -> bool:
    return any(
        getattr(selection, "name", None) == "totalCount"
        for field in info.selected_fields
        for selection in field.selections
    )
