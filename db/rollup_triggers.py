"""The triggers that keep ``call_rollups`` equal to the calls, on SQLite and PostgreSQL.

They live in the database, not in roster's code, so every writer is covered: recordCalls,
``roster calls import``, the seed, a migration, a product writing the shared database
directly. A call's row is its tenant, user and local calendar day (the tenant's time
zone at the time of the write); changing a tenant's ``time_zone`` rebuilds its rows.

PostgreSQL sums each statement's rows at once (statement triggers over transition
tables, so a COPY of 100,000 calls is one upsert of their sums); SQLite has row triggers
only, and reads the local day through ``roster_local_day``, a function db/engine.py
registers on every connection (db/sqlite_functions.py). A writer without it (the sqlite3
shell) is refused at its first call write rather than let the rollups go wrong.
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import MetaData, bindparam, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import BindParameter

_COLUMNS = "tenant_id, local_day, user_id, " + (
    "inbound_count, inbound_seconds, outbound_count, outbound_seconds"
)
_ADD_EXCLUDED = """inbound_count = r.inbound_count + EXCLUDED.inbound_count,
        inbound_seconds = r.inbound_seconds + EXCLUDED.inbound_seconds,
        outbound_count = r.outbound_count + EXCLUDED.outbound_count,
        outbound_seconds = r.outbound_seconds + EXCLUDED.outbound_seconds"""

# ------------------------------------------------------------------ PostgreSQL

_PG_LOCAL_DAY = "((c.started_at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone)::date"


def _pg_sums(source: str, sign: str = "", where: str = "") -> str:
    """Per (tenant, local day, user): the counts and seconds of ``source``'s calls."""
    return f"""SELECT c.tenant_id, {_PG_LOCAL_DAY} AS local_day, c.user_id,
            {sign}count(*) FILTER (WHERE c.direction = 'INBOUND') AS inbound_count,
            {sign}coalesce(sum(c.duration_seconds) FILTER (WHERE c.direction = 'INBOUND'), 0)
              AS inbound_seconds,
            {sign}count(*) FILTER (WHERE c.direction = 'OUTBOUND') AS outbound_count,
            {sign}coalesce(sum(c.duration_seconds) FILTER (WHERE c.direction = 'OUTBOUND'), 0)
              AS outbound_seconds
          FROM {source} c JOIN tenants t ON t.id = c.tenant_id {where}
          GROUP BY 1, 2, 3"""


def _pg_apply(*deltas: str) -> str:
    # Sorted by key, so concurrent writers lock shared rows in one order (no deadlock).
    return f"""INSERT INTO call_rollups AS r ({_COLUMNS})
        SELECT tenant_id, local_day, user_id, sum(inbound_count), sum(inbound_seconds),
               sum(outbound_count), sum(outbound_seconds)
          FROM ({" UNION ALL ".join(deltas)}) AS delta
          GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (tenant_id, local_day, user_id) DO UPDATE SET
        {_ADD_EXCLUDED};"""


_PG_PRUNE = f"""DELETE FROM call_rollups r
        USING (SELECT DISTINCT c.tenant_id, {_PG_LOCAL_DAY} AS local_day, c.user_id
                 FROM old_calls c JOIN tenants t ON t.id = c.tenant_id) AS k
        WHERE r.tenant_id = k.tenant_id AND r.local_day = k.local_day
          AND r.user_id = k.user_id AND r.inbound_count = 0 AND r.outbound_count = 0;"""


