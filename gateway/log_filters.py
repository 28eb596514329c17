"""Logging that keeps the operator's log for faults, not for every bad request."""

import logging

from graphql import GraphQLError

from gateway.extensions import is_internal
from gateway.telemetry.request_context import current_request_id

STRAWBERRY_LOGGER = "strawberry.execution"


class OnlyInternalErrors(logging.Filter):
    """Drops Strawberry's log records of request errors (validation, limits, user input):
    the caller got a readable answer, and a traceback per typo would bury real faults.

    An internal error's line keeps its traceback and says where it happened (the field's
    path), but not the GraphQL error's own text: that quotes the request's document, whose
    literals may be personal data."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.msg
        if not isinstance(error, GraphQLError):
            return True
        if not is_internal(error):
            return False
        path = ".".join(str(key) for key in error.path) if error.path else "the operation"
        record.msg = "masked internal error in %s: %s"
        record.args = (path, type(error.original_error).__name__)
        # Also set by the log's handler for every line; here for whatever else reads it.
        request_id = current_request_id()
        if request_id is not None:
            record.request_id = request_id
        return True


def log_only_internal_errors() -> None:
    logger = logging.getLogger(STRAWBERRY_LOGGER)
    if not any(isinstance(f, OnlyInternalErrors) for f in logger.filters):
        logger.addFilter(OnlyInternalErrors())
