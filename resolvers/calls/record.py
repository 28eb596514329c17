"""recordCalls: a batch of the product's calls, each accepted or refused on its own."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from resolvers.calls.records import (
    MAX_CALLS_PER_REQUEST,
    CallRecord,
    RecordCallsResult,
    RecordedCall,
)
from resolvers.calls.store import calls_by_external_id, insert_new_calls, users_in_tenant
from resolvers.calls.validation import call_field, same_call, validated_row
from resolvers.errors import UserErrorData, already_exists, invalid_input, not_found
from resolvers.transactions import system_transaction

TOO_MANY_CALLS = "At most {limit} calls at once; got {count}."
CONFLICTING_CALL = "A call with this externalId was recorded with other values."


async def record_calls(
    database: Database, *, tenant_id: int, calls: Sequence[CallRecord], now: datetime
) -> RecordCallsResult:
    """Record ``calls`` for the tenant, answering one result per call in input order.

    Valid calls are written in one transaction by one multi-row insert; the statements
    are the same few for 1 call or 1,000. Idempotent by external id per tenant: a call
    already stored with the same values is answered ``recorded`` False with the stored
    row (a retried batch counts once), with other values it is ALREADY_EXISTS; within a
    batch the first valid call of an external id counts and its repeats are judged
    against it the same way. More than ``MAX_CALLS_PER_REQUEST`` calls are refused
    whole, and nothing is written.
    """
    if len(calls) > MAX_CALLS_PER_REQUEST:
        message = TOO_MANY_CALLS.format(limit=MAX_CALLS_PER_REQUEST, count=len(calls))
        return RecordCallsResult(user_errors=[invalid_input(message, ("input", "calls"))])
    results: list[RecordedCall] = []
    valid: dict[int, dict[str, Any]] = {}
    for index, record in enumerate(calls):
        checked = validated_row(record, index=index, tenant_id=tenant_id, now=now)
        result = RecordedCall(external_id=_shown_id(record.external_id, checked))
        if isinstance(checked, list):
            result.user_errors = checked
        elif record.user_id is None:
            result.user_errors = [not_found(call_field(index, "userId"))]
        else:
            valid[index] = checked
        results.append(result)
    if valid:
        outcomes = await system_transaction(
            database,
            lambda session: _write(
                session, is_sqlite=database.is_sqlite, tenant_id=tenant_id, valid=valid
            ),
        )
        for index, outcome in outcomes.items():
            result = results[index]
            result.call, result.recorded, result.user_errors = outcome
    return RecordCallsResult(results=results)


def _shown_id(external_id: Any, checked: dict[str, Any] | list[Any]) -> str:
    """The external id a result names: as stored (trimmed) when valid, else as given."""
    if isinstance(checked, dict):
        return str(checked["external_id"])
    return external_id if isinstance(external_id, str) else ""


Outcome = tuple[Any, bool, list[UserErrorData]]  # the stored call, recorded, refusals


async def _write(
    session: AsyncSession, *, is_sqlite: bool, tenant_id: int, valid: dict[int, dict[str, Any]]
) -> dict[int, Outcome]:
    """Each valid call's outcome by its index; nothing outside is touched, so a retried
    transaction starts afresh."""
    known_users = await users_in_tenant(
        session, tenant_id=tenant_id, user_ids={row["user_id"] for row in valid.values()}
    )
    outcomes: dict[int, Outcome] = {}
    # The first call of each external id goes in; later ones are judged against what is kept.
    first_by_external_id: dict[str, int] = {}
    for index, row in valid.items():
        if row["user_id"] not in known_users:
            outcomes[index] = (None, False, [not_found(call_field(index, "userId"))])
        else:
            first_by_external_id.setdefault(row["external_id"], index)
    inserted = await insert_new_calls(
        session, is_sqlite=is_sqlite, rows=[valid[index] for index in first_by_external_id.values()]
    )
    stored = {row.external_id: row for row in inserted}
    stored.update(
        await calls_by_external_id(
            session,
            tenant_id=tenant_id,
            external_ids=[key for key in first_by_external_id if key not in stored],
        )
    )
    inserted_indexes = {first_by_external_id[row.external_id] for row in inserted}
    for index, row in valid.items():
        if index in outcomes:
            continue
        call = stored[row["external_id"]]
        if same_call(row, call):
            outcomes[index] = (call, index in inserted_indexes, [])
        else:
            conflict = already_exists(CONFLICTING_CALL, call_field(index, "externalId"))
            outcomes[index] = (None, False, [conflict])
    return outcomes