def _pg_function(name: str, body: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {body}
        RETURN NULL;
    END $$"""


_PG_FUNCTIONS = {
    "roster_call_rollups_on_insert": _pg_apply(_pg_sums("new_calls")),
    "roster_call_rollups_on_update": _pg_apply(_pg_sums("new_calls"), _pg_sums("old_calls", "-"))
    + "\n        "
    + _PG_PRUNE,
    "roster_call_rollups_on_delete": _pg_apply(_pg_sums("old_calls", "-"))
    + "\n        "
    + _PG_PRUNE,
    "roster_call_rollups_on_truncate": "DELETE FROM call_rollups;",
    "roster_call_rollups_on_time_zone": f"""DELETE FROM call_rollups WHERE tenant_id = NEW.id;
        INSERT INTO call_rollups ({_COLUMNS})
        {_pg_sums("calls", where="WHERE c.tenant_id = NEW.id")} ORDER BY 1, 2, 3;""",
}

_PG_TRIGGERS = [
    """CREATE TRIGGER call_rollups_insert AFTER INSERT ON calls
        REFERENCING NEW TABLE AS new_calls
        FOR EACH STATEMENT EXECUTE FUNCTION roster_call_rollups_on_insert()""",
    """CREATE TRIGGER call_rollups_update AFTER UPDATE ON calls
        REFERENCING OLD TABLE AS old_calls NEW TABLE AS new_calls
        FOR EACH STATEMENT EXECUTE FUNCTION roster_call_rollups_on_update()""",
    """CREATE TRIGGER call_rollups_delete AFTER DELETE ON calls
        REFERENCING OLD TABLE AS old_calls
        FOR EACH STATEMENT EXECUTE FUNCTION roster_call_rollups_on_delete()""",
    """CREATE TRIGGER call_rollups_truncate AFTER TRUNCATE ON calls
        FOR EACH STATEMENT EXECUTE FUNCTION roster_call_rollups_on_truncate()""",
    """CREATE TRIGGER call_rollups_time_zone AFTER UPDATE OF time_zone ON tenants
        FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
        EXECUTE FUNCTION roster_call_rollups_on_time_zone()""",
]

_PG_REBUILD = f"""INSERT INTO call_rollups ({_COLUMNS})
    {_pg_sums("calls")} ORDER BY 1, 2, 3"""
# PostgreSQL's insert trigger, which a bulk writer may disable in its own transaction.
PG_INSERT_TRIGGER = "call_rollups_insert"

# ------------------------------------------------------------------ SQLite


def _sqlite_day(row: str) -> str:
    zone = f"(SELECT time_zone FROM tenants WHERE id = {row}.tenant_id)"
    return f"roster_local_day({row}.started_at, {zone})"


def _sqlite_key(row: str) -> str:
    day = _sqlite_day(row)
    return f"tenant_id = {row}.tenant_id AND user_id = {row}.user_id AND local_day = {day}"


def _sqlite_add(row: str) -> str:
    day = _sqlite_day(row)
    return f"""INSERT INTO call_rollups ({_COLUMNS})
        VALUES ({row}.tenant_id, {day}, {row}.user_id,
          {row}.direction = 'INBOUND',
          CASE WHEN {row}.direction = 'INBOUND' THEN {row}.duration_seconds ELSE 0 END,
          {row}.direction = 'OUTBOUND',
          CASE WHEN {row}.direction = 'OUTBOUND' THEN {row}.duration_seconds ELSE 0 END)
        ON CONFLICT (tenant_id, local_day, user_id) DO UPDATE SET
        {_ADD_EXCLUDED.replace("r.", "")};"""


def _sqlite_remove(row: str) -> str:
    return f"""UPDATE call_rollups SET
          inbound_count = inbound_count - ({row}.direction = 'INBOUND'),
          inbound_seconds = inbound_seconds
            - CASE WHEN {row}.direction = 'INBOUND' THEN {row}.duration_seconds ELSE 0 END,
          outbound_count = outbound_count - ({row}.direction = 'OUTBOUND'),
          outbound_seconds = outbound_seconds
            - CASE WHEN {row}.direction = 'OUTBOUND' THEN {row}.duration_seconds ELSE 0 END
        WHERE {_sqlite_key(row)};
        DELETE FROM call_rollups
        WHERE {_sqlite_key(row)} AND inbound_count = 0 AND outbound_count = 0;"""


def _sqlite_sums(time_zone: str, where: str = "") -> str:
    return f"""SELECT c.tenant_id, roster_local_day(c.started_at, {time_zone}), c.user_id,
          sum(c.direction = 'INBOUND'),
          sum(CASE WHEN c.direction = 'INBOUND' THEN c.duration_seconds ELSE 0 END),
          sum(c.direction = 'OUTBOUND'),
          sum(CASE WHEN c.direction = 'OUTBOUND' THEN c.duration_seconds ELSE 0 END)
        FROM calls c {where}
        GROUP BY 1, 2, 3"""


_SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER call_rollups_insert AFTER INSERT ON calls BEGIN
        {_sqlite_add("NEW")}
    END""",
    f"""CREATE TRIGGER call_rollups_update
        AFTER UPDATE OF tenant_id, user_id, direction, started_at, duration_seconds ON calls BEGIN
        {_sqlite_remove("OLD")}
        {_sqlite_add("NEW")}
    END""",
    f"""CREATE TRIGGER call_rollups_delete AFTER DELETE ON calls BEGIN
        {_sqlite_remove("OLD")}
    END""",
    f"""CREATE TRIGGER call_rollups_time_zone AFTER UPDATE OF time_zone ON tenants
        WHEN OLD.time_zone IS NOT NEW.time_zone BEGIN
        DELETE FROM call_rollups WHERE tenant_id = NEW.id;
        INSERT INTO call_rollups ({_COLUMNS})
        {_sqlite_sums("NEW.time_zone", "WHERE c.tenant_id = NEW.id")};
    END""",
]

