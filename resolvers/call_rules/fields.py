"""A rule's fields: the name, the target that must match the action, and what the audit
log records of them."""

from dataclasses import dataclass
from typing import Any

from db.enums import IncomingCallAction
from db.models import IncomingCallRule
from resolvers.audit.record import api_value
from resolvers.errors import UserErrorData, UserErrorRaised, invalid_input

MAX_NAME = 200
NAME_FIELD = ("input", "name")
ACTION_FIELD = ("input", "action")
TARGET_USER_FIELD = ("input", "targetUserId")
TARGET_GROUP_FIELD = ("input", "targetGroupId")

rules = IncomingCallRule.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class GivenId:
    """An id the input gave; ``pk`` None when it does not name an object of its type."""

    pk: int | None


@dataclass(frozen=True, slots=True)
class RuleFields:
    """What a rule stores besides its tenant, as a change would leave it."""

    name: str
    phone_number_id: int
    action: IncomingCallAction
    target_user_id: int | None
    target_group_id: int | None

    @classmethod
    def of(cls, row: Any) -> "RuleFields":
        return cls(
            name=row.name,
            phone_number_id=row.phone_number_id,
            action=IncomingCallAction(row.action),
            target_user_id=row.target_user_id,
            target_group_id=row.target_group_id,
        )

    def columns(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "phone_number_id": self.phone_number_id,
            "action": self.action,
            "target_user_id": self.target_user_id,
            "target_group_id": self.target_group_id,
        }

    def audited(self) -> dict[str, Any]:
        """The fields as the API shows them, by their API names."""
        return {
            "name": self.name,
            "phoneNumber": api_value(self.phone_number_id, id_type="PhoneNumber"),
            "action": api_value(self.action),
            "targetUser": api_value(self.target_user_id, id_type="User"),
            "targetGroup": api_value(self.target_group_id, id_type="UserGroup"),
        }


def checked_name(name: str) -> str:
    trimmed = name.strip()
    if not 1 <= len(trimmed) <= MAX_NAME:
        raise UserErrorRaised(
            invalid_input(f"A rule's name has 1 to {MAX_NAME} characters.", NAME_FIELD)
        )
    return trimmed


# Which target each action rings: a user, a group, or neither.
_NEEDS: dict[IncomingCallAction, str | None] = {
    IncomingCallAction.CALL_SPECIFIC_USER: "user",
    IncomingCallAction.CALL_GROUP: "group",
    IncomingCallAction.VOICEMAIL: None,
}


def target_mismatch(
    action: IncomingCallAction, *, has_user: bool, has_group: bool
) -> UserErrorData | None:
    """Why a rule of ``action`` cannot have these targets; None when they match.

    A target the action does not ring is named by its own field; a missing one by
    ``action``, the field that asks for it (a target kept from the stored rule always
    matches the stored action, so an extra one was given, and a missing one follows from
    a new action).
    """
    needs = _NEEDS[action]
    if has_user and needs != "user":
        return invalid_input(f"A {action.value} rule rings no specific user.", TARGET_USER_FIELD)
    if has_group and needs != "group":
        return invalid_input(f"A {action.value} rule rings no group.", TARGET_GROUP_FIELD)
    if needs == "user" and not has_user:
        return invalid_input("A CALL_SPECIFIC_USER rule needs targetUserId.", ACTION_FIELD)
    if needs == "group" and not has_group:
        return invalid_input("A CALL_GROUP rule needs targetGroupId.", ACTION_FIELD)
    return None
