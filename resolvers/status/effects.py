"""What a status change does besides flipping the status, derived from the policy table."""

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import IncomingCallAction
from db.models import IncomingCallRule, VideoIntegration
from resolvers import policy


async def remove_video_integrations(
    session: AsyncSession, *, tenant_id: int, user_id: int
) -> list[dict[str, Any]]:
    """Delete the user's integrations; return a snapshot of each, for the audit event."""
    table = VideoIntegration.__table__  # type: ignore[attr-defined]
    rows = (
        await session.execute(
            delete(table)
            .where(table.c.user_id == user_id, table.c.tenant_id == tenant_id)
            .returning(table.c.id, table.c.provider, table.c.account_email, table.c.connected_at)
        )
    ).all()
    return sorted(
        (
            {
                "id": row.id,
                "provider": str(row.provider),
                "account_email": row.account_email,
                "connected_at": row.connected_at.isoformat(),
            }
            for row in rows
        ),
        key=lambda snapshot: snapshot["id"],
    )


Remover = Callable[..., Awaitable[list[dict[str, Any]]]]

# Each chart row whose data deactivation deletes names the function that deletes it.
REMOVERS: dict[str, Remover] = {"videoIntegrations": remove_video_integrations}


def removers() -> list[tuple[str, Remover]]:
    return [(rule.field, REMOVERS[rule.field]) for rule in policy.removed_on_deactivation()]


async def rules_targeting(session: AsyncSession, *, tenant_id: int, user_id: int) -> list[Any]:
    """The CALL_SPECIFIC_USER rules that ring ``user_id`` (the article's IMPORTANT note)."""
    table = IncomingCallRule.__table__  # type: ignore[attr-defined]
    return list(
        (
            await session.execute(
                select(table)
                .where(
                    table.c.tenant_id == tenant_id,
                    table.c.target_user_id == user_id,
                    table.c.action == IncomingCallAction.CALL_SPECIFIC_USER,
                )
                .order_by(table.c.id)
            )
        ).all()
    )


async def reassign_rules(
    session: AsyncSession, *, rule_ids: list[int], to_user_id: int
) -> list[Any]:
    """Point the rules at ``to_user_id``; return them as they now are, by id."""
    if not rule_ids:
        return []
    table = IncomingCallRule.__table__  # type: ignore[attr-defined]
    rows = (
        await session.execute(
            update(table)
            .where(table.c.id.in_(rule_ids))
            .values(target_user_id=to_user_id)
            .returning(*table.c)
        )
    ).all()
    return sorted(rows, key=lambda row: row.id)
