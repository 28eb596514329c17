"""An app whose requests' records and the domain's reports the test can read."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from db.engine import Database
from gateway.app import create_app
from gateway.settings import Settings
from gateway.telemetry.request_record import RequestRecord
from resolvers.observe import StatusChangeReport, add_domain_observer, remove_domain_observer


@dataclass
class Recorded:
    requests: list[RequestRecord] = field(default_factory=list)
    status_changes: list[StatusChangeReport] = field(default_factory=list)

    def request_finished(self, record: RequestRecord) -> None:
        self.requests.append(record)

    def status_change(self, report: StatusChangeReport) -> None:
        self.status_changes.append(report)


@asynccontextmanager
async def recording_client(
    database: Database, **settings: Any
) -> AsyncIterator[tuple[httpx.AsyncClient, Recorded]]:
    app = create_app(Settings(database_url=database.url, **settings), database=database)
    recorded = Recorded()
    app.state.request_observers.add(recorded)
    add_domain_observer(recorded)
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://roster.test") as client:
            yield client, recorded
    finally:
        remove_domain_observer(recorded)
