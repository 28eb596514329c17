"""The ``roster`` command line."""

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from db.enums import TokenKind
from gateway.cli_calls import calls_app, rollups_app, tenant_app
from gateway.cli_support import refuse, settings, usage_error
from gateway.commands.documents import documents_app
from gateway.loopback import is_loopback_host
from gateway.settings import SettingsError, get_settings

app = typer.Typer(help="roster: the user-lifecycle graph.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
token_app = typer.Typer(
    help="API tokens: a person's, and a tenant's SCIM and service tokens.", no_args_is_help=True
)
app.add_typer(db_app, name="db")
app.add_typer(token_app, name="token")
schema_app = typer.Typer(help="Exported SDL and the federation supergraph.", no_args_is_help=True)
app.add_typer(schema_app, name="schema")
app.add_typer(rollups_app, name="rollups")
app.add_typer(tenant_app, name="tenant")
app.add_typer(calls_app, name="calls")
app.add_typer(documents_app, name="documents")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, min=1, help="uvicorn worker processes."),
    subgraph: str | None = typer.Option(
        None, help="Serve only this subgraph (admin, analytics, phone, phoneMobile, callCenter)."
    ),
    no_worker: bool = typer.Option(
        False,
        "--no-worker",
        help="Run no background worker (scheduled changes) here: run `roster worker` instead.",
    ),
) -> None:
    """Serve the graph (GraphiQL at /graphql) with uvicorn."""
    import os

    import uvicorn

    from gateway.events.setup import crosses_processes
    from gateway.telemetry.logging import configure_logging
    from gateway.telemetry.metrics_serve import serve_metrics
    from schemas.subgraph import SUBGRAPHS

    if subgraph is not None and subgraph not in SUBGRAPHS:
        raise typer.BadParameter(f"one of {', '.join(SUBGRAPHS)}", param_hint="--subgraph")
    checked = settings()
    try:
        checked.check_serving()
    except SettingsError as error:
        raise refuse(str(error)) from None
    if subgraph is None:
        from gateway.commands.documents import documents_refusal

        problem = documents_refusal(checked)
        if problem is not None:
            raise refuse(problem)
    if subgraph is not None and not checked.subgraphs_enabled:
        raise refuse(
            f"roster cannot serve the subgraph {subgraph}: ROSTER_SUBGRAPHS_ENABLED=false "
            "turns the subgraph endpoints off. Unset it, or serve without --subgraph."
        )
    if checked.graphiql_token.get_secret_value() and not is_loopback_host(host):
        raise refuse(
            f"roster will not serve ROSTER_GRAPHIQL_TOKEN on --host {host}: the GraphiQL page "
            "hands that token to whoever opens it, so it is served on a loopback host only "
            "(127.0.0.1, ::1, localhost). Unset ROSTER_GRAPHIQL_TOKEN, or serve on 127.0.0.1."
        )
    if workers > 1 and not crosses_processes(checked):
        # Not refused: queries, mutations and webhooks work across workers; only a
        # subscription misses what another worker commits. Said loudly, at every start.
        typer.echo(
            f"roster: warning: {workers} workers on SQLite without ROSTER_EVENTS_URL: a "
            "subscription sees only the changes made through its own worker process. Set "
            "ROSTER_EVENTS_URL=redis://HOST:PORT (or use PostgreSQL) for live updates from "
            "every worker, or serve with --workers 1 (docs/events.md).",
            err=True,
        )
    configure_logging(checked)
    if subgraph is not None:
        os.environ["ROSTER_SERVE_SUBGRAPH"] = subgraph
    if no_worker:
        # The app is built from the settings (in this process, or in uvicorn's workers).
        os.environ["ROSTER_SERVE_WORKER"] = "false"
        get_settings.cache_clear()
    # Metrics: under --workers N the workers count into one directory, set before they
    # start; it is removed (and the supervisor's metrics port closed) when serving ends,
    # and the process's environment is as it was (a test serving in-process counts on it).
    with serve_metrics(checked, workers=workers):
        uvicorn.run(
            "gateway.serving:create_served_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            loop="auto",
            http="auto",
            # The log is roster's (gateway/telemetry/logging.py): uvicorn's lines go through
            # its handler, and roster's request line replaces uvicorn's access log.
            log_config=None,
            log_level=checked.log_level.lower(),
            access_log=False,
            proxy_headers=False,
            # Open subscription streams never end by themselves: on shutdown they are given
            # this long, then cancelled (each closes cleanly), so a stop never hangs on them.
            timeout_graceful_shutdown=5,
        )


