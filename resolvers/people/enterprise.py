"""A person's place in the organisation as an identity provider says it (SCIM's enterprise
extension, RFC 7643 §4.3), as the provisioning functions keep it: users.scim_enterprise."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import User
from resolvers.errors import UserErrorRaised, invalid_input

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
MANAGER = (f"{ENTERPRISE}:manager", "value")
NO_MANAGER = "No user of this tenant has this id."
MAX_VALUE = 200
_TEXT_ATTRIBUTES = {
    "employee_number": "employeeNumber",
    "cost_center": "costCenter",
    "organization": "organization",
    "division": "division",
    "department": "department",
}

_users = User.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class EnterpriseFields:
    """What an identity provider says of a person's place in the organisation (SCIM's
    enterprise extension): kept as given, in users.scim_enterprise."""

    employee_number: str | None = None
    cost_center: str | None = None
    organization: str | None = None
    division: str | None = None
    department: str | None = None
    manager_id: int | None = None  # a user of the same tenant

    def stored(self) -> dict[str, Any] | None:
        """The JSON users.scim_enterprise holds: the values given; None when none is."""
        values = {
            "employeeNumber": self.employee_number,
            "costCenter": self.cost_center,
            "organization": self.organization,
            "division": self.division,
            "department": self.department,
            "managerId": self.manager_id,
        }
        kept = {key: value for key, value in values.items() if value is not None}
        return kept or None

    @classmethod
    def of(cls, stored: dict[str, Any] | None) -> "EnterpriseFields":
        """The fields users.scim_enterprise holds."""
        stored = stored or {}
        return cls(
            employee_number=stored.get("employeeNumber"),
            cost_center=stored.get("costCenter"),
            organization=stored.get("organization"),
            division=stored.get("division"),
            department=stored.get("department"),
            manager_id=stored.get("managerId"),
        )


async def check_enterprise(
    session: AsyncSession, *, tenant_id: int, enterprise: EnterpriseFields
) -> None:
    """INVALID_INPUT for a value over MAX_VALUE characters, or a manager who is no user of
    the tenant in SCIM's view."""
    for attribute, name in _TEXT_ATTRIBUTES.items():
        value = getattr(enterprise, attribute)
        if value is not None and len(value) > MAX_VALUE:
            raise UserErrorRaised(
                invalid_input(
                    f"{name} has at most {MAX_VALUE} characters.", (f"{ENTERPRISE}:{name}",)
                )
            )
    manager_id = enterprise.manager_id
    if manager_id is None:
        return
    found = (
        await session.execute(
            select(_users.c.id).where(
                _users.c.id == manager_id,
                _users.c.tenant_id == tenant_id,
                _users.c.scim_detached_at.is_(None),
            )
        )
    ).first()
    if found is None:
        raise UserErrorRaised(invalid_input(NO_MANAGER, MANAGER))
