"""Loaders behind the analytics subgraph: calls, meetings, comments, integrations."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, select

from db.models import Call, Comment, CommentMention, Meeting, User, VideoIntegration
from resolvers.loaders.base import RowByIdLoader, RowsByKeyLoader, TenantLoader, group_rows


class CallByIdLoader(RowByIdLoader):
    model = Call


class MeetingByIdLoader(RowByIdLoader):
    model = Meeting


class CommentByIdLoader(RowByIdLoader):
    model = Comment


class VideoIntegrationByIdLoader(RowByIdLoader):
    """A current integration; one that deactivation deleted is gone (None)."""

    model = VideoIntegration


class VideoIntegrationsByUserIdLoader(RowsByKeyLoader):
    """A user's current integrations, oldest connection first."""

    model = VideoIntegration
    key = "user_id"
    order_by = ("connected_at", "id")


class CommentsByCallIdLoader(RowsByKeyLoader):
    """A call's comments in the order they were written."""

    model = Comment
    key = "call_id"
    order_by = ("created_at", "id")


class MentionedUsersByCommentIdLoader(TenantLoader):
    """Everyone a comment mentions, deactivated users included (the chart keeps past mentions)."""

    async def batch_load_fn(self, keys: Sequence[int]) -> list[list[Row[Any]]]:
        users = User.__table__  # type: ignore[attr-defined]
        mentions = CommentMention.__table__  # type: ignore[attr-defined]
        comments = Comment.__table__  # type: ignore[attr-defined]
        rows = await self.reader.rows(
            select(users, mentions.c.comment_id)
            .join(mentions, mentions.c.user_id == users.c.id)
            .join(comments, comments.c.id == mentions.c.comment_id)
            .where(
                mentions.c.comment_id.in_(keys),
                comments.c.tenant_id == self.tenant_id,
                users.c.tenant_id == self.tenant_id,
            )
            .order_by(users.c.display_name, users.c.id)
        )
        return group_rows(keys, rows, lambda row: row.comment_id)
