"""The admin subgraph's mutations, one per file."""

import strawberry

from schemas.admin.mutations.activate_user import activate_user
from schemas.admin.mutations.bulk_status import activate_users, deactivate_users
from schemas.admin.mutations.create_user_group import create_user_group
from schemas.admin.mutations.deactivate_user import deactivate_user
from schemas.admin.mutations.delete_user_group import delete_user_group
from schemas.admin.mutations.update_user import update_user
from schemas.admin.mutations.update_user_group import update_user_group
from schemas.subgraph import owned_by


@owned_by("admin")
@strawberry.type
class AdminMutation:
    activate_user = strawberry.mutation(
        resolver=activate_user, description="Activate a user (admins only)."
    )
    deactivate_user = strawberry.mutation(
        resolver=deactivate_user,
        description="Deactivate a user (admins only): every product's effects, in one transaction.",
    )
    activate_users = strawberry.mutation(
        resolver=activate_users, description="Activate up to 500 users, each on its own."
    )
    deactivate_users = strawberry.mutation(
        resolver=deactivate_users, description="Deactivate up to 500 users, each on its own."
    )
    update_user = strawberry.mutation(
        resolver=update_user, description="Edit a user; `active` is the Activate user checkbox."
    )
    create_user_group = strawberry.mutation(
        resolver=create_user_group,
        description="Create a user group with its first members (admins only).",
    )
    update_user_group = strawberry.mutation(
        resolver=update_user_group,
        description="Rename a user group and add or remove members (admins only).",
    )
    delete_user_group = strawberry.mutation(
        resolver=delete_user_group,
        description="Delete a user group no incoming call rule rings; its members stay "
        "(admins only).",
    )
