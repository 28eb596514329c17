"""The planned executor runs on the graphql-core and Strawberry it was verified against.

It overrides graphql-core's execution methods and reproduces how Strawberry calls
resolvers; after an upgrade of either, this fails with the versions and the procedure
(docs/executor.md) until someone has checked the executor and raised the versions in
schemas/execution/versions.py. The app itself only warns, once.
"""

import tomllib
import warnings
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from schemas.execution import versions


def test_the_installed_libraries_are_the_ones_the_executor_was_verified_against():
    installed = versions.installed_versions()
    assert not versions.unverified(installed), versions.unverified_message(installed)


def test_the_message_names_the_verified_versions_and_the_procedure():
    message = versions.unverified_message(
        {"graphql-core": "3.4.0", "strawberry-graphql": "0.341.2"}
    )
    assert message == (
        "roster's planned executor was verified against graphql-core 3.3.2, "
        "strawberry-graphql 0.341.2; installed: graphql-core 3.4.0. Follow docs/executor.md, "
        "'After an upgrade' (the oracle, make fuzz, the bench), then update "
        "schemas/execution/versions.py, or set ROSTER_PLANNED_EXECUTION=false."
    )


def test_other_versions_warn_once_and_do_not_stop_the_app(monkeypatch):
    monkeypatch.setattr(
        versions,
        "installed_versions",
        lambda: {"graphql-core": "3.4.0", "strawberry-graphql": None},
    )
    versions.warn_if_unverified.cache_clear()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            versions.warn_if_unverified()
            versions.warn_if_unverified()
    finally:
        versions.warn_if_unverified.cache_clear()
    assert [(w.category, str(w.message)) for w in caught] == [
        (
            versions.UnverifiedLibraryWarning,
            versions.unverified_message({"graphql-core": "3.4.0", "strawberry-graphql": None}),
        )
    ]
    assert "strawberry-graphql missing" in str(caught[0].message)


@pytest.mark.parametrize("name", sorted(versions.VERIFIED))
def test_pyproject_bounds_admit_the_verified_versions(name):
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    requirements = {
        Requirement(r).name: Requirement(r) for r in pyproject["project"]["dependencies"]
    }
    requirement = requirements[name]
    assert requirement.specifier.contains(versions.VERIFIED[name])
    assert any(spec.operator == "<" for spec in requirement.specifier), f"{name} has no upper bound"
