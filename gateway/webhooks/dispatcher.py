"""The dispatcher: claim a batch of due deliveries, POST them a few at a time, record
each outcome. Any number of dispatchers (processes) share the queue; see
resolvers/webhooks/claim.py for why none sends a delivery another holds."""

import asyncio
from dataclasses import dataclass, field
from datetime import timedelta

import httpx

from db.engine import Database
from db.types import utcnow
from gateway.webhooks.delivery import post_webhook
from gateway.webhooks.message import USER_AGENT, signed_message
from resolvers.schedule.clock import SYSTEM_CLOCK, Clock
from resolvers.webhooks.claim import ClaimedDelivery, claim_due
from resolvers.webhooks.outcome import RetryPolicy, record_attempt
from resolvers.webhooks.schedule import DEFAULT_DISABLE_AFTER, DEFAULT_RETRY_SCHEDULE
from resolvers.webhooks.urls import UrlPolicy


@dataclass(frozen=True, slots=True)
class DispatcherConfig:
    policy: UrlPolicy = field(default_factory=UrlPolicy)
    timeout_seconds: float = 10.0
    batch: int = 20
    concurrency: int = 4
    retry: RetryPolicy = field(
        default_factory=lambda: RetryPolicy(DEFAULT_RETRY_SCHEDULE, DEFAULT_DISABLE_AFTER)
    )

    @property
    def lease(self) -> timedelta:
        """Longer than any POST can take (post_webhook's own limit is twice the
        timeout), so a live dispatcher's delivery is never claimed by another."""
        return timedelta(seconds=self.timeout_seconds * 2 + 3)


class WebhookDispatcher:
    def __init__(
        self, database: Database, config: DispatcherConfig, *, clock: Clock = SYSTEM_CLOCK
    ) -> None:
        self.database = database
        self.config = config
        self.clock = clock
        self._client: httpx.AsyncClient | None = None

    def _http(self) -> httpx.AsyncClient:
        # Made on first use: it belongs to the event loop that runs the dispatcher.
        if self._client is None:
            timeout = self.config.timeout_seconds
            self._client = httpx.AsyncClient(
                follow_redirects=False,
                timeout=httpx.Timeout(timeout, connect=timeout),
                headers={"user-agent": USER_AGENT},
                limits=httpx.Limits(max_connections=self.config.concurrency * 2),
                trust_env=False,
            )
        return self._client

    async def run_once(self) -> bool:
        """One batch; answers whether it was full (more may be due at once)."""
        claimed = await claim_due(
            self.database, now=self.clock(), limit=self.config.batch, lease=self.config.lease
        )
        if not claimed:
            return False
        slots = asyncio.Semaphore(self.config.concurrency)

        async def send(delivery: ClaimedDelivery) -> None:
            async with slots:
                await self.deliver(delivery)

        await asyncio.gather(*(send(delivery) for delivery in claimed))
        return len(claimed) == self.config.batch

    async def deliver(self, delivery: ClaimedDelivery) -> None:
        started_at = self.clock()
        message = signed_message(
            secret=delivery.secret,
            previous_secret=delivery.previous_secret,
            event_id=delivery.event_id,
            type=delivery.type,
            occurred_at=delivery.occurred_at,
            data=delivery.data,
            # The wall clock, whatever ``clock`` says: receivers check it is recent.
            sent_at=utcnow(),
        )
        result = await post_webhook(
            self._http(),
            url=delivery.url,
            message=message,
            policy=self.config.policy,
            timeout_seconds=self.config.timeout_seconds,
            started_at=started_at,
        )
        await record_attempt(
            self.database,
            claimed=delivery,
            result=result,
            now=self.clock(),
            policy=self.config.retry,
        )

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()
