"""The admin subgraph's mutations, one per file."""

import strawberry

from schemas.admin.mutations.activate_user import activate_user
from schemas.admin.mutations.assign_phone_number import assign_phone_number
from schemas.admin.mutations.bulk_status import activate_users, deactivate_users
from schemas.admin.mutations.cancel_scheduled_status_change import (
    cancel_scheduled_status_change,
)
from schemas.admin.mutations.create_api_token import create_api_token
from schemas.admin.mutations.create_incoming_call_rule import create_incoming_call_rule
from schemas.admin.mutations.create_scim_token import create_scim_token
from schemas.admin.mutations.create_user import create_user
from schemas.admin.mutations.create_user_group import create_user_group
from schemas.admin.mutations.create_webhook_endpoint import create_webhook_endpoint
from schemas.admin.mutations.deactivate_user import deactivate_user
from schemas.admin.mutations.delete_incoming_call_rule import delete_incoming_call_rule
from schemas.admin.mutations.delete_user_group import delete_user_group
from schemas.admin.mutations.delete_webhook_endpoint import delete_webhook_endpoint
from schemas.admin.mutations.revoke_api_token import revoke_api_token
from schemas.admin.mutations.revoke_scim_token import revoke_scim_token
from schemas.admin.mutations.rotate_webhook_secret import rotate_webhook_secret
from schemas.admin.mutations.schedule_user_status_change import schedule_user_status_change
from schemas.admin.mutations.unassign_phone_number import unassign_phone_number
from schemas.admin.mutations.update_incoming_call_rule import update_incoming_call_rule
from schemas.admin.mutations.update_user import update_user
from schemas.admin.mutations.update_user_group import update_user_group
from schemas.admin.mutations.update_webhook_endpoint import update_webhook_endpoint
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
    # issue 13, a leave scheduled
    schedule_user_status_change = strawberry.mutation(
        resolver=schedule_user_status_change,
        description="Schedule an activation or deactivation (admins only): it runs at `at` "
        "through the same code path as activateUser/deactivateUser, as you, exactly once.",
    )
    cancel_scheduled_status_change = strawberry.mutation(
        resolver=cancel_scheduled_status_change,
        description="Call off a PENDING scheduled status change (admins only).",
    )
    # issue 13: people
    create_user = strawberry.mutation(
        resolver=create_user,
        description="Create an ACTIVE user of your tenant (admins only); audited as USER_CREATED.",
    )
    # issue 13: API tokens
    create_api_token = strawberry.mutation(
        resolver=create_api_token,
        description="Create an API token for an active user of your tenant (admins only); "
        "the payload's secret is shown this once.",
    )
    revoke_api_token = strawberry.mutation(
        resolver=revoke_api_token,
        description="Revoke an API token (admins: any of the tenant's; members: their own); "
        "it is refused from its next request on.",
    )
    # issue 14: SCIM tokens
    create_scim_token = strawberry.mutation(
        resolver=create_scim_token,
        description="Create a SCIM provisioning token of your tenant (admins only), accepted "
        "under /scim/v2 only; the payload's secret is shown this once.",
    )
    revoke_scim_token = strawberry.mutation(
        resolver=revoke_scim_token,
        description="Revoke a SCIM token of your tenant (admins only); SCIM refuses it from "
        "its next request on.",
    )
    # issue 13: phone numbers and incoming call rules
    assign_phone_number = strawberry.mutation(
        resolver=assign_phone_number,
        description="Give a user a number (admins only); a number another user holds is "
        "ALREADY_EXISTS, never moved.",
    )
    unassign_phone_number = strawberry.mutation(
        resolver=unassign_phone_number,
        description="Take a number from its user (admins only): it stays in the tenant, "
        "unassigned, with its incoming call rules.",
    )
    create_incoming_call_rule = strawberry.mutation(
        resolver=create_incoming_call_rule,
        description="Create an incoming call rule (admins only); ringing a deactivated user "
        "is USER_DEACTIVATED.",
    )
    update_incoming_call_rule = strawberry.mutation(
        resolver=update_incoming_call_rule,
        description="Change an incoming call rule (admins only); fields not given keep their "
        "value.",
    )
    delete_incoming_call_rule = strawberry.mutation(
        resolver=delete_incoming_call_rule,
        description="Delete an incoming call rule (admins only).",
    )
    # issue 13: groups
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
    # issue 15: webhooks
    create_webhook_endpoint = strawberry.mutation(
        resolver=create_webhook_endpoint,
        description="Register a URL that receives your tenant's events as signed POSTs "
        "(admins only); the payload's secret is shown this once.",
    )
    update_webhook_endpoint = strawberry.mutation(
        resolver=update_webhook_endpoint,
        description="Change a webhook endpoint's URL, events or description, or switch it "
        "off and on (admins only).",
    )
    delete_webhook_endpoint = strawberry.mutation(
        resolver=delete_webhook_endpoint,
        description="Delete a webhook endpoint with its deliveries and attempts (admins only).",
    )
    rotate_webhook_secret = strawberry.mutation(
        resolver=rotate_webhook_secret,
        description="Give a webhook endpoint a new signing secret, shown this once; POSTs "
        "are signed with it from now on, and with the previous one too for 24 hours "
        "(admins only).",
    )
