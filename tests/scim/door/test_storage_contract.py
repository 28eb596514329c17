# The contract tests roster does not take are set to None (so pytest collects none).
# mypy: disable-error-code="assignment"
"""scim2-server's own contract for a storage (scim2_server.testing), run on roster's: one
tenant of a fresh database per test is an empty storage."""

import asyncio
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from scim2_models import (
    InvalidFilterException,
    NotImplementedException,
    ResourceType,
    ScimProvider,
    UniquenessException,
)
from scim2_server.storage import ScimStorage
from scim2_server.testing import (
    ENTERPRISE,
    SEARCH_FILTERS,
    SEARCH_USERS,
    AsyncScimStorageContract,
    BlockingStorage,
)

from gateway.scim.provider import scim_provider
from gateway.scim.storage import TenantStorage
from resolvers.reader import Reader
from tests.conftest import BACKENDS, empty_database
from tests.factories import make_tenant

_emails = itertools.count()


def _with_email(user: dict[str, Any]) -> dict[str, Any]:
    """roster refuses a user with no email (and a userName that is no address): the
    contract's users get one of their own."""
    # Not roster's: title is no attribute of its User schema, and the contract's
    # enterprise values name managers that are no users of the tenant.
    user = {key: value for key, value in user.items() if key not in (ENTERPRISE, "title")}
    if not user.get("emails"):
        user["emails"] = [{"value": f"person{next(_emails)}@contract.example"}]
    return user


# The contract's filters on title: no attribute of roster's User schema, so the models
# refuse them before the storage (400 invalidFilter at the door).
TITLE_FILTERS = [f for f in SEARCH_FILTERS if "title" in f]
# The filters the storage refuses (400 invalidFilter): a dateTime takes no substring
# operator, and roster does not filter on the enterprise extension.
REFUSED_FILTERS = [
    'meta.created co "20"',
    *(f for f in SEARCH_FILTERS if f.startswith(ENTERPRISE)),
]
SUPPORTED_FILTERS = [
    f for f in SEARCH_FILTERS if f not in REFUSED_FILTERS and f not in TITLE_FILTERS
]


class TestTenantStorage(AsyncScimStorageContract):
    # A search at the root (several resource types) answers 501: see test_no_root_search.
    supports_root_search = False
    test_search_at_the_root = None
    test_search_at_the_root_on_an_attribute_some_types_lack = None
    # Sorting is not announced (sortBy answers 501 before the storage: test_bad_requests).
    test_search_sorted = None
    test_search_sorts_as_search_request_sort = None
    # Nor is cursor pagination (RFC 9865): pages are by startIndex.
    test_cursor_pages_every_resource_once = None
    test_cursor_pages_in_sort_order = None
    test_cursor_pages_equal_sort_values_once = None
    test_cursor_pages_back = None
    test_cursor_gives_stable_pages_when_a_resource_of_the_page_is_deleted = None
    test_cursor_gives_stable_pages_when_a_resource_is_created = None
    test_cursor_pages_back_after_a_deletion = None
    test_cursor_with_count_zero = None
    test_cursor_at_the_root = None

    @pytest.fixture(params=BACKENDS)
    def storage(self, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ScimStorage]:
        with asyncio.Runner() as runner:
            database_context = empty_database(request.param, request, tmp_path / "roster.db")
            database = runner.run(database_context.__aenter__())
            reader = Reader(database)
            try:
                tenant = runner.run(make_tenant(database))
                assert tenant.id is not None
                yield BlockingStorage(
                    TenantStorage(database=database, reader=reader, tenant_id=tenant.id), runner
                )
            finally:
                runner.run(reader.finish())
                runner.run(database_context.__aexit__(None, None, None))

    @pytest.fixture
    def provider(self) -> ScimProvider:
        return scim_provider()

    def create_users(
        self, storage: ScimStorage, user_type: ResourceType, user_model: Any, *user_names: str
    ) -> list[Any]:
        return [
            storage.create(user_type, user_model.model_validate(_with_email({"userName": name})))
            for name in user_names
        ]

    def search_users(self) -> list[dict[str, Any]]:
        return [_with_email(user) for user in SEARCH_USERS]

    # The contract's own tests, their users given an email (roster refuses one without).

    def test_create_does_not_change_the_given_resource(
        self, storage: Any, user_type: ResourceType, user_model: Any
    ) -> None:
        given = user_model.model_validate(_with_email({"userName": "bjensen"}))
        storage.create(user_type, given)

        assert given.id is None
        assert given.meta is None

    def test_create_with_a_taken_unique_value(
        self, storage: Any, user_type: ResourceType, user_model: Any
    ) -> None:
        self.create_users(storage, user_type, user_model, "bjensen")

        with pytest.raises(UniquenessException):
            storage.create(
                user_type, user_model.model_validate(_with_email({"userName": "BJensen"}))
            )

    @pytest.mark.parametrize("scim_filter", SUPPORTED_FILTERS)
    def test_search_filters_as_the_filter_evaluator(
        self,
        storage: Any,
        provider: ScimProvider,
        user_type: ResourceType,
        user_model: Any,
        scim_filter: str,
    ) -> None:
        super().test_search_filters_as_the_filter_evaluator(
            storage, provider, user_type, user_model, scim_filter
        )

    @pytest.mark.parametrize("scim_filter", REFUSED_FILTERS)
    def test_refused_filters_are_invalid_filter(
        self, storage: Any, user_type: ResourceType, user_model: Any, scim_filter: str
    ) -> None:
        with pytest.raises(InvalidFilterException):
            self.search(storage, [user_type], self.search_request([user_model], filter=scim_filter))

    @pytest.mark.parametrize("scim_filter", TITLE_FILTERS)
    def test_title_filters_are_refused_by_the_models(
        self, user_model: Any, scim_filter: str
    ) -> None:
        with pytest.raises(ValidationError):
            self.search_request([user_model], filter=scim_filter)

    def test_no_root_search(
        self,
        storage: Any,
        user_type: ResourceType,
        group_type: ResourceType,
        user_model: Any,
        group_model: Any,
    ) -> None:
        with pytest.raises(NotImplementedException):
            self.search(
                storage, [user_type, group_type], self.search_request([user_model, group_model])
            )
