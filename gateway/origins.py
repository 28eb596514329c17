"""Browser origins as ROSTER_CORS_ORIGINS lists them, checked and written as browsers send them.

A browser's ``Origin`` header is ``scheme://host[:port]``: lower case, the host in its
ASCII form, no default port, no path. An allow-list entry written any other way would
never match, so each entry is either normalized to that form or refused with the reason.
"""

import re
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
HOST_NAME = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$")


def parse_origin_list(value: object) -> object:
    """A comma-separated string as a list of its non-empty entries; anything else as is."""
    if isinstance(value, str):
        return [entry.strip() for entry in value.split(",") if entry.strip()]
    return value


def normalized_origin(entry: str) -> str:
    """``entry`` as a browser would send it in ``Origin``; ValueError saying why it is not one."""
    text = entry.strip()
    if "*" in text:
        raise ValueError(f"{entry!r}: wildcards are not accepted, list each origin")
    if text.lower() == "null":
        raise ValueError(f"{entry!r}: the opaque origin 'null' cannot be allowed")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not text.lower().startswith(f"{scheme}://"):
        raise ValueError(f"{entry!r}: an origin is http:// or https:// followed by a host")
    if parts.path or parts.query or parts.fragment or text.endswith(("?", "#")):
        raise ValueError(
            f"{entry!r}: an origin has no path, query or fragment (not even a final '/'); "
            "write scheme://host[:port]"
        )
    if "@" in parts.netloc:
        raise ValueError(f"{entry!r}: an origin has no user name or password")
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError as error:
        raise ValueError(f"{entry!r}: the port is not a number from 1 to 65535") from error
    if port == 0:
        raise ValueError(f"{entry!r}: the port is not a number from 1 to 65535")
    if not host:
        raise ValueError(f"{entry!r}: the origin has no host")
    if ":" in host:  # an IPv6 address, which urlsplit gives without its brackets
        if not re.fullmatch(r"[0-9a-f:.]+", host):
            raise ValueError(f"{entry!r}: {host!r} is not an IPv6 address")
        host = f"[{host}]"
    elif not HOST_NAME.fullmatch(host):
        raise ValueError(
            f"{entry!r}: {host!r} is not a host name; write a non-ASCII name in its "
            "ASCII (xn--) form, as browsers send it"
        )
    shown_port = "" if port is None or port == DEFAULT_PORTS[scheme] else f":{port}"
    return f"{scheme}://{host}{shown_port}"


def normalized_origins(entries: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Each entry normalized, duplicates dropped, in the order given; ValueError naming
    every entry that is not an origin."""
    origins: dict[str, None] = {}
    problems: list[str] = []
    for entry in entries:
        try:
            origins[normalized_origin(entry)] = None
        except ValueError as error:
            problems.append(str(error))
    if problems:
        raise ValueError("; ".join(problems))
    return tuple(origins)
