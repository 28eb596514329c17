"""What a process holds open right now: subscriptions and database connections.

Read when sampled: at every scrape (the process that answers it), and every few seconds
in each worker under multi-process mode, where the scraping worker cannot see the
others. Each gauge's multi-process mode is ``livesum``: the sum over the live workers is
what the database and the clients see of the whole `roster serve` (a dead worker's
values are dropped with it, see metrics_multiprocess.py).
"""

from typing import Any

from prometheus_client import CollectorRegistry, Gauge


class ProcessGauges:
    """Open subscriptions (the event bus's count) and the database pool's use."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.subscriptions = Gauge(
            "roster_subscriptions_active",
            "Subscriptions open (SSE streams and WebSocket subscriptions, every endpoint).",
            registry=registry,
            multiprocess_mode="livesum",
        )
        self.pool_checked_out = Gauge(
            "roster_db_pool_checked_out",
            "Database connections in use by a request or job.",
            registry=registry,
            multiprocess_mode="livesum",
        )
        self.pool_size = Gauge(
            "roster_db_pool_size",
            "Database connections the pool keeps (its pool_size).",
            registry=registry,
            multiprocess_mode="livesum",
        )
        self.pool_overflow = Gauge(
            "roster_db_pool_overflow",
            "Database connections open beyond the pool's size (0 while within it).",
            registry=registry,
            multiprocess_mode="livesum",
        )
        self._subscriptions: object = None
        self._pool: Any = None

    def watch(self, *, subscriptions: object, pool: Any) -> None:
        """What to sample: an object with ``open_count`` (the event bus: every bus is a
        FanOut, resolvers/events/fanout.py), a SQLAlchemy pool."""
        self._subscriptions = subscriptions
        self._pool = pool

    def sample(self) -> None:
        try:
            open_count = getattr(self._subscriptions, "open_count", None)
        except RuntimeError:
            # The metrics port's thread read the bus' table while the event loop changed
            # it: the previous value stands until the next scrape.
            open_count = None
        if isinstance(open_count, int):
            self.subscriptions.set(open_count)
        pool = self._pool
        # QueuePool and its async form have these; a pool without them (NullPool,
        # StaticPool) reports nothing rather than a made-up number.
        if pool is None or not all(
            hasattr(pool, name) for name in ("checkedout", "size", "overflow")
        ):
            return
        self.pool_checked_out.set(pool.checkedout())
        self.pool_size.set(pool.size())
        # SQLAlchemy counts the unused capacity as a negative overflow.
        self.pool_overflow.set(max(pool.overflow(), 0))
