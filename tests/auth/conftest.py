"""The identity provider every single sign-on test talks to: a fresh one per test."""

from collections.abc import Iterator

import pytest

from tests.auth.identity_provider import IdentityProvider, identity_provider


@pytest.fixture
def idp() -> Iterator[IdentityProvider]:
    with identity_provider() as provider:
        yield provider
