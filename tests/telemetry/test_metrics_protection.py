"""Who may read /metrics: the token's holder on the main port, loopback clients in
development when no token is set, nobody on the main port in production without one;
the metrics port (no token) is served by the process itself."""

import socket

import httpx
import pytest

from gateway.settings import SettingsError, load_settings
from tests.browser.harness import served_roster
from tests.http import bearer
from tests.telemetry.scrape import Scrape, metrics_client

TOKEN = "metrics-token-0123456789abcdef"
PRODUCTION = {"env": "production", "subgraphs_enabled": False}


async def test_development_without_a_token_serves_loopback_clients_only(database):
    async with metrics_client(database) as (client, _, _):
        local = await client.get("/metrics")
        # A name that resolves to 127.0.0.1 (DNS rebinding) is not loopback to roster.
        rebound = await client.get("/metrics", headers={"Host": "metrics.attacker.example"})
        remote = await client.get("http://roster.test/metrics")
    assert local.status_code == 200 and "roster_requests_total" in local.text
    assert (rebound.status_code, remote.status_code) == (403, 403)
    assert "ROSTER_METRICS_TOKEN" in remote.text and "roster_" not in remote.text


@pytest.mark.parametrize("env", ["development", "production"])
async def test_with_a_token_only_its_bearer_reads_metrics(database, env):
    settings = {"metrics_token": TOKEN, **(PRODUCTION if env == "production" else {})}
    async with metrics_client(database, **settings) as (client, _, _):
        none = await client.get("/metrics")
        wrong = await client.get("/metrics", headers=bearer(TOKEN[:-1] + "0"))
        longer = await client.get("/metrics", headers=bearer(TOKEN + "0"))
        basic = await client.get("/metrics", headers={"Authorization": f"Basic {TOKEN}"})
        right = await client.get("http://roster.test/metrics", headers=bearer(TOKEN))
    for refused in (none, wrong, longer, basic):
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"] == 'Bearer realm="metrics"'
        assert "roster_" not in refused.text
    assert right.status_code == 200
    assert Scrape(right.text).value("roster_requests_total") == 0


async def test_production_without_a_token_serves_no_metrics_on_the_main_port(database):
    async with metrics_client(database, **PRODUCTION) as (client, _, _):
        response = await client.get("/metrics")
    assert response.status_code == 404


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
async def test_the_metrics_port_is_served_by_the_process_itself(database, world, tmp_path):
    port = _free_port()
    settings = {
        "ROSTER_ENV": "production",
        "ROSTER_SUBGRAPHS_ENABLED": "false",
        "ROSTER_METRICS_PORT": str(port),
        # The test's operation is free text, which production runs only when told to.
        "ROSTER_TRUSTED_DOCUMENTS_ONLY": "false",
    }
    with served_roster(database, tmp_path, **settings) as url:
        async with httpx.AsyncClient(timeout=10) as client:
            answer = await client.post(
                f"{url}/graphql",
                json={"query": "query Me { me { id } }"},
                headers=bearer(world["token"]),
            )
            assert answer.json()["data"]["me"]["id"]
            main_port = await client.get(f"{url}/metrics")
            scraped = await client.get(f"http://127.0.0.1:{port}/metrics")
    assert main_port.status_code == 404
    assert scraped.status_code == 200
    metrics = Scrape(scraped.text)
    labels = {"endpoint": "api", "operation_name": "Me", "operation_type": "query"}
    assert metrics.value("roster_requests_total", **labels, transport="http") == 1
    assert metrics.value("roster_db_pool_size") == 5


def test_a_short_or_unsendable_metrics_token_is_refused_without_being_shown(monkeypatch):
    for token in ("short-token", "a token with spaces 0123456789"):
        monkeypatch.setenv("ROSTER_METRICS_TOKEN", token)
        with pytest.raises(SettingsError) as refused:
            load_settings()
        assert "ROSTER_METRICS_TOKEN" in str(refused.value)
        assert token not in str(refused.value)
