"""How an open subscription's end shows: one GraphQL error with a code."""

from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import TypeVar

from graphql import GraphQLError

from resolvers.events.fanout import SubscriberTooSlow
from resolvers.subscriptions.caller_check import CallerRefused

T = TypeVar("T")


async def ended_with_codes(stream: AsyncGenerator[T, None]) -> AsyncGenerator[T, None]:
    """``stream``, whose domain endings become GraphQL errors: the caller no longer
    allowed in, UNAUTHENTICATED; a subscriber too slow for its events, SUBSCRIBER_TOO_SLOW."""
    try:
        async with aclosing(stream) as items:
            async for item in items:
                yield item
    except CallerRefused as refused:
        raise GraphQLError(refused.message, extensions={"code": "UNAUTHENTICATED"}) from None
    except SubscriberTooSlow as slow:
        raise GraphQLError(str(slow), extensions={"code": "SUBSCRIBER_TOO_SLOW"}) from None
