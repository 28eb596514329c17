"""The soak's client: a fixed number of closed-loop workers sending a mixed read/write load.

Run as its own process by bench/soak.py (``python -m bench.soak_load URL TOKEN ...``).
It prints ``measuring`` once the warm-up is over, then one JSON line of results.
"""

import argparse
import asyncio
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

USERS = """query Users {
  users(first: 50) { totalCount edges { node {
    id displayName status active inPhoneUserMenu inRealtimeMonitor inAvailableUserList
    videoIntegrations { id provider } phoneNumbers { number } groups { name }
  } } }
}"""
AVAILABLE_USERS = """query Available {
  availableUsers(first: 50) { edges { node { id displayName mentionable } } }
}"""
DASHBOARD = """query Dashboard($from: DateTime!, $to: DateTime!) {
  dashboard(from: $from, to: $to) {
    overview { callCount totalDurationSeconds }
    byUser { user { id displayName } callCount totalDurationSeconds }
  }
}"""
REPORT = """query Report($from: DateTime!, $to: DateTime!) {
  callCenterReport(from: $from, to: $to) { user { id active } inboundCount outboundCount }
}"""
SEAT_MAP = "query Seats { seatMap { id label occupant { id status visibleInSeatMap } } }"
MENTIONS = """query Mentions($query: String!) {
  mentionSuggestions(query: $query) { id displayName }
}"""
SET_STATUS = """mutation SetStatus($id: ID!, $dryRun: Boolean) {
  %s(input: {userId: $id, dryRun: $dryRun}) {
    changed dryRun user { id status } removedVideoIntegrations { id } userErrors { code }
  }
}"""
CONNECT = """mutation Connect($id: ID!, $email: String!) {
  connectVideoIntegration(input: {userId: $id, provider: ZOOM, accountEmail: $email}) {
    videoIntegration { id } userErrors { code }
  }
}"""
MEMBERS = """query Members($after: String) {
  users(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id email role } }
  }
}"""


@dataclass
class Tally:
    """Latencies (seconds) by kind, and every failure by what it was."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    user_errors: Counter[str] = field(default_factory=Counter)

    def record(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)


def _percentile(sorted_values: list[float], share: float) -> float:
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


def summary(tally: Tally, seconds: float) -> dict[str, Any]:
    by_kind = {}
    everything: list[float] = []
    for kind, values in sorted(tally.latencies.items()):
        values.sort()
        everything.extend(values)
        by_kind[kind] = {
            "requests": len(values),
            "p50_ms": round(_percentile(values, 0.50) * 1000, 1),
            "p99_ms": round(_percentile(values, 0.99) * 1000, 1),
        }
    everything.sort()
    return {
        "seconds": round(seconds, 1),
        "requests": len(everything),
        "requests_per_second": round(len(everything) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(_percentile(everything, 0.50) * 1000, 1),
        "p99_ms": round(_percentile(everything, 0.99) * 1000, 1),
        "errors": sum(tally.errors.values()),
        "errors_by_kind": dict(tally.errors),
        "user_errors": dict(tally.user_errors),
        "by_kind": by_kind,
    }


class Load:
    """The operations, chosen by weight (out of 100); writes touch members only, not the admin."""

    def __init__(self, client: httpx.AsyncClient, members: list[dict[str, str]], seed: int) -> None:
        self.client = client
        self.members = members
        self.random = random.Random(seed)
        now = datetime.now(UTC)
        self.period = {
            "from": (now - timedelta(days=30)).isoformat(),
            "to": now.isoformat(),
        }
        self.operations = [
            (30, "read users", lambda: (USERS, {})),
            (15, "read availableUsers", lambda: (AVAILABLE_USERS, {})),
            (10, "read dashboard", lambda: (DASHBOARD, self.period)),
            (10, "read callCenterReport", lambda: (REPORT, self.period)),
            (5, "read seatMap", lambda: (SEAT_MAP, {})),
            (5, "read mentionSuggestions", lambda: (MENTIONS, {"query": "a"})),
            (12, "write status", self._toggle),
            (7, "write dryRun", self._dry_run),
            (6, "write connectVideoIntegration", self._connect),
        ]
        self.weights = [weight for weight, _, _ in self.operations]

    def _member(self) -> dict[str, str]:
        return self.random.choice(self.members)

    def _toggle(self) -> tuple[str, dict[str, Any]]:
        name = self.random.choice(["deactivateUser", "activateUser"])
        return SET_STATUS % name, {"id": self._member()["id"], "dryRun": False}

    def _dry_run(self) -> tuple[str, dict[str, Any]]:
        return SET_STATUS % "deactivateUser", {"id": self._member()["id"], "dryRun": True}

    def _connect(self) -> tuple[str, dict[str, Any]]:
        member = self._member()
        return CONNECT, {"id": member["id"], "email": member["email"]}

    async def one(self, tally: Tally) -> None:
        [(_, kind, build)] = self.random.choices(self.operations, weights=self.weights)
        query, variables = build()
        started = time.perf_counter()
        try:
            answer = await self.client.post(
                "/graphql", json={"query": query, "variables": variables}
            )
        except httpx.HTTPError as error:
            tally.errors[f"transport {type(error).__name__}"] += 1
            return
        tally.record(kind, time.perf_counter() - started)
        if answer.status_code != 200:
            tally.errors[f"HTTP {answer.status_code}"] += 1
            return
        body = answer.json()
        for graphql_error in body.get("errors") or []:
            code = graphql_error.get("extensions", {}).get("code", "no code")
            tally.errors[f"GraphQL {code}"] += 1
        for payload in (body.get("data") or {}).values():
            user_errors = payload.get("userErrors", []) if isinstance(payload, dict) else []
            for user_error in user_errors:
                tally.user_errors[user_error["code"]] += 1


async def fetch_members(client: httpx.AsyncClient) -> list[dict[str, str]]:
    members: list[dict[str, str]] = []
    after = None
    while True:
        answer = await client.post(
            "/graphql", json={"query": MEMBERS, "variables": {"after": after}}
        )
        answer.raise_for_status()
        page = answer.json()["data"]["users"]
        members += [e["node"] for e in page["edges"] if e["node"]["role"] == "MEMBER"]
        if not page["pageInfo"]["hasNextPage"]:
            return members
        after = page["pageInfo"]["endCursor"]


async def run(url: str, token: str, seconds: float, warmup: float, concurrency: int) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=url, headers=headers, limits=limits, timeout=30
    ) as client:
        members = await fetch_members(client)
        loads = [Load(client, members, seed=n) for n in range(concurrency)]

        async def drive(load: Load, tally: Tally, until: float) -> None:
            while time.monotonic() < until:
                await load.one(tally)

        warm = Tally()
        await asyncio.gather(*(drive(load, warm, time.monotonic() + warmup) for load in loads))
        print("measuring", flush=True)
        tally = Tally()
        started = time.monotonic()
        await asyncio.gather(*(drive(load, tally, started + seconds) for load in loads))
        result = summary(tally, time.monotonic() - started)
    result.update(concurrency=concurrency, warmup_seconds=warmup, members=len(members))
    result["warmup_errors"] = sum(warm.errors.values())
    print(json.dumps(result), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("token")
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--warmup", type=float, required=True)
    parser.add_argument("--concurrency", type=int, required=True)
    args = parser.parse_args()
    asyncio.run(run(args.url, args.token, args.seconds, args.warmup, args.concurrency))
    sys.exit(0)


if __name__ == "__main__":
    main()
