"""Inputs and payloads of assignPhoneNumber and unassignPhoneNumber."""

from typing import Self

import strawberry

from resolvers.phone_numbers.outcome import PhoneNumberChange
from schemas.admin.types import PhoneNumber
from schemas.errors import UserError, user_errors
from schemas.subgraph import owned_by


@strawberry.input(description="A number to give a user.")
class AssignPhoneNumberInput:
    user_id: strawberry.ID = strawberry.field(
        description="The user; a deactivated user may be given a number (they keep numbers)."
    )
    number: str = strawberry.field(
        description="The number with its country code, e.g. +81 3-1234-5678; spaces, dashes, "
        "dots and parentheses are removed and it is stored in E.164."
    )


@owned_by("admin", except_fields=())
@strawberry.type(description="The number as assigned, or why not.")
class AssignPhoneNumberPayload:
    phone_number: PhoneNumber | None = strawberry.field(
        description="The number, now the user's; the same number (and id) when the tenant "
        "already had it unassigned or the user already held it."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; ALREADY_EXISTS when another user holds the number."
    )

    @classmethod
    def of(cls, change: PhoneNumberChange) -> Self:
        row = change.phone_number
        return cls(
            phone_number=PhoneNumber.from_row(row) if row is not None else None,
            user_errors=user_errors(change.user_errors),
        )


@strawberry.input(description="A number to take from its user.")
class UnassignPhoneNumberInput:
    phone_number_id: strawberry.ID = strawberry.field(description="The number.")


@owned_by("admin", except_fields=())
@strawberry.type(description="The number, left in the tenant with no user, or why not.")
class UnassignPhoneNumberPayload:
    phone_number: PhoneNumber | None = strawberry.field(
        description="The number, now unassigned; its incoming call rules are kept."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")

    @classmethod
    def of(cls, change: PhoneNumberChange) -> Self:
        row = change.phone_number
        return cls(
            phone_number=PhoneNumber.from_row(row) if row is not None else None,
            user_errors=user_errors(change.user_errors),
        )
