"""The domain's counters, from its status change reports (resolvers/observe.py).

The domain keeps one list of observers for the process; each app's metrics join it
through one weakly held fan-in, so an app that is gone (a test's) stops counting and is
not kept alive by the list.
"""

import weakref

from prometheus_client import CollectorRegistry, Counter

from db.enums import UserStatus
from resolvers.observe import StatusChangeReport, StatusOutcome, add_domain_observer

ACTIONS = {UserStatus.ACTIVE: "activate", UserStatus.DEACTIVATED: "deactivate"}


class DomainMetrics:
    """Activations and deactivations by actor kind and outcome, dry runs, guard refusals."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.changes = Counter(
            "roster_status_changes",
            "Status changes asked for (dry runs not counted), by action (activate or "
            "deactivate), who asked (actor_kind: USER, CLI, SCHEDULE, PROVISIONING) and "
            "outcome (changed, unchanged, refused). A change counts once committed.",
            ["action", "actor_kind", "outcome"],
            registry=registry,
        )
        self.dry_runs = Counter(
            "roster_status_dry_runs",
            "Status change dry runs, by action.",
            ["action"],
            registry=registry,
        )
        self.refusals = Counter(
            "roster_status_refusals",
            "Status changes a guard refused (dry runs included), by the refusal's code "
            "(LAST_ADMIN, CANNOT_DEACTIVATE_SELF, ...).",
            ["code"],
            registry=registry,
        )
        _FAN_IN.add(self)

    def status_change(self, report: StatusChangeReport) -> None:
        action = ACTIONS.get(report.target, "other")
        if report.dry_run:
            self.dry_runs.labels(action).inc()
        else:
            self.changes.labels(action, report.actor_kind.value, report.outcome.value).inc()
        if report.outcome is StatusOutcome.REFUSED:
            self.refusals.labels(report.refusal_code or "UNKNOWN").inc()


class _DomainFanIn:
    """The one domain observer of the process: hands each report to every live app's."""

    def __init__(self) -> None:
        self._metrics: weakref.WeakSet[DomainMetrics] = weakref.WeakSet()
        self._joined = False

    def add(self, metrics: DomainMetrics) -> None:
        self._metrics.add(metrics)
        if not self._joined:
            add_domain_observer(self)
            self._joined = True

    def status_change(self, report: StatusChangeReport) -> None:
        for metrics in list(self._metrics):
            metrics.status_change(report)


_FAN_IN = _DomainFanIn()
