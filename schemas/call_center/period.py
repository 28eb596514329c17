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
    """Refuse periods whose ends are out of order (the DateTime scalar makes each an
    instant with an offset)."""
    if end < start:
        raise invalid_input_error("`to` must not be before `from`.")
