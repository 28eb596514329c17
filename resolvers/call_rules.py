"""Incoming call rules, and whether each can still receive calls."""

from typing import Any

from sqlalchemy import Row, and_, not_, or_, select

from db.enums import IncomingCallAction
from db.models import IncomingCallRule, User
from resolvers.reader import Reader
from resolvers.visibility import listed_users

_rules = IncomingCallRule.__table__  # type: ignore[attr-defined]
_users = User.__table__  # type: ignore[attr-defined]


async def incoming_call_rules(
    reader: Reader, *, tenant_id: int, receivable: bool | None
) -> list[Row[Any]]:
    statement = select(_rules).where(_rules.c.tenant_id == tenant_id).order_by(_rules.c.id)
    if receivable is not None:
        target = _users.alias("target")
        # A rule that rings a specific user receives calls only while the chart shows them.
        rings_shown_user = select(target.c.id).where(
            target.c.id == _rules.c.target_user_id,
            listed_users("receivable", type_name="IncomingCallRule", users=target),
        )
        receives = or_(
            _rules.c.action != IncomingCallAction.CALL_SPECIFIC_USER,
            and_(_rules.c.target_user_id.is_not(None), rings_shown_user.exists()),
        )
        statement = statement.where(receives if receivable else not_(receives))
    return list(await reader.rows(statement))
