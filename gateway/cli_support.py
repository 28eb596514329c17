"""What every ``roster`` command shares: its settings, and how it refuses."""

from typing import NoReturn

import typer

from gateway.settings import Settings, SettingsError, get_settings

CONFIGURATION_ERROR = 2  # the exit status when roster refuses its settings


def refuse(message: str) -> typer.Exit:
    """Prints ``message`` (one paragraph, no traceback); raise what it returns."""
    typer.echo(message, err=True)
    return typer.Exit(CONFIGURATION_ERROR)


def settings() -> Settings:
    """The settings from the environment, or the reason they are refused and exit 2."""
    try:
        return get_settings()
    except SettingsError as error:
        raise refuse(str(error)) from None


def usage_error(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)
