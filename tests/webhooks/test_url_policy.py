"""Where webhooks may go: public hosts only (the allow-list excepted), https only in
production, no user name or password; and the same rules again at delivery."""

from datetime import UTC, datetime

import httpx
import pytest

from gateway.webhooks.delivery import post_webhook
from gateway.webhooks.message import signed_message
from resolvers.errors import UserErrorCode, UserErrorRaised
from resolvers.webhooks.secrets import new_secret
from resolvers.webhooks.urls import UrlPolicy, check_url

DEVELOPMENT = UrlPolicy(https_only=False)
PRODUCTION = UrlPolicy(https_only=True)
ALLOWED = UrlPolicy(https_only=False, allowed_hosts=frozenset({"127.0.0.1"}))


async def _refusal(url: str, policy: UrlPolicy) -> str:
    with pytest.raises(UserErrorRaised) as raised:
        await check_url(url, policy)
    assert raised.value.error.code is UserErrorCode.INVALID_INPUT
    assert raised.value.error.field == ("input", "url")
    return raised.value.error.message


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1/hook", "127.0.0.1"),
        ("http://127.1/hook", "127.0.0.1"),  # short form
        ("http://0x7f.0.0.1/hook", "127.0.0.1"),  # hexadecimal
        ("http://2130706433/hook", "127.0.0.1"),  # decimal
        ("http://localhost/hook", None),  # a name for loopback
        ("http://10.1.2.3/hook", "10.1.2.3"),
        ("http://172.16.0.9/hook", "172.16.0.9"),
        ("http://192.168.1.1/hook", "192.168.1.1"),
        ("http://169.254.169.254/latest/meta-data", "169.254.169.254"),  # cloud metadata
        ("http://100.64.0.1/hook", "100.64.0.1"),  # carrier-grade NAT
        ("http://0.0.0.0/hook", "0.0.0.0"),
        ("http://224.0.0.1/hook", "224.0.0.1"),  # multicast
        ("http://240.0.0.1/hook", "240.0.0.1"),  # reserved
        ("http://[::1]/hook", "::1"),
        ("http://[fe80::1]/hook", "fe80::1"),
        ("http://[fc00::1]/hook", "fc00::1"),
        ("http://[::ffff:127.0.0.1]/hook", "::ffff:7f00:1"),  # IPv4-mapped loopback
        ("http://[::ffff:10.0.0.1]/hook", "::ffff:a00:1"),
        ("http://[::]/hook", "::"),
    ],
)
async def test_private_loopback_link_local_and_reserved_addresses_are_refused(url, address):
    message = await _refusal(url, DEVELOPMENT)
    assert "non-public address: refused" in message
    if address is not None:
        assert f"resolves to {address}," in message


async def test_a_public_address_passes_and_the_allow_list_admits_a_private_one():
    checked = await check_url("https://93.184.215.14:8443/roster?x=1", PRODUCTION)
    assert (checked.host, checked.port, [str(a) for a in checked.addresses]) == (
        "93.184.215.14",
        8443,
        ["93.184.215.14"],
    )
    allowed = await check_url("http://127.0.0.1:9000/hook", ALLOWED)
    assert [str(a) for a in allowed.addresses] == ["127.0.0.1"]
    # The allow-list names what it names: another loopback form is still refused.
    await _refusal("http://127.0.0.2/hook", ALLOWED)


@pytest.mark.parametrize(
    ("url", "policy", "message"),
    [
        ("http://93.184.215.14/hook", PRODUCTION, "The URL must start with https://."),
        ("ftp://93.184.215.14/hook", DEVELOPMENT, "The URL must start with https or http://."),
        ("https://user:pw@93.184.215.14/", PRODUCTION, "The URL must not contain a user name or password."),
        ("https://user@93.184.215.14/", PRODUCTION, "The URL must not contain a user name or password."),
        ("https:///hook", PRODUCTION, "The URL has no host."),
        ("https://93.184.215.14/a b", PRODUCTION, "The URL must not contain spaces or control characters."),
        ("https://93.184.215.14/a\u202eb", PRODUCTION, "The URL must not contain spaces or control characters."),
        ("https://93.184.215.14/a\u200bb", PRODUCTION, "The URL must not contain spaces or control characters."),
        ("https://93.184.215.14/a\u00a0b", PRODUCTION, "The URL must not contain spaces or control characters."),
        ("https://93.184.215.14/a\u2028b", PRODUCTION, "The URL must not contain spaces or control characters."),
        ("https://93.184.215.14/a\x85b", PRODUCTION, "The URL must not contain spaces or control characters."),
        ("https://93.184.215.14/a\ue000b", PRODUCTION, "The URL must not contain spaces or control characters."),
        ("https://93.184.215.14/hook ", PRODUCTION, "The URL must not contain spaces or control characters."),
        ("https://93.184.215.14/#x", PRODUCTION, "The URL must not contain a fragment (#...)."),
        ("https://93.184.215.14/" + "a" * 2048, PRODUCTION, "The URL is longer than 2048 characters."),
        ("https://93.184.215.14:0/", PRODUCTION, "The URL's port must be 1 to 65535."),
        ("https://no-such-host.invalid/", PRODUCTION, "The URL's host 'no-such-host.invalid' does not resolve."),
    ],
)  # fmt: skip
async def test_malformed_urls_are_refused_with_a_message(url, policy, message):
    assert await _refusal(url, policy) == message


async def test_delivery_checks_the_url_again_and_never_connects_to_a_refused_address():
    """An endpoint saved while allowed (or whose name now resolves inside) is refused at
    the POST: the attempt fails with the policy's message, and no connection is made."""
    connected: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        connected.append(request)
        return httpx.Response(204)

    message = signed_message(
        secret=new_secret(), event_id=1, type="user.deactivated",
        occurred_at=datetime(2026, 1, 1, tzinfo=UTC), data={}, sent_at=datetime.now(UTC),
    )  # fmt: skip
    now = datetime.now(UTC)
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        refused = await post_webhook(
            client, url="http://127.0.0.1:9/hook", message=message, policy=DEVELOPMENT,
            timeout_seconds=1, started_at=now,
        )  # fmt: skip
        allowed = await post_webhook(
            client, url="http://127.0.0.1:9/hook?a=1", message=message, policy=ALLOWED,
            timeout_seconds=1, started_at=now,
        )  # fmt: skip
    assert (refused.status_code, refused.succeeded) == (None, False)
    assert refused.error is not None and "non-public address: refused" in refused.error
    assert allowed.status_code == 204
    (request,) = connected
    # Connected to the checked address, the Host header as the URL wrote it.
    assert str(request.url) == "http://127.0.0.1:9/hook?a=1"
    assert request.headers["host"] == "127.0.0.1:9"
    assert request.headers["webhook-id"] == "evt_1"
