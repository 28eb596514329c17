"""The SCIM resources roster serves: RFC 7643's User and Group schemas trimmed to what
roster keeps, each attribute with its true mutability, and the enterprise extension.

``/Schemas`` is built from these classes (scim2-models' ``to_schema``), so it publishes
exactly what roster keeps. What a client sends beyond them is dropped (the provider's
policy): RFC 7644 §3.3 lets a service provider ignore the attributes it does not keep.
"""

from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import EmailStr, Field
from scim2_models import (
    URN,
    CaseExact,
    ComplexAttribute,
    Email,
    EnterpriseUser,
    GroupMembership,
    Mutability,
    PhoneNumber,
    Reference,
    Required,
    Resource,
    Uniqueness,
)

if TYPE_CHECKING:
    from scim2_models import User  # the reference type a member's $ref names

__all__ = [
    "EnterpriseUser",
    "RosterEmail",
    "RosterGroup",
    "RosterMember",
    "RosterName",
    "RosterPhoneNumber",
    "RosterUser",
    "ScimUser",
]


class RosterName(ComplexAttribute):
    """givenName and familyName are kept; formatted is the two joined, read-only."""

    formatted: Annotated[str | None, Mutability.read_only] = None
    """The given and family name joined, as roster derives it."""

    family_name: str | None = None
    """The family name of the User."""

    given_name: str | None = None
    """The given name of the User."""


class RosterEmail(ComplexAttribute):
    """The user's one address: roster answers it as the primary work email."""

    value: EmailStr | None = None
    """The user's email address."""

    # Read, not kept: the primary one (else the first) is the user's address, which
    # roster answers as the primary work email.
    type: Email.Type | None = None
    """Answered as 'work'."""

    primary: bool | None = None
    """Which address of those sent is the user's; answered as true."""


class RosterPhoneNumber(ComplexAttribute):
    """One of the numbers roster assigned the user (read-only)."""

    value: Annotated[str | None, Mutability.read_only] = None
    """The number, E.164."""

    type: Annotated[PhoneNumber.Type | None, Mutability.read_only] = None
    """Always 'work'."""


class RosterUser(Resource[Any]):
    """A person of the tenant, as roster keeps them."""

    __schema__ = URN("urn:ietf:params:scim:schemas:core:2.0:User")

    user_name: Annotated[str | None, Uniqueness.server, Required.true] = None
    """The login name, stored as given; unique per tenant, case-insensitively."""

    name: RosterName | None = None
    """The components of the user's name roster keeps."""

    Name: ClassVar[type[ComplexAttribute]] = RosterName

    display_name: str | None = None
    """The name roster shows for the user."""

    active: bool | None = None
    """The user's status: false is deactivated."""

    emails: list[RosterEmail] | None = None
    """The user's email address (one)."""

    Emails: ClassVar[type[ComplexAttribute]] = RosterEmail

    phone_numbers: Annotated[list[RosterPhoneNumber] | None, Mutability.read_only] = None
    """The numbers roster assigned the user."""

    PhoneNumbers: ClassVar[type[ComplexAttribute]] = RosterPhoneNumber

    groups: Annotated[list[GroupMembership] | None, Mutability.read_only] = None
    """The groups the user is a member of (change them through /Groups)."""

    Groups: ClassVar[type[ComplexAttribute]] = GroupMembership


class RosterMember(ComplexAttribute):
    """A member of a group: a user of the tenant; display is that user's display name."""

    value: Annotated[str | None, Mutability.immutable, CaseExact.true] = None
    """The member's user id."""

    ref: Annotated[Reference["User"] | None, Mutability.immutable] = Field(
        None, serialization_alias="$ref", validation_alias="$ref"
    )
    """The member's URI."""

    type: Annotated[str | None, Mutability.immutable] = Field(None, examples=["User"])
    """Always 'User'."""

    display: Annotated[str | None, Mutability.read_only] = None
    """The member's display name, as roster shows it."""


class RosterGroup(Resource[Any]):
    """A group of the tenant's users."""

    __schema__ = URN("urn:ietf:params:scim:schemas:core:2.0:Group")

    display_name: Annotated[str | None, Required.true] = None
    """The group's name, unique per tenant, case-insensitively."""

    members: list[RosterMember] | None = None
    """The users of the group."""

    Members: ClassVar[type[ComplexAttribute]] = RosterMember


# The User resource type: the core schema and the enterprise extension (optional).
ScimUser = RosterUser[EnterpriseUser]  # type: ignore[type-arg]
