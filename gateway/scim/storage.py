"""scim2-server's storage over roster, bound to one tenant: the door builds one per request
for the tenant of its token, so no request ever reaches another tenant's rows."""

from typing import Any

from scim2_models import (
    NotFoundException,
    NotImplementedException,
    Resource,
    ResourceType,
    ResponseParameters,
    SearchRequest,
)
from scim2_server.storage import AsyncScimStorage, SearchPage

from db.engine import Database
from gateway.scim.groups import TenantGroups, wants_members
from gateway.scim.mapping import GROUP, USER
from gateway.scim.provider import MAX_RESULTS
from gateway.scim.users import TenantUsers
from resolvers.reader import Reader

MAX_OFFSET = 2**63 - 1  # the largest OFFSET both databases take


class TenantStorage(AsyncScimStorage):
    """Users and Groups of ``tenant_id``; a search at the root (several resource types at
    once) is not offered and answers 501."""

    def __init__(self, *, database: Database, reader: Reader, tenant_id: int) -> None:
        self.users = TenantUsers(database=database, reader=reader, tenant_id=tenant_id)
        self.groups = TenantGroups(database=database, reader=reader, tenant_id=tenant_id)

    @staticmethod
    def _name(resource_type: ResourceType) -> str:
        if resource_type.name not in (USER, GROUP):
            raise NotFoundException(detail=f"No resources of type {resource_type.name!r}.")
        return str(resource_type.name)

    async def get(
        self,
        resource_type: ResourceType,
        resource_id: str,
        *,
        response_parameters: ResponseParameters[Any] | None = None,
    ) -> Resource[Any]:
        if self._name(resource_type) == USER:
            return await self.users.get(resource_id)
        return await self.groups.get(resource_id, with_members=wants_members(response_parameters))

    async def search(
        self,
        resource_types: list[ResourceType],
        search_request: SearchRequest[Any],
        *,
        position: Any = None,
    ) -> SearchPage:
        if len(resource_types) != 1:
            raise NotImplementedException(
                detail="Searching several resource types at once is not supported: "
                "search /Users or /Groups."
            )
        # A startIndex past any table (2**64, say) is an empty page, not an overflow.
        offset = min(max((search_request.start_index or 1) - 1, 0), MAX_OFFSET)
        count = search_request.count
        limit = MAX_RESULTS if count is None else max(min(count, MAX_RESULTS), 0)
        found: tuple[int, list[Any]]
        if self._name(resource_types[0]) == USER:
            found = await self.users.search(search_request.filter, offset=offset, limit=limit)
        else:
            found = await self.groups.search(
                search_request.filter,
                offset=offset,
                limit=limit,
                with_members=wants_members(search_request),
            )
        total, resources = found
        return SearchPage(total=total, resources=list[Resource[Any]](resources))

    async def create(self, resource_type: ResourceType, resource: Resource[Any]) -> Resource[Any]:
        if self._name(resource_type) == USER:
            return await self.users.create(resource)  # type: ignore[arg-type]
        return await self.groups.create(resource)  # type: ignore[arg-type]

    async def update(
        self,
        resource_type: ResourceType,
        resource: Resource[Any],
        *,
        expected_version: str | None = None,
    ) -> Resource[Any]:
        if self._name(resource_type) == USER:
            return await self.users.update(resource, expected_version=expected_version)  # type: ignore[arg-type]
        return await self.groups.update(resource, expected_version=expected_version)  # type: ignore[arg-type]

    async def delete(
        self,
        resource_type: ResourceType,
        resource_id: str,
        *,
        expected_version: str | None = None,
    ) -> None:
        if self._name(resource_type) == USER:
            await self.users.delete(resource_id, expected_version=expected_version)
        else:
            await self.groups.delete(resource_id, expected_version=expected_version)
