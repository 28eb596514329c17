"""Inputs and payloads of the incoming call rules' mutations."""

from typing import Self

import strawberry

from resolvers.call_rules.outcome import CallRuleChange
from resolvers.ids import to_global_id
from schemas.admin.types import IncomingCallRule
from schemas.enums import IncomingCallAction
from schemas.errors import UserError, user_errors
from schemas.subgraph import owned_by

_TARGETS = (
    " CALL_SPECIFIC_USER rings targetUserId (an active user), CALL_GROUP rings "
    "targetGroupId, VOICEMAIL neither."
)


@strawberry.input(description="A new rule for one of the tenant's numbers." + _TARGETS)
class CreateIncomingCallRuleInput:
    name: str = strawberry.field(description="The rule's name, 1 to 200 characters (trimmed).")
    phone_number_id: strawberry.ID = strawberry.field(
        description="The number whose calls the rule handles; it may be unassigned."
    )
    action: IncomingCallAction = strawberry.field(description="What the rule does with a call.")
    target_user_id: strawberry.ID | None = strawberry.field(
        default=None, description="The user rung: for CALL_SPECIFIC_USER only, and active."
    )
    target_group_id: strawberry.ID | None = strawberry.field(
        default=None, description="The group rung: for CALL_GROUP only."
    )


@strawberry.input(
    description="What to change of a rule; a field not given (or null) keeps its value." + _TARGETS
)
class UpdateIncomingCallRuleInput:
    rule_id: strawberry.ID = strawberry.field(description="The rule.")
    name: str | None = strawberry.field(
        default=None, description="A new name, 1 to 200 characters (trimmed)."
    )
    action: IncomingCallAction | None = strawberry.field(
        default=None,
        description="A new action; give the target it needs with it (the old target is cleared).",
    )
    target_user_id: strawberry.ID | None = strawberry.field(
        default=None, description="A new user to ring (CALL_SPECIFIC_USER), who is active."
    )
    target_group_id: strawberry.ID | None = strawberry.field(
        default=None, description="A new group to ring (CALL_GROUP)."
    )


@strawberry.input(description="A rule to delete.")
class DeleteIncomingCallRuleInput:
    rule_id: strawberry.ID = strawberry.field(description="The rule.")


@owned_by("admin", except_fields=())
@strawberry.type(description="The rule as created or updated, or why not.")
class IncomingCallRulePayload:
    incoming_call_rule: IncomingCallRule | None = strawberry.field(
        description="The rule as the change left it (unchanged when nothing was different)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")

    @classmethod
    def of(cls, change: CallRuleChange) -> Self:
        row = change.rule
        return cls(
            incoming_call_rule=IncomingCallRule.from_row(row) if row is not None else None,
            user_errors=user_errors(change.user_errors),
        )


@owned_by("admin", except_fields=())
@strawberry.type(description="Which rule was deleted, or why not.")
class DeleteIncomingCallRulePayload:
    deleted_rule_id: strawberry.ID | None = strawberry.field(
        description="The id the deleted rule had."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")

    @classmethod
    def of(cls, change: CallRuleChange) -> Self:
        pk = change.deleted_rule_id
        return cls(
            deleted_rule_id=strawberry.ID(to_global_id("IncomingCallRule", pk))
            if pk is not None
            else None,
            user_errors=user_errors(change.user_errors),
        )
