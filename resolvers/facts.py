"""What the chart's rules know of a user or an incoming call rule, from their stored columns."""

from dataclasses import dataclass
from functools import cache

from db.enums import IncomingCallAction, UserStatus


@dataclass(frozen=True, slots=True)
class Facts:
    """What a rule needs to know about one user; facts a rule does not use may stay None."""

    active: bool
    has_seat: bool | None = None
    had_calls_in_period: bool | None = None


@dataclass(frozen=True, slots=True)
class CallRuleFacts:
    """What a rule needs to know about one incoming call rule: its action and its target."""

    rings_specific_user: bool
    target: Facts | None


@cache
def facts(
    active: bool, has_seat: bool | None = None, had_calls_in_period: bool | None = None
) -> Facts:
    """The one ``Facts`` of these values: the fields of a list's items ask the chart
    thousands of times a request, about a handful of different facts."""
    return Facts(active, has_seat, had_calls_in_period)


# What the stored columns mean to the chart: the Python facts and the SQL filters both
# read these, so "active" and "rings a specific user" have one definition each.
ACTIVE_STATUS = UserStatus.ACTIVE
SPECIFIC_USER_ACTION = IncomingCallAction.CALL_SPECIFIC_USER


def is_active(status: str) -> bool:
    """Whether a user of this stored status is, to the chart, active."""
    return status == ACTIVE_STATUS


def status_facts(
    status: str, has_seat: bool | None = None, had_calls_in_period: bool | None = None
) -> Facts:
    """The facts of a user of this stored status."""
    return facts(is_active(status), has_seat, had_calls_in_period)


def call_rule_facts(action: str, target: Facts | None) -> CallRuleFacts:
    """The facts of an incoming call rule of this action, ringing ``target`` (None: nobody)."""
    return CallRuleFacts(action == SPECIFIC_USER_ACTION, target)
