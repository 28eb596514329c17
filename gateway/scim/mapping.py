"""roster's users and groups as SCIM resources, and SCIM resources as the fields the domain
functions take. Nothing here reads or writes: the storage does (gateway/scim/storage.py)."""

from datetime import datetime
from typing import Any

from scim2_models import (
    Email,
    EnterpriseUser,
    GroupMembership,
    InvalidValueException,
    Manager,
    Meta,
    PhoneNumber,
)

from db.enums import UserStatus
from gateway.scim.resources import (
    RosterEmail,
    RosterGroup,
    RosterMember,
    RosterName,
    RosterPhoneNumber,
    RosterUser,
    ScimUser,
)
from resolvers.errors import UserErrorRaised
from resolvers.groups.directory import DirectoryGroup
from resolvers.people.checks import checked_email
from resolvers.people.directory import DirectoryUser
from resolvers.people.enterprise import EnterpriseFields
from resolvers.people.provisioning import ProvisionedFields

USER = "User"
ENTERPRISE_MANAGER = f"{EnterpriseUser.__schema__}:manager.value"
GROUP = "Group"
NO_EMAIL = (
    "A user needs an email address: send it in emails (the primary one, else the first), "
    "or send a userName that is an address."
)


# Ids are 32-bit integer keys: a longer number is no row's (and would overflow the query).
MAX_ID = 2**31 - 1


def row_id(text: str | None) -> int | None:
    """The row id a SCIM id stands for; None when it can be no row's."""
    if text is None:
        return None
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def etag(version: int) -> str:
    """A resource's version as SCIM's weak ETag (RFC 7644 §3.14)."""
    return f'W/"{version}"'


def version_number(expected_version: str | None) -> int | None:
    """The row version an ETag the door issued stands for; None without one."""
    if expected_version is None:
        return None
    tag = expected_version.strip().removeprefix("W/").strip('"')
    # Only the door issues versions (the server passes back what get() returned), so a
    # tag that is no number is a version no row ever had: it matches nothing.
    number = row_id(tag)
    return -1 if number is None else number


def _meta(resource_type: str, row: Any) -> Meta:
    created: datetime = row.created_at
    return Meta(
        resource_type=resource_type,
        created=created,
        last_modified=row.updated_at or created,
        version=etag(row.version),
    )


def _name(row: Any) -> RosterName | None:
    if row.given_name is None and row.family_name is None:
        return None
    formatted = " ".join(part for part in (row.given_name, row.family_name) if part)
    return RosterName(
        given_name=row.given_name, family_name=row.family_name, formatted=formatted or None
    )


def _enterprise(user: DirectoryUser) -> EnterpriseUser | None:
    fields = EnterpriseFields.of(user.row.scim_enterprise)
    manager = None
    if fields.manager_id is not None:
        manager = Manager(
            value=str(fields.manager_id),
            ref=f"Users/{fields.manager_id}",
            display_name=user.manager_name,
        )
    if fields == EnterpriseFields():
        return None
    return EnterpriseUser(
        employee_number=fields.employee_number,
        cost_center=fields.cost_center,
        organization=fields.organization,
        division=fields.division,
        department=fields.department,
        manager=manager,
    )


def scim_user(user: DirectoryUser) -> RosterUser:
    """A roster user as SCIM sees them; a user no identity provider named has their email
    as userName."""
    row = user.row
    scim = ScimUser(
        id=str(row.id),
        external_id=row.external_id,
        meta=_meta(USER, row),
        user_name=row.user_name or row.email,
        name=_name(row),
        display_name=row.display_name,
        active=row.status == UserStatus.ACTIVE,
        emails=[RosterEmail(value=row.email, type=Email.Type.work, primary=True)],
        phone_numbers=[
            RosterPhoneNumber(value=number, type=PhoneNumber.Type.work)
            for number in user.phone_numbers
        ]
        or None,
        groups=[
            GroupMembership(value=str(group_id), display=name, ref=f"Groups/{group_id}")
            for group_id, name in user.groups
        ]
        or None,
    )
    enterprise = _enterprise(user)
    if enterprise is not None:
        scim[EnterpriseUser] = enterprise
    return scim


def scim_group(group: DirectoryGroup) -> RosterGroup:
    """A roster group as SCIM sees it; members None when they were not loaded."""
    row = group.row
    members = None
    if group.members is not None:
        members = [
            RosterMember(value=str(user_id), display=name, ref=f"Users/{user_id}", type=USER)
            for user_id, name in group.members
        ]
    return RosterGroup(
        id=str(row.id),
        external_id=row.external_id,
        meta=_meta(GROUP, row),
        display_name=row.name,
        members=members or None,
    )


def _email_of(user: RosterUser) -> str:
    emails = [email for email in user.emails or [] if email.value]
    if emails:
        primary = next((email for email in emails if email.primary), emails[0])
        return str(primary.value)
    if user.user_name:
        try:
            return checked_email(user.user_name)
        except UserErrorRaised:
            pass
    raise InvalidValueException(detail=NO_EMAIL)


def _display_name_of(user: RosterUser) -> str:
    if user.display_name and user.display_name.strip():
        return user.display_name
    name = user.name
    if name is not None:
        joined = " ".join(part for part in (name.given_name, name.family_name) if part)
        if joined.strip():
            return joined
    return user.user_name or ""


def _manager_id(manager: Manager | None) -> int | None:
    if manager is None or manager.value is None:
        return None
    manager_id = row_id(manager.value)
    if manager_id is None:
        raise InvalidValueException(
            detail=f"{ENTERPRISE_MANAGER}: no user of this tenant has the id {manager.value!r}."
        )
    return manager_id


def _enterprise_fields(user: RosterUser) -> EnterpriseFields:
    if EnterpriseUser not in type(user).get_extension_models().values():
        return EnterpriseFields()
    extension: EnterpriseUser | None = user[EnterpriseUser]
    if extension is None:
        return EnterpriseFields()
    return EnterpriseFields(
        employee_number=extension.employee_number,
        cost_center=extension.cost_center,
        organization=extension.organization,
        division=extension.division,
        department=extension.department,
        manager_id=_manager_id(extension.manager),
    )


def provisioned_fields(user: RosterUser) -> ProvisionedFields:
    """What a SCIM User asks roster to keep. Read-only attributes (groups, phoneNumbers:
    roster assigns numbers itself) are not among them."""
    return ProvisionedFields(
        user_name=user.user_name or "",
        email=_email_of(user),
        display_name=_display_name_of(user),
        given_name=user.name.given_name if user.name else None,
        family_name=user.name.family_name if user.name else None,
        external_id=user.external_id,
        enterprise=_enterprise_fields(user),
    )


def member_ids(group: RosterGroup) -> list[int]:
    """The users a SCIM Group lists, as roster ids; a value that is no id is no user of
    this tenant."""
    ids: list[int] = []
    for member in group.members or []:
        value = (member.value or "").strip()
        member_id = row_id(value)
        if member_id is None:
            raise InvalidValueException(detail=f"No user of this tenant has the id {value!r}.")
        ids.append(member_id)
    return ids
