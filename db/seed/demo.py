"""``seed_demo``: the demo tenants acme and globex, the same rows on every run."""

import time
from collections.abc import Iterator
from contextlib import nullcontext
from datetime import UTC, datetime
from itertools import chain
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from db.engine import WRITE_OPTION, Database
from db.models import (
    Call,
    Comment,
    CommentMention,
    GroupMembership,
    IncomingCallRule,
    Meeting,
    PhoneNumber,
    Seat,
    Tenant,
    User,
    UserGroup,
    UserStatusEvent,
    VideoIntegration,
)
from db.seed.bulk import CHUNK_SIZE, BulkWriter, Progress, advance_id_sequences
from db.seed.ids import IdCounters
from db.seed.report import SeedReport
from db.seed.spec import acme_spec, globex_spec
from db.seed.tenant import TenantPlan, plan_tenant
from db.seed.unchecked_load import unchecked_load

DEFAULT_SEED = 20261128
DEMO_TENANT = "acme"
# Any fixed key: concurrent seeds on PostgreSQL wait here, then find acme and skip.
_ADVISORY_LOCK = 7_265_401_113

_tenants: Table = Tenant.__table__  # type: ignore[attr-defined]
# In foreign-key order; each planned in memory (they grow with users, not activity).
_PLANNED_TABLES: list[Table] = [
    model.__table__  # type: ignore[attr-defined,union-attr]
    for model in (
        User,
        UserGroup,
        GroupMembership,
        PhoneNumber,
        IncomingCallRule,
        VideoIntegration,
        Seat,
        UserStatusEvent,
    )
]
_calls: Table = Call.__table__  # type: ignore[attr-defined]
_meetings: Table = Meeting.__table__  # type: ignore[attr-defined]
_comments: Table = Comment.__table__  # type: ignore[attr-defined]
_mentions: Table = CommentMention.__table__  # type: ignore[attr-defined]
# Grow with activity: written with COPY, their foreign keys checked once (PostgreSQL).
_LARGE_TABLES = [_calls, _meetings, _comments, _mentions]
_ID_TABLES = [
    table for table in (_tenants, *_PLANNED_TABLES, _calls, _meetings, _comments) if "id" in table.c
]
_REPORTED = [
    table.name for table in (_tenants, *_PLANNED_TABLES, _calls, _meetings, _comments, _mentions)
]


def this_hour() -> datetime:
    """Now, to the hour: two seeds in one session draw the very same timestamps."""
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


async def seed_demo(
    database: Database,
    *,
    users: int = 60,
    calls: int = 5000,
    random_seed: int = DEFAULT_SEED,
    now: datetime | None = None,
    progress: Progress | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> SeedReport:
    """Insert the demo tenants, or nothing when tenant ``acme`` already exists.

    Everything happens in one transaction, so a run that fails leaves no half demo
    that a later run would take for a finished one.
    """
    now = this_hour() if now is None else now
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    specs = [acme_spec(users=users, calls=calls), globex_spec()]
    started = time.perf_counter()
    writer_engine = database.engine.execution_options(**{WRITE_OPTION: True})
    async with writer_engine.begin() as connection:
        if not database.is_sqlite:
            await connection.execute(select(func.pg_advisory_xact_lock(_ADVISORY_LOCK)))
        if await _demo_exists(connection):
            return SeedReport(skipped=True)
        ids = await IdCounters.after_existing(connection, _ID_TABLES)
        plans = [plan_tenant(spec, random_seed=random_seed, ids=ids, now=now) for spec in specs]
        writer = BulkWriter(connection, chunk_size=chunk_size, progress=progress)
        await _insert_all(writer, plans)
        if not database.is_sqlite:
            await advance_id_sequences(connection, _ID_TABLES)
    counts = writer.counts
    return SeedReport(
        skipped=False,
        deactivated_users=sum(1 for plan in plans for user in plan.users if not user.active),
        seconds=time.perf_counter() - started,
        **{table: counts.get(table, 0) for table in _REPORTED},
    )


async def _demo_exists(connection: AsyncConnection) -> bool:
    found = await connection.scalar(select(_tenants.c.id).where(_tenants.c.slug == DEMO_TENANT))
    return found is not None


async def _insert_all(writer: BulkWriter, plans: list[TenantPlan]) -> None:
    await writer.insert(_tenants, [plan.tenant_row for plan in plans], total=len(plans))
    for table in _PLANNED_TABLES:
        rows = [row for plan in plans for row in plan.rows[table.name]]
        await writer.insert(table, rows, total=len(rows))
    loading = (
        unchecked_load(
            writer.connection, _LARGE_TABLES, tenant_ids=lambda: [p.tenant_id for p in plans]
        )
        if writer.copies
        else nullcontext()
    )
    async with loading:
        await _insert_activity(writer, plans)


async def _insert_activity(writer: BulkWriter, plans: list[TenantPlan]) -> None:
    call_rows: Iterator[dict[str, Any]] = chain.from_iterable(plan.calls.rows() for plan in plans)
    await writer.insert(_calls, call_rows, total=sum(plan.spec.calls for plan in plans), large=True)
    meeting_rows = chain.from_iterable(plan.meetings for plan in plans)
    await writer.insert(
        _meetings, meeting_rows, total=sum(plan.meeting_total for plan in plans), large=True
    )
    comments = [row for plan in plans for row in plan.calls.comments]
    await writer.insert(_comments, comments, total=len(comments), large=True)
    mentions = [row for plan in plans for row in plan.calls.mentions]
    await writer.insert(_mentions, mentions, total=len(mentions), large=True)
