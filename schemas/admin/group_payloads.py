"""Inputs and payloads of the user group mutations."""

import strawberry

from schemas.admin.types import UserGroup
from schemas.errors import UserError
from schemas.subgraph import owned_by


@strawberry.input(description="A new user group.")
class CreateUserGroupInput:
    name: str = strawberry.field(
        description="1 to 200 characters, trimmed; unique in the tenant, case-insensitively."
    )
    member_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Its first members, at most 500 (deactivated users may be members).",
    )


@strawberry.input(description="A user group's new name and members; what is left out stays.")
class UpdateUserGroupInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    name: str | None = strawberry.field(
        default=None, description="A new name: 1 to 200 characters, trimmed, unique."
    )
    add_member_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Users to add, at most 500; one already a member is no change."
    )
    remove_member_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Users to remove, at most 500; one who is not a member is no change.",
    )


@strawberry.input(description="The user group to delete.")
class DeleteUserGroupInput:
    group_id: strawberry.ID = strawberry.field(
        description="The group; refused while an incoming call rule rings it."
    )


@owned_by("admin", except_fields=())
@strawberry.type(description="A user group as the mutation left it.")
class UserGroupPayload:
    user_group: UserGroup | None = strawberry.field(
        description="The group; null when the input was refused."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@owned_by("admin", except_fields=())
@strawberry.type(description="The user group deleted.")
class DeleteUserGroupPayload:
    deleted_group_id: strawberry.ID | None = strawberry.field(
        description="The id the group had; null when the input was refused."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
