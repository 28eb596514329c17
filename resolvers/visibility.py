"""The policy table as SQL: which users (and call rules) a list shows.

Each WHERE clause here is built from the rule's condition in ``policy``, the same tree
its Python answer is built from; a condition or visibility this module cannot read is
refused, never read as something else.
"""

from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, not_, or_, select, true

from db.enums import Product
from db.models import IncomingCallRule, Seat, User
from resolvers import policy
from resolvers.conditions import (
    AllOf,
    AnyOf,
    Condition,
    Fact,
    Is,
    Not,
    OfTarget,
    UnknownCondition,
)

_users = User.__table__  # type: ignore[attr-defined]
_seats = Seat.__table__  # type: ignore[attr-defined]
_rules = IncomingCallRule.__table__  # type: ignore[attr-defined]


class _Subject:
    """The tables a condition's facts are read from, and the period aggregate if joined."""

    def __init__(
        self,
        *,
        users: Any = _users,
        rules: Any = None,
        had_calls_in_period: ColumnElement[bool] | None = None,
    ) -> None:
        self.users = users
        self.rules = rules
        self.had_calls_in_period = had_calls_in_period

    def fact(self, fact: Fact) -> ColumnElement[bool]:
        users = self.users
        match fact:
            case Fact.ACTIVE:
                return users.c.status == policy.ACTIVE_STATUS
            case Fact.HAS_SEAT:
                return exists().where(
                    _seats.c.user_id == users.c.id, _seats.c.tenant_id == users.c.tenant_id
                )
            case Fact.HAD_CALLS_IN_PERIOD:
                if self.had_calls_in_period is None:
                    raise ValueError("this condition depends on calls in a period; join them")
                return self.had_calls_in_period
            case Fact.RINGS_SPECIFIC_USER:
                return self._rules().c.action == policy.SPECIFIC_USER_ACTION
        raise UnknownCondition(f"no SQL form for the fact {fact!r}")

    def target(self, term: Condition) -> ColumnElement[bool]:
        rules = self._rules()
        target = _users.alias("target")
        return (
            select(target.c.id)
            .where(
                target.c.id == rules.c.target_user_id,
                target.c.tenant_id == rules.c.tenant_id,
                _where(term, _Subject(users=target)),
            )
            .exists()
        )

    def _rules(self) -> Any:
        if self.rules is None:
            raise ValueError("this condition is about an incoming call rule; give its table")
        return self.rules


def _where(condition: Condition, subject: _Subject) -> ColumnElement[bool]:
    match condition:
        case Is(fact):
            return subject.fact(fact)
        case AllOf(()):
            return true()
        case AnyOf(()):
            return false()
        case AllOf(terms):
            return and_(*(_where(term, subject) for term in terms))
        case AnyOf(terms):
            return or_(*(_where(term, subject) for term in terms))
        case Not(term):
            return not_(_where(term, subject))
        case OfTarget(term):
            return subject.target(term)
    raise UnknownCondition(f"no SQL form for {condition!r}")


def visible_users(
    visibility: policy.Visibility,
    *,
    users: Any = _users,
    had_calls_in_period: ColumnElement[bool] | None = None,
) -> ColumnElement[bool]:
    """The WHERE clause on ``users`` for the rows ``visibility`` shows; an unknown
    visibility raises ``policy.UnknownVisibility``."""
    subject = _Subject(users=users, had_calls_in_period=had_calls_in_period)
    return _where(policy.condition_of(visibility), subject)


def listed_users(
    field: str,
    *,
    type_name: str = "User",
    users: Any = _users,
    had_calls_in_period: ColumnElement[bool] | None = None,
) -> ColumnElement[bool]:
    """The WHERE clause on ``users`` for the rows chart row ``field`` shows.

    A seat is looked up by the clause itself; a query that has joined the calls of the
    period passes ``had_calls_in_period`` (an expression over them) for the rows that
    depend on them, and those refuse to be built without it.
    """
    rule = policy.rule_for(field, type_name)
    subject = _Subject(users=users, had_calls_in_period=had_calls_in_period)
    return _where(policy.condition(rule), subject)


def lists_everyone(field: str, *, type_name: str = "User") -> bool:
    """True when chart row ``field`` shows every user, whatever their facts: a query may
    then leave the users out of its joins."""
    return policy.condition(policy.rule_for(field, type_name)) == AllOf(())


def logs_in(product: Product, *, users: Any = _users) -> ColumnElement[bool]:
    """The WHERE clause on ``users`` for those the chart lets log in to ``product``."""
    return _where(policy.condition(policy.login_rule(product)), _Subject(users=users))


def listed_call_rules(field: str, *, rules: Any = _rules) -> ColumnElement[bool]:
    """The WHERE clause on incoming call rules for those chart row ``field`` answers yes."""
    rule = policy.rule_for(field, "IncomingCallRule")
    return _where(policy.condition(rule), _Subject(rules=rules))
