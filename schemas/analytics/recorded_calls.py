"""recordCalls' input and payload: the Phone product's calls, with a result per call."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import strawberry

from resolvers.calls.records import RecordCallsResult, RecordedCall
from schemas.analytics.types import Call
from schemas.enums import CallDirection
from schemas.errors import UserError, user_errors
from schemas.subgraph import owned_by


@strawberry.input(description="One call the product made or answered.")
class RecordCallInput:
    external_id: str = strawberry.field(
        description="The product's own id of the call, unique in the tenant: 1 to 200 "
        "characters once spaces around it are trimmed, no control characters. Recording "
        "it again with the same values changes nothing."
    )
    user_id: strawberry.ID = strawberry.field(
        description="The user who made or answered the call; deactivated users' calls are "
        "accepted (calls in flight end after a deactivation)."
    )
    direction: CallDirection = strawberry.field(
        description="INBOUND: answered by the user; OUTBOUND: made by the user."
    )
    started_at: datetime = strawberry.field(
        description="When the call began: not before 1970-01-01, at most 5 minutes from now."
    )
    duration_seconds: int = strawberry.field(description="How long it lasted: 0 to 86,400.")
    counterpart_number: str = strawberry.field(
        description="The other party's number: 1 to 32 characters once trimmed."
    )


def _call_input_from(cls: type, value: Mapping[str, Any], _: Any) -> RecordCallInput:
    """RecordCallInput from graphql-core's coerced value, whose fields are all leaves it
    has already parsed: Strawberry's generic conversion would walk each of the 1,000
    inputs field by field again (most of a batch's time)."""
    return cls(
        external_id=value["externalId"],
        user_id=value["userId"],
        direction=value["direction"],
        started_at=value["startedAt"],
        duration_seconds=value["durationSeconds"],
        counterpart_number=value["counterpartNumber"],
    )


RecordCallInput.__strawberry_definition__.from_input = _call_input_from  # type: ignore[attr-defined]


@strawberry.input(description="Calls to record, at most 1,000.")
class RecordCallsInput:
    calls: list[RecordCallInput] = strawberry.field(
        description="The calls, at most 1,000; each is accepted or refused on its own."
    )


@owned_by("analytics", except_fields=())
@strawberry.type(description="What became of one call of the input.")
class RecordCallResult:
    external_id: str = strawberry.field(description="The call's externalId, trimmed.")
    call: Call | None = strawberry.field(
        description="The stored call: new, or the one recorded earlier with this externalId."
    )
    recorded: bool = strawberry.field(
        description="True when this request stored the call; false when it was already "
        "recorded (a retry) or refused."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the call was refused.")

    @classmethod
    def of(cls, result: RecordedCall) -> "RecordCallResult":
        return cls(
            external_id=result.external_id,
            call=Call.from_row(result.call) if result.call is not None else None,
            recorded=result.recorded,
            user_errors=user_errors(result.user_errors),
        )


@owned_by("analytics", except_fields=())
@strawberry.type(description="One result per call, in input order, and the counts.")
class RecordCallsPayload:
    recorded_count: int = strawberry.field(description="Calls this request stored.")
    already_recorded_count: int = strawberry.field(
        description="Calls stored before with the same values: retries, counted once."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Refusals of the whole input (not allowed, more than 1,000 calls); "
        "then nothing was written."
    )
    # A product service often asks for the counts alone: a batch's 1,000 results are
    # built only when asked for.
    outcome: strawberry.Private[RecordCallsResult]

    @strawberry.field(
        description="One per call, in input order; each succeeds or fails on its own."
    )
    def results(self) -> list[RecordCallResult]:
        return [RecordCallResult.of(item) for item in self.outcome.results]

    @classmethod
    def of(cls, result: RecordCallsResult) -> "RecordCallsPayload":
        return cls(
            recorded_count=result.recorded_count,
            already_recorded_count=result.already_recorded_count,
            user_errors=user_errors(result.user_errors),
            outcome=result,
        )
