"""How roster writes ids, cursors and instants, done by hand for the raw baseline."""

import base64
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncConnection


def global_id(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def cursor(list_name: str, *key: Any) -> str:
    """A cursor of an unfiltered list: ``[list name, *key]`` (see schemas/cursors.py)."""
    return base64.urlsafe_b64encode(orjson.dumps((list_name, *key))).decode()


def decode_user_cursor(value: str) -> tuple[str, int]:
    list_name, name, pk = orjson.loads(base64.urlsafe_b64decode(value.encode()))
    if list_name != "users" or not isinstance(name, str) or type(pk) is not int:
        raise ValueError(f"{value!r} is not a cursor of the users list")
    return name, pk


def instant(stored: str | None) -> datetime | None:
    """A stored naive-UTC timestamp as an aware UTC datetime (orjson writes it as roster does)."""
    if stored is None:
        return None
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


def stored(moment: datetime) -> str:
    """An aware datetime in the form SQLite holds it, for comparisons in SQL."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def bound(connection: AsyncConnection, moment: datetime) -> str | datetime:
    """A window's bound as the backend compares it: SQLite's text, PostgreSQL's naive UTC."""
    if connection.dialect.name == "sqlite":
        return stored(moment)
    return moment.astimezone(UTC).replace(tzinfo=None)


def parse_instant(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no offset")
    return moment
