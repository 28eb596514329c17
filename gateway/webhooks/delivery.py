"""One webhook POST: the URL checked again (its DNS answer may have changed since the
endpoint was saved), the connection made to the address that was checked (so a second
DNS answer cannot point it elsewhere: no DNS rebinding), redirects not followed, the
answer's body read only up to a cap, everything within a timeout."""

import asyncio
import ipaddress
import time
from datetime import datetime

import httpx

from gateway.webhooks.message import SignedMessage
from resolvers.errors import UserErrorRaised
from resolvers.webhooks.outcome import AttemptResult
from resolvers.webhooks.urls import CheckedUrl, UrlPolicy, check_url

MAX_RESPONSE_BYTES = 64 * 1024
MAX_SNIPPET = 200


def pinned_url(checked: CheckedUrl, raw_path: str) -> httpx.URL:
    """``checked``'s URL with its host replaced by the first address it resolved to."""
    address = checked.addresses[0]
    host = f"[{address}]" if isinstance(address, ipaddress.IPv6Address) else str(address)
    return httpx.URL(f"{checked.scheme}://{host}:{checked.port}{raw_path}")


async def _read_capped(response: httpx.Response) -> bytes:
    if response.is_stream_consumed:  # a transport that read it already (tests' mock)
        return response.content[:MAX_RESPONSE_BYTES]
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_raw():
        chunks.append(chunk)
        size += len(chunk)
        if size >= MAX_RESPONSE_BYTES:
            break
    return b"".join(chunks)[:MAX_RESPONSE_BYTES]


def _failure(status: int, reason: str, body: bytes) -> str:
    snippet = body[:MAX_SNIPPET].decode("utf-8", "replace").strip()
    text = f"HTTP {status} {reason}".strip()
    if 300 <= status < 400:
        text += " (redirects are not followed)"
    return f"{text}: {snippet}" if snippet else text


async def post_webhook(
    client: httpx.AsyncClient,
    *,
    url: str,
    message: SignedMessage,
    policy: UrlPolicy,
    timeout_seconds: float,
    started_at: datetime,
) -> AttemptResult:
    """POST ``message`` to ``url``; answers the attempt, whatever happened (never raises
    for the endpoint's faults)."""
    clock = time.monotonic()

    def result(status: int | None, error: str | None) -> AttemptResult:
        elapsed = int((time.monotonic() - clock) * 1000)
        return AttemptResult(started_at, status, error, elapsed)

    try:
        async with asyncio.timeout(timeout_seconds * 2):
            checked = await check_url(url, policy)
            parts = httpx.URL(url)
            headers = dict(message.headers)
            headers["host"] = parts.netloc.decode("ascii")
            extensions = {"sni_hostname": checked.host} if checked.scheme == "https" else {}
            request = client.build_request(
                "POST",
                pinned_url(checked, parts.raw_path.decode("ascii")),
                content=message.body,
                headers=headers,
                extensions=extensions,
            )
            response = await client.send(request, stream=True, follow_redirects=False)
            try:
                body = await _read_capped(response)
            finally:
                await response.aclose()
    except UserErrorRaised as refused:
        return result(None, refused.error.message)
    except TimeoutError:
        return result(None, f"No answer within {timeout_seconds * 2:g} s.")
    except httpx.TimeoutException as error:
        return result(None, f"Timed out: {type(error).__name__}.")
    except httpx.HTTPError as error:
        return result(None, f"{type(error).__name__}: {error}"[:500])
    except OSError as error:
        return result(None, f"{type(error).__name__}: {error}"[:500])
    if 200 <= response.status_code < 300:
        return result(response.status_code, None)
    return result(
        response.status_code, _failure(response.status_code, response.reason_phrase, body)
    )
