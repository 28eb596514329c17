"""Many status changes in input order, each on its own; a dry run previews them as one batch."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import UserStatus
from resolvers.context import RosterContext
from resolvers.errors import UserErrorRaised
from resolvers.status.change import (
    StatusChange,
    apply_status_change,
    change_user_status,
    refusals,
)
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction


def user_ids_field(index: int) -> tuple[str, ...]:
    """Where the id at ``index`` is in a bulk input: the path its errors name."""
    return ("input", "userIds", str(index))


async def change_users_status(
    context: RosterContext,
    *,
    caller: Caller | None,
    tenant_id: int,
    user_ids: Sequence[int | None],
    target: UserStatus,
    dry_run: bool = False,
) -> list[StatusChange]:
    """Set each user's status to ``target``, in order; None ids did not decode.

    For real, each id is its own transaction: one refused or failed leaves the others
    done. A dry run runs the whole batch as the real call would, in one transaction in
    which each id sees what the ids before it did (a repeat is ``changed: false``; a
    guard such as the last admin counts the earlier ones), each id in a savepoint so a
    refused one leaves nothing behind, as its own transaction would; nothing is committed.
    """
    if not dry_run:
        return [
            await change_user_status(
                context,
                caller=caller,
                tenant_id=tenant_id,
                user_id=user_id,
                target=target,
                user_field=user_ids_field(index),
            )
            for index, user_id in enumerate(user_ids)
        ]

    async def preview_batch(session: AsyncSession) -> list[StatusChange]:
        changes = []
        for index, user_id in enumerate(user_ids):
            field = user_ids_field(index)
            refused = refusals(caller, user_id, user_field=field)
            if refused or user_id is None:
                changes.append(StatusChange(dry_run=True, user_errors=refused))
                continue
            try:
                async with session.begin_nested():
                    change = await apply_status_change(
                        session,
                        database=context.database,
                        caller=caller,
                        tenant_id=tenant_id,
                        user_id=user_id,
                        target=target,
                        user_field=field,
                    )
            except UserErrorRaised as raised:
                change = StatusChange(user_errors=[raised.error])
            change.dry_run = True
            changes.append(change)
        return changes

    return await write_transaction(context, preview_batch, dry_run=True)
