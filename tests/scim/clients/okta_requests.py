"""What Okta sends, word for word.

Every body and query below is copied from Okta's "SCIM 2.0 Protocol Reference" (Okta
and SCIM Version 2.0) unless its comment names another Okta document. The ids and
names are the document's own; a test puts the ids roster answered in their place
(``tests.scim.clients.bodies.with_ids``).
"""

from typing import Any

# The document's ids: a test replaces them with the ids roster gave.
DOC_USER_ID = "23a35c27-23d3-4c03-b4c5-6443c09e7173"
DOC_OTHER_USER_ID = "89bb1940-b905-4575-9e7f-6f887cfb368e"
DOC_GROUP_ID = "abf4dd94-a4c0-4f67-89c9-76b03340cb9b"

USER_AGENT = {"User-Agent": "Okta SCIM Client 1.0.0"}

# "Determine if the User already exists": the query string exactly as Okta encodes it.
LOOKUP_USER_QUERY = "filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100"
# "Retrieve Users" (import) and "Retrieve Groups".
LIST_USERS_QUERY = "startIndex=1&count=100"
LIST_GROUPS_QUERY = "startIndex=1&count=100"
# Group Push's "link to an existing group" matches by name; the reference shows no query
# for it, so this is the user lookup's shape on displayName.
LOOKUP_GROUP_QUERY = "filter=displayName%20eq%20%22Test%20SCIMv2%22&startIndex=1&count=100"

# "Create the User": Okta sends the password too (it is not stored: roster has no
# passwords of its own) and an empty groups list (read-only on a user).
CREATE_USER: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "userName": "test.user@okta.local",
    "name": {"givenName": "Test", "familyName": "User"},
    "emails": [{"primary": True, "value": "test.user@okta.local", "type": "work"}],
    "displayName": "Test User",
    "locale": "en-US",
    "externalId": "00ujl29u0le5T6Aj10h7",
    "groups": [],
    "password": "1mz050nq",
    "active": True,
}

# The same page's second create: an app whose profile has no externalId.
CREATE_USER_WITHOUT_EXTERNAL_ID: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "userName": "test.user@okta.local",
    "name": {"givenName": "Test", "familyName": "User"},
    "emails": [{"primary": True, "value": "test.user@okta.local", "type": "work"}],
    "displayName": "Test User",
    "locale": "en-US",
    "groups": [],
    "password": "1mz050nq",
    "active": True,
}

# "Update the User" (PUT): the user Okta read back, with the changed attributes.
REPLACE_USER: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "id": DOC_USER_ID,
    "userName": "test.user@okta.local",
    "name": {"givenName": "Another", "middleName": "Excited", "familyName": "User"},
    "emails": [
        {
            "primary": True,
            "value": "test.user@okta.local",
            "type": "work",
            "display": "test.user@okta.local",
        }
    ],
    "active": True,
    "groups": [],
    "meta": {"resourceType": "User"},
}

# Apps that update by PUT and leave `active` out of their profile: the same body
# without it. RFC 7644 3.5.1 lets the server keep what a PUT omits; roster must not
# read the omission as a deactivation.
REPLACE_USER_WITHOUT_ACTIVE: dict[str, Any] = {
    key: value for key, value in REPLACE_USER.items() if key != "active"
}

# Custom (App Integration Wizard) apps deactivate by PUT ("For any custom app
# integrations created using the AIW, this request is sent through a PUT method
# request"): the full user with active false.
DEACTIVATE_USER_BY_PUT: dict[str, Any] = {**REPLACE_USER, "active": False}

# "Update a specific User (PATCH)": deactivation, a replace with no path.
DEACTIVATE_USER: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "replace", "value": {"active": False}}],
}

# Reactivation: "Understanding SCIM" (Delete (Deprovision)): "the active attribute
# can be switched back to true", by the same request as the deactivation.
REACTIVATE_USER: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "replace", "value": {"active": True}}],
}

# "Create Groups" (Group Push).
CREATE_GROUP: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    "displayName": "Test SCIMv2",
    "members": [],
}

# "Update a specific Group name": a no-path replace carrying the id and the name.
RENAME_GROUP: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "replace", "value": {"id": DOC_GROUP_ID, "displayName": "Test SCIMv2"}}],
}

# "Update specific Group membership": one member out (a value filter), one in.
UPDATE_GROUP_MEMBERSHIP: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {"op": "remove", "path": f'members[value eq "{DOC_OTHER_USER_ID}"]'},
        {
            "op": "add",
            "path": "members",
            "value": [{"value": DOC_USER_ID, "display": "test.user@okta.local"}],
        },
    ],
}

# The same section's full push of the membership.
REPLACE_GROUP_MEMBERS: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {
            "op": "replace",
            "path": "members",
            "value": [
                {"value": DOC_USER_ID, "display": "test.user@okta.local"},
                {"value": DOC_OTHER_USER_ID, "display": "test.user@okta.local"},
            ],
        }
    ],
}

# Custom (AIW) apps rename and update membership by PUT; the reference shows no body for
# it, so this is the group as its "Retrieve specific Groups" answer shows it, renamed,
# with the member Okta pushed.
REPLACE_GROUP: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    "id": DOC_GROUP_ID,
    "displayName": "Test SCIMv20",
    "members": [{"value": DOC_USER_ID, "display": "test.user@okta.local"}],
    "meta": {"resourceType": "Group"},
}
