"""The one writer of a user's own fields (the Edit dialog's and the identity provider's):
what changes is written with the row's version bumped, and one audit entry lists it."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Row, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from db.models import User
from db.types import utcnow
from resolvers.audit.actor import Actor
from resolvers.audit.record import api_value, changed_fields, record_audit

# Each column this writer writes, by the name the audit log gives it.
API_NAMES = {
    "user_name": "userName",
    "email": "email",
    "display_name": "displayName",
    "given_name": "givenName",
    "family_name": "familyName",
    "role": "role",
    "external_id": "externalId",
    "scim_detached_at": "scimDetachedAt",
    "scim_enterprise": "enterprise",
}

_users = User.__table__  # type: ignore[attr-defined]


async def write_user_fields(
    session: AsyncSession,
    *,
    actor: Actor,
    tenant_id: int,
    before: Row[Any],
    values: Mapping[str, Any],
    action: AuditAction = AuditAction.USER_UPDATED,
    at: datetime | None = None,
) -> Row[Any]:
    """Write the fields of ``values`` (columns of ``API_NAMES``) that change something
    from ``before``, bump the row's version, set its ``updated_at``, and make one
    ``action`` entry listing the changes; answer the row as it then is. When nothing
    changes nothing is written, no entry made, and ``before`` is the answer.

    ``before`` is the row read (locked) in this transaction; the version is bumped from
    the stored one, so a status change made since in the transaction still counts.
    ``at`` is when the change happens (now by default), should ``values`` record it too.
    """
    changes = changed_fields(
        {API_NAMES[key]: api_value(getattr(before, key)) for key in values},
        {API_NAMES[key]: api_value(value) for key, value in values.items()},
    )
    if not changes:
        return before
    now = at or utcnow()
    after = (
        await session.execute(
            update(_users)
            .where(_users.c.id == before.id, _users.c.tenant_id == tenant_id)
            .values(**values, version=_users.c.version + 1, updated_at=now)
            .returning(*_users.c)
        )
    ).one()
    await record_audit(
        session,
        tenant_id=tenant_id,
        actor=actor,
        action=action,
        target_type="User",
        target_id=before.id,
        target_user_id=before.id,
        changes=changes,
        at=now,
    )
    return after
