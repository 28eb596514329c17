"""Opaque global IDs: base64 of ``Type:pk``, the same string in every subgraph."""

import base64
import binascii


def to_global_id(type_name: str, pk: int) -> str:
    # binascii directly: base64.b64encode is a wrapper around it, and lists make
    # thousands of ids a request.
    return binascii.b2a_base64(f"{type_name}:{pk}".encode(), newline=False).decode()


def from_global_id(global_id: str) -> tuple[str, int] | None:
    """``(type_name, pk)``, or None for anything that is not one of our IDs."""
    try:
        raw = base64.b64decode(global_id.encode(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    type_name, sep, pk = raw.partition(":")
    if not sep or not type_name.isidentifier() or not pk.isdigit() or len(pk) > 18:
        return None
    return type_name, int(pk)


def pk_of(global_id: str, type_name: str) -> int | None:
    """The primary key when ``global_id`` names a ``type_name``; None otherwise."""
    decoded = from_global_id(global_id)
    if decoded is None or decoded[0] != type_name:
        return None
    return decoded[1]
