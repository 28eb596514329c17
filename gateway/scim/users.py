"""SCIM Users over roster's users: reads through the directory, writes through the
provisioning functions (the status path for active), one tenant at a time."""

from typing import Any

from scim2_models import NotFoundException, ScimFilter
from sqlalchemy import ColumnElement, func

from db.engine import Database
from gateway.scim.errors import in_scim_terms, stale_reads_refreshed
from gateway.scim.filters import Attribute, Kind, SqlFilter
from gateway.scim.mapping import provisioned_fields, row_id, scim_user, version_number
from gateway.scim.resources import RosterUser
from resolvers.people.directory import USER_COLUMNS, directory_user, directory_users
from resolvers.people.provisioning import (
    detach_provisioned_user,
    provision_user,
    update_provisioned_user,
)
from resolvers.reader import Reader

# What a filter can name: scim2-models' attribute (Python names) -> the directory's column.
USER_ATTRIBUTES: dict[str, Attribute] = {
    "id": Attribute("id", Kind.ID, USER_COLUMNS["id"]),
    # A user no identity provider named answers to their email, as GET shows them.
    "user_name": Attribute(
        "userName",
        Kind.FOLDED,
        func.coalesce(USER_COLUMNS["username"], USER_COLUMNS["emails.value"]),
    ),
    "external_id": Attribute("externalId", Kind.EXACT, USER_COLUMNS["externalid"]),
    "display_name": Attribute("displayName", Kind.FOLDED, USER_COLUMNS["displayname"]),
    "name.given_name": Attribute("name.givenName", Kind.LOWER, USER_COLUMNS["name.givenname"]),
    "name.family_name": Attribute("name.familyName", Kind.LOWER, USER_COLUMNS["name.familyname"]),
    "emails.value": Attribute("emails.value", Kind.FOLDED, USER_COLUMNS["emails.value"]),
    "emails.type": Attribute("emails.type", Kind.CONSTANT, constant="work"),
    "emails.primary": Attribute("emails.primary", Kind.CONSTANT, constant=True),
    "active": Attribute("active", Kind.BOOLEAN, USER_COLUMNS["active"]),
    "meta.created": Attribute("meta.created", Kind.DATE, USER_COLUMNS["meta.created"]),
    "meta.last_modified": Attribute(
        "meta.lastModified", Kind.DATE, USER_COLUMNS["meta.lastmodified"]
    ),
}


def _user_id(resource_id: str | None) -> int:
    number = row_id(resource_id)
    if number is None:
        raise NotFoundException(detail=f"No user with the id {resource_id!r}.")
    return number


class TenantUsers:
    """One tenant's users, as SCIM resources."""

    def __init__(self, *, database: Database, reader: Reader, tenant_id: int) -> None:
        self.database = database
        self.reader = reader
        self.tenant_id = tenant_id

    async def get(self, resource_id: str | None) -> RosterUser:
        user = await directory_user(
            self.reader, tenant_id=self.tenant_id, user_id=_user_id(resource_id)
        )
        if user is None:
            raise NotFoundException(detail=f"No user with the id {resource_id!r}.")
        return scim_user(user)

    async def search(
        self, scim_filter: ScimFilter[Any] | None, *, offset: int, limit: int
    ) -> tuple[int, list[RosterUser]]:
        where: ColumnElement[bool] | None = None
        if scim_filter is not None:
            where = SqlFilter(
                scim_filter, USER_ATTRIBUTES, is_sqlite=self.database.is_sqlite
            ).condition()
        total, users = await directory_users(
            self.reader, tenant_id=self.tenant_id, where=where, offset=offset, limit=limit
        )
        return total, [scim_user(user) for user in users]

    async def create(self, resource: RosterUser) -> RosterUser:
        fields = provisioned_fields(resource)
        with in_scim_terms():
            row = await provision_user(
                self.database,
                tenant_id=self.tenant_id,
                fields=fields,
                active=resource.active if resource.active is not None else True,
            )
        return await self._written(row.id)

    async def update(self, resource: RosterUser, *, expected_version: str | None) -> RosterUser:
        user_id = _user_id(resource.id)
        fields = provisioned_fields(resource)
        with in_scim_terms():
            async with stale_reads_refreshed(self.reader):
                await update_provisioned_user(
                    self.database,
                    tenant_id=self.tenant_id,
                    user_id=user_id,
                    fields=fields,
                    # A PUT that leaves active out leaves the status alone (Okta's full PUTs).
                    active=resource.active,
                    expected_version=version_number(expected_version),
                )
        return await self._written(user_id)

    async def delete(self, resource_id: str | None, *, expected_version: str | None) -> None:
        with in_scim_terms():
            async with stale_reads_refreshed(self.reader):
                await detach_provisioned_user(
                    self.database,
                    tenant_id=self.tenant_id,
                    user_id=_user_id(resource_id),
                    expected_version=version_number(expected_version),
                )
        await self.reader.refresh()

    async def _written(self, user_id: int) -> RosterUser:
        # The write committed on its own connection: read past this request's snapshot.
        await self.reader.refresh()
        return await self.get(str(user_id))
