"""What every endpoint mutation checks: who may, which endpoint, and the input's shape."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.models import WebhookEndpoint
from resolvers.errors import UserErrorData, UserErrorRaised, forbidden, invalid_input, not_found
from resolvers.events.types import EventType
from resolvers.tokens import Caller
from resolvers.webhooks.urls import URL_FIELD, UrlPolicy, check_url

ID_FIELD = ("input", "id")
EVENTS_FIELD = ("input", "events")
DESCRIPTION_FIELD = ("input", "description")
MAX_DESCRIPTION = 500
ENDPOINT = "webhook endpoint"

_endpoints = WebhookEndpoint.__table__  # type: ignore[attr-defined]


@dataclass
class EndpointResult:
    """An endpoint mutation's answer: the endpoint (None when refused or deleted), the
    secret when one was just made, the deleted endpoint's id, or why it was refused."""

    endpoint: Row[Any] | None = None
    secret: str | None = None
    deleted_id: int | None = None
    user_errors: list[UserErrorData] = field(default_factory=list)


def refusal(caller: Caller) -> UserErrorData | None:
    """FORBIDDEN unless an admin (a person: a service token is no admin)."""
    if caller.is_service or not caller.is_admin:
        return forbidden("Only an admin may manage webhook endpoints.")
    return None


def checked_events(events: Sequence[EventType]) -> list[str]:
    """The event types, deduplicated in the order given; at least one."""
    names = list(dict.fromkeys(event.value for event in events))
    if not names:
        raise UserErrorRaised(invalid_input("Choose at least one event type.", EVENTS_FIELD))
    return names


def checked_description(description: str) -> str:
    trimmed = description.strip()
    if len(trimmed) > MAX_DESCRIPTION:
        raise UserErrorRaised(
            invalid_input(
                f"The description is longer than {MAX_DESCRIPTION} characters.",
                DESCRIPTION_FIELD,
            )
        )
    return trimmed


async def checked_url(url: str, policy: UrlPolicy) -> str:
    return (await check_url(url, policy, URL_FIELD)).url


async def endpoint_for_update(
    session: AsyncSession, *, database: Database, tenant_id: int, endpoint_id: int | None
) -> Row[Any]:
    """The tenant's endpoint ``endpoint_id``, locked for this transaction on PostgreSQL;
    NOT_FOUND for another tenant's or an id that did not decode (None)."""
    if endpoint_id is None:
        raise UserErrorRaised(not_found(ID_FIELD, ENDPOINT))
    statement = select(_endpoints).where(
        _endpoints.c.id == endpoint_id, _endpoints.c.tenant_id == tenant_id
    )
    if not database.is_sqlite:
        statement = statement.with_for_update()
    row = (await session.execute(statement)).first()
    if row is None:
        raise UserErrorRaised(not_found(ID_FIELD, ENDPOINT))
    return row
