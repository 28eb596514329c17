"""The contract's enums, exposed from the ones the database stores."""

import strawberry

from db import enums
from resolvers import policy
from resolvers.errors import UserErrorCode as _UserErrorCode

Product = strawberry.enum(enums.Product, description="The five products of the suite.")
UserStatus = strawberry.enum(enums.UserStatus, description="Whether a user is active.")
Role = strawberry.enum(enums.Role, description="ADMIN manages its tenant; MEMBER uses the products.")
IncomingCallAction = strawberry.enum(
    enums.IncomingCallAction, description="What an incoming call rule does with a call."
)
UserStatusAction = strawberry.enum(
    enums.UserStatusAction, description="The transition a status event records."
)
VideoProvider = strawberry.enum(enums.VideoProvider, description="A video meeting service.")
CallDirection = strawberry.enum(
    enums.CallDirection, description="INBOUND: answered by the user; OUTBOUND: made by the user."
)
Visibility = strawberry.enum(
    policy.Visibility, description="How a chart row treats active and deactivated users."
)
UserErrorCode = strawberry.enum(_UserErrorCode, description="Why a mutation refused an input.")
