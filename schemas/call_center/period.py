"""The ``from``/``to`` arguments of the Call Center report."""

from datetime import datetime
from typing import Annotated

import strawberry

from schemas.errors import invalid_input_error

PeriodStart = Annotated[
    datetime, strawberry.argument(name="from", description="Start of the period, included.")
]
PeriodEnd = Annotated[
    datetime, strawberry.argument(name="to", description="End of the period, excluded.")
]


def check_period(start: datetime, end: datetime) -> None:
    """Refuse periods that do not name two instants in order."""
    if start.tzinfo is None or end.tzinfo is None:
        raise invalid_input_error(
            "`from` and `to` need a UTC offset, e.g. 2026-11-24T09:30:00+09:00."
        )
    if end < start:
        raise invalid_input_error("`to` must not be before `from`.")
