"""The contract's enums: the very classes the database stores, registered with Strawberry.

``strawberry.enum`` returns the class it is given, so resolvers and types share one enum.
"""

import strawberry

from db.enums import (
    ActorKind,
    AuditAction,
    CallDirection,
    IncomingCallAction,
    Product,
    Role,
    ScheduledChangeState,
    UserStatus,
    UserStatusAction,
    VideoProvider,
)
from resolvers.errors import UserErrorCode
from resolvers.events.types import EventType
from resolvers.policy import Visibility
from resolvers.webhooks.outcome import DeliveryState

strawberry.enum(Product, description="The five products of the suite.")
strawberry.enum(UserStatus, description="Whether a user is active.")
strawberry.enum(Role, description="ADMIN manages its tenant; MEMBER uses the products.")
strawberry.enum(IncomingCallAction, description="What an incoming call rule does with a call.")
strawberry.enum(UserStatusAction, description="The transition a status event records.")
strawberry.enum(VideoProvider, description="A video meeting service.")
strawberry.enum(
    CallDirection, description="INBOUND: answered by the user; OUTBOUND: made by the user."
)
strawberry.enum(Visibility, description="How a chart row treats active and deactivated users.")
strawberry.enum(UserErrorCode, description="Why a mutation refused an input.")
strawberry.enum(
    ScheduledChangeState,
    name="ScheduledStatusChangeState",
    description="Where a scheduled status change stands: PENDING until it runs; then DONE "
    "(it ran; `changed` says whether the status changed), FAILED (a guard refused it: "
    "`errorCode`), or CANCELLED (called off before it ran).",
)
strawberry.enum(
    ActorKind,
    description="Who made a change: USER, a signed-in user; CLI, the command line; SCHEDULE, "
    "a scheduled change as it ran; PROVISIONING, a provisioning client (SCIM).",
)
strawberry.enum(
    AuditAction,
    description="What an audit entry records: an object created, updated, deleted, assigned, "
    "or a user activated, deactivated, or detached from provisioning (USER_DETACHED: a SCIM "
    "client deleted them; roster keeps them, deactivated).",
)
strawberry.enum(
    EventType,
    name="WebhookEventType",
    description="An event a webhook endpoint can receive: USER_ACTIVATED (`type` "
    "user.activated in the POST's body), USER_DEACTIVATED (user.deactivated).",
)
strawberry.enum(
    DeliveryState,
    name="WebhookDeliveryState",
    description="Where a webhook delivery stands: PENDING (due at `nextAttemptAt`), "
    "DELIVERED (an attempt answered 2xx), FAILED (every attempt of the schedule failed).",
)

__all__ = [
    "ActorKind",
    "AuditAction",
    "CallDirection",
    "DeliveryState",
    "EventType",
    "IncomingCallAction",
    "Product",
    "Role",
    "ScheduledChangeState",
    "UserErrorCode",
    "UserStatus",
    "UserStatusAction",
    "VideoProvider",
    "Visibility",
]
