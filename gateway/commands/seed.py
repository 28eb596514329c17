"""``roster seed --demo``: the demo tenants, with a progress bar on stderr."""

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from db.engine import Database
from db.seed import SeedReport, seed_demo


def _has_tenants_table(connection: Connection) -> bool:
    return inspect(connection).has_table("tenants")


async def seed_demo_with_progress(
    database_url: str, *, users: int, calls: int, console: Console | None = None
) -> SeedReport:
    """Seed the demo into ``database_url``; LookupError when it was never migrated."""
    database = Database(database_url)
    try:
        async with database.engine.connect() as connection:
            if not await connection.run_sync(_has_tenants_table):
                raise LookupError("the database has no tables yet: run `roster db upgrade` first")
        progress = Progress(
            TextColumn("{task.description:<20}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console or Console(stderr=True),
            transient=True,
        )
        tasks: dict[str, TaskID] = {}

        def show(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], completed=done, total=total)

        with progress:
            return await seed_demo(database, users=users, calls=calls, progress=show)
    finally:
        await database.dispose()
