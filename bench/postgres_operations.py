"""The PostgreSQL stage's cells: the dashboard and the Call Center report per window."""

from bench import documents
from bench.operations import RAW, ROSTER, Operation, get, graphql
from bench.postgres_database import PostgresDatabase, window_inputs

WINDOWS = (30, 90)


def analytics_operations(database: PostgresDatabase) -> list[Operation]:
    """The SQLite stage's documents over the last 30 and 90 local days of the database."""
    operations = []
    for days in WINDOWS:
        inputs = window_inputs(database.url, days)
        period = {"from": inputs.start, "to": inputs.end}
        size = f"{database.calls:,} calls"
        operations += [
            Operation(
                f"dashboard-{days}d-{database.label}",
                f"Dashboard over {days} days (overview, byUser, byPeriod DAY), {size}",
                inputs.dashboard_users,
                {
                    ROSTER: [graphql(documents.DASHBOARD, period)],
                    RAW: [get("/dashboard", **period)],
                },
            ),
            Operation(
                f"call-center-report-{days}d-{database.label}",
                f"Call Center report over {days} days, {size}",
                inputs.report_rows,
                {
                    ROSTER: [graphql(documents.CALL_CENTER_REPORT, period)],
                    RAW: [get("/call-center-report", **period)],
                },
            ),
        ]
    return operations
