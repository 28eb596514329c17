"""Reading a /metrics answer: Prometheus' text format, parsed by prometheus-client's parser."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families
from starlette.applications import Starlette

from db.engine import Database
from gateway.app import create_app
from gateway.settings import Settings
from tests.telemetry.recording import Recorded

# A loopback Host and client: development serves /metrics to those without a token.
LOCAL_BASE = "http://127.0.0.1"


class Scrape:
    """The samples of one scrape, by name and labels."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.samples: list[tuple[str, dict[str, str], float]] = [
            (sample.name, dict(sample.labels), sample.value)
            for family in text_string_to_metric_families(text)
            for sample in family.samples
        ]

    def value(self, name: str, **labels: str) -> float:
        """The sample named ``name`` whose labels are exactly ``labels``; 0 if absent."""
        found = [
            value for sample, sampled, value in self.samples if sample == name and sampled == labels
        ]
        assert len(found) <= 1, (name, labels, found)
        return found[0] if found else 0.0

    def series(self, name: str) -> dict[tuple[tuple[str, str], ...], float]:
        """Every sample named ``name``, by its labels (sorted)."""
        return {
            tuple(sorted(labels.items())): value
            for sample, labels, value in self.samples
            if sample == name
        }

    def label_values(self) -> set[str]:
        """Every label value of roster's own metrics but the buckets' bounds."""
        return {
            value
            for name, labels, _ in self.samples
            for label, value in labels.items()
            if name.startswith("roster_") and label not in ("le", "quantile")
        }


async def scrape(client: httpx.AsyncClient, **headers: str) -> Scrape:
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/plain; version=1.0.0; charset=utf-8"
    return Scrape(response.text)


@asynccontextmanager
async def metrics_client(
    database: Database, **settings: Any
) -> AsyncIterator[tuple[httpx.AsyncClient, Starlette, Recorded]]:
    """An app over ``database`` on a loopback address, with the records it made."""
    app = create_app(Settings(database_url=database.url, **settings), database=database)
    recorded = Recorded()
    app.state.request_observers.add(recorded)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=LOCAL_BASE) as client:
        yield client, app, recorded
