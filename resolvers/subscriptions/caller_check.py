"""The caller of an open subscription, checked again: on every event, every
``recheck_seconds``, and at the moment their token expires."""

from dataclasses import dataclass
from datetime import datetime

from db.engine import Database
from db.enums import Product
from resolvers.reader import Reader
from resolvers.sign_in import NO_SIGN_IN_USER, caller_for_signed_in_user
from resolvers.token_refusal import refusal_of
from resolvers.tokens import TokenCaller, caller_for_token_id

TOKEN_GONE = "This API token is not valid."


class CallerRefused(Exception):
    """The subscriber may no longer log in: their subscription ends with this message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class CallerCheck:
    """What the subscription was opened with: the API token (by id) or, for a sign-in
    token (``token_id`` None), its user (by id); the products of the endpoint; and when
    the token expires (None: never)."""

    token_id: int | None
    products: tuple[Product, ...]
    expires_at: datetime | None
    recheck_seconds: float
    user_id: int | None = None

    @classmethod
    def opened_with(
        cls, found: TokenCaller, *, products: tuple[Product, ...], recheck_seconds: float
    ) -> "CallerCheck":
        """The check of a subscription opened by ``found``, whichever credential it is."""
        return cls(
            token_id=found.token_id,
            user_id=found.caller.user_id if found.is_sign_in else None,
            products=products,
            expires_at=found.expires_at,
            recheck_seconds=recheck_seconds,
        )

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
            found = await self.caller_now(reader, now=now)
        finally:
            await reader.finish()
        if found is None:
            return self.gone_message
        return refusal_of(found, self.products)

    @property
    def gone_message(self) -> str:
        """The refusal when the credential's caller is no longer found."""
        return TOKEN_GONE if self.token_id is not None else NO_SIGN_IN_USER

    async def caller_now(self, reader: Reader, *, now: datetime) -> TokenCaller | None:
        """The credential's caller as the database says at ``now`` (one statement)."""
        if self.token_id is not None:
            return await caller_for_token_id(reader, self.token_id, now=now)
        assert self.user_id is not None and self.expires_at is not None
        return await caller_for_signed_in_user(
            reader, self.user_id, expires_at=self.expires_at, now=now
        )

    async def ensure(self, database: Database, *, now: datetime) -> None:
        """Raise ``CallerRefused`` unless the caller may still log in at ``now``."""
        refused = await self.refusal(database, now=now)
        if refused is not None:
            raise CallerRefused(refused)
