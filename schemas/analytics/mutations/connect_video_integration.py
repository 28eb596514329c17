from resolvers.ids import pk_of
from resolvers.video_integrations import connect_video_integration as connect
from schemas.analytics.payloads import ConnectVideoIntegrationInput, ConnectVideoIntegrationPayload
from schemas.context import Info
from schemas.errors import user_errors
from schemas.video import VideoIntegration


async def connect_video_integration(
    info: Info, input: ConnectVideoIntegrationInput
) -> ConnectVideoIntegrationPayload:
    context = info.context
    result = await connect(
        context,
        caller=context.caller,
        user_id=pk_of(input.user_id, "User"),
        provider=input.provider,
        account_email=input.account_email,
    )
    if result.integration is None:
        return ConnectVideoIntegrationPayload(
            video_integration=None, user_errors=user_errors(result.user_errors)
        )
    return ConnectVideoIntegrationPayload(
        video_integration=VideoIntegration.from_row(result.integration), user_errors=[]
    )
