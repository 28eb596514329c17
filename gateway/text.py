"""Text no database keeps: PostgreSQL's text columns refuse the NUL character (U+0000), and
SQLite would keep what PostgreSQL refuses, so the SCIM door refuses it before anything runs."""

from typing import Any

NUL_REFUSED = "Text may not contain the NUL character (U+0000)."


def holds_nul(value: Any) -> bool:
    """True if ``value`` (decoded JSON: strings, lists, objects and their keys) holds NUL."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(holds_nul(key) or holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(holds_nul(item) for item in value)
    return False
