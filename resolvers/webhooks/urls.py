"""Which URLs a webhook may be sent to: checked when an endpoint is saved, and again at
every delivery (DNS answers change; a name that was public may point inside later).

A webhook is a request roster makes on an admin's say-so: without these rules an
admin could make the server POST to its own loopback, the cloud's metadata address or
the internal network (server-side request forgery). So the host must resolve to public
addresses only, unless the host or the address is in the allow-list
(``ROSTER_WEBHOOK_ALLOWED_HOSTS``: development and tests); production takes https only.
"""

import asyncio
import ipaddress
import socket
import unicodedata
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from resolvers.errors import UserErrorRaised, invalid_input

MAX_URL_LENGTH = 2048
MAX_HOST_LENGTH = 253
URL_FIELD = ("input", "url")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class UrlPolicy:
    """``https_only``: production's rule. ``allowed_hosts``: host names or literal
    addresses (lower case) that may be private all the same."""

    https_only: bool = True
    allowed_hosts: frozenset[str] = frozenset()

    def allows(self, host: str, address: IPAddress | None = None) -> bool:
        if host.lower() in self.allowed_hosts:
            return True
        return address is not None and str(address) in self.allowed_hosts


@dataclass(frozen=True, slots=True)
class CheckedUrl:
    """A URL that passed the policy, with what delivery connects to: ``host`` as written,
    and the addresses it resolved to (all of them allowed)."""

    url: str
    scheme: str
    host: str
    port: int
    addresses: tuple[IPAddress, ...]


def _refused(message: str, field: tuple[str, ...]) -> UserErrorRaised:
    return UserErrorRaised(invalid_input(message, field))


def is_public(address: IPAddress) -> bool:
    """Whether ``address`` is a public unicast address (an IPv4-mapped or 6to4-free IPv6
    address judged by the IPv4 address it carries)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def _is_invisible(character: str) -> bool:
    """Spaces and separators (Z*), control, format (bidi overrides, zero-width),
    surrogate, private-use and unassigned characters (C*): none belongs in a URL, and a
    format character would make the URL an admin reads differ from the one POSTed to."""
    return unicodedata.category(character)[0] in "CZ"


def parse_url(url: str, policy: UrlPolicy, field: tuple[str, ...] = URL_FIELD) -> SplitResult:
    """The parts of ``url`` if its shape is acceptable (scheme, no userinfo, a host,
    lengths); raises ``UserErrorRaised`` (INVALID_INPUT at ``field``) otherwise."""
    if len(url) > MAX_URL_LENGTH:
        raise _refused(f"The URL is longer than {MAX_URL_LENGTH} characters.", field)
    if any(_is_invisible(character) for character in url):
        raise _refused("The URL must not contain spaces or control characters.", field)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise _refused(f"The URL is not valid: {error}.", field) from error
    allowed_schemes = ("https",) if policy.https_only else ("https", "http")
    if parts.scheme not in allowed_schemes:
        raise _refused(f"The URL must start with {' or '.join(allowed_schemes)}://.", field)
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise _refused("The URL must not contain a user name or password.", field)
    if not parts.hostname:
        raise _refused("The URL has no host.", field)
    if len(parts.hostname) > MAX_HOST_LENGTH:
        raise _refused("The URL's host name is too long.", field)
    if parts.fragment:
        raise _refused("The URL must not contain a fragment (#...).", field)
    if port == 0:
        raise _refused("The URL's port must be 1 to 65535.", field)
    return parts


async def resolve(host: str, port: int) -> tuple[IPAddress, ...]:
    """Every address ``host`` resolves to (the system resolver's getaddrinfo, which also
    reads literal forms such as 127.1 and 0x7f.0.0.1 as the addresses they are)."""
    try:
        # A literal in the standard notation needs no resolver (nor its thread).
        return (ipaddress.ip_address(host.strip("[]")),)
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    answers = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in answers:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return tuple(addresses)


async def check_url(url: str, policy: UrlPolicy, field: tuple[str, ...] = URL_FIELD) -> CheckedUrl:
    """``url`` checked against ``policy``, its host resolved; raises ``UserErrorRaised``
    (INVALID_INPUT at ``field``) for any URL that may not receive webhooks."""
    parts = parse_url(url, policy, field)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = await resolve(host, port)
    except (OSError, UnicodeError) as error:
        raise _refused(f"The URL's host {host!r} does not resolve.", field) from error
    if not addresses:
        raise _refused(f"The URL's host {host!r} does not resolve.", field)
    for address in addresses:
        if not is_public(address) and not policy.allows(host, address):
            raise _refused(
                f"The URL's host {host!r} resolves to {address}, a private, loopback, "
                "link-local or otherwise non-public address: refused.",
                field,
            )
    return CheckedUrl(url=url, scheme=parts.scheme, host=host, port=port, addresses=addresses)
