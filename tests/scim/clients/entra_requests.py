"""What Microsoft Entra ID's provisioning service sends, word for word.

Two Microsoft documents: "Tutorial: Develop and plan provisioning for a SCIM endpoint
in Microsoft Entra ID" (the tutorial below) and "Known issues and resolutions with
SCIM 2.0 protocol compliance of the Microsoft Entra user provisioning service" (the
known issues below: what Entra sends by default, and what it sends with the tenant
URL's flag ``aadOptscim062020``). Each constant's comment names its document and
section. The ids and names are the documents' own; a test puts the ids roster
answered in their place (``tests.scim.clients.bodies.with_ids``).
"""

from typing import Any

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

# The documents' ids: a test replaces them with the ids roster gave.
DOC_USER_ID = "5171a35d82074e068ce2"
DOC_MANAGER_ID = "00aa00aa-bb11-cc22-dd33-44ee44ee44ee"
DOC_GROUP_ID = "a99962b9f99d4c4fac67"
DOC_MEMBER_ID = "f648f8d5ea4e4cd38e9c"
# The known issues' member ids (default and flagged removal).
DOC_FLAG_MEMBER_ID = "7f4bc1a3-285e-48ae-8202-5accb43efb0e"
DOC_DEFAULT_MEMBER_ID = "u1091"

USER_NAME = "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee"
EXTERNAL_ID = "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"

# Tutorial, "Get User by query" and "Get User by query - Zero results" (the query
# strings as written there; httpx encodes them as Entra does).
LOOKUP_USER_FILTER = f'userName eq "{USER_NAME}"'
LOOKUP_MISSING_USER_FILTER = 'userName eq "non-existent user"'
# Tutorial, "Handling provisioning and deprovisioning of users", Example 1: Entra's
# default matching attribute for a user is externalId (mailNickname there). The
# document prints the value unquoted (externalId eq jyoung), which is no SCIM filter
# (RFC 7644 3.4.2.2 quotes strings) and not what the service sends; quoted here.
LOOKUP_USER_BY_EXTERNAL_ID_FILTER = f'externalId eq "{EXTERNAL_ID}"'
# Tutorial, "Get Group by displayName" and "Get Group": members are never asked for.
LOOKUP_GROUP_PARAMS = {"excludedAttributes": "members", "filter": 'displayName eq "displayName"'}
GET_GROUP_PARAMS = {"excludedAttributes": "members"}

# Tutorial, "Create User": the enterprise extension is listed in schemas with no
# attributes of its own; meta and an empty roles list are sent too.
CREATE_USER: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
    "externalId": EXTERNAL_ID,
    "userName": USER_NAME,
    "active": True,
    "emails": [
        {
            "primary": True,
            "type": "work",
            "value": "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com",
        }
    ],
    "meta": {"resourceType": "User"},
    "name": {
        "formatted": "givenName familyName",
        "familyName": "familyName",
        "givenName": "givenName",
    },
    "roles": [],
}

# CREATE_USER without the enterprise extension's URN in schemas: the user most tests make
# (an answer without the extension; test_entra.py creates CREATE_USER itself too).
CREATE_USER_CORE_ONLY: dict[str, Any] = {
    **CREATE_USER,
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
}

# Tutorial, "Handling provisioning and deprovisioning of users", Example 2 (the .NET
# reference code's walk-through): unmapped attributes sent as null, and the enterprise
# URN as printed there, without its colon ("2.0User").
CREATE_USER_SAMPLE_CODE: dict[str, Any] = {
    "schemas": [
        "urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0User",
    ],
    "externalId": "jyoung",
    "userName": "jyoung@testuser.com",
    "active": True,
    "addresses": None,
    "displayName": "Joy Young",
    "emails": [{"type": "work", "value": "jyoung@Contoso.com", "primary": True}],
    "meta": {"resourceType": "User"},
    "name": {"familyName": "Young", "givenName": "Joy"},
    "phoneNumbers": None,
    "preferredLanguage": None,
    "title": None,
    "department": None,
    "manager": None,
}

# Tutorial, "Update User [Multi-valued properties]": a value-filtered email path and a
# dotted sub-attribute path, "Replace" capitalised.
UPDATE_USER_MULTI_VALUED: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {
            "op": "Replace",
            "path": 'emails[type eq "work"].value',
            "value": "updatedEmail@microsoft.com",
        },
        {"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"},
    ],
}

# Tutorial, "Update User [Single-valued properties]": a new userName.
UPDATE_USER_NAME: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {
            "op": "Replace",
            "path": "userName",
            "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com",
        }
    ],
}

# Known issues, "Requests to replace multiple attributes", without the flag: one
# operation per attribute, an enterprise attribute by its full path.
REPLACE_ATTRIBUTES_DEFAULT: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {"op": "Replace", "path": "displayName", "value": "Pvlo"},
        {
            "op": "Replace",
            "path": 'emails[type eq "work"].value',
            "value": "TestBcwqnm@test.microsoft.com",
        },
        {"op": "Replace", "path": "name.givenName", "value": "Gtfd"},
        {"op": "Replace", "path": "name.familyName", "value": "Pkqf"},
        {"op": "Replace", "path": "externalId", "value": "Eqpj"},
        {"op": "Replace", "path": f"{ENTERPRISE}:employeeNumber", "value": "Eqpj"},
    ],
}

