"""The help article's Q&A chart as data: the ONE place that says who is visible where.

Every chart answer of roster (User fields, product lists, the side effects of
deactivation, who may log in, and ``activationPolicy``) is read from ``RULES``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from db.enums import Product


class Visibility(StrEnum):
    ALWAYS = "ALWAYS"
    ACTIVE_ONLY = "ACTIVE_ONLY"
    ACTIVE_WITH_SEAT = "ACTIVE_WITH_SEAT"
    ACTIVE_OR_CALLS_IN_PERIOD = "ACTIVE_OR_CALLS_IN_PERIOD"
    REMOVED_ON_DEACTIVATION = "REMOVED_ON_DEACTIVATION"


@dataclass(frozen=True, slots=True)
class Rule:
    product: Product
    question: str
    type_name: str
    field: str
    visibility: Visibility
    remark: str | None = None
    important: bool = False


@dataclass(frozen=True, slots=True)
class Facts:
    """What a rule needs to know about one user; facts a rule does not use may stay None."""

    active: bool
    has_seat: bool | None = None
    had_calls_in_period: bool | None = None


@cache
def facts(
    active: bool, has_seat: bool | None = None, had_calls_in_period: bool | None = None
) -> Facts:
    """The one ``Facts`` of these values: the fields of a list's items ask the chart
    thousands of times a request, about a handful of different facts."""
    return Facts(active, has_seat, had_calls_in_period)


def _login(product: Product, name: str) -> Rule:
    return Rule(
        product, f"Can this user log in to {name}?", "User", "canLogIn", Visibility.ACTIVE_ONLY
    )


_A, _N, _P, _M, _C = (
    Product.ADMIN,
    Product.ANALYTICS,
    Product.PHONE,
    Product.PHONE_MOBILE,
    Product.CALL_CENTER,
)
V = Visibility

# In the article's order; questions are worded as the article words them (its typos too).
RULES: tuple[Rule, ...] = (
    _login(_A, "MiiTel Admin"),
    Rule(
        _A,
        "Will this user be included in the list of available users?",
        "User",
        "inAvailableUserList",
        V.ACTIVE_ONLY,
    ),
    Rule(_A, "Will this user keep their phone number?", "User", "phoneNumbers", V.ALWAYS),
    Rule(_A, "Will this user still be included in the user group?", "User", "groups", V.ALWAYS),
    Rule(
        _A,
        "If you have an incoming call rule with the Call specific user action, check if the "
        "deactivated user is not set as the specific user. If a deactivated user is set for this "
        "rule, you will not be able to receive phone calls.",
        "IncomingCallRule",
        "receivable",
        V.ACTIVE_ONLY,
        important=True,
    ),
    _login(_N, "MiiTel Analytics"),
    Rule(
        _N,
        "Will Zoom, Microsoft Teams, and Google Meet integration settings be kept?",
        "User",
        "videoIntegrations",
        V.REMOVED_ON_DEACTIVATION,
    ),
    Rule(
        _N,
        "Will this user's call history still be available in Call History?",
        "User",
        "callHistory",
        V.ALWAYS,
    ),
    Rule(
        _N,
        "Will this user's meeting history be available in Video Analytics?",
        "User",
        "meetingHistory",
        V.ALWAYS,
    ),
    Rule(
        _N,
        "Can this user be included in the conditions for the Dashbaord?",
        "User",
        "inDashboardConditions",
        V.ALWAYS,
    ),
    Rule(
        _N,
        "Is the call history of this user also aggregated in Overview of the dashboard?",
        "User",
        "inDashboardOverview",
        V.ALWAYS,
    ),
    Rule(
        _N,
        "Will this user's data still be available in Table (By user) of the Dashboard?",
        "User",
        "inDashboardByUser",
        V.ACTIVE_ONLY,
    ),
    Rule(
        _N,
        "Will this user's data be aggregated in Table (By day, By week, By month) of the "
        "Dashboard?",
        "User",
        "inDashboardByPeriod",
        V.ALWAYS,
    ),
    Rule(
        _N,
        "When entering a comment, will this user be displayed as a suggestion for the mention?",
        "User",
        "mentionable",
        V.ACTIVE_ONLY,
        remark="Comments that were already mentioned in the past will still be displayed.",
    ),
    _login(_P, "MiiTel Phone"),
    Rule(
        _P,
        "Will the username be displayed in Menu > User?",
        "User",
        "inPhoneUserMenu",
        V.ACTIVE_ONLY,
    ),
    _login(_M, "MiiTel Phone Mobile"),
    Rule(
        _M,
        "Will the user name be displayed under Internal?",
        "User",
        "inMobileInternalList",
        V.ACTIVE_ONLY,
    ),
    _login(_C, "MiiTel Call Center"),
    Rule(
        _C,
        "Will this user be displayed in the User list of the Real-time monitor?",
        "User",
        "inRealtimeMonitor",
        V.ACTIVE_ONLY,
    ),
    Rule(
        _C,
        "Will this user be displayed in the Seat map?",
        "User",
        "visibleInSeatMap",
        V.ACTIVE_WITH_SEAT,
    ),
    Rule(
        _C,
        "Will this user be displayed in the report?",
        "User",
        "inCallCenterReport",
        V.ACTIVE_OR_CALLS_IN_PERIOD,
        remark="However, the user will be displayed if they were calling or answering calls "
        "during the period of the report.",
    ),
)

CHART_ROWS: tuple[Rule, ...] = tuple(rule for rule in RULES if not rule.important)
_BY_FIELD: dict[tuple[str, str], Rule] = {
    (rule.type_name, rule.field): rule for rule in RULES if rule.field != "canLogIn"
}
_LOGIN: dict[Product, Rule] = {rule.product: rule for rule in RULES if rule.field == "canLogIn"}


def rule_for(field: str, type_name: str = "User") -> Rule:
    return _BY_FIELD[(type_name, field)]


def login_rule(product: Product) -> Rule:
    return _LOGIN[product]


# One function per visibility, looked up by member: every chart answer of every listed
# user comes through here, and an enum member's attribute lookup costs more than this.
_SHOWS: dict[Visibility, Callable[[Facts], bool]] = {
    Visibility.ALWAYS: lambda facts: True,
    Visibility.ACTIVE_ONLY: lambda facts: facts.active,
    # Deleted on deactivation: kept only while active.
    Visibility.REMOVED_ON_DEACTIVATION: lambda facts: facts.active,
    Visibility.ACTIVE_WITH_SEAT: lambda facts: facts.active and bool(facts.has_seat),
    Visibility.ACTIVE_OR_CALLS_IN_PERIOD: lambda facts: (
        facts.active or bool(facts.had_calls_in_period)
    ),
}


def shows(visibility: Visibility, facts: Facts) -> bool:
    """Whether a user with these facts is shown (or keeps the data) under ``visibility``."""
    return _SHOWS[visibility](facts)


# Each rule's answer function, looked up once here rather than per answer.
_ANSWERS: dict[tuple[str, str], Callable[[Facts], bool]] = {
    key: _SHOWS[rule.visibility] for key, rule in _BY_FIELD.items()
}
_LOGIN_ANSWERS: dict[Product, Callable[[Facts], bool]] = {
    product: _SHOWS[rule.visibility] for product, rule in _LOGIN.items()
}


def answer(field: str, facts: Facts, type_name: str = "User") -> bool:
    return _ANSWERS[(type_name, field)](facts)


def can_log_in(product: Product, facts: Facts) -> bool:
    return _LOGIN_ANSWERS[product](facts)


def removed_on_deactivation() -> tuple[Rule, ...]:
    """The rows whose data deactivation deletes (and activation does not bring back)."""
    return tuple(r for r in RULES if r.visibility is Visibility.REMOVED_ON_DEACTIVATION)
