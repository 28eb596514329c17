"""The caller of an open subscription, checked again: on every event, every
``recheck_seconds``, and at the moment their token expires."""

from dataclasses import dataclass
from datetime import datetime

from db.engine import Database
from db.enums import Product
from resolvers.reader import Reader
from resolvers.token_refusal import refusal_of
from resolvers.tokens import caller_for_token_id

TOKEN_GONE = "This API token is not valid."


class CallerRefused(Exception):
    """The subscriber may no longer log in: their subscription ends with this message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class CallerCheck:
    """What the subscription was opened with: the token (by id), the products of the
    endpoint, and when the token expires (None: never)."""

    token_id: int
    products: tuple[Product, ...]
    expires_at: datetime | None
    recheck_seconds: float

    def seconds_to_next_check(self, now: datetime) -> float:
        """How long the subscription may wait for a notice before checking again."""
        if self.expires_at is None:
            return self.recheck_seconds
        return max(0.0, min(self.recheck_seconds, (self.expires_at - now).total_seconds()))

    async def refusal(self, database: Database, *, now: datetime) -> str | None:
        """Why the caller may no longer log in at ``now``, or None: the same rules as at
        the start of a request, in one statement, on a connection given back at once."""
        reader = Reader(database)
        try:
            found = await caller_for_token_id(reader, self.token_id, now=now)
        finally:
            await reader.finish()
        if found is None:
            return TOKEN_GONE
        return refusal_of(found, self.products)

    async def ensure(self, database: Database, *, now: datetime) -> None:
        """Raise ``CallerRefused`` unless the caller may still log in at ``now``."""
        refused = await self.refusal(database, now=now)
        if refused is not None:
            raise CallerRefused(refused)