# Known issues, "Requests to replace multiple attributes", with aadOptscim062020: a
# no-path replace whose keys are dotted paths.
REPLACE_ATTRIBUTES_FLAG: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {
            "op": "replace",
            "path": 'emails[type eq "work"].value',
            "value": "TestMhvaes@test.microsoft.com",
        },
        {
            "op": "replace",
            "value": {
                "displayName": "Bjfe",
                "name.givenName": "Kkom",
                "name.familyName": "Unua",
                f"{ENTERPRISE}:employeeNumber": "Aklq",
            },
        },
    ],
}

# The two multi-attribute replaces without their enterprise attribute (employeeNumber):
# the dotted keys and the one-operation-per-attribute shapes on their own.
REPLACE_ATTRIBUTES_DEFAULT_CORE_ONLY: dict[str, Any] = {
    **REPLACE_ATTRIBUTES_DEFAULT,
    "Operations": REPLACE_ATTRIBUTES_DEFAULT["Operations"][:-1],
}
REPLACE_ATTRIBUTES_FLAG_CORE_ONLY: dict[str, Any] = {
    **REPLACE_ATTRIBUTES_FLAG,
    "Operations": [
        REPLACE_ATTRIBUTES_FLAG["Operations"][0],
        {
            "op": "replace",
            "value": {
                key: value
                for key, value in REPLACE_ATTRIBUTES_FLAG["Operations"][1]["value"].items()
                if not key.startswith(ENTERPRISE)
            },
        },
    ],
}

# Known issues, "Requests made to disable users", without the flag: the string "False".
DISABLE_USER_DEFAULT: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "Replace", "path": "active", "value": "False"}],
}

# Known issues, "Requests made to disable users", with aadOptscim062020: a boolean.
DISABLE_USER_FLAG: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "replace", "path": "active", "value": False}],
}

# Tutorial, "Disable User": "Replace" capitalised with a boolean, Operations first.
DISABLE_USER_TUTORIAL: dict[str, Any] = {
    "Operations": [{"op": "Replace", "path": "active", "value": False}],
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
}

# Restoring a soft-deleted user (tutorial, requirements table: "restoring the user
# active=true"): the disable requests with the value turned, in each dialect.
ENABLE_USER_DEFAULT: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "Replace", "path": "active", "value": "True"}],
}
ENABLE_USER_FLAG: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "replace", "path": "active", "value": True}],
}

# Known issues, "Requests made to add a single-value string attribute": nickName,
# which roster does not keep (not in its User schema).
ADD_NICKNAME_DEFAULT: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "Add", "path": "nickName", "value": "Babs"}],
}
ADD_NICKNAME_FLAG: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "add", "path": "nickName", "value": "Babs"}],
}

# Tutorial, Example 5 ("update a user"): the manager as a reference list, by its short
# path.
ADD_MANAGER: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {
            "op": "Add",
            "path": "manager",
            "value": [
                {
                    "$ref": f"http://.../scim/Users/{DOC_MANAGER_ID}",
                    "value": DOC_MANAGER_ID,
                }
            ],
        }
    ],
}

# The manager by the extension's path, the manager's id as a plain string: what Entra's
# default mapping sends (Microsoft Q&A 188003, "SCIM user provisioning setup with manager
# attribute": "sends manager as a simple attribute", a Microsoft engineer confirming that
# only the id is sent).
ADD_MANAGER_BY_ID: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "Add", "path": f"{ENTERPRISE}:manager", "value": DOC_MANAGER_ID}],
}

# A manager taken away (the user's manager cleared in Entra): a remove of the path.
REMOVE_MANAGER: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "Remove", "path": f"{ENTERPRISE}:manager"}],
}

# Tutorial, "Create Group": Microsoft's own group schema listed beside the core one.
CREATE_GROUP: dict[str, Any] = {
    "schemas": [
        "urn:ietf:params:scim:schemas:core:2.0:Group",
        "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group",
    ],
    "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
    "displayName": "displayName",
    "meta": {"resourceType": "Group"},
}

# CREATE_GROUP with only the core schema: the group the membership tests use (the
# documented create, with Microsoft's schema URN, is tested on its own).
CREATE_GROUP_CORE_ONLY: dict[str, Any] = {
    **CREATE_GROUP,
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
}

# Tutorial, "Update Group [Non-member attributes]".
RENAME_GROUP: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {
            "op": "Replace",
            "path": "displayName",
            "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName",
        }
    ],
}

# Tutorial, "Update Group [Add Members]": "$ref" sent as null.
ADD_MEMBERS: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {"op": "Add", "path": "members", "value": [{"$ref": None, "value": DOC_MEMBER_ID}]}
    ],
}

# Tutorial, "Update Group [Remove Members]": a remove with path "members" and a value
# list (the default behaviour).
REMOVE_MEMBERS: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {"op": "Remove", "path": "members", "value": [{"$ref": None, "value": DOC_MEMBER_ID}]}
    ],
}

# Known issues, "Requests made to remove a group member", without the flag.
REMOVE_MEMBER_DEFAULT: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {"op": "Remove", "path": "members", "value": [{"value": DOC_DEFAULT_MEMBER_ID}]}
    ],
}

# Known issues, "Requests made to remove a group member", with aadOptscim062020: a
# value filter in the path, no value.
REMOVE_MEMBER_FLAG: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "remove", "path": f'members[value eq "{DOC_FLAG_MEMBER_ID}"]'}],
}
