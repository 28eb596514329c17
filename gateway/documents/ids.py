"""Document ids as GraphQL over HTTP's persisted-documents appendix names them:
``sha256:`` and the lower-case hex SHA-256 of the document's UTF-8 text, exactly as sent."""

import hashlib
import re

PREFIX = "sha256:"
HEX = re.compile(r"^[0-9a-f]{64}$")


def sha256_hex(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def document_id(body: str) -> str:
    """The document's ``sha256:<hex>`` id."""
    return PREFIX + sha256_hex(body)


def hex_of(document_id: str) -> str | None:
    """The 64 hex digits of a ``sha256:<hex>`` id, or None when it is not one."""
    payload = document_id.removeprefix(PREFIX)
    if payload == document_id or not HEX.match(payload):
        return None
    return payload
