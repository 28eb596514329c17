"""What is measured: each operation as the HTTP requests every variant answers it with."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

import orjson

from bench import documents

ROSTER = "roster"
RAW = "raw"
NAIVE = "naive"
ROUTER = "router"
PAGE = 100


@dataclass(frozen=True, slots=True)
class HttpRequest:
    method: str
    path: str
    body: bytes | None = None


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation; ``requests[variant]`` is cycled, ``per_operation`` of them make one."""

    name: str
    title: str
    items: int
    requests: dict[str, list[HttpRequest]]
    per_operation: int = 1
    write: bool = False

    @property
    def variants(self) -> list[str]:
        return list(self.requests)


@dataclass(frozen=True, slots=True)
class BenchInputs:
    """What the operations ask about, read from the benchmark database."""

    start: str  # ISO 8601 with offset: the 30 days the dashboard and the report cover
    end: str
    mention_fragment: str
    seats: int
    report_rows: int
    dashboard_users: int
    writable_user_ids: list[str]  # global ids of active members the write path toggles
    # cursors[i] is the `after` of page i + 1 of the users list, pages of 100 (None first)
    user_cursors: list[str | None] = field(default_factory=list)


def graphql(query: str, variables: Mapping[str, object], path: str = "/graphql") -> HttpRequest:
    return HttpRequest("POST", path, orjson.dumps({"query": query, "variables": variables}))


def get(path: str, **params: object) -> HttpRequest:
    shown = {key: value for key, value in params.items() if value is not None}
    return HttpRequest("GET", f"{path}?{urlencode(shown)}" if shown else path)


def _users(inputs: BenchInputs, first: int, pages: int) -> Operation:
    period = {"from": inputs.start, "to": inputs.end}
    cursors = inputs.user_cursors[:pages] if pages > 1 else [None]
    return Operation(
        name=f"users-{first * pages}",
        title=f"Users page, {first * pages} users"
        + (f" ({pages} pages of {first})" if pages > 1 else f" (first: {first})"),
        items=first * pages,
        requests={
            ROSTER: [
                graphql(documents.USERS_PAGE, {"first": first, "after": after, **period})
                for after in cursors
            ],
            RAW: [get("/users", first=first, after=after, **period) for after in cursors],
            NAIVE: [
                graphql(documents.USERS_PAGE, {"first": first, "after": after, **period})
                for after in cursors
            ],
        },
        per_operation=pages,
    )


def read_operations(inputs: BenchInputs, *, with_router: bool) -> list[Operation]:
    period = {"from": inputs.start, "to": inputs.end}
    seat_map = {
        ROSTER: [graphql(documents.SEAT_MAP, {})],
        RAW: [get("/seat-map")],
    }
    if with_router:
        seat_map[ROUTER] = [graphql(documents.SEAT_MAP, {})]
    return [
        Operation("seat-map", "Seat map with occupants", inputs.seats, seat_map),
        _users(inputs, 10, 1),
        _users(inputs, PAGE, 1),
        _users(inputs, PAGE, 10),
        Operation(
            "mention-suggestions",
            f'Mention suggestions ("{inputs.mention_fragment}")',
            10,
            {
                ROSTER: [
                    graphql(documents.MENTION_SUGGESTIONS, {"query": inputs.mention_fragment})
                ],
                RAW: [get("/mention-suggestions", query=inputs.mention_fragment)],
            },
        ),
        Operation(
            "dashboard",
            "Dashboard over 30 days (overview, byUser, byPeriod DAY)",
            inputs.dashboard_users,
            {
                ROSTER: [graphql(documents.DASHBOARD, period)],
                RAW: [get("/dashboard", **period)],
            },
        ),
        Operation(
            "call-center-report",
            "Call Center report over 30 days",
            inputs.report_rows,
            {
                ROSTER: [graphql(documents.CALL_CENTER_REPORT, period)],
                RAW: [get("/call-center-report", **period)],
            },
        ),
    ]


def write_operation(inputs: BenchInputs) -> Operation:
    return Operation(
        "deactivate-activate",
        "deactivateUser + activateUser (one request, two transactions)",
        1,
        {
            ROSTER: [
                graphql(documents.DEACTIVATE_ACTIVATE, {"userId": user_id})
                for user_id in inputs.writable_user_ids
            ]
        },
        write=True,
    )
