"""The chart's conditions as data: one tree per rule, read as Python and as SQL.

``policy`` says which condition each visibility is; ``evaluator`` turns a condition
into the function the resolvers answer with, and ``resolvers.visibility`` turns the
same condition into the WHERE clause the lists filter with. Neither form is written
by hand, so the two cannot say different things.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from operator import attrgetter
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

    Built once per rule, not per answer: lists ask it thousands of times a request.
    """
    match condition:
        case Is(fact):
            get = attrgetter(fact.value)
            if fact in _ALWAYS_KNOWN:
                return get
            return lambda subject: get(subject) is True
        case AllOf(()):
            return lambda subject: True
        case AllOf((only,)) | AnyOf((only,)):
            return evaluator(only)
        case AllOf((first, second)):
            left, right = evaluator(first), evaluator(second)
            return lambda subject: left(subject) and right(subject)
        case AnyOf((first, second)):
            left, right = evaluator(first), evaluator(second)
            return lambda subject: left(subject) or right(subject)
        case AllOf(terms):
            parts = tuple(evaluator(term) for term in terms)
            return lambda subject: all(part(subject) for part in parts)
        case AnyOf(terms):
            parts = tuple(evaluator(term) for term in terms)
            return lambda subject: any(part(subject) for part in parts)
        case Not(term):
            inner = evaluator(term)
            return lambda subject: not inner(subject)
        case OfTarget(term):
            inner = evaluator(term)
            return lambda subject: subject.target is not None and inner(subject.target)
    raise UnknownCondition(f"no Python form for {condition!r}")
