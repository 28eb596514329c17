"""The help article's Q&A chart as data: the ONE place that says who is visible where.

Every chart answer of roster (User fields, product lists, the side effects of
deactivation, who may log in, the checks of the mutations, the chart fields'
descriptions and ``activationPolicy``) is read from ``RULES``. Each visibility is one
condition (``resolvers.conditions``): its Python form answers here, its SQL form
(``resolvers.visibility``) filters the lists, both built from the same tree.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from db.enums import Product
from resolvers.conditions import ALWAYS, AllOf, AnyOf, Condition, Fact, Is, Not, OfTarget, evaluator

# The facts the rules read, and what the stored columns mean to them; part of the policy.
from resolvers.facts import ACTIVE_STATUS as ACTIVE_STATUS
from resolvers.facts import SPECIFIC_USER_ACTION as SPECIFIC_USER_ACTION
from resolvers.facts import CallRuleFacts as CallRuleFacts
from resolvers.facts import Facts as Facts
from resolvers.facts import call_rule_facts as call_rule_facts
from resolvers.facts import facts as facts
from resolvers.facts import is_active as is_active
from resolvers.facts import status_facts as status_facts


class Visibility(StrEnum):
    ALWAYS = "ALWAYS"
    ACTIVE_ONLY = "ACTIVE_ONLY"
    ACTIVE_WITH_SEAT = "ACTIVE_WITH_SEAT"
    ACTIVE_OR_CALLS_IN_PERIOD = "ACTIVE_OR_CALLS_IN_PERIOD"
    REMOVED_ON_DEACTIVATION = "REMOVED_ON_DEACTIVATION"


class UnknownVisibility(LookupError):
    """A visibility the policy has no condition for: refused, never guessed."""


@dataclass(frozen=True, slots=True)
class Rule:
    product: Product
    question: str
    type_name: str
    field: str
    visibility: Visibility
    remark: str | None = None
    important: bool = False


PRODUCT_NAMES: dict[Product, str] = {
    Product.ADMIN: "MiiTel Admin",
    Product.ANALYTICS: "MiiTel Analytics",
    Product.PHONE: "MiiTel Phone",
    Product.PHONE_MOBILE: "MiiTel Phone Mobile",
    Product.CALL_CENTER: "MiiTel Call Center",
}


def _login(product: Product) -> Rule:
    return Rule(
        product,
        f"Can this user log in to {PRODUCT_NAMES[product]}?",
        "User",
        "canLogIn",
        Visibility.ACTIVE_ONLY,
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
    _login(_A),
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
    _login(_N),
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
    _login(_P),
    Rule(
        _P,
        "Will the username be displayed in Menu > User?",
        "User",
        "inPhoneUserMenu",
        V.ACTIVE_ONLY,
    ),
    _login(_M),
    Rule(
        _M,
        "Will the user name be displayed under Internal?",
        "User",
        "inMobileInternalList",
        V.ACTIVE_ONLY,
    ),
    _login(_C),
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


# The condition of each visibility: the one definition both forms are built from.
CONDITIONS: dict[Visibility, Condition] = {
    Visibility.ALWAYS: ALWAYS,
    Visibility.ACTIVE_ONLY: Is(Fact.ACTIVE),
    # Deleted on deactivation: kept only while active.
    Visibility.REMOVED_ON_DEACTIVATION: Is(Fact.ACTIVE),
    Visibility.ACTIVE_WITH_SEAT: AllOf((Is(Fact.ACTIVE), Is(Fact.HAS_SEAT))),
    Visibility.ACTIVE_OR_CALLS_IN_PERIOD: AnyOf((Is(Fact.ACTIVE), Is(Fact.HAD_CALLS_IN_PERIOD))),
}


def condition_of(visibility: Visibility) -> Condition:
    """The condition of ``visibility``; one the table does not know is refused."""
    try:
        return CONDITIONS[visibility]
    except KeyError:
        raise UnknownVisibility(f"the policy has no condition for {visibility!r}") from None


# How a rule's visibility, which speaks of a user, applies to the type its field is on.
# A call rule that rings one specific user receives calls only while the chart shows
# that user (the article's IMPORTANT note); other rules do not depend on a user.
_SUBJECTS: dict[str, Callable[[Condition], Condition]] = {
    "User": lambda user_condition: user_condition,
    "IncomingCallRule": lambda user_condition: AnyOf(
        (Not(Is(Fact.RINGS_SPECIFIC_USER)), OfTarget(user_condition))
    ),
}


def condition(rule: Rule) -> Condition:
    """The condition ``rule``'s field answers, over facts of the rule's own type."""
    return _SUBJECTS[rule.type_name](condition_of(rule.visibility))


# Each function built once here, looked up by key per answer: every chart answer of
# every listed user comes through these.
_SHOWS: dict[Visibility, Callable[[Any], bool]] = {
    visibility: evaluator(condition_of(visibility)) for visibility in Visibility
}
_ANSWERS: dict[tuple[str, str], Callable[[Any], bool]] = {
    key: evaluator(condition(rule)) for key, rule in _BY_FIELD.items()
}
_LOGIN_ANSWERS: dict[Product, Callable[[Any], bool]] = {
    product: evaluator(condition(rule)) for product, rule in _LOGIN.items()
}


def shows(visibility: Visibility, facts: Facts) -> bool:
    """Whether a user with these facts is shown (or keeps the data) under ``visibility``."""
    try:
        return _SHOWS[visibility](facts)
    except KeyError:
        raise UnknownVisibility(f"the policy has no condition for {visibility!r}") from None


def answer(field: str, facts: Facts | CallRuleFacts, type_name: str = "User") -> bool:
    """The chart's answer of ``type_name.field`` for a subject with these facts."""
    return _ANSWERS[(type_name, field)](facts)


def can_log_in(product: Product, facts: Facts) -> bool:
    return _LOGIN_ANSWERS[product](facts)


def can_ring(target: Facts) -> bool:
    """Whether a rule that calls this specific user receives calls: whom rules may be
    reassigned to."""
    return answer("receivable", CallRuleFacts(True, target), type_name="IncomingCallRule")


def removed_on_deactivation() -> tuple[Rule, ...]:
    """The rows whose data deactivation deletes (and activation does not bring back)."""
    return tuple(r for r in RULES if r.visibility is Visibility.REMOVED_ON_DEACTIVATION)
