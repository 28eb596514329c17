"""roster's SCIM answers, whole: what the client sequences compare each response with.

Ids, instants and versions that vary come from earlier answers (``Tracked``): created
and location never change, lastModified never goes back, and the version is the
number of writes the resource has seen.
"""

from dataclasses import dataclass, field
from typing import Any

import httpx

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"


def listed(*resources: dict[str, Any]) -> dict[str, Any]:
    """A first page holding every match."""
    return {
        "schemas": [LIST_SCHEMA],
        "totalResults": len(resources),
        "startIndex": 1,
        "itemsPerPage": len(resources),
        "Resources": list(resources),
    }


def error(status: int, detail: str, scim_type: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"schemas": [ERROR_SCHEMA], "status": str(status)}
    if scim_type is not None:
        body["scimType"] = scim_type
    body["detail"] = detail
    return body


def answer(response: httpx.Response) -> tuple[int, Any]:
    """A response as (status, body); a resource's ETag header must be its meta.version."""
    if response.status_code == 204:
        assert response.content == b""
        return 204, None
    assert response.headers["content-type"].startswith("application/scim+json")
    body = response.json()
    if "meta" in body:
        assert response.headers.get("etag") == body["meta"]["version"], response.headers
    return response.status_code, body


@dataclass
class Tracked:
    """A resource roster made: its id and creation from the first answer, and the last
    lastModified seen."""

    scim_url: str
    resource_type: str
    id: str
    created: str
    last_modified: str = field(init=False)

    def __post_init__(self) -> None:
        self.last_modified = self.created

    @classmethod
    def of(cls, scim_url: str, created: dict[str, Any]) -> "Tracked":
        meta = created["meta"]
        assert meta["lastModified"] == meta["created"], meta
        return cls(scim_url, meta["resourceType"], created["id"], meta["created"])

    @property
    def location(self) -> str:
        return f"{self.scim_url}/{self.resource_type}s/{self.id}"

    def meta(self, body: dict[str, Any], version: int) -> dict[str, Any]:
        """``body``'s meta as it must be at ``version``; lastModified is taken from it
        (it moves with every write, and never back)."""
        # An error body has no meta: the comparison then shows the whole difference.
        last_modified = body.get("meta", {}).get("lastModified", self.last_modified)
        assert self.created <= self.last_modified <= last_modified, (self, last_modified)
        self.last_modified = last_modified
        return {
            "resourceType": self.resource_type,
            "created": self.created,
            "lastModified": last_modified,
            "location": self.location,
            "version": f'W/"{version}"',
        }


def user_json(
    user: Tracked,
    body: dict[str, Any],
    *,
    version: int,
    user_name: str,
    email: str,
    display_name: str,
    given_name: str | None = None,
    family_name: str | None = None,
    external_id: str | None = None,
    active: bool = True,
    phone_numbers: tuple[str, ...] = (),
    groups: tuple[tuple[str, str], ...] = (),
    enterprise: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A user as roster answers them (``groups``: (id, name) pairs; ``enterprise``: the
    enterprise extension's attributes, as answered)."""
    schemas = [USER_SCHEMA, ENTERPRISE_SCHEMA] if enterprise else [USER_SCHEMA]
    expected: dict[str, Any] = {"schemas": schemas, "id": user.id}
    if external_id is not None:
        expected["externalId"] = external_id
    expected["meta"] = user.meta(body, version)
    expected["userName"] = user_name
    if given_name is not None or family_name is not None:
        formatted = " ".join(part for part in (given_name, family_name) if part)
        expected["name"] = {"formatted": formatted}
        if family_name is not None:
            expected["name"]["familyName"] = family_name
        if given_name is not None:
            expected["name"]["givenName"] = given_name
    expected["displayName"] = display_name
    expected["active"] = active
    expected["emails"] = [{"value": email, "type": "work", "primary": True}]
    if phone_numbers:
        expected["phoneNumbers"] = [{"value": number, "type": "work"} for number in phone_numbers]
    if groups:
        expected["groups"] = [
            {"value": group_id, "$ref": f"{user.scim_url}/Groups/{group_id}", "display": name}
            for group_id, name in groups
        ]
    if enterprise:
        expected[ENTERPRISE_SCHEMA] = enterprise
    return expected


def group_json(
    group: Tracked,
    body: dict[str, Any],
    *,
    version: int,
    display_name: str,
    external_id: str | None = None,
    members: tuple[tuple[str, str], ...] = (),
    with_members: bool = True,
) -> dict[str, Any]:
    """A group as roster answers it (``members``: (user id, display name) pairs)."""
    expected: dict[str, Any] = {"schemas": [GROUP_SCHEMA], "id": group.id}
    if external_id is not None:
        expected["externalId"] = external_id
    expected["meta"] = group.meta(body, version)
    expected["displayName"] = display_name
    if members and with_members:
        expected["members"] = [
            {
                "value": user_id,
                "$ref": f"{group.scim_url}/Users/{user_id}",
                "type": "User",
                "display": name,
            }
            for user_id, name in members
        ]
    return expected
