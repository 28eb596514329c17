"""The objects the admin subgraph owns besides User."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry

from db.enums import ActorKind as ActorKindValue
from db.enums import IncomingCallAction as IncomingCallActionValue
from db.enums import UserStatusAction as UserStatusActionValue
from resolvers import policy
from resolvers.ids import to_global_id
from resolvers.loaders.admin import (
    IncomingCallRuleByIdLoader,
    MembersByGroupIdLoader,
    PhoneNumberByIdLoader,
    UserGroupByIdLoader,
    UserStatusEventByIdLoader,
)
from resolvers.policy_text import activated_answer, deactivated_answer, describe
from schemas.context import Info
from schemas.enums import ActorKind, IncomingCallAction, Product, UserStatusAction, Visibility
from schemas.node import Node
from schemas.node_lookup import node_entity
from schemas.subgraph import owned_by
from schemas.video import VideoIntegration

if TYPE_CHECKING:
    from schemas.user import User

_user = strawberry.lazy("schemas.user")


async def _load_user(info: Info, pk: int | None) -> Any:
    from schemas.user import load_user

    return await load_user(info, pk)


@node_entity(PhoneNumberByIdLoader)
@owned_by("admin")
@strawberry.federation.type(keys=["id"], description="A phone number of the tenant, in E.164.")
class PhoneNumber(Node):
    user_pk: strawberry.Private[int | None]
    number: str = strawberry.field(description="E.164, e.g. +81312345678.")

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            id=strawberry.ID(to_global_id("PhoneNumber", row.id)),
            number=row.number,
            user_pk=row.user_id,
        )

    @strawberry.field(description="The user the number belongs to; kept when they are deactivated.")
    async def user(self, info: Info) -> Annotated["User", _user] | None:
        return await _load_user(info, self.user_pk)


@node_entity(UserGroupByIdLoader)
@owned_by("admin")
@strawberry.federation.type(keys=["id"], description="A group of users.")
class UserGroup(Node):
    pk: strawberry.Private[int]
    name: str = strawberry.field(description="The group's name.")

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(id=strawberry.ID(to_global_id("UserGroup", row.id)), pk=row.id, name=row.name)

    @strawberry.field(description="Every member, deactivated users included.")
    async def members(self, info: Info) -> list[Annotated["User", _user]]:
        from schemas.user import User

        rows = await info.context.loader(MembersByGroupIdLoader).load(self.pk)
        return [User.from_row(row) for row in rows]


@node_entity(IncomingCallRuleByIdLoader)
@owned_by("admin")
@strawberry.federation.type(keys=["id"], description="What happens to calls to a phone number.")
class IncomingCallRule(Node):
    phone_number_pk: strawberry.Private[int]
    target_user_pk: strawberry.Private[int | None]
    target_group_pk: strawberry.Private[int | None]
    # Set when the caller already knows the target's facts (a status change's payload,
    # whose dry run must answer as the real change would, not as the rolled-back database).
    known_target_facts: strawberry.Private[policy.Facts | None] = None
    name: str = strawberry.field(description="The rule's name.")
    action: IncomingCallAction = strawberry.field(description="What the rule does with a call.")

    @classmethod
    def from_row(cls, row: Any, known_target_facts: policy.Facts | None = None) -> Self:
        return cls(
            id=strawberry.ID(to_global_id("IncomingCallRule", row.id)),
            known_target_facts=known_target_facts,
            name=row.name,
            action=IncomingCallActionValue(row.action),
            phone_number_pk=row.phone_number_id,
            target_user_pk=row.target_user_id,
            target_group_pk=row.target_group_id,
        )

    @strawberry.field(description="The number whose calls this rule handles.")
    async def phone_number(self, info: Info) -> PhoneNumber:
        row = await info.context.loader(PhoneNumberByIdLoader).load(self.phone_number_pk)
        return PhoneNumber.from_row(row)

    @strawberry.field(description="The user rung; set when action is CALL_SPECIFIC_USER.")
    async def target_user(self, info: Info) -> Annotated["User", _user] | None:
        return await _load_user(info, self.target_user_pk)

    @strawberry.field(description="The group rung; set when action is CALL_GROUP.")
    async def target_group(self, info: Info) -> UserGroup | None:
        if self.target_group_pk is None:
            return None
        row = await info.context.loader(UserGroupByIdLoader).load(self.target_group_pk)
        return UserGroup.from_row(row) if row is not None else None

    @strawberry.field(
        description=describe(
            "receivable",
            "IncomingCallRule",
            then="False when the rule rings a specific user who is deactivated: calls cannot "
            "be received.",
        )
    )
    async def receivable(self, info: Info) -> bool:
        target = self.known_target_facts
        if target is None and self.target_user_pk is not None:
            user = await _load_user(info, self.target_user_pk)
            target = user.facts if user is not None else None
        facts = policy.call_rule_facts(self.action, target)
        return policy.answer("receivable", facts, type_name="IncomingCallRule")


@node_entity(UserStatusEventByIdLoader, private_to="user_id")
@owned_by("admin")
@strawberry.federation.type(keys=["id"], description="One activation or deactivation (audit).")
class UserStatusEvent(Node):
    user_pk: strawberry.Private[int]
    actor_pk: strawberry.Private[int | None]
    snapshot: strawberry.Private[list[dict[str, Any]]]
    action: UserStatusAction = strawberry.field(description="ACTIVATED or DEACTIVATED.")
    at: datetime = strawberry.field(description="When it happened.")
    actor_kind: ActorKind = strawberry.field(
        description="Who made the change: USER, a signed-in user (`actor`); CLI, SCHEDULE "
        "and PROVISIONING, the system: the command line, a scheduled change as it ran (its "
        "scheduler is `actor`), a provisioning client (SCIM)."
    )

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            id=strawberry.ID(to_global_id("UserStatusEvent", row.id)),
            action=UserStatusActionValue(row.action),
            at=row.at,
            actor_kind=ActorKindValue(row.actor_kind),
            user_pk=row.user_id,
            actor_pk=row.actor_id,
            snapshot=list(row.removed_video_integrations or []),
        )

    @strawberry.field(description="Whose status changed.")
    async def user(self, info: Info) -> Annotated["User", _user]:
        return await _load_user(info, self.user_pk)

    @strawberry.field(description="The admin who made the change; null when the system did.")
    async def actor(self, info: Info) -> Annotated["User", _user] | None:
        return await _load_user(info, self.actor_pk)

    @strawberry.field(description="What the deactivation deleted, as it was then.")
    def removed_video_integrations(self) -> list[VideoIntegration]:
        return [VideoIntegration.from_snapshot(item) for item in self.snapshot]


@owned_by("admin", except_fields=())
@strawberry.type(description="One row of the help article's chart, from the table roster obeys.")
class ActivationPolicyRule:
    product: Product = strawberry.field(description="The product the row belongs to.")
    question: str = strawberry.field(description="The chart's question, as the article words it.")
    field: str = strawberry.field(description='The field that answers it, e.g. "visibleInSeatMap".')
    visibility: Visibility = strawberry.field(
        description="How active and deactivated users differ."
    )
    type_name: str = strawberry.field(
        description="The type the field is on: User, or IncomingCallRule."
    )
    remark: str | None = strawberry.field(
        description="The article's remark under the answer, if any."
    )
    important: bool = strawberry.field(description="True for the article's IMPORTANT note.")
    deactivated_answer: str = strawberry.field(
        description="The chart's answer for a deactivated user."
    )
    activated_answer: str = strawberry.field(
        description="The chart's answer for an activated user."
    )

    @classmethod
    def of(cls, rule: policy.Rule) -> Self:
        return cls(
            product=rule.product,
            question=rule.question,
            field=rule.field,
            visibility=rule.visibility,
            type_name=rule.type_name,
            remark=rule.remark,
            important=rule.important,
            deactivated_answer=deactivated_answer(rule),
            activated_answer=activated_answer(rule),
        )
