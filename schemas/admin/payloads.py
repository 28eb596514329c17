"""Inputs and payloads of the status mutations."""

from typing import Any, Self

import strawberry

from resolvers import policy
from resolvers.status.change import StatusChange
from schemas.admin.types import IncomingCallRule
from schemas.enums import Role
from schemas.errors import UserError, user_errors
from schemas.subgraph import owned_by
from schemas.user import User
from schemas.video import VideoIntegration


@strawberry.input(description="Which user to activate.")
class ActivateUserInput:
    user_id: strawberry.ID = strawberry.field(description="The user.")
    dry_run: bool | None = strawberry.field(default=False, description="Preview: write nothing.")


@strawberry.input(description="Which user to deactivate, and where their call rules go.")
class DeactivateUserInput:
    user_id: strawberry.ID = strawberry.field(description="The user.")
    dry_run: bool | None = strawberry.field(default=False, description="Preview: write nothing.")
    reassign_incoming_call_rules_to: strawberry.ID | None = strawberry.field(
        default=None,
        description="An active user: CALL_SPECIFIC_USER rules ringing userId move to them in "
        "the same transaction, so no rule stops receiving calls.",
    )


@strawberry.input(description="Users to activate or deactivate; at most 500 ids.")
class BulkUserStatusInput:
    user_ids: list[strawberry.ID] = strawberry.field(description="The users, at most 500.")
    dry_run: bool | None = strawberry.field(
        default=False,
        description="Preview: write nothing. The results are those of the whole batch as it "
        "would run, each id seeing what the ids before it did.",
    )


@strawberry.input(description="The Edit dialog of the User List.")
class UpdateUserInput:
    user_id: strawberry.ID = strawberry.field(description="The user.")
    display_name: str | None = strawberry.field(default=None, description="A new display name.")
    active: bool | None = strawberry.field(
        default=None,
        description='The "Activate user" checkbox: same effects as activateUser/deactivateUser.',
    )
    dry_run: bool | None = strawberry.field(default=False, description="Preview: write nothing.")
    email: str | None = strawberry.field(
        default=None,
        description="A new sign-in email: trimmed, an address, unique in the tenant in any "
        "case (ALREADY_EXISTS); the user's own in another case is fine.",
    )
    role: Role | None = strawberry.field(
        default=None,
        description="A new role; making the last admin who can log in a MEMBER is LAST_ADMIN.",
    )


@owned_by("admin", except_fields=())
@strawberry.type(description="What an activation or deactivation did, or would do.")
class UserStatusPayload:
    user: User | None = strawberry.field(description="The user, as the change left them.")
    changed: bool = strawberry.field(
        description="False when the user already had that status: no event, no effect."
    )
    dry_run: bool = strawberry.field(
        description="True: nothing was written; the lists say what WOULD happen."
    )
    removed_video_integrations: list[VideoIntegration] = strawberry.field(
        description="Integrations this deactivation deleted."
    )
    affected_incoming_call_rules: list[IncomingCallRule] = strawberry.field(
        description="CALL_SPECIFIC_USER rules ringing this user, which stop (or resume) "
        "receiving calls, or were reassigned."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")

    @classmethod
    def of(cls, change: StatusChange) -> Self:
        return cls(
            user=User.from_row(change.user) if change.user is not None else None,
            changed=change.changed,
            dry_run=change.dry_run,
            removed_video_integrations=[
                VideoIntegration.from_snapshot(item) for item in change.removed_video_integrations
            ],
            affected_incoming_call_rules=[
                IncomingCallRule.from_row(row, known_target_facts=_target_facts(change, row))
                for row in change.affected_incoming_call_rules
            ],
            user_errors=user_errors(change.user_errors),
        )


def _target_facts(change: StatusChange, rule: Any) -> policy.Facts | None:
    """The changed user's facts as the change leaves them, for the rules still ringing them;
    None (the target as stored) for rules reassigned to a user the change did not touch."""
    assert change.user is not None
    if rule.target_user_id == change.user.id:
        return policy.status_facts(change.user.status)
    return None


@owned_by("admin", except_fields=())
@strawberry.type(description="One result per id, in input order.")
class BulkUserStatusPayload:
    results: list[UserStatusPayload] = strawberry.field(
        description="One per id, in input order; each succeeds or fails on its own."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Refusals of the whole input (e.g. more than 500 ids)."
    )


@owned_by("admin", except_fields=())
@strawberry.type(description="What the Edit dialog changed.")
class UpdateUserPayload:
    user: User | None = strawberry.field(description="The user after the change.")
    status_change: UserStatusPayload | None = strawberry.field(
        description="The activation or deactivation, when `active` changed anything."
    )
    dry_run: bool = strawberry.field(
        description="True: nothing was written; the payload says what WOULD happen."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
