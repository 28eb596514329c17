"""Writing audit entries, inside the transaction of the change they record."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from db.models import AuditEntry
from db.types import utcnow
from resolvers.audit.actor import Actor
from resolvers.ids import to_global_id

_entries = AuditEntry.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field's value before and after, as the API shows it (global ids, enum names,
    ISO 8601 instants); None where the field had no value (a creation's before)."""

    field: str
    before: Any
    after: Any

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "before": self.before, "after": self.after}


def api_value(value: Any, *, id_type: str | None = None) -> Any:
    """``value`` as the audit log stores it: a primary key of ``id_type`` as its global id,
    an enum as its name, an instant in ISO 8601, a list item by item."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return [api_value(item, id_type=id_type) for item in value]
    if id_type is not None:
        return to_global_id(id_type, int(value))
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[FieldChange]:
    """The fields of ``after`` whose value differs from ``before``'s, in ``after``'s order."""
    return [
        FieldChange(name, before.get(name), value)
        for name, value in after.items()
        if before.get(name) != value
    ]


async def record_audit(
    session: AsyncSession,
    *,
    tenant_id: int,
    actor: Actor,
    action: AuditAction,
    target_type: str,
    target_id: int,
    target_user_id: int | None = None,
    changes: Sequence[FieldChange] = (),
    at: datetime | None = None,
) -> None:
    """Write one audit entry in ``session``'s open transaction: it commits, or rolls back,
    with the change it records. Never pass a secret among ``changes``."""
    await session.execute(
        insert(_entries).values(
            tenant_id=tenant_id,
            at=at or utcnow(),
            actor_kind=actor.kind.value,
            actor_id=actor.user_id,
            action=action.value,
            target_type=target_type,
            target_id=target_id,
            target_user_id=target_user_id,
            changes=[change.as_json() for change in changes],
        )
    )
