"""What an event is: its type, and the notice that announces it to subscribers."""

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

import orjson


class EventType(StrEnum):
    """The events product services receive by webhook (Standard Webhooks' ``type``)."""

    USER_ACTIVATED = "user.activated"
    USER_DEACTIVATED = "user.deactivated"


class NoticeType(StrEnum):
    """Announcements that are no event of the outbox: they only make subscribers re-check
    their caller (a revoked token's open subscriptions end at once)."""

    TOKEN_REVOKED = "token.revoked"


# PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more: a notice carries ids only.
MAX_NOTICE_BYTES = 7_900


@dataclass(frozen=True, slots=True)
class EventNotice:
    """A committed change, as it crosses processes: ids only. Subscribers read the data
    back under their own authorization."""

    tenant_id: int
    type: str
    user_id: int | None = None
    # The outbox row (None for a NoticeType).
    event_id: int | None = None
    status_event_id: int | None = None
    token_id: int | None = None

    def to_json(self) -> bytes:
        return orjson.dumps(
            {key: value for key, value in asdict(self).items() if value is not None}
        )

    @classmethod
    def from_json(cls, raw: bytes | str) -> "EventNotice | None":
        """The notice ``raw`` holds; None for anything that is not one (never raises)."""
        try:
            fields: Any = orjson.loads(raw)
            notice = cls(
                tenant_id=fields["tenant_id"],
                type=fields["type"],
                user_id=fields.get("user_id"),
                event_id=fields.get("event_id"),
                status_event_id=fields.get("status_event_id"),
                token_id=fields.get("token_id"),
            )
        except (orjson.JSONDecodeError, KeyError, TypeError):
            return None
        ids = (notice.user_id, notice.event_id, notice.status_event_id, notice.token_id)
        if not isinstance(notice.tenant_id, int) or not isinstance(notice.type, str):
            return None
        if any(value is not None and not isinstance(value, int) for value in ids):
            return None
        return notice


def channel_for(tenant_id: int) -> str:
    """The tenant's channel (PostgreSQL LISTEN/NOTIFY, Redis pub/sub)."""
    return f"roster_events_{int(tenant_id)}"