_SQLITE_TENANT_ZONE = "(SELECT time_zone FROM tenants WHERE id = c.tenant_id)"
_SQLITE_REBUILD = f"""INSERT INTO call_rollups ({_COLUMNS})
    {_sqlite_sums(_SQLITE_TENANT_ZONE)}"""

_TRIGGER_NAMES = [
    "call_rollups_insert",
    "call_rollups_update",
    "call_rollups_delete",
    "call_rollups_truncate",
]


def install(connection: Connection) -> None:
    """Create (or re-create) the functions and triggers on ``connection``'s database, whose
    tables exist."""
    _drop_triggers(connection)
    if connection.dialect.name == "postgresql":
        for name, body in _PG_FUNCTIONS.items():
            connection.execute(text(_pg_function(name, body)))
        statements = _PG_TRIGGERS
    else:
        statements = _SQLITE_TRIGGERS
    for statement in statements:
        connection.execute(text(statement))


def uninstall(connection: Connection) -> None:
    """Drop the triggers and functions (the tables stay)."""
    _drop_triggers(connection)
    if connection.dialect.name == "postgresql":
        for name in _PG_FUNCTIONS:
            connection.execute(text(f"DROP FUNCTION IF EXISTS {name}()"))


def _drop_triggers(connection: Connection) -> None:
    is_postgres = connection.dialect.name == "postgresql"
    for name in _TRIGGER_NAMES:
        connection.execute(
            text(
                f"DROP TRIGGER IF EXISTS {name} ON calls"
                if is_postgres
                else f"DROP TRIGGER IF EXISTS {name}"
            )
        )
    connection.execute(
        text(
            "DROP TRIGGER IF EXISTS call_rollups_time_zone ON tenants"
            if is_postgres
            else "DROP TRIGGER IF EXISTS call_rollups_time_zone"
        )
    )


_IN_TENANTS = "WHERE c.tenant_id IN :tenant_ids"
_PG_REBUILD_TENANTS = f"""INSERT INTO call_rollups ({_COLUMNS})
    {_pg_sums("calls", where=_IN_TENANTS)} ORDER BY 1, 2, 3"""
_SQLITE_REBUILD_TENANTS = f"""INSERT INTO call_rollups ({_COLUMNS})
    {_sqlite_sums(_SQLITE_TENANT_ZONE, _IN_TENANTS)}"""


def rebuild(connection: Connection, tenant_ids: Sequence[int] | None = None) -> None:
    """Recompute the rollup rows from the calls (of ``tenant_ids`` only, when given), in
    ``connection``'s transaction: one GROUP BY, also for a bulk writer that held the
    insert trigger off (the PostgreSQL seed)."""
    is_postgres = connection.dialect.name == "postgresql"
    if tenant_ids is None:
        connection.execute(text("DELETE FROM call_rollups"))
        connection.execute(text(_PG_REBUILD if is_postgres else _SQLITE_REBUILD))
        return
    tenants: BindParameter[list[int]] = bindparam("tenant_ids", expanding=True)
    parameters = {"tenant_ids": list(tenant_ids)}
    connection.execute(
        text("DELETE FROM call_rollups WHERE tenant_id IN :tenant_ids").bindparams(tenants),
        parameters,
    )
    rows = _PG_REBUILD_TENANTS if is_postgres else _SQLITE_REBUILD_TENANTS
    connection.execute(text(rows).bindparams(tenants), parameters)


def attach_rollup_triggers(metadata: MetaData) -> None:
    """Let ``metadata.create_all`` install the triggers once every table exists."""

    def after_create(_target: MetaData, connection: Connection, **_kw: Any) -> None:
        install(connection)

    def before_drop(_target: MetaData, connection: Connection, **_kw: Any) -> None:
        uninstall(connection)

    event.listen(metadata, "after_create", after_create)
    event.listen(metadata, "before_drop", before_drop)
