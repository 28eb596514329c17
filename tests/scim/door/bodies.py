"""The door's answers as whole JSON bodies, with what varies (ids, instants) given."""

from typing import Any

from tests.scim.world import BASE

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def meta(
    resource_type: str, endpoint: str, resource_id: str, stamp: dict[str, Any], version: int
) -> dict[str, Any]:
    return {
        "resourceType": resource_type,
        "created": stamp["created"],
        "lastModified": stamp["lastModified"],
        "location": f"{BASE}/{endpoint}/{resource_id}",
        "version": f'W/"{version}"',
    }


def user_body(
    answer: dict[str, Any],
    *,
    user_name: str,
    email: str,
    display_name: str,
    active: bool = True,
    version: int = 1,
    external_id: str | None = None,
    given_name: str | None = None,
    family_name: str | None = None,
    phone_numbers: list[str] | None = None,
    groups: list[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """The User the door answers, its id and instants taken from ``answer`` (they vary)."""
    body: dict[str, Any] = {"schemas": [USER_SCHEMA], "id": answer["id"]}
    if external_id is not None:
        body["externalId"] = external_id
    body["meta"] = meta("User", "Users", answer["id"], answer["meta"], version)
    body["userName"] = user_name
    if given_name is not None or family_name is not None:
        name: dict[str, Any] = {
            "formatted": " ".join(part for part in (given_name, family_name) if part)
        }
        if family_name is not None:
            name["familyName"] = family_name
        if given_name is not None:
            name["givenName"] = given_name
        body["name"] = name
    body["displayName"] = display_name
    body["active"] = active
    body["emails"] = [{"value": email, "type": "work", "primary": True}]
    if phone_numbers:
        body["phoneNumbers"] = [{"value": number, "type": "work"} for number in phone_numbers]
    if groups:
        body["groups"] = [
            {"value": group_id, "$ref": f"{BASE}/Groups/{group_id}", "display": name}
            for group_id, name in groups
        ]
    return body


def group_body(
    answer: dict[str, Any],
    *,
    display_name: str,
    members: list[tuple[str, str]] | None = None,
    version: int = 1,
    external_id: str | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {"schemas": [GROUP_SCHEMA], "id": answer["id"]}
    if external_id is not None:
        body["externalId"] = external_id
    body["meta"] = meta("Group", "Groups", answer["id"], answer["meta"], version)
    body["displayName"] = display_name
    if members:
        body["members"] = [
            {"value": user_id, "$ref": f"{BASE}/Users/{user_id}", "type": "User", "display": name}
            for user_id, name in members
        ]
    return body


def list_body(
    resources: list[dict[str, Any]], *, total: int | None = None, start: int = 1
) -> dict[str, Any]:
    return {
        "schemas": [LIST_SCHEMA],
        "totalResults": len(resources) if total is None else total,
        "startIndex": start,
        "itemsPerPage": len(resources),
        "Resources": resources,
    }


def error_body(status: int, detail: str, scim_type: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"schemas": [ERROR_SCHEMA], "status": str(status)}
    if scim_type is not None:
        body["scimType"] = scim_type
    body["detail"] = detail
    return body


def patch(*operations: dict[str, Any]) -> dict[str, Any]:
    return {"schemas": [PATCH_SCHEMA], "Operations": list(operations)}


def new_user(user_name: str, email: str | None = None, **extra: Any) -> dict[str, Any]:
    """A POST /Users body as Okta sends it (emails primary, type work)."""
    body: dict[str, Any] = {"schemas": [USER_SCHEMA], "userName": user_name}
    if email is not None:
        body["emails"] = [{"value": email, "type": "work", "primary": True}]
    body.update(extra)
    return body
