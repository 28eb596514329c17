"""The Strawberry extensions every endpoint runs: limits, caches and error masking."""

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError, OperationDefinitionNode
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.types import ExecutionResult

from gateway.limits import max_aliases_rule, max_depth_rule
from gateway.settings import Settings

MASKED_MESSAGE = "Internal error: the request could not be completed."
TOKEN_LIMIT_CODE = "TOKEN_LIMIT_EXCEEDED"
SEVERAL_OPERATIONS = "The document has several operations: name the one to run in `operationName`."

Extension = type[SchemaExtension] | Callable[[], SchemaExtension]

_SUGGESTION = re.compile(r" Did you mean .*\?$", re.DOTALL)
_TOKEN_LIMIT = re.compile(r"^Syntax Error: Document contains more than \d+ tokens\.")


def is_internal(error: GraphQLError) -> bool:
    """Mask errors raised by code, not those raised on purpose as GraphQL errors.

    A variable or literal a scalar cannot parse (a bad DateTime, say) carries the
    scalar's ValueError but points at the input and has no path: it is the
    caller's mistake and stays readable. Any other exception is masked.
    """
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    return not (error.path is None and error.nodes)


def _copy(error: GraphQLError, message: str, extensions: dict[str, object] | None) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions=extensions,
    )


class ParserCacheKeepingErrors(ParserCache):
    """Strawberry's ParserCache, except that a document that fails to parse is not raised here.

    Raised from this hook, the error would leave the operation before the other
    extensions see the result (MaskErrors included); Strawberry parses the
    document again itself and reports the error the usual way.
    """

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None:  # a trusted document's, parsed at load
            yield
            return
        try:
            context.graphql_document = self.cached_parse_document(
                context.query, **context.parse_options
            )
        except Exception:  # Strawberry's own parse reports it
            context.graphql_document = None
        yield


class ValidationCacheKeepingResults(ValidationCache):
    """Strawberry's ValidationCache, except that a result an earlier extension set (a
    trusted document's, validated at load) is kept, as Strawberry's own validation does."""

    def on_validate(self) -> Iterator[None]:
        if self.execution_context.pre_execution_errors is not None:
            yield
            return
        yield from super().on_validate()


class OperationNameRequired(SchemaExtension):
    """Refuses a document of several operations that does not say which one to run.

    Strawberry would run the first one; the GraphQL spec makes it a request error.
    """

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        named = context._provided_operation_name is not None
        if document is not None and not named:
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            if len(operations) > 1:
                context.pre_execution_errors = [GraphQLError(SEVERAL_OPERATIONS, operations)]
        yield


class _RewriteErrors(SchemaExtension, ABC):
    """Replaces the result's errors with rewritten copies.

    Validation errors come from a cache shared by requests: never mutate them.
    """

    @abstractmethod
    def rewrite(self, error: GraphQLError) -> GraphQLError:
        """The error as the caller should see it."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if isinstance(result, (GraphQLExecutionResult, ExecutionResult)) and result.errors:
            result.errors = [self.rewrite(error) for error in result.errors]


class TokenLimitCode(_RewriteErrors):
    """Gives graphql-core's token-limit syntax error a code, like the other limits."""

    def rewrite(self, error: GraphQLError) -> GraphQLError:
        if error.extensions or not _TOKEN_LIMIT.match(error.message):
            return error
        return _copy(error, error.message, {"code": TOKEN_LIMIT_CODE})


class HideSuggestions(_RewriteErrors):
    """Drops "Did you mean ...?" so that errors do not reveal the schema (production)."""

    def rewrite(self, error: GraphQLError) -> GraphQLError:
        message = _SUGGESTION.sub("", error.message)
        if message == error.message:
            return error
        return _copy(error, message, error.extensions)


def request_extensions(settings: Settings) -> list[Extension]:
    # Built once per app, so the validation cache's key (the rule classes) stays the same.
    limit_rules = [max_depth_rule(settings.max_depth), max_aliases_rule(settings.max_aliases)]
    extensions: list[Extension] = [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: ParserCacheKeepingErrors(maxsize=512),
        lambda: AddValidationRules(limit_rules),
        lambda: ValidationCacheKeepingResults(maxsize=512),
        OperationNameRequired,  # after the cache, whose hook sets the validation errors
        TokenLimitCode,
        lambda: MaskErrors(should_mask_error=is_internal, error_message=MASKED_MESSAGE),
    ]
    if settings.is_production:
        extensions += [DisableIntrospection, HideSuggestions]
    return extensions
