"""The audit log as the admin subgraph shows it: entries, their field changes, the filter."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry
from strawberry.scalars import JSON

from db.enums import ActorKind as ActorKindValue
from db.enums import AuditAction as AuditActionValue
from resolvers.ids import to_global_id
from resolvers.loaders.admin import UserByIdLoader
from resolvers.loaders.audit import AuditEntryByIdLoader
from schemas.context import Info
from schemas.enums import ActorKind, AuditAction
from schemas.node import Node
from schemas.node_lookup import node_entity
from schemas.prefetch import loaded
from schemas.subgraph import owned_by

if TYPE_CHECKING:
    from schemas.user import User

_user = strawberry.lazy("schemas.user")


@owned_by("admin", except_fields=())
@strawberry.type(description="One field an audited change set: its value before and after.")
class AuditFieldChange:
    field: str = strawberry.field(
        description='The field, as the API names it (e.g. "status", "name", "user").'
    )
    before: JSON | None = strawberry.field(
        description="The value before; null when there was none (a creation). Ids are "
        "global ids, enums their names, instants ISO 8601."
    )
    after: JSON | None = strawberry.field(
        description="The value after; null when there is none (a deletion)."
    )


@node_entity(AuditEntryByIdLoader, admin_only=True)
@owned_by("admin")
@strawberry.federation.type(
    keys=["id"], description="One administrative change: who, when, what, to which object."
)
class AuditEntry(Node):
    actor_pk: strawberry.Private[int | None]
    target_user_pk: strawberry.Private[int | None]
    at: datetime = strawberry.field(description="When the change was made.")
    actor_kind: ActorKind = strawberry.field(description="Who made it: a user, or the system.")
    action: AuditAction = strawberry.field(description="What the change was.")
    target_type: str = strawberry.field(
        description='The GraphQL type of the object changed, e.g. "User", "Seat".'
    )
    target_id: strawberry.ID = strawberry.field(
        description="The global id of the object changed; it may since have been deleted."
    )
    changes: list[AuditFieldChange] = strawberry.field(
        description="Each field the change set, with its before and after (secrets never)."
    )

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            id=strawberry.ID(to_global_id("AuditEntry", row.id)),
            at=row.at,
            actor_kind=ActorKindValue(row.actor_kind),
            action=AuditActionValue(row.action),
            target_type=row.target_type,
            target_id=strawberry.ID(to_global_id(row.target_type, row.target_id)),
            changes=[
                AuditFieldChange(field=item["field"], before=item["before"], after=item["after"])
                for item in row.changes
            ],
            actor_pk=row.actor_id,
            target_user_pk=row.target_user_id,
        )

    @strawberry.field(
        description="The user who made the change (for SCHEDULE, who scheduled it); null "
        "when the system acted on its own."
    )
    def actor(self, info: Info) -> Annotated["User", _user] | None:
        return _user_of(info, self.actor_pk)

    @strawberry.field(description="The user the change is about, when there is one.")
    def target_user(self, info: Info) -> Annotated["User", _user] | None:
        return _user_of(info, self.target_user_pk)


def _user_of(info: Info, pk: int | None) -> Any:
    from schemas.user import User

    if pk is None:
        return None
    loader = info.context.loader(UserByIdLoader)
    return loaded(loader, pk, lambda row: User.from_row(row) if row is not None else None)


@strawberry.input(description="Narrows the audit log; every condition given must hold.")
class AuditLogFilter:
    target_user_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only changes about this user."
    )
    actor_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only changes this user made."
    )
    actions: list[AuditAction] | None = strawberry.field(
        default=None, description="Only these actions (an empty list matches nothing)."
    )
    start: datetime | None = strawberry.field(
        default=None, name="from", description="Only changes made at or after this instant."
    )
    end: datetime | None = strawberry.field(
        default=None, name="to", description="Only changes made before this instant (excluded)."
    )
