"""The schema extension that tells a request's record which operation it ran."""

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from gateway.telemetry.request_record import RequestRecord

RECORD_STATE = "roster_request_record"


def record_of(context: object) -> RequestRecord | None:
    """The record of the request ``context`` (a RosterContext) answers, if it has one."""
    request = getattr(context, "request", None)
    state = getattr(request, "state", None)
    return getattr(state, RECORD_STATE, None) if state is not None else None


class RecordOperation(SchemaExtension):
    """Writes the operation's name and type into the request's record once it is known."""

    def on_parse(self) -> Iterator[None]:
        yield
        context = self.execution_context
        record = record_of(context.context)
        if record is None or context.graphql_document is None:
            return
        try:
            record.operation_type = context.operation_type.value
        except RuntimeError:  # no operation of that name: the request error says so
            return
        record.operation_name = context.operation_name
