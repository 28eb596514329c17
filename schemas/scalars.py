"""The DateTime scalar: Strawberry's, refusing what no field can answer.

Strawberry's parser takes any ISO 8601 date-time, naive ones and ones whose
instant lies outside what Python (and so every field) can compute with: year 1 at
+14:00 is still year 0 in UTC. Refused here, every DateTime argument of every field,
present and future, is an instant in [0001-01-01T00:00:00Z, 9999-12-31T23:59:59.999999Z]
with an offset, or an ``INVALID_INPUT`` error naming the variable.
"""

import re
from datetime import UTC, datetime
from typing import Any

from graphql import GraphQLError, StringValueNode, ValueNode
from strawberry.schema.types.base_scalars import DateTimeDefinition
from strawberry.types.scalar import ScalarDefinition

from schemas.errors import invalid_input_error

NEEDS_OFFSET = "A DateTime needs a UTC offset, e.g. 2026-11-24T09:30:00+09:00."
OUT_OF_RANGE = "A DateTime must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z."


# RFC 3339's own form, which the standard library parses 20x faster than Strawberry's
# (dateutil's) parser: a recordCalls batch holds 1,000 of them. Anything else, errors
# included, goes through Strawberry's parser, so what is accepted stays what it accepts.
_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})", re.ASCII
)


def _parsed(value: object) -> datetime:
    if isinstance(value, str) and _RFC3339.fullmatch(value):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass  # e.g. month 13: the library's parser says so in its words
    try:
        moment = DateTimeDefinition.parse_value(value)  # type: ignore[misc]
    except GraphQLError as error:
        raise invalid_input_error(error.message) from None
    assert isinstance(moment, datetime)
    return moment


def parse_instant(value: object) -> datetime:
    """An aware datetime whose UTC instant is representable, or INVALID_INPUT."""
    moment = _parsed(value)
    if moment.utcoffset() is None:
        raise invalid_input_error(NEEDS_OFFSET)
    try:
        moment.astimezone(UTC)
    except OverflowError:
        raise invalid_input_error(OUT_OF_RANGE) from None
    return moment


def _parse_literal(node: ValueNode, variables: dict[str, Any] | None = None) -> datetime:
    if not isinstance(node, StringValueNode):
        raise GraphQLError(
            "A DateTime is a string, e.g. 2026-11-24T09:30:00+09:00.",
            node,
            extensions={"code": "INVALID_INPUT"},
        )
    try:
        return parse_instant(node.value)
    except GraphQLError as error:
        raise GraphQLError(error.message, node, extensions=error.extensions) from None


DATE_TIME = ScalarDefinition(
    name=DateTimeDefinition.name,
    description=DateTimeDefinition.description,
    specified_by_url=DateTimeDefinition.specified_by_url,
    serialize=DateTimeDefinition.serialize,
    parse_value=parse_instant,
    parse_literal=_parse_literal,
    origin=datetime,
)
SCALARS: dict[object, ScalarDefinition] = {datetime: DATE_TIME}
