"""Loaders of scheduled status changes."""

from functools import cache
from typing import Any

from sqlalchemy import Select, select

from db.models import ScheduledStatusChange
from resolvers.loaders.base import RowByIdLoader, RowsByKeyLoader
from resolvers.parameters import KEYS, TENANT_ID


class ScheduledStatusChangeByIdLoader(RowByIdLoader):
    model = ScheduledStatusChange


class ScheduledStatusChangesByUserIdLoader(RowsByKeyLoader):
    """Soonest first (then by id), as the User's ``scheduledStatusChanges`` shows them."""

    model = ScheduledStatusChange
    key = "user_id"

    @classmethod
    @cache
    def statement(cls) -> Select[Any]:
        table = ScheduledStatusChange.__table__  # type: ignore[attr-defined]
        return (
            select(table)
            .where(table.c.user_id.in_(KEYS), table.c.tenant_id == TENANT_ID)
            .order_by(table.c.at, table.c.id)
        )