@app.command()
def worker() -> None:
    """Run the background worker (scheduled status changes) until SIGINT or SIGTERM."""
    from gateway.telemetry.log_lines import log_status_changes
    from gateway.telemetry.logging import configure_logging
    from gateway.worker.command import run_worker

    checked = settings()
    configure_logging(checked)
    # The scheduled changes the worker applies are logged like those made by requests.
    log_status_changes()
    asyncio.run(run_worker(checked))


@db_app.command("upgrade")
def db_upgrade(
    revision: str = typer.Argument("head", help="Revision to migrate to."),
) -> None:
    """Apply the Alembic migrations to ROSTER_DATABASE_URL; a no-op when it is up to date."""
    from sqlalchemy.engine import make_url

    from db.migrate import current, upgrade

    url = settings().database_url
    shown = make_url(url).render_as_string(hide_password=True)
    before = current(url)
    upgrade(url, revision)
    after = current(url)
    if after == before:
        typer.echo(f"{shown}: already at {after}, nothing to do.")
    else:
        typer.echo(f"{shown}: upgraded from {before or 'an empty database'} to {after}.")


@db_app.command("current")
def db_current() -> None:
    """Print the revision ROSTER_DATABASE_URL is at ("none" when never migrated)."""
    from db.migrate import current

    typer.echo(current(settings().database_url) or "none")


@db_app.command("revision")
def db_revision(
    message: str = typer.Option(..., "--message", "-m", help="What the revision changes."),
    empty: bool = typer.Option(False, help="Write an empty revision instead of comparing."),
) -> None:
    """Write the next numbered migration from what the models add (see docs/migrations.md)."""
    from db.migrate import revision

    path = revision(message, autogenerate=not empty)
    typer.echo(f"wrote {path}; read it and tidy it before committing.")


