"""Enums only the analytics subgraph uses, registered with Strawberry in place."""

import strawberry

from resolvers.periods import Granularity

strawberry.enum(
    Granularity,
    description="Calendar buckets in the tenant's time zone (default Asia/Tokyo); weeks are "
    "ISO weeks, starting on Monday.",
)

__all__ = ["Granularity"]
