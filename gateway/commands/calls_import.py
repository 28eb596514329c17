"""``roster calls import FILE``: a file of calls through recordCalls' own function, in
batches each committed as it goes (a re-run records nothing twice), with a progress bar."""

import os
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from sqlalchemy import select
from sqlmodel import col

from db.engine import Database
from db.models import Tenant
from db.types import utcnow
from gateway.commands.call_lines import CallLine, csv_lines, ndjson_lines
from resolvers.calls.record import record_calls
from resolvers.calls.records import MAX_CALLS_PER_REQUEST, RecordedCall
from resolvers.errors import UserErrorData


class CallsFormat(StrEnum):
    NDJSON = "ndjson"
    CSV = "csv"


_FORMATS_BY_SUFFIX = {
    ".ndjson": CallsFormat.NDJSON,
    ".jsonl": CallsFormat.NDJSON,
    ".csv": CallsFormat.CSV,
}


def format_of(path: Path, given: CallsFormat | None) -> CallsFormat:
    """``given``, else the format the file's extension names; LookupError when neither."""
    if given is not None:
        return given
    found = _FORMATS_BY_SUFFIX.get(path.suffix.lower())
    if found is None:
        raise LookupError(
            f"cannot tell the format of {path.name} from its extension: pass --format ndjson|csv"
        )
    return found


@dataclass(slots=True)
class ImportReport:
    recorded: int = 0
    already_recorded: int = 0
    rejected: int = 0

    def summary(self) -> str:
        return (
            f"recorded {self.recorded}, already recorded {self.already_recorded}, "
            f"rejected {self.rejected}"
        )


def _said(error: UserErrorData) -> str:
    """The error as a line of the file reads: the field named once."""
    name = error.field[-1] if error.field else ""
    if not name or name.isdigit() or error.message.startswith(name):
        return error.message
    return f"{name}: {error.message}"


def _rejection(number: int, message: str) -> tuple[int, str]:
    return number, f"line {number}: {message}"


class _Importer:
    def __init__(
        self, database: Database, tenant_id: int, batch_size: int, console: Console
    ) -> None:
        self.database = database
        self.tenant_id = tenant_id
        self.batch_size = batch_size
        self.console = console
        self.report = ImportReport()
        self.batch: list[CallLine] = []
        self.problems: list[tuple[int, str]] = []

    async def take(self, lines: Iterator[CallLine]) -> None:
        for line in lines:
            if line.record is None:
                self.problems.append(_rejection(line.number, line.problem or "no call"))
                continue
            self.batch.append(line)
            if len(self.batch) >= self.batch_size:
                await self.flush()
        await self.flush()

    async def flush(self) -> None:
        """Record the batch in one transaction, then show its rejections in line order
        with those of the lines read meanwhile."""
        rejections = self.problems
        if self.batch:
            result = await record_calls(
                self.database,
                tenant_id=self.tenant_id,
                calls=[line.record for line in self.batch if line.record is not None],
                now=utcnow(),
            )
            for line, item in zip(self.batch, result.results, strict=True):
                self._count(line, item, rejections)
        self.report.rejected += len(rejections)
        for _, message in sorted(rejections):
            self.console.print(message, markup=False, highlight=False, soft_wrap=True)
        self.batch, self.problems = [], []

    def _count(self, line: CallLine, item: RecordedCall, rejections: list[tuple[int, str]]) -> None:
        if item.user_errors:
            said = " ".join(_said(error) for error in item.user_errors)
            rejections.append(_rejection(line.number, said))
        elif item.recorded:
            self.report.recorded += 1
        else:
            self.report.already_recorded += 1


async def import_calls(
    database_url: str,
    path: Path,
    *,
    tenant: str,
    file_format: CallsFormat,
    batch_size: int = MAX_CALLS_PER_REQUEST,
    console: Console | None = None,
) -> ImportReport:
    """Record the calls of ``path`` in ``tenant`` (its slug); rejected lines go to the
    console (stderr) as ``line N: why``. LookupError for an unknown tenant."""
    console = console or Console(stderr=True)
    database = Database(database_url)
    try:
        async with database.session() as session:
            tenant_id = await session.scalar(
                select(col(Tenant.id)).where(col(Tenant.slug) == tenant)
            )
        if tenant_id is None:
            raise LookupError(f"no tenant {tenant!r}")
        importer = _Importer(database, tenant_id, batch_size, console)
        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TextColumn("{task.fields[lines]} lines"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            # A log or a pipe gets the lines and the summary, not the bar's frames.
            disable=not console.is_terminal,
        )
        with path.open("rb") as stream, progress:
            task = progress.add_task(
                f"importing {path.name}", total=os.fstat(stream.fileno()).st_size, lines=0
            )

            def consumed(size: int) -> None:
                progress.advance(task, size)

            read = ndjson_lines if file_format is CallsFormat.NDJSON else csv_lines

            def counted() -> Iterator[CallLine]:
                for line in read(stream, consumed):
                    progress.update(task, lines=line.number)
                    yield line

            await importer.take(counted())
        return importer.report
    finally:
        await database.dispose()
