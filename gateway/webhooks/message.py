"""What a webhook POST carries: the Standard Webhooks body and headers of one event."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from standardwebhooks.webhooks import Webhook

from resolvers.webhooks.claim import message_id

USER_AGENT = "roster-webhooks/1"


def instant(moment: datetime) -> str:
    """RFC 3339 in UTC with a Z, as Standard Webhooks' examples write ``timestamp``."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def body_of(*, type: str, occurred_at: datetime, data: dict[str, Any]) -> bytes:
    """The JSON body: ``{"type", "timestamp", "data"}``; ``data`` holds ids only."""
    return orjson.dumps({"type": type, "timestamp": instant(occurred_at), "data": data})


@dataclass(frozen=True, slots=True)
class SignedMessage:
    body: bytes
    headers: dict[str, str]


def signed_message(
    *,
    secret: str,
    previous_secret: str | None = None,
    event_id: int,
    type: str,
    occurred_at: datetime,
    data: dict[str, Any],
    sent_at: datetime,
) -> SignedMessage:
    """The body and headers of one POST, signed by the standardwebhooks package with
    ``secret`` at ``sent_at`` (receivers refuse timestamps more than 5 minutes off), and
    with ``previous_secret`` too during a rotation's grace period: the signatures are
    space-separated, and a verifier accepts the request if any one matches."""
    body = body_of(type=type, occurred_at=occurred_at, data=data)
    msg_id = message_id(event_id)
    secrets = [secret] if previous_secret is None else [secret, previous_secret]
    signature = " ".join(Webhook(key).sign(msg_id, sent_at, body.decode()) for key in secrets)
    return SignedMessage(
        body=body,
        headers={
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(sent_at.timestamp())),
            "webhook-signature": signature,
            "content-type": "application/json",
            "user-agent": USER_AGENT,
        },
    )
