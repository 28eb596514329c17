"""The tenant's numbers, page by page: for an admin choosing a number to give someone."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, and_, func, select, tuple_

from resolvers.phone_numbers.rows import phone_numbers
from resolvers.reader import Reader


@dataclass(frozen=True, slots=True)
class PhoneNumberPage:
    rows: list[Row[Any]]
    has_next_page: bool
    total_count: int


async def page_of_phone_numbers(
    reader: Reader,
    *,
    tenant_id: int,
    unassigned: bool | None,
    first: int,
    after: tuple[str, int] | None,
    with_total: bool = True,
) -> PhoneNumberPage:
    """Numbers in E.164 order, then id; ``unassigned`` True: those no user holds, False:
    those a user holds, None: all. ``after`` is the last (number, id) seen."""
    conditions: list[Any] = [phone_numbers.c.tenant_id == tenant_id]
    if unassigned is not None:
        held = phone_numbers.c.user_id
        conditions.append(held.is_(None) if unassigned else held.is_not(None))
    page_conditions = list(conditions)
    if after is not None:
        page_conditions.append(
            tuple_(phone_numbers.c.number, phone_numbers.c.id) > tuple_(after[0], after[1])
        )
    rows = list(
        await reader.rows(
            select(phone_numbers)
            .where(and_(*page_conditions))
            .order_by(phone_numbers.c.number, phone_numbers.c.id)
            .limit(first + 1)
        )
    )
    total = 0
    if with_total:
        count = select(func.count()).select_from(phone_numbers).where(and_(*conditions))
        total = int(await reader.scalar(count) or 0)
    return PhoneNumberPage(rows=rows[:first], has_next_page=len(rows) > first, total_count=total)
