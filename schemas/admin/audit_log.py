"""The root ``auditLog``: a page of the tenant's audit entries, newest first, admins only."""

from typing import Any

from db.enums import AuditAction as AuditActionValue
from resolvers.audit.log import AuditQuery, page_of_audit_entries
from resolvers.ids import pk_of
from resolvers.loaders.admin import UserByIdLoader
from schemas.admin.audit import AuditEntry, AuditLogFilter
from schemas.connections import Connection, connection
from schemas.context import Info
from schemas.cursors import AUDIT_LOG
from schemas.errors import forbidden_error, invalid_input_error
from schemas.pagination import check_first
from schemas.prefetch import prefetch_users, selections_below


@connection(
    owner="admin",
    node_type=AuditEntry,
    noun="audit entry",
    plural="audit entries",
    list_name="the audit log",
    description="A page of the audit log.",
)
class AuditEntryConnection(Connection[AuditEntry]):
    pass


def _id_filter(global_id: str | None) -> int | None:
    """A filter id as a primary key; one that is no User's matches nothing (-1), as
    ``users(filter: {groupId})`` treats an id that names no group."""
    if global_id is None:
        return None
    return pk_of(global_id, "User") or -1


def audit_query(filter: AuditLogFilter | None) -> AuditQuery:
    if filter is None:
        return AuditQuery()
    if filter.start is not None and filter.end is not None and filter.end < filter.start:
        raise invalid_input_error("`to` must not be before `from`.")
    actions = None
    if filter.actions is not None:
        actions = tuple(sorted({AuditActionValue(action).value for action in filter.actions}))
    return AuditQuery(
        target_user_id=_id_filter(filter.target_user_id),
        actor_id=_id_filter(filter.actor_id),
        actions=actions,
        start=filter.start,
        end=filter.end,
    )


def _key(row: Any) -> tuple[int]:
    return (row.id,)


async def resolve_audit_log(
    info: Info, *, first: int | None, after: str | None, filter: AuditLogFilter | None
) -> AuditEntryConnection:
    if not info.context.caller.is_admin:
        raise forbidden_error()
    first = check_first(first)
    query = audit_query(filter)
    cursors = AUDIT_LOG.of(
        query.target_user_id, query.actor_id, query.actions, query.start, query.end
    )
    decoded = cursors.decode(after)
    node_fields = selections_below(info, ("edges", "node"))
    page = await page_of_audit_entries(
        info.context.reader,
        tenant_id=info.context.tenant_id,
        query=query,
        first=first,
        after=decoded[0] if decoded is not None else None,
        with_total=any(
            getattr(selection, "name", None) == "totalCount"
            for field in info.selected_fields
            for selection in field.selections
        ),
    )
    await _prefetch_people(info, page.rows, node_fields)
    return AuditEntryConnection.of(
        page.rows,
        node=AuditEntry.from_row,
        key=_key,
        cursors=cursors,
        has_next_page=page.has_next_page,
        total_count=page.total_count,
    )


async def _prefetch_people(info: Info, rows: Any, node_fields: dict[str, Any]) -> None:
    """The actors and target users of the page in one batch, and what is selected of them."""
    paths = [name for name in ("actor", "targetUser") if name in node_fields]
    if not paths:
        return
    pks = sorted(
        {pk for row in rows for pk in (row.actor_id, row.target_user_id) if pk is not None}
    )
    await info.context.loader(UserByIdLoader).prefetch(pks)
    for name in paths:
        await prefetch_users(info, pks, ("edges", "node", name))
