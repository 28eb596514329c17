"""Writing a comment on a call, with its mentions, in one transaction."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.models import Call, Comment, CommentMention, User
from db.types import utcnow
from resolvers import policy
from resolvers.context import RosterContext
from resolvers.errors import (
    UserErrorCode,
    UserErrorData,
    UserErrorRaised,
    forbidden,
    not_found,
)
from resolvers.transactions import write_transaction

MAX_BODY_LENGTH = 10_000
MAX_MENTIONS = 100
MENTIONS_FIELD = ("input", "mentionUserIds")

_calls = Call.__table__  # type: ignore[attr-defined]
_comments = Comment.__table__  # type: ignore[attr-defined]
_mentions = CommentMention.__table__  # type: ignore[attr-defined]
_users = User.__table__  # type: ignore[attr-defined]


@dataclass
class CommentResult:
    comment: Row[Any] | None = None
    user_errors: list[UserErrorData] = field(default_factory=list)


def _invalid(message: str, *path: str) -> CommentResult:
    return CommentResult(user_errors=[UserErrorData(UserErrorCode.INVALID_INPUT, message, path)])


SERVICE_WRITES_NO_COMMENT = "A service token is no person: comments are written by people."


async def add_comment(
    context: RosterContext,
    *,
    tenant_id: int,
    author_id: int | None,
    call_id: int | None,
    body: str,
    mention_ids: Sequence[int | None],
) -> CommentResult:
    """Comment on ``call_id``; ids given as None did not decode and are NOT_FOUND. A
    service token's caller (``author_id`` None) is no person and writes no comment."""
    if author_id is None:
        return CommentResult(user_errors=[forbidden(SERVICE_WRITES_NO_COMMENT)])
    text = body.strip()
    if not text or len(text) > MAX_BODY_LENGTH:
        return _invalid(f"A comment has 1 to {MAX_BODY_LENGTH} characters.", "input", "body")
    if len(mention_ids) > MAX_MENTIONS:
        return _invalid(f"At most {MAX_MENTIONS} mentions per comment.", *MENTIONS_FIELD)
    if call_id is None:
        return CommentResult(user_errors=[not_found(("input", "callId"), "call")])
    if None in mention_ids:
        return CommentResult(user_errors=[not_found(_mention_path(mention_ids.index(None)))])
    # Each mentioned user once, in order, with the index of their first mention for errors.
    mentioned: dict[int, int] = {}
    for index, pk in enumerate(mention_ids):
        if pk is not None:
            mentioned.setdefault(pk, index)

    async def work(session: AsyncSession) -> CommentResult:
        comment = await _write(
            session,
            database=context.database,
            tenant_id=tenant_id,
            author_id=author_id,
            call_id=call_id,
            body=text,
            mentioned=mentioned,
        )
        return CommentResult(comment=comment)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return CommentResult(user_errors=[raised.error])


async def _write(
    session: AsyncSession,
    *,
    database: Database,
    tenant_id: int,
    author_id: int,
    call_id: int,
    body: str,
    mentioned: dict[int, int],
) -> Row[Any]:
    call = await session.scalar(
        select(_calls.c.id).where(_calls.c.id == call_id, _calls.c.tenant_id == tenant_id)
    )
    if call is None:
        raise UserErrorRaised(not_found(("input", "callId"), "call"))
    await _check_mentionable(session, database=database, tenant_id=tenant_id, mentioned=mentioned)
    comment = (
        await session.execute(
            insert(_comments)
            .values(
                tenant_id=tenant_id,
                call_id=call_id,
                author_id=author_id,
                body=body,
                created_at=utcnow(),
            )
            .returning(*_comments.c)
        )
    ).one()
    if mentioned:
        await session.execute(
            insert(_mentions), [{"comment_id": comment.id, "user_id": pk} for pk in mentioned]
        )
    return comment


def _mention_path(index: int) -> tuple[str, ...]:
    return (*MENTIONS_FIELD, str(index))


async def _check_mentionable(
    session: AsyncSession, *, database: Database, tenant_id: int, mentioned: dict[int, int]
) -> None:
    """Every mentioned user is in the tenant and mentionable; an error names the item."""
    if not mentioned:
        return
    statement = select(_users.c.id, _users.c.status).where(
        _users.c.id.in_(list(mentioned)), _users.c.tenant_id == tenant_id
    )
    if not database.is_sqlite:
        # A deactivation running now waits for this comment (or this one for it), so
        # a new mention never lands on a user who was deactivated meanwhile.
        statement = statement.with_for_update(read=True)
    status_by_id = {row.id: row.status for row in (await session.execute(statement)).all()}
    for pk, index in mentioned.items():
        status = status_by_id.get(pk)
        if status is None:
            raise UserErrorRaised(not_found(_mention_path(index)))
        if not policy.answer("mentionable", policy.status_facts(status)):
            raise UserErrorRaised(
                UserErrorData(
                    UserErrorCode.USER_DEACTIVATED,
                    "A deactivated user cannot be mentioned.",
                    _mention_path(index),
                )
            )
