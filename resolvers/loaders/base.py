"""Loader bases: one SQL statement per batch, always confined to the caller's tenant."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from aiodataloader import DataLoader
from sqlalchemy import Row, Select, select
from sqlmodel import SQLModel

from resolvers.reader import Reader


class TenantLoader(DataLoader[Any, Any]):
    def __init__(self, reader: Reader, tenant_id: int) -> None:
        super().__init__()
        self.reader = reader
        self.tenant_id = tenant_id


class RowByIdLoader(TenantLoader):
    """``model`` rows by primary key; None for ids absent from the caller's tenant."""

    model: ClassVar[type[SQLModel]]

    async def batch_load_fn(self, keys: Sequence[int]) -> list[Row[Any] | None]:
        table = self.model.__table__  # type: ignore[attr-defined]
        rows = await self.reader.rows(
            select(table).where(table.c.id.in_(keys), table.c.tenant_id == self.tenant_id)
        )
        by_id = {row.id: row for row in rows}
        return [by_id.get(key) for key in keys]


class RowsByKeyLoader(TenantLoader):
    """Lists of rows grouped by one key column, each list in ``order_by`` order."""

    model: ClassVar[type[SQLModel]]
    key: ClassVar[str]
    order_by: ClassVar[tuple[str, ...]] = ("id",)

    def statement(self, keys: Sequence[Any]) -> Select[Any]:
        table = self.model.__table__  # type: ignore[attr-defined]
        return (
            select(table)
            .where(table.c[self.key].in_(keys), table.c.tenant_id == self.tenant_id)
            .order_by(*(table.c[name] for name in self.order_by))
        )

    async def batch_load_fn(self, keys: Sequence[Any]) -> list[list[Row[Any]]]:
        rows = await self.reader.rows(self.statement(keys))
        return group_rows(keys, rows, lambda row: getattr(row, self.key))


def group_rows(keys: Iterable[Any], rows: Iterable[Row[Any]], key_of: Any) -> list[list[Row[Any]]]:
    grouped: dict[Any, list[Row[Any]]] = defaultdict(list)
    for row in rows:
        grouped[key_of(row)].append(row)
    return [grouped.get(key, []) for key in keys]