@app.command()
def seed(
    demo: bool = typer.Option(
        False, "--demo", help="Seed the demo tenants acme and globex (the only seed there is)."
    ),
    users: int = typer.Option(60, help="acme's users, admins and deactivated users included."),
    calls: int = typer.Option(5000, help="acme's calls, spread over the last 90 days."),
) -> None:
    """Fill ROSTER_DATABASE_URL with the demo; does nothing when tenant acme is already there."""
    from gateway.commands.seed import seed_demo_with_progress

    if not demo:
        raise typer.BadParameter("required: the demo is the only seed so far", param_hint="--demo")
    try:
        report = asyncio.run(
            seed_demo_with_progress(settings().database_url, users=users, calls=calls)
        )
    except (LookupError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(report.summary())


@token_app.command("create")
def token_create(
    email: str | None = typer.Option(
        None, help="The user the token acts as (not with --scim or --service)."
    ),
    tenant: str | None = typer.Option(
        None,
        help="Tenant slug: when the email is in several; with --scim or --service, the "
        "token's tenant.",
    ),
    scim: bool = typer.Option(
        False, "--scim", help="A tenant's SCIM provisioning token, no person's (needs --tenant)."
    ),
    service: str | None = typer.Option(
        None,
        "--service",
        metavar="NAME",
        help="A tenant's product service token named NAME, no person's (needs --tenant): "
        "it reads what products read and records calls, and administers nothing.",
    ),
    name: str | None = typer.Option(
        None, help='What the token is for (roster token list shows it; default "cli", "scim").'
    ),
    expires_in_days: int | None = typer.Option(
        None, min=1, help="Days until the token stops working (default: it does not expire)."
    ),
) -> None:
    """Print a new API token for a user, or with --scim or --service a tenant's token, and
    nothing else."""
    from gateway.commands.tokens import create_tenant_token_for, create_token_for
    from resolvers.api_tokens.kinds import KIND_FACTS

    tenant_kind = _tenant_token_kind(scim=scim, service=service, email=email, name=name)
    if tenant_kind is not None and tenant is None:
        noun = KIND_FACTS[tenant_kind].noun
        usage_error(f"--{tenant_kind.lower()} needs --tenant SLUG: a {noun} belongs to one tenant")
    if tenant_kind is None and email is None:
        usage_error(
            "pass --email (a person's token), or --scim or --service NAME with --tenant SLUG "
            "(a tenant's token)"
        )
    try:
        if tenant_kind is not None:
            assert tenant is not None
            token = asyncio.run(
                create_tenant_token_for(
                    settings().database_url,
                    kind=tenant_kind,
                    tenant=tenant,
                    name=service if service is not None else name if name is not None else "scim",
                    expires_in_days=expires_in_days,
                )
            )
        else:
            assert email is not None
            token = asyncio.run(
                create_token_for(
                    settings().database_url,
                    email=email,
                    tenant=tenant,
                    name=name if name is not None else "cli",
                    expires_in_days=expires_in_days,
                )
            )
    except LookupError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(token)


def _tenant_token_kind(
    *, scim: bool, service: str | None, email: str | None, name: str | None
) -> TokenKind | None:
    """The kind of tenant token the options ask for (None: a person's), or a usage error
    when they contradict each other."""
    if scim and service is not None:
        usage_error("--scim and --service make different tokens: pass one")
    if service is not None and name is not None:
        usage_error("--service NAME names the token already: drop --name")
    kind = TokenKind.SCIM if scim else TokenKind.SERVICE if service is not None else None
    if kind is not None and email is not None:
        usage_error(f"--{kind.lower()} makes a tenant's token, no person's: drop --email")
    return kind


@token_app.command("list")
def token_list(
    tenant: str | None = typer.Option(None, help="Only this tenant's tokens (its slug)."),
    email: str | None = typer.Option(None, help="Only the tokens of the user with this email."),
) -> None:
    """Print the API tokens, SCIM tokens too, newest first: id, kind, name, user, times (UTC)
    and state; never secrets."""
    from gateway.commands.tokens import list_tokens, token_table

    lines = asyncio.run(list_tokens(settings().database_url, tenant=tenant, email=email))
    typer.echo(token_table(lines))


@token_app.command("revoke")
def token_revoke(
    token_id: str = typer.Argument(
        ..., help="The token: the ID token list shows, or its global id."
    ),
) -> None:
    """Revoke an API or SCIM token: refused from its next request on (audited as the CLI's
    doing)."""
    from gateway.commands.tokens import revoke_token

    try:
        checked = settings()
        revocation = asyncio.run(revoke_token(checked.database_url, token_id, settings=checked))
    except LookupError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(revocation.summary())


@schema_app.command("export")
def schema_export(
    check: bool = typer.Option(False, help="Write nothing; exit 1 when a file is out of date."),
) -> None:
    """Write schema/subgraphs/<name>.graphql (each subgraph's SDL) and schema/api.graphql."""
    from gateway.commands.schema_export import SCHEMA_DIR, drifted_files, export_sdl

    if check:
        drifted = drifted_files()
        for relative in drifted:
            typer.echo(f"out of date: schema/{relative}", err=True)
        raise typer.Exit(1 if drifted else 0)
    written = export_sdl()
    for path in written:
        typer.echo(f"wrote {path.relative_to(SCHEMA_DIR.parent)}")
    if not written:
        typer.echo("schema/ is up to date.")


@schema_app.command("compose")
def schema_compose(
    urls: Annotated[
        Path | None,
        typer.Option(help="JSON object of subgraph name -> URL, over federation/subgraphs.json."),
    ] = None,
    add: Annotated[
        Path | None,
        typer.Option(help="JSON list of more subgraphs {name, url, schema}, e.g. a product's."),
    ] = None,
    library: str = typer.Option("guild", help="guild (@theguild/federation-composition), apollo."),
    out: Annotated[
        Path | None, typer.Option(help="Where to write it (default: schema/supergraph.graphql).")
    ] = None,
) -> None:
    """Compose schema/subgraphs/*.graphql into schema/supergraph.graphql (needs Node.js)."""
    from gateway.commands.schema_compose import (
        LIBRARIES,
        SUPERGRAPH_FILE,
        CompositionError,
        compose,
        read_subgraph_list,
        read_url_map,
        roster_subgraphs,
    )

    if library not in LIBRARIES:
        raise typer.BadParameter(f"one of {', '.join(LIBRARIES)}", param_hint="--library")
    try:
        subgraphs = roster_subgraphs(read_url_map(urls) if urls else None)
        subgraphs += read_subgraph_list(add) if add else []
        target = out or SUPERGRAPH_FILE
        report = compose(subgraphs, out=target, library=library)  # type: ignore[arg-type]
    except (CompositionError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error
    for hint in report.hints:
        typer.echo(f"hint [{hint['level']} {hint['code']}] {hint['message']}", err=True)
    typer.echo(f"wrote {target} with {report.library} {report.version}")


if __name__ == "__main__":
    app()
