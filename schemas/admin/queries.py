"""The admin subgraph's queries."""

from typing import Annotated

import strawberry

from db.enums import ScheduledChangeState as ScheduledChangeStateValue
from db.enums import UserStatus as UserStatusValue
from resolvers import policy
from resolvers.call_rules import incoming_call_rules
from resolvers.ids import pk_of
from resolvers.policy_text import answer_text
from resolvers.user_groups import user_groups
from resolvers.users import UserQuery
from schemas.admin.api_token_connection import ApiTokenConnection, resolve_api_token_page
from schemas.admin.audit import AuditLogFilter
from schemas.admin.audit_log import AuditEntryConnection, resolve_audit_log
from schemas.admin.connections import UserConnection, resolve_user_page
from schemas.admin.phone_number_page import PhoneNumberConnection, resolve_phone_number_page
from schemas.admin.scheduled_changes_page import (
    ScheduledStatusChangeConnection,
    resolve_scheduled_changes_page,
)
from schemas.admin.scim_token_connection import ScimTokenConnection, resolve_scim_token_page
from schemas.admin.types import ActivationPolicyRule, IncomingCallRule, UserGroup
from schemas.admin.webhook_pages import (
    WebhookDeliveryConnection,
    WebhookEndpointConnection,
    resolve_webhook_deliveries,
    resolve_webhook_endpoints,
)
from schemas.context import Info
from schemas.cursors import AVAILABLE_USERS, USERS
from schemas.enums import ScheduledChangeState, UserStatus
from schemas.node import Node
from schemas.node_lookup import resolve_node
from schemas.subgraph import owned_by
from schemas.user import User, load_user


@strawberry.input(description="Narrows the User List.")
class UserFilter:
    status: UserStatus | None = strawberry.field(default=None, description="Only this status.")
    search: str | None = strawberry.field(
        default=None, description="Case-insensitive match on displayName or email."
    )
    group_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only members of this group."
    )


