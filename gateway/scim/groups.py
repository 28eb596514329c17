"""SCIM Groups over roster's user groups: reads through the directory, writes through the
group provisioning functions (the whole member set each time), one tenant at a time."""

from typing import Any

from scim2_models import NotFoundException, ResponseParameters, ScimFilter
from sqlalchemy import ColumnElement

from db.engine import Database
from gateway.scim.errors import in_scim_terms, stale_reads_refreshed
from gateway.scim.filters import Attribute, Kind, SqlFilter
from gateway.scim.mapping import member_ids, row_id, scim_group, version_number
from gateway.scim.resources import RosterGroup
from resolvers.groups.directory import GROUP_COLUMNS, directory_group, directory_groups
from resolvers.groups.provisioning import (
    delete_provisioned_group,
    provision_group,
    update_provisioned_group,
)
from resolvers.reader import Reader

GROUP_ATTRIBUTES: dict[str, Attribute] = {
    "id": Attribute("id", Kind.ID, GROUP_COLUMNS["id"]),
    "display_name": Attribute("displayName", Kind.FOLDED, GROUP_COLUMNS["displayname"]),
    "external_id": Attribute("externalId", Kind.EXACT, GROUP_COLUMNS["externalid"]),
    "meta.created": Attribute("meta.created", Kind.DATE, GROUP_COLUMNS["meta.created"]),
    "meta.last_modified": Attribute(
        "meta.lastModified", Kind.DATE, GROUP_COLUMNS["meta.lastmodified"]
    ),
}


def wants_members(parameters: ResponseParameters[Any] | None) -> bool:
    """False when the response leaves members out (Entra's excludedAttributes=members), so
    a large group's members are not loaded for nothing."""
    if parameters is None:
        return True

    def names_members(paths: Any) -> bool:
        for path in paths or ():
            binding = path.resolve()
            if binding is not None and binding.field_name == "members":
                return True
        return False

    if parameters.attributes:
        return names_members(parameters.attributes)
    excluded = [
        path
        for path in parameters.excluded_attributes or ()
        if len(path.parts) == 1  # members.display excluded still needs the members
    ]
    return not names_members(excluded)


def _group_id(resource_id: str | None) -> int:
    number = row_id(resource_id)
    if number is None:
        raise NotFoundException(detail=f"No group with the id {resource_id!r}.")
    return number


class TenantGroups:
    """One tenant's groups, as SCIM resources."""

    def __init__(self, *, database: Database, reader: Reader, tenant_id: int) -> None:
        self.database = database
        self.reader = reader
        self.tenant_id = tenant_id

    async def get(self, resource_id: str | None, *, with_members: bool = True) -> RosterGroup:
        group = await directory_group(
            self.reader,
            tenant_id=self.tenant_id,
            group_id=_group_id(resource_id),
            with_members=with_members,
        )
        if group is None:
            raise NotFoundException(detail=f"No group with the id {resource_id!r}.")
        return scim_group(group)

    async def search(
        self,
        scim_filter: ScimFilter[Any] | None,
        *,
        offset: int,
        limit: int,
        with_members: bool,
    ) -> tuple[int, list[RosterGroup]]:
        where: ColumnElement[bool] | None = None
        if scim_filter is not None:
            where = SqlFilter(
                scim_filter, GROUP_ATTRIBUTES, is_sqlite=self.database.is_sqlite
            ).condition()
        total, groups = await directory_groups(
            self.reader,
            tenant_id=self.tenant_id,
            where=where,
            offset=offset,
            limit=limit,
            with_members=with_members,
        )
        return total, [scim_group(group) for group in groups]

    async def create(self, resource: RosterGroup) -> RosterGroup:
        members = member_ids(resource)
        with in_scim_terms():
            row = await provision_group(
                self.database,
                tenant_id=self.tenant_id,
                name=resource.display_name or "",
                external_id=resource.external_id,
                member_ids=members,
            )
        return await self._written(row.id)

    async def update(self, resource: RosterGroup, *, expected_version: str | None) -> RosterGroup:
        group_id = _group_id(resource.id)
        members = member_ids(resource)
        with in_scim_terms():
            async with stale_reads_refreshed(self.reader):
                await update_provisioned_group(
                    self.database,
                    tenant_id=self.tenant_id,
                    group_id=group_id,
                    name=resource.display_name or "",
                    external_id=resource.external_id,
                    member_ids=members,
                    expected_version=version_number(expected_version),
                )
        return await self._written(group_id)

    async def delete(self, resource_id: str | None, *, expected_version: str | None) -> None:
        with in_scim_terms():
            async with stale_reads_refreshed(self.reader):
                await delete_provisioned_group(
                    self.database,
                    tenant_id=self.tenant_id,
                    group_id=_group_id(resource_id),
                    expected_version=version_number(expected_version),
                )
        await self.reader.refresh()

    async def _written(self, group_id: int) -> RosterGroup:
        await self.reader.refresh()
        return await self.get(str(group_id))
