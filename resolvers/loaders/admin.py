"""Loaders behind the admin subgraph."""

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Row, Select, select

from db.enums import TokenKind
from db.models import (
    ApiToken,
    GroupMembership,
    IncomingCallRule,
    PhoneNumber,
    User,
    UserGroup,
    UserStatusEvent,
    WebhookEndpoint,
)
from resolvers.loaders.base import (
    RowByIdLoader,
    RowsByKeyLoader,
    TenantLoader,
    group_rows,
)
from resolvers.parameters import KEYS, TENANT_ID


class UserByIdLoader(RowByIdLoader):
    model = User


class PhoneNumberByIdLoader(RowByIdLoader):
    model = PhoneNumber


class UserGroupByIdLoader(RowByIdLoader):
    model = UserGroup


class IncomingCallRuleByIdLoader(RowByIdLoader):
    model = IncomingCallRule


class UserStatusEventByIdLoader(RowByIdLoader):
    model = UserStatusEvent


class PhoneNumbersByUserIdLoader(RowsByKeyLoader):
    model = PhoneNumber
    key = "user_id"


class StatusEventsByUserIdLoader(RowsByKeyLoader):
    """Newest first, as the User's ``statusHistory`` shows them."""

    model = UserStatusEvent
    key = "user_id"

    @classmethod
    @cache
    def statement(cls) -> Select[Any]:
        table = UserStatusEvent.__table__  # type: ignore[attr-defined]
        return (
            select(table)
            .where(table.c.user_id.in_(KEYS), table.c.tenant_id == TENANT_ID)
            .order_by(table.c.at.desc(), table.c.id.desc())
        )


class GroupsByUserIdLoader(TenantLoader):
    async def batch_load_fn(self, keys: Sequence[int]) -> list[list[Row[Any]]]:
        groups = UserGroup.__table__  # type: ignore[attr-defined]
        memberships = GroupMembership.__table__  # type: ignore[attr-defined]
        rows = await self.reader.rows(
            select(groups, memberships.c.user_id.label("member_id"))
            .join(memberships, memberships.c.group_id == groups.c.id)
            .where(memberships.c.user_id.in_(keys), groups.c.tenant_id == self.tenant_id)
            .order_by(groups.c.name, groups.c.id)
        )
        return group_rows(keys, rows, lambda row: row.member_id)


class MembersByGroupIdLoader(TenantLoader):
    """Every member, deactivated users included (the chart keeps them in their groups)."""

    async def batch_load_fn(self, keys: Sequence[int]) -> list[list[Row[Any]]]:
        users = User.__table__  # type: ignore[attr-defined]
        memberships = GroupMembership.__table__  # type: ignore[attr-defined]
        rows = await self.reader.rows(
            select(users, memberships.c.group_id)
            .join(memberships, memberships.c.user_id == users.c.id)
            .where(memberships.c.group_id.in_(keys), users.c.tenant_id == self.tenant_id)
            .order_by(users.c.display_name, users.c.id)
        )
        return group_rows(keys, rows, lambda row: row.group_id)


class IncomingCallRulesByTargetUserIdLoader(RowsByKeyLoader):
    model = IncomingCallRule
    key = "target_user_id"


class ApiTokenByIdLoader(RowByIdLoader):
    """A person's tokens only: a SCIM token's id never resolves as an ApiToken."""

    model = ApiToken
    kind = TokenKind.USER

    @classmethod
    @cache
    def statement(cls) -> Select[Any]:
        table = ApiToken.__table__  # type: ignore[attr-defined]
        columns = [column for column in table.c if column.name != "token_hash"]
        return select(*columns).where(
            table.c.id.in_(KEYS), table.c.tenant_id == TENANT_ID, table.c.kind == cls.kind.value
        )


class ScimTokenByIdLoader(ApiTokenByIdLoader):
    """A tenant's SCIM tokens only."""

    kind = TokenKind.SCIM


class WebhookEndpointByIdLoader(RowByIdLoader):
    """Every column but the signing secret, which nothing above this layer reads."""

    model = WebhookEndpoint

    @classmethod
    @cache
    def statement(cls) -> Select[Any]:
        table = WebhookEndpoint.__table__  # type: ignore[attr-defined]
        columns = [column for column in table.c if column.name not in ("secret", "previous_secret")]
        return select(*columns).where(table.c.id.in_(KEYS), table.c.tenant_id == TENANT_ID)