@owned_by("admin")
@strawberry.type
class AdminQuery:
    @strawberry.field(description="Any object of your tenant by its global ID.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await resolve_node(info, id)

    @strawberry.field(description="The caller; null for a service token, which is no person.")
    async def me(self, info: Info) -> User | None:
        return await load_user(info, info.context.caller.user_id)

    @strawberry.field(description="A user of your tenant by ID; null if there is none.")
    async def user(self, info: Info, id: strawberry.ID) -> User | None:
        return await load_user(info, pk_of(id, "User"))

    @strawberry.field(description="The User List: everyone, deactivated users included.")
    async def users(
        self,
        info: Info,
        first: int | None = 50,
        after: str | None = None,
        filter: UserFilter | None = None,
    ) -> UserConnection:
        query = UserQuery()
        if filter is not None:
            group_pk = None
            if filter.group_id is not None:
                group_pk = pk_of(filter.group_id, "UserGroup") or -1
            query = UserQuery(
                status=UserStatusValue(filter.status) if filter.status else None,
                search=filter.search,
                group_id=group_pk,
            )
        return await resolve_user_page(info, kind=USERS, query=query, first=first, after=after)

    @strawberry.field(
        description="The list of available users, by display name: the users the chart shows "
        f"there. {answer_text(policy.rule_for('inAvailableUserList'))}"
    )
    async def available_users(
        self,
        info: Info,
        first: int | None = 50,
        after: str | None = None,
        search: str | None = None,
    ) -> UserConnection:
        query = UserQuery(search=search, only_field="inAvailableUserList")
        return await resolve_user_page(
            info, kind=AVAILABLE_USERS, query=query, first=first, after=after
        )

    @strawberry.field(description="Every user group of your tenant, by name.")
    async def user_groups(self, info: Info) -> list[UserGroup]:
        rows = await user_groups(info.context.reader, tenant_id=info.context.tenant_id)
        return [UserGroup.from_row(row) for row in rows]

    @strawberry.field(
        description="Incoming call rules; receivable: false lists those that ring a "
        "deactivated user and so cannot receive calls."
    )
    async def incoming_call_rules(
        self, info: Info, receivable: bool | None = None
    ) -> list[IncomingCallRule]:
        rules = await incoming_call_rules(
            info.context.reader, tenant_id=info.context.tenant_id, receivable=receivable
        )
        return [IncomingCallRule.from_row(row) for row in rules]

    @strawberry.field(
        description="The tenant's phone numbers in E.164 order (admins only); unassigned: "
        "true lists those no user holds, e.g. to give one to a new hire."
    )
    async def phone_numbers(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 100.")] = 50,
        after: Annotated[
            str | None, strawberry.argument(description="The endCursor of the page before.")
        ] = None,
        unassigned: Annotated[
            bool | None,
            strawberry.argument(
                description="true: only numbers no user holds; false: only assigned ones."
            ),
        ] = None,
    ) -> PhoneNumberConnection:
        return await resolve_phone_number_page(
            info, unassigned=unassigned, first=first, after=after
        )

    @strawberry.field(
        description="Every row of the chart (and its IMPORTANT note), from the table the "
        "resolvers obey."
    )
    def activation_policy(self) -> list[ActivationPolicyRule]:
        return [ActivationPolicyRule.of(rule) for rule in policy.RULES]

    # issue 13, a leave scheduled
    @strawberry.field(
        description="The tenant's scheduled status changes, by `at` then id (admins only)."
    )
    async def scheduled_status_changes(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 100.")] = 50,
        after: Annotated[
            str | None, strawberry.argument(description="The endCursor of the previous page.")
        ] = None,
        state: Annotated[
            ScheduledChangeState | None,
            strawberry.argument(description="Only changes in this state."),
        ] = strawberry.UNSET,  # no declared default: composers drop an enum's `= null`
    ) -> ScheduledStatusChangeConnection:
        return await resolve_scheduled_changes_page(
            info,
            first=first,
            after=after,
            state=ScheduledChangeStateValue(state) if state else None,
        )

    # issue 13: API tokens
    @strawberry.field(
        description="API tokens, newest first: an admin sees the tenant's, a member their own. "
        "Never a secret."
    )
    async def api_tokens(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 100.")] = 50,
        after: Annotated[
            str | None, strawberry.argument(description="The endCursor of the previous page.")
        ] = None,
    ) -> ApiTokenConnection:
        return await resolve_api_token_page(info, first=first, after=after)

    # issue 14: SCIM tokens
    @strawberry.field(
        description="The tenant's SCIM provisioning tokens, newest first (admins only). "
        "Never a secret."
    )
    async def scim_tokens(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 100.")] = 50,
        after: Annotated[
            str | None, strawberry.argument(description="The endCursor of the previous page.")
        ] = None,
    ) -> ScimTokenConnection:
        return await resolve_scim_token_page(info, first=first, after=after)

    # issue 15: webhooks
    @strawberry.field(
        description="The tenant's webhook endpoints, newest first (admins only). Never a secret."
    )
    async def webhook_endpoints(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 100.")] = 50,
        after: Annotated[
            str | None, strawberry.argument(description="The endCursor of the previous page.")
        ] = None,
    ) -> WebhookEndpointConnection:
        return await resolve_webhook_endpoints(info, first=first, after=after)

    @strawberry.field(
        description="A webhook endpoint's deliveries, newest first, each with every attempt "
        "(admins only); another tenant's endpoint is NOT_FOUND."
    )
    async def webhook_deliveries(
        self,
        info: Info,
        endpoint_id: Annotated[
            strawberry.ID, strawberry.argument(description="A WebhookEndpoint id of yours.")
        ],
        first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 100.")] = 50,
        after: Annotated[
            str | None, strawberry.argument(description="The endCursor of the previous page.")
        ] = None,
    ) -> WebhookDeliveryConnection:
        return await resolve_webhook_deliveries(
            info, endpoint_id=endpoint_id, first=first, after=after
        )

    @strawberry.field(
        description="The audit log of your tenant, newest first: every administrative change "
        "and every status change (admins only)."
    )
    async def audit_log(
        self,
        info: Info,
        first: Annotated[
            int | None, strawberry.argument(description="How many entries, 1 to 100.")
        ] = 50,
        after: Annotated[
            str | None, strawberry.argument(description="A cursor this list gave out.")
        ] = None,
        filter: Annotated[
            AuditLogFilter | None, strawberry.argument(description="Only the entries it matches.")
        ] = None,
    ) -> AuditEntryConnection:
        return await resolve_audit_log(info, first=first, after=after, filter=filter)
