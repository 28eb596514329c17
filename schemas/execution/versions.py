"""The library versions the planned executor was verified against.

The executor overrides graphql-core's execution methods and reads how Strawberry lays
out resolvers, infos and arguments: an upgrade of either can change what it must
reproduce. With other versions installed, the executor still runs (the app must start),
a warning says so once, and tests/schemas/test_executor_versions.py fails until someone
has gone through docs/executor.md's upgrade procedure and raised these.
"""

import warnings
from functools import cache
from importlib.metadata import PackageNotFoundError, version

VERIFIED = {"graphql-core": "3.3.2", "strawberry-graphql": "0.341.2"}
UPGRADE_PROCEDURE = "docs/executor.md, 'After an upgrade'"


class UnverifiedLibraryWarning(UserWarning):
    """graphql-core or Strawberry is at a version the planned executor was not verified on."""


def installed_versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for name in VERIFIED:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def unverified(installed: dict[str, str | None]) -> dict[str, str | None]:
    """The libraries of ``installed`` not at the version the executor was verified on."""
    return {name: found for name, found in installed.items() if found != VERIFIED[name]}


def unverified_message(installed: dict[str, str | None]) -> str:
    wrong = unverified(installed)
    listed = ", ".join(f"{name} {found or 'missing'}" for name, found in wrong.items())
    verified = ", ".join(f"{name} {wanted}" for name, wanted in VERIFIED.items())
    return (
        f"roster's planned executor was verified against {verified}; installed: {listed}. "
        f"Follow {UPGRADE_PROCEDURE} (the oracle, make fuzz, the bench), then update "
        "schemas/execution/versions.py, or set ROSTER_PLANNED_EXECUTION=false."
    )


@cache
def warn_if_unverified() -> None:
    """Warns once per process when the installed libraries are not the verified ones."""
    installed = installed_versions()
    if unverified(installed):
        warnings.warn(unverified_message(installed), UnverifiedLibraryWarning, stacklevel=3)
