"""roster's commands about calls: their import, their rollups, and the tenant time zone
their local days follow. gateway/cli.py adds these groups to ``roster``."""

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from gateway.cli_support import settings, usage_error

rollups_app = typer.Typer(
    help="Call rollups: compare them with the calls, rebuild them.", no_args_is_help=True
)
tenant_app = typer.Typer(help="Tenants' settings.", no_args_is_help=True)
calls_app = typer.Typer(
    help="Calls the Phone product made, recorded in bulk.", no_args_is_help=True
)


@rollups_app.command("verify")
def rollups_verify(
    tenant: str | None = typer.Option(None, help="Only this tenant (its slug); default all."),
) -> None:
    """Compare call_rollups with a full GROUP BY of the calls; print each difference and exit
    1 on any."""
    from gateway.commands.rollups import difference_line, verify_rollups

    try:
        check = asyncio.run(verify_rollups(settings().database_url, tenant=tenant))
    except LookupError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    for difference in check.differences:
        typer.echo(difference_line(difference))
    if check.differences:
        typer.echo(
            f"{len(check.differences)} rollup rows differ from the calls; "
            "`roster rollups rebuild` recomputes them.",
            err=True,
        )
        raise typer.Exit(1)
    typer.echo(f"rollups match the calls: {check.rollup_rows} rows checked.")


@rollups_app.command("rebuild")
def rollups_rebuild(
    tenant: str | None = typer.Option(None, help="Only this tenant (its slug); default all."),
) -> None:
    """Recompute call_rollups from the calls, in one transaction."""
    from gateway.commands.rollups import rebuild_rollups

    try:
        rows = asyncio.run(rebuild_rollups(settings().database_url, tenant=tenant))
    except LookupError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(f"rollups rebuilt: {rows} rows.")


@tenant_app.command("set-time-zone")
def tenant_set_time_zone(
    slug: str = typer.Argument(..., help="The tenant's slug."),
    zone: str = typer.Argument(..., help="An IANA time zone name, e.g. Asia/Tokyo."),
) -> None:
    """Set a tenant's time zone; its call rollups are rebuilt for the new local days in the
    same transaction."""
    from gateway.commands.rollups import change_time_zone
    from resolvers.tenant_time_zone import TimeZoneRefused

    try:
        change = asyncio.run(change_time_zone(settings().database_url, slug=slug, time_zone=zone))
    except (LookupError, TimeZoneRefused) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error
    if change.changed:
        typer.echo(f"{slug}: time zone {change.previous} -> {change.current}; rollups rebuilt.")
    else:
        typer.echo(f"{slug}: time zone already {change.current}, nothing to do.")


@calls_app.command("import")
def calls_import(
    file: Annotated[
        Path,
        typer.Argument(exists=True, dir_okay=False, readable=True, help="NDJSON or CSV calls."),
    ],
    tenant: str = typer.Option(..., help="The tenant's slug: the calls and users are its."),
    file_format: str | None = typer.Option(
        None, "--format", help="ndjson or csv (default: from the extension)."
    ),
    batch_size: int = typer.Option(
        1000, min=1, max=1000, help="Calls per transaction, each committed as it goes."
    ),
) -> None:
    """Record the calls of FILE as recordCalls would (the API's field names; userId a global
    ID): a re-run records nothing twice. Rejected lines go to stderr with their line number;
    exit 1 when any was rejected."""
    from gateway.commands.calls_import import CallsFormat, format_of, import_calls

    if file_format is not None and file_format not in tuple(CallsFormat):
        usage_error(f"--format is one of {', '.join(CallsFormat)}, not {file_format!r}")
    try:
        report = asyncio.run(
            import_calls(
                settings().database_url,
                file,
                tenant=tenant,
                file_format=format_of(file, CallsFormat(file_format) if file_format else None),
                batch_size=batch_size,
            )
        )
    except LookupError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(report.summary())
    raise typer.Exit(1 if report.rejected else 0)
