"""SCIM filters (RFC 7644 §3.4.2.2) as SQL conditions over the directory's columns.

scim2-models parses and validates the filter; this walks its tree (a FilterVisitor) and
builds one SQLAlchemy condition, which resolvers' directory functions run. It evaluates as
scim2-models' own evaluator would: a missing value equals nothing, ``ne`` holds against it
and ``not`` negates a false comparison into a true one (every leaf is NULL-safe). An
attribute roster keeps no column for answers 400 invalidFilter naming it, never a page
filtered afterwards (its totalResults would be wrong).
"""

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from scim2_models import InvalidFilterException, ScimFilter
from scim2_models.path import (
    AttributeBinding,
    AttrPath,
    CompareOperator,
    Comparison,
    FilterVisitor,
    LogicalExpr,
    LogicalOperator,
    Not,
    Present,
    ValuePath,
    coerce_value,
)
from sqlalchemy import ColumnElement, and_, false, func, not_, or_, true

from db.folding import fold
from gateway.scim.mapping import row_id


class Kind(Enum):
    FOLDED = "folded"  # a folded text column: compare fold(value)
    LOWER = "lower"  # a text column SCIM compares case-insensitively, with no folded twin
    EXACT = "exact"  # caseExact text (RFC 7643 §2.1)
    DATE = "date"
    BOOLEAN = "boolean"
    ID = "id"  # an integer key, a string to SCIM: equality only
    CONSTANT = "constant"  # the same for every row (every email is roster's work address)


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str  # as SCIM spells it, for the error that lists what can be filtered on
    kind: Kind
    column: ColumnElement[Any] | None = None
    constant: Any = None


# Filters of the form `attribute op value`, the operator applied in Python (constants).
_PYTHON_OPERATORS: dict[CompareOperator, Callable[[Any, Any], bool]] = {
    CompareOperator.eq: operator.eq,
    CompareOperator.ne: operator.ne,
    CompareOperator.co: lambda left, right: right in left,
    CompareOperator.sw: lambda left, right: left.startswith(right),
    CompareOperator.ew: lambda left, right: left.endswith(right),
    CompareOperator.gt: operator.gt,
    CompareOperator.ge: operator.ge,
    CompareOperator.lt: operator.lt,
    CompareOperator.le: operator.le,
}
_ORDERING = {
    CompareOperator.gt: operator.gt,
    CompareOperator.ge: operator.ge,
    CompareOperator.lt: operator.lt,
    CompareOperator.le: operator.le,
}


def _key(binding: AttributeBinding) -> str:
    """The attribute a binding names, as the Python names of scim2-models (name.given_name)."""
    if binding.sub_field_name is None:
        return binding.field_name
    return f"{binding.field_name}.{binding.sub_field_name}"


