"""Keyset cursors: one encoding and one validation for every list that pages.

A cursor is opaque to clients (a String in the contract). Inside, it is base64url of
the JSON array ``[tag, *key]``: the tag names the list that gave it out and, when the
list is filtered, a fingerprint of what it was asked (a cursor of ``users`` means
nothing to ``callHistory``, nor one of ``users(filter: {search: "a"})`` to the same list
searched for "b"); the key is the last row seen, in the list's order. Decoding checks
the tag and the type and range of every part of the key, so whatever a caller crafts
comes back as ``INVALID_INPUT``, never as an error of the database or of Python.
"""

import base64
import binascii
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import orjson

from schemas.errors import invalid_input_error

NOT_A_CURSOR = "`after` is not a cursor this list gave out."
# Longer than any cursor given out (a display name of 200 four-byte characters makes one
# of about 1,100); a longer string is refused before it is decoded.
MAX_CURSOR_LENGTH = 4096
# Row ids are 32-bit integers on PostgreSQL (and positive everywhere).
MAX_ROW_ID = 2**31 - 1
MAX_TEXT_LENGTH = 400

KeyPart = Callable[[object], Any]


def text(value: object) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT_LENGTH:
        raise ValueError("not a text key")
    return value


def row_id(value: object) -> int:
    # bool is an int to Python, not to a cursor.
    if type(value) is not int or not 1 <= value <= MAX_ROW_ID:
        raise ValueError("not a row id")
    return value


def instant(value: object) -> datetime:
    """An aware instant, as orjson wrote it (RFC 3339)."""
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("not an instant")
    moment = datetime.fromisoformat(value)
    if moment.utcoffset() is None:
        raise ValueError("not an instant")
    moment.astimezone(UTC)  # OverflowError past year 9999 or before year 1 in UTC
    return moment


@dataclass(frozen=True, slots=True)
class PageCursors:
    """The cursors of one list as asked (its tag fixed): encode rows, decode ``after``."""

    tag: str
    parts: tuple[KeyPart, ...]

    def encode(self, key: tuple[Any, ...]) -> str:
        """The cursor of the row whose sort key is ``key`` (str, int or aware datetime)."""
        return base64.urlsafe_b64encode(orjson.dumps((self.tag, *key))).decode()

    def decode(self, cursor: str | None) -> tuple[Any, ...] | None:
        """The key ``cursor`` names, or INVALID_INPUT unless this list gave it out."""
        if cursor is None:
            return None
        try:
            if len(cursor) > MAX_CURSOR_LENGTH:
                raise ValueError("too long")
            decoded = orjson.loads(base64.urlsafe_b64decode(cursor.encode()))
            if (
                not isinstance(decoded, list)
                or len(decoded) != len(self.parts) + 1
                or decoded[0] != self.tag
            ):
                raise ValueError("not this list's")
            return tuple(part(value) for part, value in zip(self.parts, decoded[1:], strict=True))
        except (binascii.Error, orjson.JSONDecodeError, ValueError, OverflowError) as error:
            raise invalid_input_error(NOT_A_CURSOR) from error


@dataclass(frozen=True, slots=True)
class CursorKind:
    """A list that pages: its name, and the parts of its sort key."""

    list_name: str
    parts: tuple[KeyPart, ...]

    def of(self, *scope: Any) -> PageCursors:
        """The cursors of this list asked with ``scope`` (its filter), computed once each."""
        return _page_cursors(self, scope)


@lru_cache(maxsize=1024)
def _page_cursors(kind: CursorKind, scope: tuple[Any, ...]) -> PageCursors:
    tag = kind.list_name
    if any(value is not None for value in scope):
        # One instant, one tag: the cache takes 09:00+09:00 and 00:00Z for the same key.
        canonical = [v.astimezone(UTC) if isinstance(v, datetime) else v for v in scope]
        digest = hashlib.blake2s(orjson.dumps(canonical), digest_size=6).hexdigest()
        tag = f"{tag}:{digest}"
    return PageCursors(tag=tag, parts=kind.parts)


USERS = CursorKind("users", (text, row_id))  # by display name, then id
AVAILABLE_USERS = CursorKind("availableUsers", (text, row_id))
CALL_HISTORY = CursorKind("callHistory", (instant, row_id))  # newest first
MEETING_HISTORY = CursorKind("meetingHistory", (instant, row_id))
API_TOKENS = CursorKind("apiTokens", (row_id,))  # newest first
SCIM_TOKENS = CursorKind("scimTokens", (row_id,))  # newest first
PHONE_NUMBERS = CursorKind("phoneNumbers", (text, row_id))  # by number, then id
WEBHOOK_ENDPOINTS = CursorKind("webhookEndpoints", (row_id,))  # newest first
WEBHOOK_DELIVERIES = CursorKind("webhookDeliveries", (row_id,))  # newest first, per endpoint
AUDIT_LOG = CursorKind("auditLog", (row_id,))  # newest first: by id, descending
SCHEDULED_STATUS_CHANGES = CursorKind("scheduledStatusChanges", (instant, row_id))  # by at, id
