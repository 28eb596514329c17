"""Logging that keeps the operator's log for faults, not for every bad request."""

import logging

from graphql import GraphQLError

from gateway.extensions import is_internal

STRAWBERRY_LOGGER = "strawberry.execution"


class OnlyInternalErrors(logging.Filter):
    """Drops Strawberry's log records of request errors (validation, limits, user input):
    the caller got a readable answer, and a traceback per typo would bury real faults."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.msg
        return not isinstance(error, GraphQLError) or is_internal(error)


def log_only_internal_errors() -> None:
    logger = logging.getLogger(STRAWBERRY_LOGGER)
    if not any(isinstance(f, OnlyInternalErrors) for f in logger.filters):
        logger.addFilter(OnlyInternalErrors())
