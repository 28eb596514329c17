"""The chart's conditions as data: one tree per rule, read as Python and as SQL.

``policy`` says which condition each visibility is; ``evaluator`` turns a condition
into the function the resolvers answer with, and ``resolvers.visibility`` turns the
same condition into the WHERE clause the lists filter with. Neither form is written
by hand, so the two cannot say different things.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Fact(StrEnum):
    """What a condition may ask of its subject; each is an attribute of the subject's facts."""

    ACTIVE = "active"
    HAS_SEAT = "has_seat"
    HAD_CALLS_IN_PERIOD = "had_calls_in_period"
    # Of an incoming call rule: its action is to call one specific user.
    RINGS_SPECIFIC_USER = "rings_specific_user"


# Facts that are never left unknown (None), so their value is the answer itself.
_ALWAYS_KNOWN = frozenset({Fact.ACTIVE, Fact.RINGS_SPECIFIC_USER})


@dataclass(frozen=True, slots=True)
class Is:
    """The subject has ``fact``; an unknown fact counts as not had."""

    fact: Fact


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every term holds; no terms: always true."""

    terms: tuple["Condition", ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    """At least one term holds; no terms: never true."""

    terms: tuple["Condition", ...]


@dataclass(frozen=True, slots=True)
class Not:
    term: "Condition"


@dataclass(frozen=True, slots=True)
class OfTarget:
    """An incoming call rule's target user exists and meets ``term``."""

    term: "Condition"


Condition = Is | AllOf | AnyOf | Not | OfTarget
ALWAYS = AllOf(())


class UnknownCondition(TypeError):
    """A condition node neither form knows how to read."""


def evaluator(condition: Condition) -> Callable[[Any], bool]:
    """The Python form of ``condition``: a function of the subject's facts.

    Built once per rule, not per answer: lists ask it thousands of times a request. The
    tree is written out as one lambda expression, so an answer costs what the
    hand-written ``facts.active and facts.has_seat is True`` did, not a call per node.
    """
    return eval(f"lambda subject: {_python(condition, 'subject')}", {"__builtins__": {}})


def _python(condition: Condition, subject: str) -> str:
    match condition:
        case Is(fact):
            # The attribute names are the members' own values, fixed identifiers.
            assert fact.value.isidentifier()
            if fact in _ALWAYS_KNOWN:
                return f"{subject}.{fact.value}"
            return f"({subject}.{fact.value} is True)"
        case AllOf(()):
            return "True"
        case AnyOf(()):
            return "False"
        case AllOf(terms):
            return "(" + " and ".join(_python(term, subject) for term in terms) + ")"
        case AnyOf(terms):
            return "(" + " or ".join(_python(term, subject) for term in terms) + ")"
        case Not(term):
            return f"(not {_python(term, subject)})"
        case OfTarget(term):
            target = f"{subject}.target"
            return f"({target} is not None and {_python(term, target)})"
    raise UnknownCondition(f"no Python form for {condition!r}")
