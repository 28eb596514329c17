"""Every table of roster. Importing this package registers them all on SQLModel.metadata."""

from db.models.activity import Call, Comment, CommentMention, Meeting
from db.models.audit import UserStatusEvent
from db.models.group import GroupMembership, UserGroup
from db.models.phone import IncomingCallRule, PhoneNumber
from db.models.seat import Seat
from db.models.tenant import Tenant
from db.models.token import ApiToken
from db.models.user import User
from db.models.video import VideoIntegration

__all__ = [
    "ApiToken",
    "Call",
    "Comment",
    "CommentMention",
    "GroupMembership",
    "IncomingCallRule",
    "Meeting",
    "PhoneNumber",
    "Seat",
    "Tenant",
    "User",
    "UserGroup",
    "UserStatusEvent",
    "VideoIntegration",
]