def _in_utc(value: datetime) -> datetime:
    """``value`` in UTC; an instant before year 1 or after 9999 in UTC (0001-01-01 at +14:00,
    say) is clamped to the first or last one, which no row's date reaches."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        edge = datetime.min if value.year == datetime.min.year else datetime.max
        return edge.replace(tzinfo=UTC)


class SqlFilter(FilterVisitor[ColumnElement[bool]]):
    """One resource type's filter as a WHERE condition over ``attributes``."""

    def __init__(
        self,
        scim_filter: ScimFilter[Any],
        attributes: Mapping[str, Attribute],
        *,
        is_sqlite: bool,
    ) -> None:
        self.scim_filter = scim_filter
        self.attributes = attributes
        self.is_sqlite = is_sqlite
        self.prefix: AttrPath | None = None  # inside a value selection: its attribute

    def condition(self) -> ColumnElement[bool]:
        return self.visit(self.scim_filter.ast)

    # -- resolution ------------------------------------------------------

    def _path(self, attr_path: AttrPath) -> AttrPath:
        if self.prefix is None:
            return attr_path
        return AttrPath(attr=self.prefix.attr, sub_attr=attr_path.attr, uri=self.prefix.uri)

    def _attribute(self, attr_path: AttrPath, binding: AttributeBinding | None) -> Attribute:
        attribute = self.attributes.get(_key(binding)) if binding is not None else None
        if attribute is None:
            raise self._unmapped(self._path(attr_path))
        return attribute

    def _unmapped(self, attr_path: AttrPath) -> InvalidFilterException:
        names = ", ".join(attribute.name for attribute in self.attributes.values())
        return InvalidFilterException(
            detail=f"roster cannot filter on {attr_path}; it filters on {names}."
        )

    def _comparison_binding(self, attr_path: AttrPath) -> AttributeBinding | None:
        return self.scim_filter.resolve_comparison(self._path(attr_path), strict=True)

    # -- leaves -------------------------------------------------------------

    def visit_comparison(self, node: Comparison) -> ColumnElement[bool]:
        binding = self._comparison_binding(node.attr_path)
        attribute = self._attribute(node.attr_path, binding)
        assert binding is not None
        value = coerce_value(binding, node.value, node.op)
        if attribute.kind is Kind.CONSTANT:
            return self._constant(attribute.constant, node.op, value)
        assert attribute.column is not None
        column = attribute.column
        if value is None:
            return self._null(column, node.op)
        if attribute.kind is Kind.BOOLEAN:
            return self._boolean(column, node.op, value)
        if attribute.kind is Kind.ID:
            return self._id(node, column, value)
        if attribute.kind is Kind.DATE:
            return self._date(node, column, value)
        return self._text(attribute.kind, column, node.op, str(value))

    def visit_present(self, node: Present) -> ColumnElement[bool]:
        binding = self.scim_filter.resolve(self._path(node.attr_path), strict=True)
        if binding is not None and binding.sub_field_name is None:
            # A complex attribute is present when one of its mapped sub-attributes is.
            parts = [
                attribute
                for name, attribute in self.attributes.items()
                if name.startswith(f"{binding.field_name}.")
            ]
            if parts and binding.field_name not in self.attributes:
                return or_(*(self._present(part) for part in parts))
        return self._present(self._attribute(node.attr_path, binding))

    def _present(self, attribute: Attribute) -> ColumnElement[bool]:
        if attribute.kind is Kind.CONSTANT:
            return true() if attribute.constant not in (None, "") else false()
        assert attribute.column is not None
        column = attribute.column
        if attribute.kind in (Kind.FOLDED, Kind.LOWER, Kind.EXACT):
            return and_(column.is_not(None), column != "")
        return column.is_not(None)

    @staticmethod
    def _null(column: ColumnElement[Any], op: CompareOperator) -> ColumnElement[bool]:
        if op is CompareOperator.eq:
            return column.is_(None)
        if op is CompareOperator.ne:
            return column.is_not(None)
        return false()

    @staticmethod
    def _constant(constant: Any, op: CompareOperator, value: Any) -> ColumnElement[bool]:
        if isinstance(constant, str) and isinstance(value, str):
            constant, value = fold(constant), fold(value)
        elif isinstance(constant, str) != isinstance(value, str) and op is not CompareOperator.ne:
            return false()
        try:
            holds = _PYTHON_OPERATORS[op](constant, value)
        except TypeError:
            holds = False
        return true() if holds else false()

    @staticmethod
    def _boolean(
        column: ColumnElement[Any], op: CompareOperator, value: Any
    ) -> ColumnElement[bool]:
        condition = column if value else not_(column)
        return condition if op is CompareOperator.eq else not_(condition)

    @staticmethod
    def _id(node: Comparison, column: ColumnElement[Any], value: Any) -> ColumnElement[bool]:
        if node.op not in (CompareOperator.eq, CompareOperator.ne):
            raise InvalidFilterException(detail=f"{node.attr_path} compares with eq and ne only.")
        number = row_id(str(value))
        matches = column == number if number is not None else false()
        return matches if node.op is CompareOperator.eq else not_(matches)

    def _date(
        self, node: Comparison, column: ColumnElement[Any], value: Any
    ) -> ColumnElement[bool]:
        if not isinstance(value, datetime) or node.op in (
            CompareOperator.co,
            CompareOperator.sw,
            CompareOperator.ew,
        ):
            raise InvalidFilterException(
                detail=f"{node.attr_path} is a dateTime: compare it with eq, ne, gt, ge, lt or le."
            )
        moment = _in_utc(value)
        if node.op is CompareOperator.ne:
            return or_(column.is_(None), column != moment)
        if node.op is CompareOperator.eq:
            return and_(column.is_not(None), column == moment)
        return and_(column.is_not(None), _ORDERING[node.op](column, moment))

    def _text(
        self, kind: Kind, column: ColumnElement[Any], op: CompareOperator, value: str
    ) -> ColumnElement[bool]:
        if kind is Kind.FOLDED:
            value = fold(value)
        elif kind is Kind.LOWER:
            column, value = func.lower(column), value.lower()
        if op is CompareOperator.ne:
            return or_(column.is_(None), column != value)
        return and_(column.is_not(None), self._text_match(column, op, value))

    def _text_match(
        self, column: ColumnElement[Any], op: CompareOperator, value: str
    ) -> ColumnElement[bool]:
        # No LIKE: SQLite's ignores ASCII case (wrong for caseExact attributes) and its
        # wildcards would need escaping. Positions and substrings mean the same on both.
        length = len(value)
        if op is CompareOperator.eq:
            return column == value
        if op is CompareOperator.co:
            position = func.instr(column, value) if self.is_sqlite else func.strpos(column, value)
            return position > 0
        if op is CompareOperator.sw:
            return func.substr(column, 1, length) == value
        if op is CompareOperator.ew:
            start = func.length(column) - length + 1
            return and_(func.length(column) >= length, func.substr(column, start) == value)
        # Code-point order, as Python compares: PostgreSQL's "C" collation (SQLite's default).
        ordered = column if self.is_sqlite else column.collate("C")
        return _ORDERING[op](ordered, value)

    # -- composition ----------------------------------------------------------

    def visit_not(self, node: Not) -> ColumnElement[bool]:
        return not_(self.visit(node.expr))

    def visit_logical_expr(self, node: LogicalExpr) -> ColumnElement[bool]:
        terms = [self.visit(term) for term in node.terms]
        return and_(*terms) if node.op is LogicalOperator.and_ else or_(*terms)

    def visit_value_path(self, node: ValuePath) -> ColumnElement[bool]:
        # Only single-valued in roster (one email per user): the selection is its filter.
        binding = self.scim_filter.resolve(node.attr_path, strict=True)
        if (
            self.prefix is not None
            or binding is None
            or not any(key.startswith(f"{binding.field_name}.") for key in self.attributes)
        ):
            raise self._unmapped(node.attr_path)
        self.prefix = node.attr_path
        try:
            return self.visit(node.val_filter)
        finally:
            self.prefix = None
