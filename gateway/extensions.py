"""The Strawberry extensions every endpoint runs: limits, caches and error masking."""

from collections.abc import Callable

from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

from gateway.settings import Settings

MASKED_MESSAGE = "Internal error: the request could not be completed."


def is_internal(error: GraphQLError) -> bool:
    """Mask errors raised by code, not those raised on purpose as GraphQL errors."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


def request_extensions(settings: Settings) -> list[type[SchemaExtension] | Callable[[], SchemaExtension]]:
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: ParserCache(maxsize=512),
        lambda: QueryDepthLimiter(max_depth=settings.max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
        lambda: ValidationCache(maxsize=512),
        lambda: MaskErrors(should_mask_error=is_internal, error_message=MASKED_MESSAGE),
    ]
    if settings.is_production:
        extensions.append(DisableIntrospection)
    return extensions
