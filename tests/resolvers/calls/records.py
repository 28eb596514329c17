"""Calls as the product sends them, and results as plain data to compare exactly."""

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from db.enums import Role, UserStatus
from db.models import Tenant, User
from resolvers.calls.records import CallRecord, RecordCallsResult
from resolvers.tokens import Caller

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
STARTED = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def call_record(user: User | None, external_id: str, **changes: Any) -> CallRecord:
    record = CallRecord(
        external_id=external_id,
        user_id=user.id if user is not None else None,
        direction="OUTBOUND",
        started_at=STARTED,
        duration_seconds=60,
        counterpart_number="+81312345678",
    )
    return replace(record, **changes)


def service_caller(tenant: Tenant) -> Caller:
    """The tenant's product service, as a service token's request sees it."""
    assert tenant.id is not None
    return Caller(
        user_id=None,
        tenant_id=tenant.id,
        role=Role.MEMBER,
        status=UserStatus.ACTIVE,
        time_zone=tenant.time_zone,
    )


def outcomes(result: RecordCallsResult) -> list[tuple[Any, ...]]:
    """Each result as (externalId, recorded, call id or None, [(code, field)])."""
    return [
        (
            item.external_id,
            item.recorded,
            item.call.id if item.call is not None else None,
            [(str(error.code), error.field) for error in item.user_errors],
        )
        for item in result.results
    ]


def field(index: int, name: str) -> tuple[str, ...]:
    return ("input", "calls", str(index), name)
