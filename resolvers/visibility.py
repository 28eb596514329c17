"""The policy table as SQL: which users a product's list shows."""

from typing import Any

from sqlalchemy import ColumnElement, or_, true

from db.enums import UserStatus
from db.models import User
from resolvers import policy

_users = User.__table__  # type: ignore[attr-defined]


def listed_users(
    field: str,
    *,
    type_name: str = "User",
    users: Any = _users,
    had_calls_in_period: ColumnElement[bool] | None = None,
) -> ColumnElement[bool]:
    """The WHERE clause on ``users`` for the rows chart row ``field`` shows.

    Conditions that need other tables (a seat, calls in a period) are joined by the
    list's own query; this says what the user's status must be. A query that has
    joined the calls of the period passes ``had_calls_in_period`` (an aggregate for
    HAVING) and gets the whole condition.
    """
    visibility = policy.rule_for(field, type_name).visibility
    if visibility is policy.Visibility.ALWAYS:
        return true()
    if visibility is policy.Visibility.ACTIVE_OR_CALLS_IN_PERIOD:
        if had_calls_in_period is None:
            raise ValueError(f"{field} depends on calls in a period; its query must join them")
        return or_(users.c.status == UserStatus.ACTIVE, had_calls_in_period)
    return users.c.status == UserStatus.ACTIVE
