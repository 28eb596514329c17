"""The runner: claims due changes and runs each through the one status code path.

Exactly once, however many processes run it: each change is claimed and run in ONE
write transaction. On PostgreSQL the claim is ``SELECT ... FOR UPDATE SKIP LOCKED`` on
due PENDING rows: a second runner skips a row being run, and a row committed DONE no
longer matches ``state = 'PENDING'`` (PostgreSQL re-checks the condition on the row's
newest version once locked). On SQLite a write transaction begins IMMEDIATE, holding the
database's one write lock: runners take turns, and each sees the state the previous
one committed. See docs/scheduling.md.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, exists, or_, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.engine import Database
from db.enums import ActorKind, Role, ScheduledChangeState, UserStatus, UserStatusAction
from db.models import ScheduledStatusChange, Tenant, User
from resolvers.audit.actor import Actor
from resolvers.errors import UserErrorCode, UserErrorData, UserErrorRaised, forbidden
from resolvers.schedule.attempts import Attempts
from resolvers.status.change import apply_status_change
from resolvers.tokens import Caller
from resolvers.transactions import system_transaction

logger = logging.getLogger(__name__)

_changes = ScheduledStatusChange.__table__  # type: ignore[attr-defined]
_users = User.__table__  # type: ignore[attr-defined]
_tenants = Tenant.__table__  # type: ignore[attr-defined]
MAX_MESSAGE = 500
CREATOR_NOT_ADMIN = "The admin who scheduled this change is no longer an active admin."
INTERNAL_MESSAGE = "The change met an unexpected error {attempts} times; see the server's log."


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """What one claimed change ended as: DONE or FAILED (an unexpected error: None)."""

    change_id: int
    state: ScheduledChangeState | None
    error_code: str | None = None


async def run_due_changes(
    database: Database, *, now: datetime, limit: int = 100, attempts: Attempts | None = None
) -> list[RunOutcome]:
    """Run up to ``limit`` changes due at ``now``, each in its own transaction, soonest
    first; answers what each ended as. ``attempts`` remembers unexpected errors across
    calls (the loop keeps one); without it each call starts afresh.
    """
    attempts = attempts if attempts is not None else Attempts()
    outcomes: list[RunOutcome] = []
    for _ in range(limit):
        outcome = await _run_next(database, now=now, attempts=attempts)
        if outcome is None:
            break
        outcomes.append(outcome)
    return outcomes


async def _run_next(database: Database, *, now: datetime, attempts: Attempts) -> RunOutcome | None:
    held_back = attempts.held_back(now)
    # Most polls find nothing due: ask on a read connection first, so that an idle
    # scheduler never takes SQLite's one write lock (nor a PostgreSQL write transaction).
    if not await _anything_due(database, now=now, held_back=held_back):
        return None
    claimed: list[int] = []

    async def transaction(session: AsyncSession) -> RunOutcome | None:
        claimed.clear()
        row = await _claim(session, database, now=now, held_back=held_back)
        if row is None:
            return None
        claimed.append(row.id)
        return await _run_claimed(session, database, row, now=now)

    try:
        outcome = await system_transaction(database, transaction)
    except Exception as error:
        if not claimed or (isinstance(error, DBAPIError) and error.connection_invalidated):
            raise  # the database itself is in trouble: the loop backs off
        change_id = claimed[0]
        logger.exception("roster scheduler: change %s met an unexpected error", change_id)
        if attempts.failed(change_id, now):
            await _mark_internal(database, change_id=change_id, now=now, attempts=attempts)
            return RunOutcome(change_id, ScheduledChangeState.FAILED, UserErrorCode.INTERNAL)
        return RunOutcome(change_id, None)
    if outcome is not None:
        attempts.forget(outcome.change_id)
    return outcome


async def _anything_due(database: Database, *, now: datetime, held_back: list[int]) -> bool:
    """Whether some PENDING change is due at ``now`` (the claim decides which, if any)."""
    statement = select(_changes.c.id).where(
        _changes.c.state == ScheduledChangeState.PENDING.value, _changes.c.at <= now
    )
    if held_back:
        statement = statement.where(_changes.c.id.not_in(held_back))
    async with database.session() as session:
        return (await session.scalar(statement.limit(1))) is not None


async def _claim(
    session: AsyncSession, database: Database, *, now: datetime, held_back: list[int]
) -> Row[Any] | None:
    """The soonest due PENDING change no other runner holds, locked for this transaction.

    A change waits while an earlier one of the same user is pending (being run by
    another runner, or held back), so one user's changes run in the order of ``at``.
    """
    pending = ScheduledChangeState.PENDING.value
    earlier = aliased(ScheduledStatusChange.__table__)  # type: ignore[attr-defined]
    statement = (
        select(_changes)
        .where(
            _changes.c.state == pending,
            _changes.c.at <= now,
            ~exists().where(
                earlier.c.user_id == _changes.c.user_id,
                earlier.c.state == pending,
                or_(
                    earlier.c.at < _changes.c.at,
                    and_(earlier.c.at == _changes.c.at, earlier.c.id < _changes.c.id),
                ),
            ),
        )
        .order_by(_changes.c.at, _changes.c.id)
        .limit(1)
    )
    if held_back:
        statement = statement.where(_changes.c.id.not_in(held_back))
    if not database.is_sqlite:
        statement = statement.with_for_update(of=_changes, skip_locked=True)
    row = (await session.execute(statement)).first()
    # Belt and braces: the lock (or SQLite's write lock) makes any other state impossible.
    if row is not None and row.state != pending:
        return None
    return row


async def _run_claimed(
    session: AsyncSession, database: Database, row: Row[Any], *, now: datetime
) -> RunOutcome:
    """Run the claimed change as its creator; a refusal is recorded, not retried."""
    creator = await creator_of(session, row)
    error: UserErrorData | None = None
    status_event_id: int | None = None
    changed = False
    if creator is None or not creator.is_admin or creator.status is not UserStatus.ACTIVE:
        error = forbidden(CREATOR_NOT_ADMIN)
    else:
        try:
            async with session.begin_nested():
                change = await apply_status_change(
                    session,
                    database=database,
                    caller=creator,
                    tenant_id=row.tenant_id,
                    user_id=row.user_id,
                    target=UserStatus.ACTIVE
                    if row.action == UserStatusAction.ACTIVATED
                    else UserStatus.DEACTIVATED,
                    reassign_rules_to=row.reassign_rules_to_id,
                    reassign_given=row.reassign_rules_to_id is not None,
                    actor=Actor(ActorKind.SCHEDULE, creator.user_id),
                )
        except UserErrorRaised as raised:
            error = raised.error
        else:
            changed, status_event_id = change.changed, change.event_id
    state = ScheduledChangeState.FAILED if error else ScheduledChangeState.DONE
    await session.execute(
        update(_changes)
        .where(_changes.c.id == row.id)
        .values(
            state=state.value,
            ran_at=now,
            changed=None if error else changed,
            status_event_id=status_event_id,
            error_code=error.code.value if error else None,
            error_message=error.message[:MAX_MESSAGE] if error else None,
        )
    )
    return RunOutcome(row.id, state, error.code.value if error else None)


async def creator_of(session: AsyncSession, row: Row[Any]) -> Caller | None:
    """Whoever scheduled ``row``, as the database says now (role and status of today)."""
    found = (
        await session.execute(
            select(_users.c.id, _users.c.tenant_id, _users.c.role, _users.c.status)
            .add_columns(_tenants.c.time_zone)
            .join(_tenants, _tenants.c.id == _users.c.tenant_id)
            .where(_users.c.id == row.created_by_id, _users.c.tenant_id == row.tenant_id)
        )
    ).first()
    if found is None:
        return None
    return Caller(
        user_id=found.id,
        tenant_id=found.tenant_id,
        role=Role(found.role),
        status=UserStatus(found.status),
        time_zone=found.time_zone,
    )


async def _mark_internal(
    database: Database, *, change_id: int, now: datetime, attempts: Attempts
) -> None:
    async def transaction(session: AsyncSession) -> None:
        await session.execute(
            update(_changes)
            .where(
                _changes.c.id == change_id,
                _changes.c.state == ScheduledChangeState.PENDING.value,
            )
            .values(
                state=ScheduledChangeState.FAILED.value,
                ran_at=now,
                error_code=UserErrorCode.INTERNAL.value,
                error_message=INTERNAL_MESSAGE.format(attempts=attempts.max_attempts),
            )
        )

    await system_transaction(database, transaction)
    attempts.forget(change_id)
