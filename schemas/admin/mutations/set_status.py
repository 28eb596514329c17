"""The GraphQL side of the one status code path, shared by every status mutation."""

from db.enums import UserStatus
from resolvers.ids import pk_of
from resolvers.status.change import StatusChange, change_user_status
from schemas.context import Info


async def set_user_status(
    info: Info,
    *,
    user_id: str,
    target: UserStatus,
    dry_run: bool | None,
    reassign_rules_to: str | None = None,
) -> StatusChange:
    context = info.context
    return await change_user_status(
        context,
        caller=context.caller,
        tenant_id=context.tenant_id,
        user_id=pk_of(user_id, "User"),
        target=target,
        dry_run=bool(dry_run),
        reassign_rules_to=pk_of(reassign_rules_to, "User") if reassign_rules_to else None,
        reassign_given=reassign_rules_to is not None,
    )
