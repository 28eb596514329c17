"""What the domain reports as it decides, for whoever observes it (metrics count it, the
log writes it): a tiny interface, so that resolvers/ imports no metrics or logging setup.

A change is reported once its transaction commits (never for one rolled back); an
unchanged or refused one at once; a dry run's at once, marked as a dry run.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import call_after_commit
from db.enums import ActorKind, UserStatus

# session.info key: the write transaction is a dry run's, which is never committed.
_DRY_RUN_KEY = "roster_dry_run"


class StatusOutcome(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class StatusChangeReport:
    """One status change the domain decided: who acted (by kind), on whom, with what end."""

    tenant_id: int
    user_id: int
    target: UserStatus
    actor_kind: ActorKind
    outcome: StatusOutcome
    dry_run: bool
    # The user error's code when refused (LAST_ADMIN, CANNOT_DEACTIVATE_SELF, ...).
    refusal_code: str | None = None


class DomainObserver(Protocol):
    def status_change(self, report: StatusChangeReport) -> None:
        """Called on the event loop's thread: it must not block, and must not raise."""


_observers: list[DomainObserver] = []


def add_domain_observer(observer: DomainObserver) -> None:
    if observer not in _observers:
        _observers.append(observer)


def remove_domain_observer(observer: DomainObserver) -> None:
    if observer in _observers:
        _observers.remove(observer)


def mark_dry_run(session: AsyncSession) -> None:
    session.sync_session.info[_DRY_RUN_KEY] = True


def is_dry_run(session: AsyncSession) -> bool:
    return bool(session.sync_session.info.get(_DRY_RUN_KEY))


def _notify(report: StatusChangeReport) -> None:
    for observer in list(_observers):
        observer.status_change(report)


def report_status_change(session: AsyncSession, report: StatusChangeReport) -> None:
    """Tell the observers of ``report``: a real change once ``session`` commits."""
    if report.outcome is StatusOutcome.CHANGED and not report.dry_run:
        call_after_commit(session, lambda: _notify(report))
    else:
        _notify(report)
