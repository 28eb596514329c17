"""The ``roster`` command line."""

import asyncio

import typer

from gateway.settings import get_settings

app = typer.Typer(help="roster: the user-lifecycle graph.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(token_app, name="token")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, min=1, help="uvicorn worker processes."),
    subgraph: str | None = typer.Option(
        None, help="Serve only this subgraph (admin, analytics, phone, phoneMobile, callCenter)."
    ),
) -> None:
    """Serve the graph (GraphiQL at /graphql) with uvicorn."""
    import os

    import uvicorn

    from schemas.subgraph import SUBGRAPHS

    if subgraph is not None:
        if subgraph not in SUBGRAPHS:
            raise typer.BadParameter(f"one of {', '.join(SUBGRAPHS)}", param_hint="--subgraph")
        os.environ["ROSTER_SERVE_SUBGRAPH"] = subgraph
    uvicorn.run(
        "gateway.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop="auto",
        http="auto",
        log_level="info",
        proxy_headers=False,
    )


@token_app.command("create")
def token_create(
    email: str = typer.Option(..., help="The user the token acts as."),
    tenant: str | None = typer.Option(None, help="Tenant slug, when the email is in several."),
) -> None:
    """Print a new API token for a user, and nothing else."""
    from gateway.commands.tokens import create_token_for

    try:
        token = asyncio.run(create_token_for(get_settings().database_url, email=email, tenant=tenant))
    except LookupError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(token)


if __name__ == "__main__":
    app()
