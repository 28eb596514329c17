from resolvers.comments import add_comment as write_comment
from resolvers.ids import pk_of
from schemas.analytics.payloads import AddCommentInput, AddCommentPayload
from schemas.analytics.types import Comment
from schemas.context import Info
from schemas.errors import user_errors


async def add_comment(info: Info, input: AddCommentInput) -> AddCommentPayload:
    context = info.context
    result = await write_comment(
        context,
        tenant_id=context.tenant_id,
        author_id=context.caller.user_id,
        call_id=pk_of(input.call_id, "Call"),
        body=input.body,
        mention_ids=[pk_of(user_id, "User") for user_id in input.mention_user_ids or []],
    )
    if result.comment is None:
        return AddCommentPayload(comment=None, user_errors=user_errors(result.user_errors))
    return AddCommentPayload(comment=Comment.from_row(result.comment), user_errors=[])
