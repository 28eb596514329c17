"""The log's own lines: one per request (or WebSocket subscription) once it is answered,
one per status change the domain decides. Ids, codes and counts only: never a
variable, the query's text, an email or a token."""

import logging

from gateway.telemetry.log_text import REQUEST, STATUS_CHANGE
from gateway.telemetry.request_context import current_request_id
from gateway.telemetry.request_record import RequestObservers, RequestRecord
from resolvers.observe import StatusChangeReport, add_domain_observer

REQUEST_LOGGER = "roster.request"
STATUS_CHANGE_LOGGER = "roster.status_change"

request_logger = logging.getLogger(REQUEST_LOGGER)
status_change_logger = logging.getLogger(STATUS_CHANGE_LOGGER)


class RequestLog:
    """Writes one line per finished request."""

    def request_finished(self, record: RequestRecord) -> None:
        request_logger.info(
            "request",
            extra={
                "event": REQUEST,
                "request_id": record.request_id,
                "endpoint": record.endpoint,
                "transport": record.transport,
                "operation_name": record.operation_name,
                "operation_type": record.operation_type,
                "tenant_id": record.tenant_id,
                "status": record.status,
                "error_codes": list(record.error_codes),
                "duration_ms": round(record.duration_seconds * 1000, 3),
                "statements": record.statements,
            },
        )


class StatusChangeLog:
    """Writes one line per status change, with the id of the request it happened in (none
    for the worker's scheduled changes)."""

    def status_change(self, report: StatusChangeReport) -> None:
        status_change_logger.info(
            "status change",
            extra={
                "event": STATUS_CHANGE,
                "request_id": current_request_id(),
                "tenant_id": report.tenant_id,
                "user_id": report.user_id,
                "target": report.target.value,
                "actor_kind": report.actor_kind.value,
                "outcome": report.outcome.value,
                "dry_run": report.dry_run,
                "refusal_code": report.refusal_code,
            },
        )


# One status-change log per process: the domain's observers are the process's.
STATUS_CHANGE_LOG = StatusChangeLog()


def log_status_changes() -> None:
    add_domain_observer(STATUS_CHANGE_LOG)


def log_requests(observers: RequestObservers) -> None:
    observers.add(RequestLog())
